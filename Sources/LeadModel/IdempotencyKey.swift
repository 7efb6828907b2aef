/// Every key that makes a side effect happen at most once: the unique keys of the outbox rows and the
/// idempotency keys sent to the providers. Each is derived from the row it belongs to, never random, so
/// a re-run after a crash sends the same key and the provider answers with the first outcome.
///
/// | key | made for | example |
/// | --- | --- | --- |
/// | charge | an assignment's charge (PaymentIntent), or its meter event's identifier | `charge-2026-11-24-a17` |
/// | cancellation | the meter event adjustment that cancels an overage event | `cancel-charge-2026-11-24-a17` |
/// | credit | the credit of an assignment (at most one each) | `credit-a17` |
/// | digest | a plumber's digest of a day; follow-ups are numbered from 2 | `digest-2026-11-24-p3`, `digest-2026-11-24-p3-2` |
/// | SMS | the urgent text about an assignment | `sms-2026-11-24-a17` |
/// | admin summary | the day's summary to the admins, one per address in the pipeline's order | `admin-summary-2026-11-24-1` |
public struct IdempotencyKey: Sendable, Hashable, CustomStringConvertible, Codable {
    public let rawValue: String

    /// A key as stored (read back from the database or the provider).
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public var description: String { rawValue }

    /// The charge of assignment `assignment`, sold on `day`.
    public static func charge(day: BusinessDate, assignment: Int64) -> IdempotencyKey {
        IdempotencyKey(rawValue: "charge-\(day)-a\(assignment)")
    }

    /// The cancellation of the meter event whose identifier is `event` (a charge key).
    public static func cancellation(of event: IdempotencyKey) -> IdempotencyKey {
        IdempotencyKey(rawValue: "cancel-\(event.rawValue)")
    }

    /// The credit of assignment `assignment`.
    public static func credit(assignment: Int64) -> IdempotencyKey {
        IdempotencyKey(rawValue: "credit-a\(assignment)")
    }

    /// Plumber `plumber`'s digest of `day`: `sequence` 1 is the day's first, 2… its follow-ups.
    public static func digest(day: BusinessDate, plumber: Int64, sequence: Int) -> IdempotencyKey {
        IdempotencyKey(rawValue: "digest-\(day)-p\(plumber)" + (sequence > 1 ? "-\(sequence)" : ""))
    }

    /// The urgent SMS about assignment `assignment`, sold on `day`.
    public static func sms(day: BusinessDate, assignment: Int64) -> IdempotencyKey {
        IdempotencyKey(rawValue: "sms-\(day)-a\(assignment)")
    }

    /// The summary of `day` to the admin at `position` (1-based) of the pipeline's `admin_emails`.
    public static func adminSummary(day: BusinessDate, position: Int) -> IdempotencyKey {
        IdempotencyKey(rawValue: "admin-summary-\(day)-\(position)")
    }
}
