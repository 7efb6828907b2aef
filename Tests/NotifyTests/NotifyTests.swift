import Foundation
import LeadModel
import Notify
import Testing

@Suite struct MIMEMessageTests {
    @Test func multipartAlternativeWithBase64Parts() throws {
        let email = OutgoingEmail(from: "a@example.com", to: "b@example.com", subject: "Leads — today", text: "Hello José", html: "<p>Hello</p>")
        let message = MIMEMessage.render(email, messageID: "k1@local", date: Date(timeIntervalSince1970: 0))
        #expect(message.contains("Subject: =?UTF-8?B?"))
        #expect(message.contains("Content-Type: multipart/alternative; boundary="))
        #expect(message.contains("Date: Thu, 01 Jan 1970 00:00:00 +0000"))
        #expect(message.contains(Data("Hello José".utf8).base64EncodedString()))
        #expect(message.components(separatedBy: "\r\n").allSatisfy { $0.count <= 998 })
        let boundary = message.components(separatedBy: "boundary=\"")[1].components(separatedBy: "\"")[0]
        #expect(message.hasSuffix("--\(boundary)--\r\n"))
    }
}

@Suite struct FileOutboxTests {
    func outbox() -> FileOutbox {
        FileOutbox(root: FileManager.default.temporaryDirectory.appendingPathComponent("outbox-\(UUID().uuidString)"), clock: { Date(timeIntervalSince1970: 0) })
    }

    @Test func aKeyIsSentOnce() async throws {
        let box = outbox()
        let email = OutgoingEmail(from: "a@example.com", to: "b@example.com", subject: "s", text: "t", html: "h")
        try await box.send(email, key: "digest-1")
        try await box.send(email, key: "digest-1")
        #expect(try FileManager.default.contentsOfDirectory(atPath: box.root.appendingPathComponent("emails").path) == ["digest-1.eml"])
        try await box.send(OutgoingSMS(to: "+13125552671", body: "hi"), key: "sms-1")
        try await box.send(OutgoingSMS(to: "+13125552671", body: "hi"), key: "sms-1")
        try await box.send(OutgoingSMS(to: "+13125552671", body: "again"), key: "sms-2")
        let lines = try String(contentsOf: box.root.appendingPathComponent("sms.jsonl"), encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)
    }

    @Test func tornSMSLineIsRepaired() async throws {
        let box = outbox()
        try await box.send(OutgoingSMS(to: "+13125552671", body: "one"), key: "sms-1")
        let file = box.root.appendingPathComponent("sms.jsonl")
        let handle = try FileHandle(forWritingTo: file)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("{\"key\":\"sms-2\",\"bo".utf8))
        try handle.close()
        try await box.send(OutgoingSMS(to: "+13125552671", body: "two"), key: "sms-2")
        let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.allSatisfy { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) != nil })
    }
}

@Suite struct MessageTemplatesTests {
    static let templates = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("reports")

    @Test func digestEscapesHTMLButNotText() async throws {
        let messages = try await MessageTemplates(directory: Self.templates, sender: "PlumberLeads <l@example.com>")
        let item = Digest.Item(leadID: 7, name: "<Bob & Co>", phone: "+13125552671", email: nil, address: "1 Main St", service: .burstPipe, urgency: .emergency, price: Money(cents: 8000))
        let email = messages.email(for: Digest(plumberID: "PL-1", businessName: "A & B Plumbing", email: "ab@example.com", date: try BusinessDate(parsing: "2026-11-24"), items: [item]))
        #expect(email.html.contains("&lt;Bob &amp; Co&gt;"))
        #expect(!email.html.contains("<Bob"))
        #expect(email.text.contains("<Bob & Co>"))
        #expect(email.text.contains("A & B Plumbing"))
        #expect(email.subject == "1 new lead for A & B Plumbing — 2026-11-24")
        let sms = messages.sms(for: item, to: "+13125552672")
        #expect(sms.body.hasPrefix("PlumberLeads URGENT: Burst pipe"))
        #expect(sms.body.contains("(312) 555-2671"))
        #expect(email.html.contains("href=\"tel:+13125552671\""))
        #expect(sms.body.count <= 320)
    }

    @Test func thePersonsOwnWordsAreShownAndEscaped() async throws {
        let messages = try await MessageTemplates(directory: Self.templates, sender: "PlumberLeads <l@example.com>")
        let item = Digest.Item(
            leadID: 7, name: "Ann", phone: "+13125552671", email: nil, address: "1 Main St", service: .leak, urgency: .soon,
            price: Money(cents: 4000), request: "Leak under the sink <script>alert(1)</script>", wanted: "This week")
        let email = messages.email(for: Digest(plumberID: "PL-1", businessName: "Ab", email: "ab@example.com", date: try BusinessDate(parsing: "2026-11-24"), items: [item]))
        #expect(email.text.contains("They wrote: \"Leak under the sink <script>alert(1)</script>\""))
        #expect(email.text.contains("When: This week"))
        #expect(email.html.contains("Leak under the sink &lt;script&gt;"))
        #expect(!email.html.contains("<script>"))
        #expect(email.html.contains("When: This week"))
        let silent = messages.email(for: Digest(
            plumberID: "PL-1", businessName: "Ab", email: "ab@example.com", date: try BusinessDate(parsing: "2026-11-24"),
            items: [Digest.Item(leadID: 8, name: "Bo", phone: "+13125552671", email: nil, address: "1 Main St", service: .leak, urgency: .soon, price: Money(cents: 4000))]))
        #expect(!silent.text.contains("They wrote") && !silent.text.contains("When:"))
    }

    @Test func missingTemplatesFailAtStartup() async throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("none-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        await #expect(throws: TemplateError.self) { try await MessageTemplates(directory: empty, sender: "x") }
    }
}
