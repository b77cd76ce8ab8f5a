public import Matching
public import Postgres

/// Builds the in-memory matcher from PostgreSQL: every seed and need (published ones are candidates), their
/// structured profiles, and the sister links.
///
/// The text is analysed as it loads; persisting the analysed form (so a restart skips analysis) comes with the
/// materialised matches.
public enum MatchLoader {
    /// A loaded matcher plus what the CLI needs to name items.
    public struct Loaded: Sendable {
        /// The matcher.
        public var matcher: Matcher
        /// Seed ref and title by id.
        public var seeds: [Int64: Label]
        /// Need ref and title by id.
        public var needs: [Int64: Label]
    }

    /// How an item is named in match lists (never its confidential details).
    public struct Label: Sendable {
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
    }

    /// Loads and indexes everything. Runs the queries on the connection's thread and the analysis on the caller's.
    public static func load(on connection: Connection) async throws -> Loaded {
        let seedRows = try await connection.query(
            """
            select s.id, s.ref, s.title, s.summary, s.description, s.keywords, s.primary_field, s.secondary_fields, s.trl,
                   s.partnerships, s.ip_status, s.visibility, s.status, o.slug, c.slug, o.country
            from seeds s join organisations o on o.id = s.organisation_id left join clusters c on c.id = o.cluster_id
            where s.status in ('draft', 'published')
            """)
        var seedLabels: [Int64: Label] = [:]
        let seedItems: [(id: Int64, profile: SeedProfile, text: DocumentText)] = try seedRows.map { row in
            let id = try row.decode(Int64.self, at: 0)
            let label = Label(
                ref: try row.decode(at: 1), title: try row.decode(at: 2), organisation: try row.decode(at: 13),
                cluster: try row.decode(at: 14), country: try row.decode(at: 15))
            seedLabels[id] = label
            let profile = SeedProfile(
                clusterID: label.cluster ?? "organisation:\(label.organisation)", country: label.country,
                primaryField: try row.decode(at: 6), secondaryFields: Set(try row.decode([String].self, at: 7)),
                trl: try row.decode(at: 8), partnerships: Set(try row.decode([String].self, at: 9)),
                ipStatus: try row.decode(at: 10), isConfidential: try row.decode(String.self, at: 11) == "confidential",
                isOpen: try row.decode(String.self, at: 12) == "published")
            let text = DocumentText(
                title: label.title, summary: try row.decode(at: 3), description: try row.decode(at: 4),
                keywords: try row.decode(at: 5))
            return (id, profile, text)
        }
        let needRows = try await connection.query(
            """
            select n.id, n.ref, n.title, n.summary, n.description, n.keywords, n.primary_field, n.secondary_fields,
                   n.trl_min, n.trl_max, n.partnerships, n.ip_required, n.scope, n.target_countries, n.visibility, n.status,
                   o.slug, c.slug, o.country
            from needs n join organisations o on o.id = n.organisation_id left join clusters c on c.id = o.cluster_id
            where n.status in ('draft', 'published')
            """)
        var needLabels: [Int64: Label] = [:]
        let needItems: [(id: Int64, profile: NeedProfile, text: DocumentText)] = try needRows.map { row in
            let id = try row.decode(Int64.self, at: 0)
            let label = Label(
                ref: try row.decode(at: 1), title: try row.decode(at: 2), organisation: try row.decode(at: 16),
                cluster: try row.decode(at: 17), country: try row.decode(at: 18))
            needLabels[id] = label
            let scopeText = try row.decode(String.self, at: 12)
            guard let scope = NeedProfile.Scope(rawValue: scopeText) else {
                throw PostgresDecodingError(column: "scope", type: "NeedProfile.Scope", reason: .invalidText(scopeText))
            }
            let profile = NeedProfile(
                clusterID: label.cluster ?? "organisation:\(label.organisation)", country: label.country,
                primaryField: try row.decode(at: 6), secondaryFields: Set(try row.decode([String].self, at: 7)),
                trlRange: try row.decode(Int.self, at: 8)...row.decode(Int.self, at: 9),
                partnerships: Set(try row.decode([String].self, at: 10)), acceptedIP: Set(try row.decode([String].self, at: 11)),
                scope: scope, targetCountries: Set(try row.decode([String].self, at: 13)),
                isConfidential: try row.decode(String.self, at: 14) == "confidential",
                isOpen: try row.decode(String.self, at: 15) == "published")
            let text = DocumentText(
                title: label.title, summary: try row.decode(at: 3), description: try row.decode(at: 4),
                keywords: try row.decode(at: 5))
            return (id, profile, text)
        }
        let links = try await connection.query(
            "select a.slug, b.slug from sister_links l join clusters a on a.id = l.cluster_a join clusters b on b.id = l.cluster_b"
        ).map { (try $0.decode(String.self, at: 0), try $0.decode(String.self, at: 1)) }
        let matcher = Matcher(
            seeds: MatchCorpus(seedItems), needs: MatchCorpus(needItems), sisterLinks: SisterLinks(links))
        return Loaded(matcher: matcher, seeds: seedLabels, needs: needLabels)
    }
}
