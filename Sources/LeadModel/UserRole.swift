/// Who a report-server account is (`server_users.role`): an admin reads everything, a plumber only
/// their own leads and statement.
public enum UserRole: String, Sendable, Hashable, CaseIterable, Codable {
    case admin
    case plumber
}
