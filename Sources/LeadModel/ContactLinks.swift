import Foundation

/// How a lead's phone and address are shown to the plumber who bought it, in digests and on pages.
public enum ContactLinks {
    /// `+13125552671` as `(312) 555-2671`; other forms unchanged.
    public static func phoneDisplay(_ e164: String) -> String {
        let digits = Array(e164.dropFirst(2))
        guard e164.hasPrefix("+1"), digits.count == 10 else { return e164 }
        return "(\(String(digits[0..<3]))) \(String(digits[3..<6]))-\(String(digits[6...]))"
    }

    /// A map search for the address (opens the map app on a phone).
    public static func map(_ address: String) -> String {
        var components = URLComponents(string: "https://www.google.com/maps/search/")!
        components.queryItems = [URLQueryItem(name: "api", value: "1"), URLQueryItem(name: "query", value: address)]
        return components.url?.absoluteString ?? ""
    }
}
