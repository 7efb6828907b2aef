import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// An HTTP/1.1 server on 127.0.0.1 for provider fakes: each whole request goes to `handle`, whose reply
/// is sent back, or the connection is closed (`drop`), or nothing is ever sent (`silence`).
public final class FakeHTTPServer: Sendable {
    /// A request as the fake sees it (header names lower-cased).
    public struct Request: Sendable {
        public var method: String
        public var uri: String
        public var headers: [String: String]
        public var body: String
    }

    public enum Reply: Sendable {
        case respond(HTTPResponseStatus, body: String, headers: [(String, String)] = [])
        case drop
        case silence
    }

    private let channel: any Channel
    /// Where the server listens (still known after `shutdown`, for a test of an unreachable server).
    public let url: String

    public init(handle: @escaping @Sendable (Request) -> Reply) async throws {
        channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.pipeline.configureHTTPServerPipeline().flatMap { channel.pipeline.addHandler(Handler(handle: handle)) }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        url = "http://127.0.0.1:\(channel.localAddress!.port!)"
    }

    public func shutdown() async throws { try await channel.close() }

    final class Handler: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart
        let handle: @Sendable (Request) -> Reply
        var head: HTTPRequestHead?
        var body = ""

        init(handle: @escaping @Sendable (Request) -> Reply) { self.handle = handle }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let head):
                self.head = head
                body = ""
            case .body(let buffer):
                body += String(buffer: buffer)
            case .end:
                guard let head else { return }
                let headers = Dictionary(head.headers.map { ($0.name.lowercased(), $0.value) }, uniquingKeysWith: { $1 })
                switch handle(Request(method: head.method.rawValue, uri: head.uri, headers: headers, body: body)) {
                case .drop:
                    context.close(promise: nil)
                case .silence:
                    break
                case .respond(let status, let text, let extra):
                    var responseHeaders = HTTPHeaders([("Content-Type", "application/json"), ("Content-Length", String(text.utf8.count))])
                    for (name, value) in extra { responseHeaders.add(name: name, value: value) }
                    context.write(wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: status, headers: responseHeaders))), promise: nil)
                    context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: text)))), promise: nil)
                    context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
                }
            }
        }
    }
}
