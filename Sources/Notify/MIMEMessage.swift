import Foundation

/// Renders an email as an RFC 5322 / MIME message: multipart/alternative with a text and an HTML part,
/// both UTF-8 and base64-encoded, and an RFC 2047 encoded subject when it is not plain ASCII.
public enum MIMEMessage {
    public static func render(_ email: OutgoingEmail, messageID: String, date: Date) -> String {
        let boundary = "=_plumberleads_" + String(messageID.utf8.reduce(UInt32(2166136261)) { ($0 ^ UInt32($1)) &* 16777619 }, radix: 16)
        var lines = [
            "From: \(email.from)",
            "To: \(email.to)",
            "Subject: \(encodeHeader(email.subject))",
            "Date: \(rfc5322Date(date))",
            "Message-ID: <\(messageID)>",
        ]
        lines += email.headers.sorted { $0.key < $1.key }.map { "\($0.key): \(encodeHeader($0.value))" }
        lines += [
            "MIME-Version: 1.0",
            "Content-Type: multipart/alternative; boundary=\"\(boundary)\"",
            "",
            "This is a multi-part message in MIME format.",
        ]
        for (type, body) in [("text/plain", email.text), ("text/html", email.html)] {
            lines += [
                "--\(boundary)",
                "Content-Type: \(type); charset=utf-8",
                "Content-Transfer-Encoding: base64",
                "",
                wrap(Data(body.utf8).base64EncodedString()),
            ]
        }
        lines.append("--\(boundary)--")
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    static func encodeHeader(_ value: String) -> String {
        value.allSatisfy({ $0.isASCII && !$0.isNewline }) ? value : "=?UTF-8?B?\(Data(value.utf8).base64EncodedString())?="
    }

    static func wrap(_ base64: String) -> String {
        var lines: [Substring] = []
        var rest = Substring(base64)
        while !rest.isEmpty {
            lines.append(rest.prefix(76))
            rest = rest.dropFirst(76)
        }
        return lines.joined(separator: "\r\n")
    }

    static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}
