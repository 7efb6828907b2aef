import Enrich
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
        try await context.commitChunk { session in
            .init(rowsIn: try await OutboxRepository(session).queue(day: context.date))
        }
        let outbox = OutboxRepository(context.database.session)
        let roster = try await PlumberRepository.all(in: context.database.session, cipher: context.services.cipher)
        let plumbers = Dictionary(uniqueKeysWithValues: roster.map { ($0.id, $0.plumber) })
        var unsent: [String] = []
        for message in try await outbox.unsent(day: context.date) {
            guard let plumber = plumbers[message.plumberID] else { continue }
            switch OutboxMessageState.step(for: message.status, channelIsIdempotent: context.services.channel.isIdempotent) {
            case .skip: continue
            case .park:
                try await context.commitChunk { session in
                    try await OutboxRepository(session).markMaybeSent(message.id)
                    context.logger.warning("notify: \(message.key) may have been sent before a crash; not re-sent (see `plumberleads runs`)")
                    return .init(rowsRejected: 1)
                }
                continue
            case .send: break
            }
            try await context.transaction { try await OutboxRepository($0).markSending(message.id) }
            context.failpoints.reach(.notify, "after-sending-mark")
            let items = try await outbox.items(of: message).map { try Self.item($0, cipher: context.services.cipher) }
            do {
                switch message.channel {
                case .email:
                    let digest = Digest(
                        plumberID: plumber.externalID, businessName: plumber.businessName, email: plumber.email, date: context.date,
                        items: items, sequence: message.sequence)
                    try await context.services.channel.send(context.services.messages.email(for: digest), key: message.key.rawValue)
                case .sms:
                    if let item = items.first {
                        try await context.services.channel.send(context.services.messages.sms(for: item, to: plumber.mobile), key: message.key.rawValue)
                    }
                }
            } catch {
                // The channel is down or the disk full: leave the message queued for the next run.
                context.logger.error("notify: \(message.key) not sent: \(error)")
                unsent.append("\(message.key): \(error)")
                try await context.commitChunk { session in
                    try await OutboxRepository(session).markQueued(message.id, error: String(describing: error))
                    return .init(rowsRejected: 1)
                }
                continue
            }
            context.failpoints.reach(.notify, "after-send")
            try await context.commitChunk { session in
                try await OutboxRepository(session).markSent(message.id)
                return .init(rowsOut: 1)
            }
        }
        if !unsent.isEmpty { throw NotifyStageError(unsent: unsent) }
    }

    /// A charged lead as a message shows it, decrypted (an internationalized email domain in Unicode).
    static func item(_ item: OutboxRepository.Item, cipher: PIICipher) throws -> Digest.Item {
        let street = try cipher.decrypt(item.street)
        let place = [item.city, [item.state, item.zip].compactMap { $0 }.joined(separator: " ")].compactMap { $0 }.filter { !$0.isEmpty }
            .joined(separator: ", ")
        return Digest.Item(
            leadID: item.leadID, name: try cipher.decrypt(item.name) ?? "(no name given)", phone: try cipher.decrypt(item.phone) ?? "",
            email: try cipher.decrypt(item.email).map(EmailValidator.displayForm), address: [street, place].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", "),
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
