import Enrich
import Foundation
import LeadModel
import Logging
import Notify
import SignedLinks
import Store

/// Sends each plumber a digest email of the leads they were charged for, and an SMS right away for each
/// emergency lead. Every charged lead is in exactly one digest: the day's first, or a follow-up for what
/// was charged after it (a late export). Every message is an outbox row first (unique key); a row is
/// marked `sending` before the send and `sent` after. A row found `sending` after a crash is re-sent only
/// on a channel that deduplicates by key; otherwise it becomes `maybe_sent` for ops to decide. What the
/// provider answers decides the rest (`DeliveryOutcome`): sent, failed for good, opted out, maybe sent,
/// or deferred — a deferred message stays queued and the run ends "needs attention" (exit 74), so the
/// next run sends it. A configuration error (a revoked key) stops the stage at once.
struct NotifyStage: Stage {
    let name = StageName.notify

    func run(_ context: StageContext) async throws {
        // What plumbers told the report server: an unsubscribe stops the digests this run would queue.
        _ = try await InboxJudging.applyUnsubscribesAndOutcomes(context)
        let roster = try await PlumberRepository.all(in: context.database.session, cipher: context.services.cipher)
        let plumbers = Dictionary(uniqueKeysWithValues: roster.map { ($0.id, $0.plumber) })
        // Replies first: a STOP received since the last run stops the texts this run would queue or send.
        let repliesUnread = try await Self.applyReplies(roster, context: context)
        try await context.commitChunk { session in
            .init(rowsIn: try await OutboxRepository(session).queue(day: context.date))
        }
        let outbox = OutboxRepository(context.database.session)
        let consenting = try await ConsentRepository(context.database.session).inForce()
        let links = try Self.links(context)
        var unsent: [String] = []
        for message in try await outbox.unsent(day: context.date) {
            guard let plumber = plumbers[message.plumberID] else { continue }
            if message.channel == .sms {
                if let repliesUnread {
                    unsent.append("\(message.key): \(repliesUnread)")
                    try await context.commitChunk { try await Self.record(.deferred(reason: repliesUnread), of: message, in: OutboxRepository($0), logger: context.logger) }
                    continue
                }
                if consenting[message.plumberID] == nil {
                    // Queued under a consent revoked since (a STOP): never sent.
                    try await context.commitChunk {
                        try await Self.record(.failed(reason: "no consent in force: the plumber revoked it"), of: message, in: OutboxRepository($0), logger: context.logger)
                    }
                    continue
                }
            }
            let deduplicates = message.channel == .email ? context.services.email.deduplicatesByKey : context.services.sms.deduplicatesByKey
            switch OutboxMessageState.step(for: message.status, channelIsIdempotent: deduplicates) {
            case .skip: continue
            case .park:
                try await context.commitChunk { session in
                    try await OutboxRepository(session).markMaybeSent(message.id, reason: "interrupted between the sending mark and the answer")
                    context.logger.warning("notify: \(message.key) may have been sent before a crash; not re-sent (plumberleads notify maybe-sent)")
                    return .init(rowsRejected: 1)
                }
                continue
            case .send: break
            }
            if message.channel == .sms, let reason = Self.outsideTextingHours(plumber, at: context.services.clock()) {
                try await context.commitChunk { session in
                    try await OutboxRepository(session).markWithheld(message.id, reason: reason)
                    return .init(rowsRejected: 1)
                }
                continue
            }
            try await context.transaction { try await OutboxRepository($0).markSending(message.id) }
            context.failpoints.reach(.notify, "after-sending-mark")
            let items = try await outbox.items(of: message).map { try Self.item($0, cipher: context.services.cipher, links: links, now: context.services.clock()) }
            let credits = message.channel == .email ? try await outbox.credits(of: message).map(Self.credit) : []
            let outcome: DeliveryOutcome
            do {
                outcome = try await Self.deliver(message, to: plumber, items: items, credits: credits, context: context)
            } catch let error as ChannelConfigurationError {
                // Refused before anything was sent: back in the queue, and nothing more can go out this run.
                try await context.transaction { try await OutboxRepository($0).markQueued(message.id, error: error.description) }
                throw RunError(.configuration, "notify: \(error)")
            } catch {
                // The file outbox's disk is full, say: nothing left, the message waits for the next run.
                outcome = .deferred(reason: "\(error)")
            }
            context.failpoints.reach(.notify, "after-send")
            if case .deferred(let reason) = outcome {
                context.logger.error("notify: \(message.key) not sent: \(reason)")
                unsent.append("\(message.key): \(reason)")
            }
            try await context.commitChunk { try await Self.record(outcome, of: message, in: OutboxRepository($0), logger: context.logger) }
        }
        unsent += try await Self.sendAdminSummaries(context)
        if !unsent.isEmpty { throw RunError(.needsAttention, NotifyStageError(unsent: unsent).description) }
    }

    /// The day's summary to each admin, after the plumbers' messages (it counts the ones that failed),
    /// through the same outbox rules; returns the ones left queued.
    static func sendAdminSummaries(_ context: StageContext) async throws -> [String] {
        guard !context.definition.adminEmails.isEmpty else { return [] }
        let waiting = try await context.transaction {
            try await OutboxRepository($0).queueAdminSummaries(day: context.date, recipients: context.definition.adminEmails)
        }
        guard !waiting.isEmpty else { return [] }
        let summary = try await AdminSummaries(context.database.session).load(day: context.date)
        var unsent: [String] = []
        for admin in waiting {
            switch OutboxMessageState.step(for: admin.status, channelIsIdempotent: context.services.email.deduplicatesByKey) {
            case .skip: continue
            case .park:
                try await context.commitChunk { try await Self.record(.maybeSent(reason: "interrupted between the sending mark and the answer"), id: admin.id, key: admin.key, plumberID: nil, in: OutboxRepository($0), logger: context.logger) }
                continue
            case .send: break
            }
            try await context.transaction { try await OutboxRepository($0).markSending(admin.id) }
            let outcome: DeliveryOutcome
            do {
                outcome = try await context.services.email.send(context.services.messages.email(for: summary, to: admin.recipient), key: admin.key.rawValue)
            } catch let error as ChannelConfigurationError {
                try await context.transaction { try await OutboxRepository($0).markQueued(admin.id, error: error.description) }
                throw RunError(.configuration, "notify: \(error)")
            } catch {
                outcome = .deferred(reason: "\(error)")
            }
            if case .deferred(let reason) = outcome { unsent.append("\(admin.key): \(reason)") }
            try await context.commitChunk { try await Self.record(outcome, id: admin.id, key: admin.key, plumberID: nil, in: OutboxRepository($0), logger: context.logger) }
        }
        return unsent
    }

    /// Applies the STOP and START replies the SMS channel lists since the day before, each once; returns
    /// why they could not be read (then no text goes out this run), or nil.
    static func applyReplies(_ roster: [RosterEntry], context: StageContext) async throws -> String? {
        let since = context.date.adding(days: -1).start(in: context.definition.timeZone)
        let replies: [InboundSMS]
        do {
            replies = try await context.services.sms.replies(since: since)
        } catch {
            context.logger.error("notify: replies to our number not read (\(error)): no text goes out this run")
            return "replies to our number not read, so a STOP could be missed: \(error)"
        }
        let byMobile = Dictionary(roster.map { ($0.plumber.mobile, $0.id) }, uniquingKeysWith: { first, _ in first })
        for reply in replies {
            guard let keyword = ReplyKeyword.classify(reply.body), let plumber = byMobile[reply.from] else { continue }
            let applied = try await context.transaction {
                try await ConsentRepository($0).applyReply(reference: reply.reference, plumber: plumber, keyword: keyword, at: reply.receivedAt)
            }
            if applied { context.logger.notice("notify: \(keyword.rawValue) reply \(reply.reference) applied to plumber \(plumber)") }
        }
        return nil
    }

    /// Why a text to `plumber` may not go out at `now` (their local time is outside their texting window),
    /// or nil when it may. The zone is the roster's (which falls back to the mobile's area code, then the
    /// ZIP); the state, for the states with shorter hours, is the plumber's base or first ZIP's.
    static func outsideTextingHours(_ plumber: Plumber, at now: Date) -> String? {
        let zone = TimeZone(identifier: plumber.timeZone) ?? TimeZone(identifier: "America/Chicago")!
        let state = ([plumber.baseZIP].compactMap { $0 } + plumber.zips.sorted()).lazy.compactMap { ZIPDirectory.shipped.entry($0)?.state }.first
        let window = TextingWindow(state: state, alertHours: plumber.alertHours)
        guard !window.allows(now, in: zone) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.hour, .minute], from: now)
        let local = String(format: "%02d:%02d", parts.hour ?? 0, parts.minute ?? 0)
        return "outside texting hours: \(local) in \(zone.identifier) (texts \(window.description)\(state.map { ", \($0)" } ?? "")); the digest carries the lead"
    }

    /// Hands the message to its channel.
    static func deliver(
        _ message: OutboxRepository.Message, to plumber: Plumber, items: [Digest.Item], credits: [Digest.Credit], context: StageContext
    ) async throws -> DeliveryOutcome {
        switch message.channel {
        case .email:
            let links = try Self.links(context)
            let unsubscribe = links.link(.unsubscribe, subject: message.plumberID, expires: context.services.clock().addingTimeInterval(Self.unsubscribeLife))
            let digest = Digest(
                plumberID: plumber.externalID, businessName: plumber.businessName, email: plumber.email, date: context.date, items: items,
                credits: credits, sequence: message.sequence, compliance: .init(postalAddress: context.definition.senderPostalAddress ?? "", unsubscribe: unsubscribe))
            return try await context.services.email.send(context.services.messages.email(for: digest), key: message.key.rawValue)
        case .sms:
            guard let item = items.first else { return .failed(reason: "the lead of this text is no longer charged to the plumber") }
            return try await context.services.sms.send(context.services.messages.sms(for: item, to: plumber.mobile), key: message.key.rawValue)
        }
    }

    /// Writes what became of the message; the counts the stage records.
    static func record(_ outcome: DeliveryOutcome, of message: OutboxRepository.Message, in outbox: OutboxRepository, logger: Logger) async throws -> StageContext.Counts {
        try await record(outcome, id: message.id, key: message.key, plumberID: message.plumberID, in: outbox, logger: logger)
    }

    /// Writes what became of message `id` (to plumber `plumberID`, or to an admin when nil).
    static func record(
        _ outcome: DeliveryOutcome, id: Int64, key: IdempotencyKey, plumberID: Int64?, in outbox: OutboxRepository, logger: Logger
    ) async throws -> StageContext.Counts {
        switch outcome {
        case .sent(let reference):
            try await outbox.markSent(id, reference: reference)
            return .init(rowsOut: 1)
        case .failed(let reason):
            logger.error("notify: \(key) failed for good: \(reason)")
            try await outbox.markFailed(id, reason: reason)
        case .optedOut(let reason):
            logger.warning("notify: \(key) not delivered: \(reason)")
            try await outbox.markOptedOut(id, plumberID: plumberID, reason: reason)
        case .maybeSent(let reason):
            logger.warning("notify: \(key) may have been sent: \(reason); not re-sent (plumberleads notify maybe-sent)")
            try await outbox.markMaybeSent(id, reason: reason)
        case .deferred(let reason):
            try await outbox.markQueued(id, error: reason)
        }
        return .init(rowsRejected: 1)
    }

    /// How long a lead's links work (a plumber answers within the month), and an unsubscribe link (a year:
    /// CAN-SPAM asks for at least 30 days).
    static let actionLife: TimeInterval = 30 * 86_400
    static let unsubscribeLife: TimeInterval = 365 * 86_400

    /// The digests' link signer; a pipeline without the sender's postal address or the server's URL
    /// cannot send a lawful digest, and the stage stops saying so.
    static func links(_ context: StageContext) throws -> LinkSigner {
        guard let base = context.definition.publicURL, context.definition.senderPostalAddress != nil else {
            throw RunError(.configuration, "notify: the pipeline file needs sender_postal_address (every digest must show it, CAN-SPAM) and public_url (where the digests' links go)")
        }
        return LinkSigner(key: context.services.cipher.linkKey, base: base)
    }

    /// A charged lead as a message shows it, decrypted (an internationalized email domain in Unicode),
    /// with its signed links.
    static func item(_ item: OutboxRepository.Item, cipher: PIICipher, links: LinkSigner, now: Date) throws -> Digest.Item {
        let words = try item.ownWords(using: cipher)
        let address = AddressLine.format(street: try cipher.decrypt(item.street), city: item.city, state: item.state, zip: item.zip)
        return Digest.Item(
            leadID: item.leadID, name: try cipher.decrypt(item.name) ?? "(no name given)", phone: try cipher.decrypt(item.phone) ?? "",
            email: try cipher.decrypt(item.email).map(EmailValidator.displayForm), address: address,
            service: ServiceType(rawValue: item.service) ?? .other, urgency: Urgency(rawValue: item.urgency) ?? .flexible,
            price: Money(cents: item.priceCents, currency: item.currency), quality: item.quality, qualityReasons: item.qualityReasons,
            request: words.details, wanted: words.when, actions: [LinkAction.won, .noAnswer, .wrongNumber, .credit].map {
                Digest.Action(label: $0.label, url: links.link($0, subject: item.assignmentID, expires: now.addingTimeInterval(actionLife)))
            })
    }
}

extension NotifyStage {
    /// A credit as the digest tells it.
    static func credit(_ told: OutboxRepository.ToldCredit) -> Digest.Credit {
        Digest.Credit(
            leadID: told.leadID, date: told.date, amount: Money(cents: told.amountCents, currency: told.currency), refunded: told.status == .refunded,
            reason: told.reason)
    }
}

/// Messages the channel refused this run; they stay queued and the stage is not done.
struct NotifyStageError: Error, CustomStringConvertible {
    var unsent: [String]
    var description: String {
        "\(unsent.count) message(s) not sent, left queued for the next run (first: \(unsent[0]))"
    }
}
