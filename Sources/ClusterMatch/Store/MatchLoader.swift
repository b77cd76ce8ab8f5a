public import Matching
public import Postgres

/// Builds the in-memory matcher from PostgreSQL: every draft and published seed and need (published ones are
/// candidates), their structured profiles, and the sister links.
///
/// Each item's analysed text comes from `seed_analysis` / `need_analysis` when a row there was made by this
/// binary's `Analyzer.version` from the item's current text (its `source_hash` equals the posting's `text_hash`);
/// otherwise the text is analysed now and the row is written back, so the next load skips the analysis. Rows are
/// read in keyset batches, so memory holds one batch of text at a time besides the index.
public enum MatchLoader {
    /// A loaded matcher plus what the CLI needs to name items.
    public struct Loaded: Sendable {
        /// The matcher.
        public var matcher: Matcher
        /// Seed ref and title by id.
        public var seeds: [Int64: Label]
        /// Need ref and title by id.
        public var needs: [Int64: Label]
        /// How many analysed forms were reused and how many were made (and stored) by this load.
        public var analyses: AnalysisCounts

        /// The label of an item of either kind.
        public func label(_ kind: PostingKind, _ id: Int64) -> Label? { kind == .seed ? seeds[id] : needs[id] }
    }

    /// How an item is named in match lists (never its confidential details).
    public struct Label: Sendable, Hashable {
        /// The reference code.
        public var ref: String
        /// The title.
        public var title: String
        /// The owning organisation's slug.
        public var organisation: String
        /// The owning organisation's cluster slug, if any.
        public var cluster: String?
        /// The owning organisation's country.
        public var country: String

        /// The cluster id the matcher uses: the cluster's slug, or the organisation for one outside any cluster.
        var clusterID: String { cluster ?? "organisation:\(organisation)" }
    }

    /// Reused versus newly made analyses.
    public struct AnalysisCounts: Sendable, Equatable {
        /// Analyses read from the database.
        public var reused = 0
        /// Analyses made by this load and written back.
        public var made = 0

        /// Counts.
        public init(reused: Int = 0, made: Int = 0) {
            self.reused = reused
            self.made = made
        }
    }

    /// Loads and indexes everything. Queries run on the connection's thread, analysis and indexing on the caller's.
    public static func load(on connection: Connection, batchSize: Int = 10_000) async throws -> Loaded {
        var counts = AnalysisCounts()
        let seeds = try await SeedSource().load(on: connection, batchSize: batchSize, counts: &counts)
        let needs = try await NeedSource().load(on: connection, batchSize: batchSize, counts: &counts)
        let links = try await sisterLinks(on: connection)
        let matcher = Matcher(
            seeds: MatchCorpus(index: seeds.index.build(), profiles: seeds.profiles),
            needs: MatchCorpus(index: needs.index.build(), profiles: needs.profiles),
            sisterLinks: links)
        return Loaded(matcher: matcher, seeds: seeds.labels, needs: needs.labels, analyses: counts)
    }

    /// Reads a few items of one kind (any status) with their current analysed form, for updating a loaded matcher
    /// one item at a time. Missing ids are left out.
    public static func items<Profile>(
        _ source: some ItemSource<Profile>, ids: [Int64], on connection: Connection
    ) async throws -> [LoadedItem<Profile>] {
        try await items(source, condition: "t.id = any($1)", [ids], on: connection)
    }

    /// Reads the items of one kind (any status) that `condition` on the posting `t` selects, e.g.
    /// `t.updated_at >= $1`; the condition is SQL written by the caller's code, its values are parameters.
    public static func items<Profile>(
        _ source: some ItemSource<Profile>, condition: String, _ parameters: [any PostgresEncodable], on connection: Connection
    ) async throws -> [LoadedItem<Profile>] {
        var counts = AnalysisCounts()
        return try await source.read(condition: condition, parameters, on: connection, counts: &counts)
    }

    /// The sister links between clusters, by cluster slug.
    public static func sisterLinks(on connection: Connection) async throws -> SisterLinks {
        SisterLinks(
            try await connection.query(
                "select a.slug, b.slug from sister_links l join clusters a on a.id = l.cluster_a join clusters b on b.id = l.cluster_b"
            ).map { (try $0.decode(String.self, at: 0), try $0.decode(String.self, at: 1)) })
    }
}

/// One item as the matcher needs it.
public struct LoadedItem<Profile: Sendable>: Sendable {
    /// The item's id.
    public var id: Int64
    /// Its structured profile.
    public var profile: Profile
    /// Its analysed text.
    public var document: AnalyzedDocument
    /// How lists name it.
    public var label: MatchLoader.Label
    /// Whether it is a draft or published (else it is withdrawn, expired or archived and leaves the matcher).
    public var isCurrent: Bool
}

/// Everything loaded of one kind (the analysed texts go straight into the index).
struct LoadedKind<Profile: Sendable> {
    var index = SearchIndex.Builder()
    var profiles: [Int64: Profile] = [:]
    var labels: [Int64: MatchLoader.Label] = [:]
}
