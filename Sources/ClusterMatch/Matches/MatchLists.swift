public import Foundation
public import Matching
public import Postgres

/// The materialised match lists: for every published need its best seeds (`need_matches`) and for every
/// published seed its best needs (`seed_matches`), each with the pair's explanation.
///
/// A list is what `Matcher.seeds(forNeed:limit:)` / `Matcher.needs(forSeed:limit:)` return with the default filter
/// (both sides published, the need's own scope and target countries) and the matcher's policy, scored with the
/// corpus statistics frozen when the full re-match began (kept in `match_runs`): the worker keeps the lists current
/// between full re-matches at those statistics (`MatchMaintainer`).
public enum MatchLists {
    /// The default list length (the issue asks for at least 50).
    public static let defaultLength = 50

    /// The lists computed from one matcher, by owner id, best first.
    public struct Computed: Sendable {
        /// Each published need's best seeds.
        public var needLists: [Int64: MatchList] = [:]
        /// Each published seed's best needs.
        public var seedLists: [Int64: MatchList] = [:]

        /// The number of list entries.
        public var pairCount: Int {
            needLists.values.reduce(0) { $0 + $1.matches.count } + seedLists.values.reduce(0) { $0 + $1.matches.count }
        }
    }

    /// What a full recomputation did.
    public struct Summary: Sendable, Equatable {
        /// The `match_runs` row.
        public var runID: Int64
        /// Needs and seeds that got a list.
        public var needs: Int
        public var seeds: Int
        /// List entries written.
        public var pairs: Int
        /// `match_state.sequence` after the write.
        public var sequence: Int64
        /// Seconds spent loading the matcher, computing the lists, and writing them (0 where not measured).
        public var seconds: (load: Double, compute: Double, write: Double) = (0, 0, 0)

        public static func == (a: Summary, b: Summary) -> Bool {
            (a.runID, a.needs, a.seeds, a.pairs, a.sequence) == (b.runID, b.needs, b.seeds, b.pairs, b.sequence)
        }
    }

    /// Computes every published item's list (pure, in memory, on every core) with the matcher's statistics as
    /// they are.
    public static func compute(_ matcher: Matcher, length: Int = defaultLength) -> Computed {
        let matcher = matcher.cachingExpandedQueries()
        let needs = matcher.needs.profiles.filter { $0.value.isOpen }.map(\.key)
        let seeds = matcher.seeds.profiles.filter { $0.value.isOpen }.map(\.key)
        var computed = Computed()
        for (id, list) in zip(needs, needs.concurrentMap { try? matcher.seedList(forNeed: $0, limit: length) }) {
            computed.needLists[id] = list
        }
        for (id, list) in zip(seeds, seeds.concurrentMap { try? matcher.needList(forSeed: $0, limit: length) }) {
            computed.seedLists[id] = list
        }
        return computed
    }

    /// Loads the matcher, freezes its statistics, computes every list and replaces all stored lists in one
    /// transaction, recording the run (with the statistics) in `match_runs`.
    ///
    /// - Parameter writer: the worker whose matcher now reflects the lists (`match_state`), or nil.
    /// - Returns: the summary, and the matcher the lists were computed with (statistics frozen).
    public static func recomputeAll(
        on connection: Connection, length: Int = defaultLength, writer: String? = nil
    ) async throws -> (summary: Summary, loaded: MatchLoader.Loaded, computed: Computed) {
        let started = Date()
        let clock = ContinuousClock()
        let start = clock.now
        var loaded = try await MatchLoader.load(on: connection)
        loaded.matcher.freezeStatistics()
        let computing = clock.now
        let computed = compute(loaded.matcher, length: length)
        let writing = clock.now
        var summary = try await replaceAll(
            with: computed, matcher: loaded.matcher, length: length, startedAt: started, writer: writer, on: connection)
        summary.seconds = ((computing - start).inSeconds, (writing - computing).inSeconds, (clock.now - writing).inSeconds)
        return (summary, loaded, computed)
    }

    /// Replaces every stored list with `computed` in one transaction and records the run.
    public static func replaceAll(
        with computed: Computed, matcher: Matcher, length: Int, startedAt: Date, writer: String?, on connection: Connection
    ) async throws -> Summary {
        let needRows = copyRows(computed.needLists.mapValues(\.matches), of: .need)
        let seedRows = copyRows(computed.seedLists.mapValues(\.matches), of: .seed)
        let counts = (needs: computed.needLists.count, seeds: computed.seedLists.count, pairs: computed.pairCount)
        let policyJSON = matcher.policy.json.jsonText
        let statistics = (
            seeds: Data((matcher.seeds.index.frozenStatistics ?? matcher.seeds.index.liveStatistics).encoded),
            needs: Data((matcher.needs.index.frozenStatistics ?? matcher.needs.index.liveStatistics).encoded))
        let (runID, sequence) = try await connection.withTransaction { connection in
            try await replace(.need, owners: nil, with: needRows, on: connection)
            try await replace(.seed, owners: nil, with: seedRows, on: connection)
            // Fresh statistics at once: with none (or stale ones) the planner may scan the whole table for the
            // worker's per-list deletes instead of using the key (measured: about a second each at 100k seeds).
            try await connection.execute("analyze need_matches")
            try await connection.execute("analyze seed_matches")
            let runID = try await connection.query(
                """
                insert into match_runs
                    (started_at, list_length, analyzer_version, policy, seeds, needs, pairs, seed_statistics, need_statistics)
                values ($1, $2, $3, $4::jsonb, $5, $6, $7, $8, $9) returning id
                """, [startedAt, length, Analyzer.version, policyJSON, counts.seeds, counts.needs, counts.pairs, statistics.seeds, statistics.needs]
            )[0].decode(Int64.self, at: 0)
            return (runID, try await advanceState(writer: writer, on: connection))
        }
        return Summary(runID: runID, needs: counts.needs, seeds: counts.seeds, pairs: counts.pairs, sequence: sequence)
    }

    /// Records in `match_state` that `writer` (nil: no worker) wrote lists; returns the new sequence.
    static func advanceState(writer: String?, on connection: Connection) async throws -> Int64 {
        try await connection.query(
            "update match_state set writer = $1, sequence = sequence + 1, written_at = now() returning sequence", [writer]
        )[0].decode(Int64.self, at: 0)
    }

    /// The statistics the latest full re-match froze, or nil when there has been none (or it predates them).
    public static func latestStatistics(on connection: Connection) async throws -> (seeds: CorpusStatistics, needs: CorpusStatistics)? {
        let rows = try await connection.query(
            "select seed_statistics, need_statistics from match_runs where seed_statistics is not null order by id desc limit 1")
        guard let row = rows.first, let seeds = try row.decode(Bytea?.self, at: 0), let needs = try row.decode(Bytea?.self, at: 1) else {
            return nil
        }
        return (try CorpusStatistics(encoded: seeds.bytes), try CorpusStatistics(encoded: needs.bytes))
    }

    /// Replaces the stored lists of `kind` whose owners are `owners` (every list when nil) with `rows` (from
    /// `copyRows`), in the caller's transaction.
    static func replace(_ kind: PostingKind, owners: [Int64]?, with rows: [UInt8], on connection: Connection) async throws {
        let (table, owner, partner) = kind == .need ? ("need_matches", "need_id", "seed_id") : ("seed_matches", "seed_id", "need_id")
        if let owners {
            guard !owners.isEmpty else { return }
            try await connection.execute("delete from \(table) where \(owner) = any($1)", [owners])
        } else {
            try await connection.execute("delete from \(table)")
        }
        guard !rows.isEmpty else { return }
        _ = try await connection.copyIn(
            "copy \(table) (\(owner), \(partner), rank, score, mutual, boundary, explanation) from stdin", data: rows)
    }

    /// COPY text rows (owner, partner, rank, score, mutual, boundary, explanation) for lists of `kind` by owner.
    static func copyRows(_ lists: [Int64: [Match]], of kind: PostingKind) -> [UInt8] {
        kind == .need ? copyRows(lists, owner: \.needID, partner: \.seedID) : copyRows(lists, owner: \.seedID, partner: \.needID)
    }

    private static func copyRows(_ lists: [Int64: [Match]], owner: KeyPath<Match, Int64>, partner: KeyPath<Match, Int64>) -> [UInt8] {
        var writer = CopyTextWriter()
        for ownerID in lists.keys.sorted() {
            for (index, match) in lists[ownerID]!.enumerated() {
                writer.append(match[keyPath: owner])
                writer.append(match[keyPath: partner])
                writer.append(index + 1)
                writer.append(match.score.total)
                writer.append(match.mutual?.total)
                writer.append(match.boundary.rawValue)
                writer.append(match.explanationJSON)
                writer.endRow()
            }
        }
        return writer.bytes
    }
}

extension MatchPolicy {
    /// The policy as JSON: weights by factor and values by boundary, plus the two shape parameters.
    var json: JSONValue {
        .object([
            "weights": .object(Dictionary(uniqueKeysWithValues: Factor.allCases.map { ($0.rawValue, .number("\(weights[$0])")) })),
            "boundary_values": .object(
                Dictionary(uniqueKeysWithValues: Boundary.allCases.map { ($0.rawValue, .number("\(boundaryValues[$0] ?? 0)")) })),
            "partial_field_agreement": .number("\(partialFieldAgreement)"),
            "maturity_falloff": .integer(maturityFalloff),
        ])
    }
}
