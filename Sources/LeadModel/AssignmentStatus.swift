/// Whether a sale stands (`assignments.status`): released when the plumber's card was declined for it.
public enum AssignmentStatus: String, Sendable, Hashable, CaseIterable, Codable {
    case active
    case released
}
