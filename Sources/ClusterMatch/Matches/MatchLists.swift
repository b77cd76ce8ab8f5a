public import Foundation
public import Matching
public import Postgres

/// The materialised match lists: for every published need its best seeds (`need_matches`) and for every
/// published seed its best needs (`seed_matches`), each with the pair's explanation.
///
/// A list is what `Matcher.seeds(forNeed:limit:)` / `Matcher.needs(forSeed:limit:)` return with the default filter
/// (both sides published, the need's own scope and target countries) and the matcher's policy.
public enum MatchLists {
    /// The default list length (the issue asks for at least 50).
    public static let defaultLength = 50

    /// The lists computed from one matcher, by owner id, best first.
    public struct Computed: Sendable {
        /// Each published need's best seeds.
        public var needLists: [Int64: [Match]] = [:]
        /// Each published seed's best needs.
        public var seedLists: [Int64: [Match]] = [:]

        /// The number of list entries.
        public var pairCount: Int { needLists.values.reduce(0) { $0 + $1.count } + seedLists.values.reduce(0) { $0 + $1.count } }
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
    }

    /// Computes every published item's list (pure, in memory).
    public static func compute(_ matcher: Matcher, length: Int = defaultLength) -> Computed {
        let matcher = matcher.cachingExpandedQueries()
        var computed = Computed()
        for (id, need) in matcher.needs.profiles where need.isOpen {
            computed.needLists[id] = (try? matcher.seeds(forNeed: id, limit: length)) ?? []
        }
        for (id, seed) in matcher.seeds.profiles where seed.isOpen {
            computed.seedLists[id] = (try? matcher.needs(forSeed: id, limit: length)) ?? []
        }
        return computed
    }

    /// Loads the matcher, computes every list and replaces all stored lists in one transaction, recording the run
    /// in `match_runs`.
    public static func recomputeAll(on connection: Connection, length: Int = defaultLength) async throws -> Summary {
        let started = Date()
        let loaded = try await MatchLoader.load(on: connection)
        let computed = compute(loaded.matcher, length: length)
        return try await replaceAll(with: computed, policy: loaded.matcher.policy, length: length, startedAt: started, on: connection)
    }

    /// Replaces every stored list with `computed` in one transaction and records the run.
    public static func replaceAll(
        with computed: Computed, policy: MatchPolicy, length: Int, startedAt: Date, on connection: Connection
    ) async throws -> Summary {
        let needRows = copyRows(computed.needLists, owner: \.needID, partner: \.seedID)
        let seedRows = copyRows(computed.seedLists, owner: \.seedID, partner: \.needID)
        let counts = (needs: computed.needLists.count, seeds: computed.seedLists.count, pairs: computed.pairCount)
        let policyJSON = policy.json.jsonText
        let runID = try await connection.withTransaction { connection in
            try await connection.execute("delete from need_matches")
            try await connection.execute("delete from seed_matches")
            let columns = "rank, score, mutual, boundary, explanation"
            _ = try await connection.copyIn("copy need_matches (need_id, seed_id, \(columns)) from stdin", data: needRows)
            _ = try await connection.copyIn("copy seed_matches (seed_id, need_id, \(columns)) from stdin", data: seedRows)
            return try await connection.query(
                """
                insert into match_runs (started_at, list_length, analyzer_version, policy, seeds, needs, pairs)
                values ($1, $2, $3, $4::jsonb, $5, $6, $7) returning id
                """, [startedAt, length, Analyzer.version, policyJSON, counts.seeds, counts.needs, counts.pairs]
            )[0].decode(Int64.self, at: 0)
        }
        return Summary(runID: runID, needs: counts.needs, seeds: counts.seeds, pairs: counts.pairs)
    }

    /// COPY text rows (owner, partner, rank, score, mutual, boundary, explanation) for lists keyed by owner.
    static func copyRows(_ lists: [Int64: [Match]], owner: KeyPath<Match, Int64>, partner: KeyPath<Match, Int64>) -> [UInt8] {
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
