// swift-tools-version:6.1
import PackageDescription

/// Settings every target shares: explicit existentials, and member imports only from modules a file imports.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "plumberleads",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "plumberleads", targets: ["plumberleads"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        // Only the browser test: it drives headless Chromium over the DevTools protocol's WebSocket.
        .package(url: "https://github.com/hummingbird-project/swift-websocket.git", from: "1.6.2"),
    ],
    targets: [
        .target(name: "LeadModel", swiftSettings: swiftSettings),
        // Owner-only files written whole or not at all (the outbox, the payment journal).
        .target(name: "PrivateFiles", swiftSettings: swiftSettings),
        .target(name: "Ingest", dependencies: ["LeadModel"], swiftSettings: swiftSettings),
        // The signed links of digests: written by notify, answered by the report server.
        .target(name: "SignedLinks", dependencies: ["LeadModel", .product(name: "Crypto", package: "swift-crypto")], swiftSettings: swiftSettings),
        .target(
            name: "Enrich", dependencies: ["LeadModel"],
            resources: [
                .copy("Resources/zip-directory.csv"), .copy("Resources/ZIP-DIRECTORY.md"), .copy("Resources/nanp-area-codes.csv"),
                .copy("Resources/NANP-AREA-CODES.md"),
            ], swiftSettings: swiftSettings),
        .target(name: "Matching", dependencies: ["LeadModel"], swiftSettings: swiftSettings),
        .target(
            name: "Billing",
            dependencies: [
                "LeadModel", "PrivateFiles", .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings),
        .target(
            name: "Notify",
            dependencies: [
                "LeadModel", "PrivateFiles", .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"), .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Reports",
            dependencies: ["LeadModel", .product(name: "Mustache", package: "swift-mustache")],
            swiftSettings: swiftSettings
        ),
        .target(name: "Synthetic", dependencies: ["LeadModel"], swiftSettings: swiftSettings),
        .target(
            name: "Store",
            dependencies: [
                "LeadModel",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Migrations")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Pipeline",
            dependencies: [
                "LeadModel", "Ingest", "Enrich", "Matching", "Billing", "Notify", "Reports", "Store", "SignedLinks",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings
        ),
        // The bench and the dedup-quality measure: the only users of the synthetic data generator, kept
        // out of the production library.
        .target(
            name: "Bench",
            dependencies: [
                "Pipeline", "Store", "LeadModel", "Ingest", "Enrich", "Synthetic", .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // The read-only report server: logins and roles, admins' reports, plumbers' own leads, signed links.
        .target(
            name: "ReportServer",
            dependencies: [
                "LeadModel", "Store", "Reports", "SignedLinks",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "plumberleads",
            dependencies: [
                "Pipeline", "ReportServer", "Bench", "LeadModel", "Synthetic", "Ingest", "Enrich", "Reports", "Billing",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "TestSupport",
            dependencies: [
                "Store", "Billing", .product(name: "PostgresNIO", package: "postgres-nio"), .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "Tests/TestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "LeadModelTests", dependencies: ["LeadModel"], swiftSettings: swiftSettings),
        .testTarget(name: "IngestTests", dependencies: ["Ingest", "LeadModel"], swiftSettings: swiftSettings),
        .testTarget(name: "EnrichTests", dependencies: ["Enrich", "LeadModel"], swiftSettings: swiftSettings),
        .testTarget(name: "MatchingTests", dependencies: ["Matching", "LeadModel"], swiftSettings: swiftSettings),
        .testTarget(
            name: "BillingTests",
            dependencies: [
                "Billing", "LeadModel", "TestSupport", .product(name: "NIOCore", package: "swift-nio"), .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "NotifyTests",
            dependencies: [
                "Notify", "LeadModel", "TestSupport", .product(name: "Logging", package: "swift-log"), .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings),
        .testTarget(name: "SignedLinksTests", dependencies: ["SignedLinks", "LeadModel"], swiftSettings: swiftSettings),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "LeadModel"], swiftSettings: swiftSettings),
        .testTarget(name: "StoreTests", dependencies: ["Store", "TestSupport", "LeadModel", .product(name: "PostgresNIO", package: "postgres-nio")], swiftSettings: swiftSettings),
        .testTarget(
            name: "PipelineTests",
            dependencies: ["Pipeline", "Store", "TestSupport", "LeadModel", "Enrich", "Billing", "Notify", "Reports", "Matching", "Ingest", "SignedLinks", .product(name: "PostgresNIO", package: "postgres-nio"), .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ReportServerTests",
            dependencies: [
                "ReportServer", "Store", "TestSupport", "LeadModel", "SignedLinks", "Pipeline", "Billing",
                .product(name: "Hummingbird", package: "hummingbird"), .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "PostgresNIO", package: "postgres-nio"), .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "WSClient", package: "swift-websocket"), "Reports",
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "BenchTests", dependencies: ["Bench", "Enrich"], swiftSettings: swiftSettings),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "Store", "TestSupport", "LeadModel",
                .product(name: "PostgresNIO", package: "postgres-nio"), .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
