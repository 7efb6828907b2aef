/// The channel of an outbox message (`notifications.channel`).
public enum NotificationChannel: String, Sendable, Hashable, CaseIterable, Codable {
    case email
    case sms
}
