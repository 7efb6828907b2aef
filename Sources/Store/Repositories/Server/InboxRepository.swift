import Foundation
import LeadModel
import PostgresNIO

/// What plumbers tell us (`plumber_inbox`): appended by the report server, never changed (a trigger
/// refuses), judged by the next batch.
public struct InboxRepository: Sendable {
    /// One thing a plumber said.
    public struct Entry: Sendable, Hashable {
        public var id: Int64
        public var receivedAt: Date
        public var plumberID: Int64
        public var kind: InboxKind
        public var assignmentID: Int64?
        public var via: InboxVia
    }

    let session: DatabaseSession
    let cipher: PIICipher

    public init(_ session: DatabaseSession, cipher: PIICipher) {
        (self.session, self.cipher) = (session, cipher)
    }

    /// Appends what plumber `plumberID` said (a credit request with its reason code); returns the entry's id.
    public func append(
        plumberID: Int64, kind: InboxKind, assignmentID: Int64?, via: InboxVia, linkExpires: Date?, reasonCode: String? = nil, note: String?,
        at now: Date
    ) async throws -> Int64 {
        try await session.value("""
            INSERT INTO plumber_inbox (received_at, plumber_id, kind, assignment_id, via, link_expires, reason_code, note_enc)
            VALUES (\(now), \(plumberID), \(kind.rawValue), \(assignmentID), \(via.rawValue), \(linkExpires), \(reasonCode),
                    \(try cipher.encrypt(note)))
            RETURNING id
            """)
    }

    /// An entry the batch has not judged yet, with what judging it needs.
    public struct Unjudged: Sendable, Hashable {
        public var id: Int64
        public var receivedAt: Date
        public var plumberID: Int64
        public var plumberExternalID: String
        public var kind: InboxKind
        /// The lead of the sale it names.
        public var leadID: Int64?
        public var reasonCode: String?
        public var note: String?
    }

    /// The entries of `kinds` not judged yet, oldest first.
    public func unjudged(_ kinds: [InboxKind]) async throws -> [Unjudged] {
        try await session.rows("""
            SELECT i.id, i.received_at, i.plumber_id, p.external_id, i.kind, a.lead_id, i.reason_code, i.note_enc
            FROM plumber_inbox i JOIN plumbers p ON p.id = i.plumber_id LEFT JOIN assignments a ON a.id = i.assignment_id
            WHERE i.kind = ANY(\(kinds.map(\.rawValue))) AND NOT EXISTS (SELECT 1 FROM inbox_judgements j WHERE j.inbox_id = i.id)
            ORDER BY i.id
            """).map { row in
            let (id, at, plumber, external, kind, lead, code, note) = try row.decode((Int64, Date, Int64, String, String, Int64?, String?, Data?).self)
            guard let kind = InboxKind(rawValue: kind) else { throw StoreError(.unexpectedValue, "inbox entry \(id) has kind \(kind)") }
            return Unjudged(
                id: id, receivedAt: at, plumberID: plumber, plumberExternalID: external, kind: kind, leadID: lead, reasonCode: code,
                note: try cipher.decrypt(note))
        }
    }

    /// Records what the batch made of entry `id`.
    public func judged(_ id: Int64, outcome: String, at now: Date) async throws {
        try await session.execute("""
            INSERT INTO inbox_judgements (inbox_id, judged_at, outcome) VALUES (\(id), \(now), \(outcome)) ON CONFLICT (inbox_id) DO NOTHING
            """)
    }

    /// The plumber who bought sale `assignmentID`, if it exists.
    public func buyer(ofSale assignmentID: Int64) async throws -> Int64? {
        try await session.rows("SELECT plumber_id FROM assignments WHERE id = \(assignmentID)").first?.decode(Int64.self)
    }

    /// `plumberID` when that plumber exists.
    public func plumberExists(_ plumberID: Int64) async throws -> Int64? {
        try await session.rows("SELECT id FROM plumbers WHERE id = \(plumberID)").first?.decode(Int64.self)
    }

    /// The plumber's entries, newest first.
    public func entries(plumberID: Int64) async throws -> [Entry] {
        try await session.rows("""
            SELECT id, received_at, plumber_id, kind, assignment_id, via FROM plumber_inbox WHERE plumber_id = \(plumberID) ORDER BY id DESC
            """).map { row in
            let (id, at, plumber, kind, assignment, via) = try row.decode((Int64, Date, Int64, String, Int64?, String).self)
            guard let kind = InboxKind(rawValue: kind), let via = InboxVia(rawValue: via) else {
                throw StoreError(.unexpectedValue, "inbox entry \(id) has kind \(kind), via \(via)")
            }
            return Entry(id: id, receivedAt: at, plumberID: plumber, kind: kind, assignmentID: assignment, via: via)
        }
    }
}
