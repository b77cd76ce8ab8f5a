import Foundation
public import Matching
public import Postgres

/// Keeps the stored match lists current one changed item at a time: the worker's `match.item` handler.
///
/// It holds the matcher in memory (loaded on first use). Before each re-match it reads every seed and need changed
/// since its last look (`updated_at`, with a minute of slack for transactions that committed late), so workers
/// on several machines, each with its own copy, all see every change, whoever made it. Then, for a changed item X:
/// - X's own list is recomputed (or deleted when X is no longer published);
/// - every list of the other kind that held X, or that X's new list names (the items X now fits, which may now
///   list X in turn), is recomputed.
/// All those lists are replaced in the caller's transaction.
///
/// Between full re-matches the lists can differ slightly from a full recomputation: corpus statistics drift
/// with every change, and an item can enter a list that neither held it nor is named by its own. The periodic
/// full re-match (`MatchLists.recomputeAll`) resets both.
public actor MatchMaintainer {
    /// The session advisory lock under which `match.item` computes and writes, and `match.all` runs (so
    /// re-matches commit in the order they computed).
    public static let lockKey: Int64 = 7_424_116_382

    /// Entries per list.
    public let listLength: Int
    private var loaded: MatchLoader.Loaded?
    private var lastLook: Date?

    /// Creates a maintainer writing lists of `listLength` entries.
    public init(listLength: Int = MatchLists.defaultLength) { self.listLength = max(1, listLength) }

    /// The lists to write for one change.
    public struct Update: Sendable {
        /// New need lists by need id (empty: the need has no list any more).
        public var needLists: [Int64: [Match]] = [:]
        /// New seed lists by seed id.
        public var seedLists: [Int64: [Match]] = [:]

        /// How many lists change.
        public var listCount: Int { needLists.count + seedLists.count }
    }

    /// Brings the matcher up to date and computes the lists that change with `kind` `id`.
    public func update(for kind: PostingKind, id: Int64, on connection: Connection) async throws -> Update {
        try await refresh(on: connection)
        guard let loaded else { return Update() }
        let matcher = loaded.matcher
        var update = Update()
        switch kind {
        case .need:
            let own = (try? matcher.seeds(forNeed: id, limit: listLength)) ?? []
            update.needLists[id] = own
            let holders = try await connection.query("select seed_id from seed_matches where need_id = $1", [id])
                .map { try $0.decode(Int64.self, at: 0) }
            for seedID in Set(holders + own.map(\.seedID)) {
                update.seedLists[seedID] = (try? matcher.needs(forSeed: seedID, limit: listLength)) ?? []
            }
        case .seed:
            let own = (try? matcher.needs(forSeed: id, limit: listLength)) ?? []
            update.seedLists[id] = own
            let holders = try await connection.query("select need_id from need_matches where seed_id = $1", [id])
                .map { try $0.decode(Int64.self, at: 0) }
            for needID in Set(holders + own.map(\.needID)) {
                update.needLists[needID] = (try? matcher.seeds(forNeed: needID, limit: listLength)) ?? []
            }
        }
        return update
    }

    /// Replaces the lists of `update` (in the caller's transaction).
    public static func write(_ update: Update, on connection: Connection) async throws {
        let columns = "rank, score, mutual, boundary, explanation"
        if !update.needLists.isEmpty {
            try await connection.execute("delete from need_matches where need_id = any($1)", [Array(update.needLists.keys)])
            let rows = MatchLists.copyRows(update.needLists, owner: \.needID, partner: \.seedID)
            if !rows.isEmpty { _ = try await connection.copyIn("copy need_matches (need_id, seed_id, \(columns)) from stdin", data: rows) }
        }
        if !update.seedLists.isEmpty {
            try await connection.execute("delete from seed_matches where seed_id = any($1)", [Array(update.seedLists.keys)])
            let rows = MatchLists.copyRows(update.seedLists, owner: \.seedID, partner: \.needID)
            if !rows.isEmpty { _ = try await connection.copyIn("copy seed_matches (seed_id, need_id, \(columns)) from stdin", data: rows) }
        }
    }

    /// Drops the in-memory matcher; the next update loads it afresh (after a full re-match).
    public func reload() {
        loaded = nil
        lastLook = nil
    }

    /// Loads the matcher on first use; afterwards applies every item changed since the last look. `update` calls
    /// it too; calling it first, outside the job's transaction, keeps a first (long) load out of that transaction.
    public func refresh(on connection: Connection) async throws {
        let now = try await connection.query("select now()")[0].decode(Date.self, at: 0)
        if loaded == nil {
            loaded = try await MatchLoader.load(on: connection)
            lastLook = now
            return
        }
        let since = (lastLook ?? now).addingTimeInterval(-60)
        lastLook = now
        apply(try await MatchLoader.items(SeedSource(), condition: "t.updated_at >= $1", [since], on: connection))
        apply(try await MatchLoader.items(NeedSource(), condition: "t.updated_at >= $1", [since], on: connection))
    }

    private func apply(_ items: [LoadedItem<SeedProfile>]) {
        for item in items {
            loaded?.seeds[item.id] = item.label
            if item.isCurrent {
                loaded?.matcher.seeds.upsert(item.id, profile: item.profile, document: item.document)
            } else {
                loaded?.matcher.seeds.remove(item.id)
            }
        }
    }

    private func apply(_ items: [LoadedItem<NeedProfile>]) {
        for item in items {
            loaded?.needs[item.id] = item.label
            if item.isCurrent {
                loaded?.matcher.needs.upsert(item.id, profile: item.profile, document: item.document)
            } else {
                loaded?.matcher.needs.remove(item.id)
            }
        }
    }
}
