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

    /// Appends what plumber `plumberID` said; returns the entry's id.
    public func append(
        plumberID: Int64, kind: InboxKind, assignmentID: Int64?, via: InboxVia, linkExpires: Date?, note: String?, at now: Date
    ) async throws -> Int64 {
        try await session.value("""
            INSERT INTO plumber_inbox (received_at, plumber_id, kind, assignment_id, via, link_expires, note_enc)
            VALUES (\(now), \(plumberID), \(kind.rawValue), \(assignmentID), \(via.rawValue), \(linkExpires), \(try cipher.encrypt(note)))
            RETURNING id
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
