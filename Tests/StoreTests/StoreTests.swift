import Foundation
import LeadModel
import PostgresNIO
@testable import Store
import TestSupport
import Testing

@Suite struct MigratorTests {
    @Test func migrationsAreRecordedAndNotReapplied() async throws {
        try await TestDatabase.shared.withFreshDatabase { database in
            #expect(try await Migrator.migrate(database).isEmpty)
            let versions = try await database.rows("SELECT version FROM schema_migrations ORDER BY version").map { try $0.decode(Int.self) }
            #expect(versions == (try Migrator.bundled()).map(\.version))
        }
    }

    @Test func aFailingMigrationRollsBackWhole() async throws {
        try await TestDatabase.shared.withFreshDatabase { database in
            let bad = Migrator.Migration(version: 999, name: "0999_bad.sql", sql: "CREATE TABLE half_done (id int); SELECT no_such_column FROM half_done;")
            await #expect(throws: StoreError.self) { try await Migrator.migrate(database, migrations: [bad]) }
            let exists = try await database.rows("SELECT to_regclass('half_done') IS NOT NULL")[0].decode(Bool.self)
            #expect(!exists)
        }
    }

    /// A division by a count taken at run time fails after the row is described (a constant `1 / 0`
    /// fails earlier, while planning), so the error arrives only in the row stream.
    @Test func executeThrowsAnErrorTheServerSendsAfterTheRowDescription() async throws {
        try await TestDatabase.shared.withFreshDatabase { database in
            await #expect(throws: PSQLError.self) { try await database.execute("SELECT 1 / count(*)::int FROM pg_class WHERE false") }
            // The connection is still usable.
            let next = try await database.rows("SELECT 2")[0].decode(Int.self)
            #expect(next == 2)
        }
    }

    @Test func scriptsSplitOutsideQuotesCommentsAndDollarBodies() {
        let script = "CREATE TABLE a (x text DEFAULT ';'); -- a; comment\nCREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;\n"
        #expect(SQLScript.statements(script) == [
            "CREATE TABLE a (x text DEFAULT ';')", "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql",
        ])
    }
}

@Suite struct PIICipherTests {
    let key = PIICipher.generateKey()

    @Test func roundTripWithFreshNonces() throws {
        let cipher = try PIICipher(base64Key: key)
        let a = try cipher.encrypt("José Núñez, +13125552671")
        let b = try cipher.encrypt("José Núñez, +13125552671")
        #expect(a != b)
        #expect(try cipher.decrypt(a) == "José Núñez, +13125552671")
        #expect(!String(decoding: a, as: UTF8.self).contains("Núñez"))
    }

    @Test func blindIndexIsStableAndKeyed() throws {
        let one = try PIICipher(base64Key: key)
        #expect(one.blindIndex("+13125552671") == one.blindIndex("+13125552671"))
        #expect(one.blindIndex("+13125552671") != (try PIICipher(base64Key: PIICipher.generateKey())).blindIndex("+13125552671"))
    }

    @Test func rotatingTheEncryptionKeyKeepsTheBlindIndexes() throws {
        let index = PIICipher.generateKey()
        let before = try PIICipher(base64Key: key, indexBase64Key: index)
        let rotated = try PIICipher(base64Key: PIICipher.generateKey(), oldBase64Keys: [key], indexBase64Key: index)
        #expect(rotated.blindIndex("+13125552671") == before.blindIndex("+13125552671"))
        #expect(rotated.blindKey("phone:+13125552671") == before.blindKey("phone:+13125552671"))
        #expect(rotated.indexKeyID == before.indexKeyID)
        // Without an index key of its own, the index key is the encryption key, as before it had a setting.
        #expect(try PIICipher(base64Key: key).blindIndex("x") == PIICipher(base64Key: PIICipher.generateKey(), indexBase64Key: key).blindIndex("x"))
        #expect(try PIICipher(base64Key: key).indexKeyID != PIICipher(base64Key: PIICipher.generateKey()).indexKeyID)
    }

    @Test func rotationKeepsOldValuesReadable() throws {
        let old = try PIICipher(base64Key: key)
        let sealed = try old.encrypt("secret")
        let rotated = try PIICipher(base64Key: PIICipher.generateKey(), oldBase64Keys: [key])
        #expect(try rotated.decrypt(sealed) == "secret")
        #expect(throws: StoreError.self) { try PIICipher(base64Key: PIICipher.generateKey()).decrypt(sealed) }
    }

    @Test func tamperingIsDetected() throws {
        let cipher = try PIICipher(base64Key: key)
        var sealed = try cipher.encrypt("secret")
        sealed[sealed.count - 1] ^= 1
        #expect(throws: (any Error).self) { try cipher.decrypt(sealed) }
    }

    @Test("bad keys are refused", arguments: ["", "not base64!", Data(repeating: 1, count: 16).base64EncodedString()])
    func badKeys(text: String) {
        #expect(throws: StoreError.self) { try PIICipher(base64Key: text) }
    }
}

@Suite struct CopyEncoderTests {
    @Test func awkwardValuesSurviveCopy() async throws {
        try await TestDatabase.shared.withFreshDatabase { database in
            try await database.execute("CREATE TABLE t (s text, n bigint, b bytea, f boolean, a text[])")
            let awkward = "tab\there\nnew line \\ backslash \r ünïcødé \\N"
            var encoder = CopyEncoder()
            encoder.text(awkward); encoder.integer(Int64.min); encoder.bytes(Data([0, 1, 0xFF])); encoder.bool(true)
            encoder.textArray(["a,b", "q\"uote", "back\\slash"]); encoder.endRow()
            encoder.text(nil); encoder.integer(Int?.none); encoder.bytes(nil); encoder.bool(false); encoder.textArray([]); encoder.endRow()
            let buffer = encoder.take()
            try await database.connection.copyFrom(table: "t", logger: database.logger) { writer in try await writer.write(buffer) }
            let rows = try await database.rows("SELECT s, n, b, f, a FROM t ORDER BY f DESC")
            let first = try rows[0].decode((String?, Int64?, Data?, Bool, [String]).self)
            #expect(first.0 == awkward)
            #expect(first.1 == Int64.min)
            #expect(first.2 == Data([0, 1, 0xFF]))
            #expect(first.4 == ["a,b", "q\"uote", "back\\slash"])
            let second = try rows[1].decode((String?, Int64?, Data?, Bool, [String]).self)
            #expect(second.0 == nil && second.1 == nil && second.2 == nil && second.4.isEmpty)
        }
    }
}

@Suite struct DatabaseURLTests {
    @Test func socketAndTCPForms() throws {
        let socket = try DatabaseURL(parsing: "postgresql://plumberleads@/plumberleads?host=/srv/var/postgres")
        #expect(socket.endpoint == .socket(directory: "/srv/var/postgres", port: 5432))
        #expect(socket.connectionString == "postgresql://plumberleads@/plumberleads?host=/srv/var/postgres")
        let tcp = try DatabaseURL(parsing: "postgres://app:s3cr%40t@db.internal:6432/leads?sslmode=require")
        #expect(tcp.endpoint == .tcp(host: "db.internal", port: 6432))
        #expect(tcp.password?.exposed == "s3cr@t")
        #expect(tcp.tls == .require)
        #expect(!tcp.description.contains("s3cr"))
    }

    @Test("malformed URLs are errors", arguments: ["mysql://x@y/z", "not a url", "postgresql://x@y/z?sslmode=maybe"])
    func malformed(text: String) {
        #expect(throws: StoreError.self) { try DatabaseURL(parsing: text) }
    }
}

@Suite struct AllocationLockTests {
    /// While one partition allocates, another's match or reallocation waits: neither can take the lock.
    @Test func theAllocationLockIsHeldForTheMatchAndForAReallocationsTransaction() async throws {
        try await TestDatabase.shared.withFreshDatabase { database in
            let other = try await Database.connect(try await TestDatabase.shared.urlOf(database), logger: database.logger)
            let (space, key) = RunLedger.allocationLock
            let tryTake = { () async throws -> Bool in
                let taken = try await other.rows("SELECT pg_try_advisory_lock(\(space), \(key))")[0].decode(Bool.self)
                if taken { try await other.execute("SELECT pg_advisory_unlock(\(space), \(key))") }
                return taken
            }
            let heldDuringMatch = try await RunLedger.withAllocationLock(on: database.session) { try await tryTake() }
            let freeAfterMatch = try await tryTake()
            let heldInTransaction = try await database.transaction { transaction in
                try await RunLedger.lockAllocation(in: transaction)
                return try await tryTake()
            }
            let freeAfterCommit = try await tryTake()
            try await other.close()
            #expect(!heldDuringMatch && freeAfterMatch)
            #expect(!heldInTransaction && freeAfterCommit)
        }
    }
}
