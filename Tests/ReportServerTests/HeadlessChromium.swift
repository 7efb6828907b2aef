import Foundation
import Logging
import NIOCore
import Store
import TestSupport
import WSClient

/// Debian's Chromium, headless, driven over the DevTools protocol: a real browser loads the pages,
/// fills the forms, and reports every console error, uncaught exception and blocked resource (a CSP
/// violation is one). Installed with apt-get when missing and the tests run as root.
struct HeadlessChromium {
    let executable: String

    /// The browser, installing Debian's `chromium` if needed.
    static func locate() throws -> HeadlessChromium {
        for path in ["/usr/bin/chromium", "/usr/bin/chromium-browser"] where FileManager.default.isExecutableFile(atPath: path) {
            return HeadlessChromium(executable: path)
        }
        guard geteuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/apt-get") else {
            throw BrowserError("chromium is not installed: apt-get install chromium (as root)")
        }
        _ = try Subprocess.run(["/usr/bin/apt-get", "update", "-qq"])
        let install = try Subprocess.run(["/usr/bin/env", "DEBIAN_FRONTEND=noninteractive", "/usr/bin/apt-get", "install", "-y", "-qq", "--no-install-recommends", "chromium"])
        guard install.status == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium") else {
            throw BrowserError("apt-get install chromium failed: \(install.output.suffix(400))")
        }
        return HeadlessChromium(executable: "/usr/bin/chromium")
    }

    /// Starts the browser, runs `body` with a page, and stops the browser.
    func withPage<T: Sendable>(_ body: @escaping @Sendable (BrowserPage) async throws -> T) async throws -> T {
        let profile = try TestFiles.folder("chromium")
        let log = profile.appendingPathComponent("chromium.log")
        let pid = try Subprocess.start([
            executable, "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--hide-scrollbars",
            "--remote-debugging-port=0", "--remote-debugging-address=127.0.0.1", "--remote-allow-origins=*", "--user-data-dir=\(profile.path)", "about:blank",
        ], output: log)
        defer {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            _ = waitpid(pid, &status, 0)
        }
        // Chromium writes its port and the browser's WebSocket path when it is listening.
        let portFile = profile.appendingPathComponent("DevToolsActivePort")
        var endpoint: [String] = []
        for _ in 0..<600 where endpoint.count < 2 {
            endpoint = ((try? String(contentsOf: portFile, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
            if endpoint.count < 2 { try await Task.sleep(for: .milliseconds(50)) }
        }
        guard endpoint.count >= 2 else { throw BrowserError("chromium did not start: \(((try? String(contentsOf: log, encoding: .utf8)) ?? "").suffix(400))") }
        let box = ResultBox<T>()
        try await WebSocketClient.connect(
            url: "ws://127.0.0.1:\(endpoint[0])\(endpoint[1])", configuration: .init(maxFrameSize: 1 << 26), logger: Logger(label: "chromium")
        ) { inbound, outbound, _ in
            let protocolClient = DevTools(inbound: inbound.messages(maxSize: 1 << 27).makeAsyncIterator(), outbound: outbound)
            let page = try await BrowserPage.open(protocolClient)
            box.value = try await body(page)
        }
        guard let value = box.value else { throw BrowserError("the browser session ended early") }
        return value
    }
}

struct BrowserError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Carries the body's result out of the WebSocket's closure.
final class ResultBox<T: Sendable>: @unchecked Sendable {
    var value: T?
}

/// The DevTools protocol over one WebSocket: commands with ids, answers matched to them, events kept.
final class DevTools: @unchecked Sendable {
    private var inbound: WebSocketInboundMessageStream.AsyncIterator
    private let outbound: WebSocketOutboundWriter
    private var nextID = 0
    /// Events seen so far: method and params.
    private(set) var events: [(method: String, params: [String: Any])] = []

    init(inbound: WebSocketInboundMessageStream.AsyncIterator, outbound: WebSocketOutboundWriter) {
        (self.inbound, self.outbound) = (inbound, outbound)
    }

    /// Sends `method` and waits for its answer (events arriving meanwhile are kept).
    @discardableResult func call(_ method: String, _ params: [String: Any] = [:], session: String? = nil) async throws -> [String: Any] {
        nextID += 1
        let id = nextID
        var message: [String: Any] = ["id": id, "method": method, "params": params]
        if let session { message["sessionId"] = session }
        try await outbound.write(.text(String(decoding: try JSONSerialization.data(withJSONObject: message), as: UTF8.self)))
        while true {
            let received = try await read()
            if received["id"] as? Int == id {
                if let error = received["error"] as? [String: Any] { throw BrowserError("\(method): \(error["message"] ?? error)") }
                return received["result"] as? [String: Any] ?? [:]
            }
        }
    }

    /// Waits for an event named `method` (one seen already counts once), up to `limit` messages.
    func wait(for method: String, after mark: Int) async throws {
        while !events.dropFirst(mark).contains(where: { $0.method == method }) {
            _ = try await read()
        }
    }

    private func read() async throws -> [String: Any] {
        guard let message = try await inbound.next() else { throw BrowserError("the browser closed the connection") }
        guard case .text(let text) = message, let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else { return [:] }
        if let method = object["method"] as? String { events.append((method, object["params"] as? [String: Any] ?? [:])) }
        return object
    }
}

/// One tab: navigate, read the page, type into forms, take screenshots; every console error and
/// failed or blocked load is collected in `problems`.
final class BrowserPage: @unchecked Sendable {
    let tools: DevTools
    let session: String

    init(tools: DevTools, session: String) {
        (self.tools, self.session) = (tools, session)
    }

    static func open(_ tools: DevTools) async throws -> BrowserPage {
        let target = try await tools.call("Target.createTarget", ["url": "about:blank"])
        let attached = try await tools.call("Target.attachToTarget", ["targetId": target["targetId"] ?? "", "flatten": true])
        let page = BrowserPage(tools: tools, session: attached["sessionId"] as? String ?? "")
        for domain in ["Page.enable", "Runtime.enable", "Log.enable", "Network.enable"] { try await page.call(domain) }
        return page
    }

    @discardableResult func call(_ method: String, _ params: [String: Any] = [:]) async throws -> [String: Any] {
        try await tools.call(method, params, session: session)
    }

    /// Sets the viewport: 390 px is a phone, 1280 a laptop.
    func resize(width: Int, height: Int) async throws {
        try await call("Emulation.setDeviceMetricsOverride", ["width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600])
    }

    /// Loads `url` and waits for its load event.
    func go(_ url: String) async throws {
        let mark = tools.events.count
        try await call("Page.navigate", ["url": url])
        try await tools.wait(for: "Page.loadEventFired", after: mark)
    }

    /// The value of a JavaScript expression evaluated in the page (for reading the DOM; pages run none).
    func evaluate(_ expression: String) async throws -> Any? {
        let result = try await call("Runtime.evaluate", ["expression": expression, "returnByValue": true])
        return (result["result"] as? [String: Any])?["value"]
    }

    /// Fills `fields` (CSS selector → value) and submits the form holding the first, then waits for the next page.
    func submit(_ fields: [(String, String)]) async throws {
        let mark = tools.events.count
        var script = ""
        for (selector, value) in fields {
            let literal = String(decoding: try JSONSerialization.data(withJSONObject: [value]), as: UTF8.self)
            script += "document.querySelector(\(String(decoding: try JSONSerialization.data(withJSONObject: [selector]), as: UTF8.self))[0]).value = \(literal)[0];"
        }
        let first = String(decoding: try JSONSerialization.data(withJSONObject: [fields[0].0]), as: UTF8.self)
        script += "document.querySelector(\(first)[0]).form.requestSubmit();"
        _ = try await evaluate(script)
        try await tools.wait(for: "Page.loadEventFired", after: mark)
    }

    /// A PNG of what the viewport shows.
    func screenshot() async throws -> Data {
        let result = try await call("Page.captureScreenshot", ["format": "png", "captureBeyondViewport": false])
        return Data(base64Encoded: result["data"] as? String ?? "") ?? Data()
    }

    /// Console errors, uncaught exceptions, failed loads and blocked resources since the start.
    var problems: [String] {
        tools.events.compactMap { event in
            switch event.method {
            case "Runtime.exceptionThrown": return "exception: \(event.params["exceptionDetails"] ?? "")"
            case "Runtime.consoleAPICalled" where (event.params["type"] as? String) == "error": return "console.error: \(event.params["args"] ?? "")"
            case "Log.entryAdded":
                let entry = event.params["entry"] as? [String: Any] ?? [:]
                return (entry["level"] as? String) == "error" ? "log: \(entry["text"] ?? "") \(entry["url"] ?? "")" : nil
            case "Network.loadingFailed": return "load failed: \(event.params["errorText"] ?? "")"
            default: return nil
            }
        }
    }
}
