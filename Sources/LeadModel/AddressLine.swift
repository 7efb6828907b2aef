/// A lead's address on one line, as digests and pages show it: `1420 LEE ST, DES PLAINES, IL 60016`.
public enum AddressLine {
    /// The parts that are present, joined; empty when none is.
    public static func format(street: String?, city: String?, state: String?, zip: String?) -> String {
        let place = [city, [state, zip].compactMap { $0 }.joined(separator: " ")].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
        return [street, place].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
    }
}
