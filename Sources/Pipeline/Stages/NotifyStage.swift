import Foundation
import LeadModel
import Logging
import Notify
import Store

/// Sends each plumber a digest email of the leads they were charged for, and an SMS right away for each
/// emergency lead. Every charged lead is in exactly one digest: the day's first, or a follow-up for what
/// was charged after it (a late export). Every message is an outbox row first (unique key); a row is
/// marked `sending` before the send and `sent` after. A row found `sending` after a crash is re-sent only
/// on an idempotent channel; otherwise it becomes `maybe_sent` for ops to decide. A message the channel
/// refuses stays queued and the stage ends failed, so the next run sends it.
struct NotifyStage: Stage {
    let name = StageName.notify

    func run(_ context: StageContext) async throws {
        try await context.commitChunk { connection in
            .init(rowsIn: try await OutboxRepository(connection: connection, logger: context.logger).queue(day: context.date))
        }
        let outbox = OutboxRepository(connection: context.database.connection, logger: context.logger)
        let roster = try await PlumberRepository(database: context.database, cipher: context.services.cipher).all()
        let plumbers = Dictionary(uniqueKeysWithValues: roster.map { ($0.id, $0.plumber) })
        var unsent: [String] = []
        for message in try await outbox.unsent(day: context.date) {
            guard let plumber = plumbers[message.plumberID] else { continue }
            if message.status == "sending" && !context.services.channel.isIdempotent {
                try await context.commitChunk { connection in
                    try await OutboxRepository(connection: connection, logger: context.logger).markMaybeSent(message.id)
                    context.logger.warning("notify: \(message.key) may have been sent before a crash; not re-sent (see `plumberleads runs`)")
                    return .init(rowsRejected: 1)
                }
                continue
            }
            try await context.transaction { try await OutboxRepository(connection: $0, logger: context.logger).markSending(message.id) }
            context.failpoints.reach(.notify, "after-sending-mark")
            let items = try await outbox.items(of: message).map { try Self.item($0, cipher: context.services.cipher) }
            do {
                if message.channel == "email" {
                    let digest = Digest(
                        plumberID: plumber.externalID, businessName: plumber.businessName, email: plumber.email, date: context.date,
                        items: items, sequence: message.sequence)
                    try await context.services.channel.send(context.services.messages.email(for: digest), key: message.key)
                } else if let item = items.first {
                    try await context.services.channel.send(context.services.messages.sms(for: item, to: plumber.mobile), key: message.key)
                }
            } catch {
                // The channel is down or the disk full: leave the message queued for the next run.
                context.logger.error("notify: \(message.key) not sent: \(error)")
                unsent.append("\(message.key): \(error)")
                try await context.commitChunk { connection in
                    try await OutboxRepository(connection: connection, logger: context.logger).markQueued(message.id, error: String(describing: error))
                    return .init(rowsRejected: 1)
                }
                continue
            }
            context.failpoints.reach(.notify, "after-send")
            try await context.commitChunk { connection in
                try await OutboxRepository(connection: connection, logger: context.logger).markSent(message.id)
                return .init(rowsOut: 1)
            }
        }
        if !unsent.isEmpty { throw NotifyStageError(unsent: unsent) }
    }

    /// A charged lead as a message shows it, decrypted.
    static func item(_ item: OutboxRepository.Item, cipher: PIICipher) throws -> Digest.Item {
        let street = try cipher.decrypt(item.street)
        let place = [item.city, [item.state, item.zip].compactMap { $0 }.joined(separator: " ")].compactMap { $0 }.filter { !$0.isEmpty }
            .joined(separator: ", ")
        return Digest.Item(
            leadID: item.leadID, name: try cipher.decrypt(item.name) ?? "(no name given)", phone: try cipher.decrypt(item.phone) ?? "",
            email: try cipher.decrypt(item.email), address: [street, place].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", "),
            service: ServiceType(rawValue: item.service) ?? .other, urgency: Urgency(rawValue: item.urgency) ?? .flexible,
            price: Money(cents: item.priceCents, currency: item.currency), quality: item.quality, qualityReasons: item.qualityReasons)
    }
}

/// Messages the channel refused this run; they stay queued and the stage is not done.
struct NotifyStageError: Error, CustomStringConvertible {
    var unsent: [String]
    var description: String {
        "\(unsent.count) message(s) not sent, left queued for the next run (first: \(unsent[0]))"
    }
}
