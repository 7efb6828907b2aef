import Foundation

/// Reading the emails the file outbox writes.
public enum MIMEText {
    /// An email with its base64 parts decoded, so the golden copy reads as the plumber reads it (and its
    /// links can be masked).
    public static func decoded(_ text: String) -> String {
        var out: [String] = [], encoded: [String] = [], inBody = false, afterBase64Header = false
        for line in text.components(separatedBy: "\r\n") {
            if inBody {
                if line.hasPrefix("--") {
                    out.append(String(decoding: Data(base64Encoded: encoded.joined()) ?? Data(), as: UTF8.self))
                    (encoded, inBody) = ([], false)
                    out.append(line)
                } else {
                    encoded.append(line)
                }
                continue
            }
            out.append(line)
            if line == "Content-Transfer-Encoding: base64" { afterBase64Header = true } else if afterBase64Header, line.isEmpty { (inBody, afterBase64Header) = (true, false) }
        }
        return out.joined(separator: "\n")
    }
}
