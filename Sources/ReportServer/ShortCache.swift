import Foundation
import Synchronization

/// A small in-process cache whose entries live `lifetime` seconds by the server's clock. The report
/// server keeps what many requests ask for and the batch changes only once a day (a day's report
/// figures, a plumber's day of leads, a session's row) for a few seconds, so a burst of requests costs
/// the database one query; a session this process ends is dropped from it at once.
final class ShortCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private let entries = Mutex<[Key: (value: Value, until: Date)]>([:])
    /// Loads under way: the requests that miss together wait for one load (no stampede when an entry lapses).
    private let loading = Mutex<[Key: Task<Value?, any Error>]>([:])
    let lifetime: TimeInterval
    /// Past this many entries the cache is emptied (a flood of distinct keys cannot grow it).
    let capacity: Int

    init(lifetime: TimeInterval, capacity: Int = 10_000) {
        (self.lifetime, self.capacity) = (lifetime, capacity)
    }

    /// The value for `key` if it is still fresh at `now`, else `load()`'s, kept until `now + lifetime`.
    /// Requests that miss at the same time share one load. A nil from `load` is not kept.
    func value(_ key: Key, now: Date, load: @escaping @Sendable () async throws -> Value?) async throws -> Value? {
        if let fresh = get(key, now: now) { return fresh }
        let task = loading.withLock { loading -> Task<Value?, any Error> in
            if let running = loading[key] { return running }
            let task = Task { try await load() }
            loading[key] = task
            return task
        }
        defer { _ = loading.withLock { $0.removeValue(forKey: key) } }
        guard let value = try await task.value else { return nil }
        set(key, value, now: now)
        return value
    }

    /// The value for `key` if it is still fresh at `now`.
    func get(_ key: Key, now: Date) -> Value? {
        guard let entry = entries.withLock({ $0[key] }), entry.until > now else { return nil }
        return entry.value
    }

    /// Keeps `value` for `key` until `now + lifetime`.
    func set(_ key: Key, _ value: Value, now: Date) {
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = (value, now.addingTimeInterval(lifetime))
        }
    }

    func remove(_ key: Key) {
        _ = entries.withLock { $0.removeValue(forKey: key) }
    }
}
