public import Postgres

/// Clusters, their sister links and organisations in PostgreSQL.
public enum ClusterStore {
    /// A cluster with what the list and show commands print.
    public struct Summary: Sendable {
        /// The cluster itself.
        public var cluster: ClusterRecord
        /// Slugs of its sister clusters.
        public var sisters: [String]
        /// How many organisations, seeds and needs belong to it.
        public var organisations: Int, seeds: Int, needs: Int
    }

    private static let summarySQL = """
        select c.slug, c.name, c.country, c.region, c.programme, c.main_fields, c.start_year, c.outcomes::text, c.is_sample, c.note,
               coalesce((select array_agg(x.slug order by x.slug) from sister_links l
                         join clusters x on x.id = case when l.cluster_a = c.id then l.cluster_b else l.cluster_a end
                         where c.id in (l.cluster_a, l.cluster_b)), '{}'),
               (select count(*) from organisations o where o.cluster_id = c.id),
               (select count(*) from seeds s join organisations o on o.id = s.organisation_id where o.cluster_id = c.id),
               (select count(*) from needs n join organisations o on o.id = n.organisation_id where o.cluster_id = c.id)
        from clusters c
        """

    private static func summary(_ row: Row) throws -> Summary {
        let outcomes: [String: JSONValue]
        if case .object(let members) = try JSONValue(parsing: try row.decode(String.self, at: 7)) {
            outcomes = members
        } else {
            outcomes = [:]
        }
        let cluster = ClusterRecord(
            slug: try row.decode(at: 0), name: try row.decode(at: 1), country: try row.decode(at: 2), region: try row.decode(at: 3),
            programme: try row.word(at: 4), mainFields: try row.decode(at: 5),
            startYear: try row.decode(at: 6), outcomes: outcomes, isSample: try row.decode(at: 8), note: try row.decode(at: 9))
        return Summary(
            cluster: cluster, sisters: try row.decode(at: 10), organisations: try row.decode(at: 11), seeds: try row.decode(at: 12),
            needs: try row.decode(at: 13))
    }

    /// Every cluster (optionally of one country), by country and name.
    public static func list(country: String?, on connection: Connection) async throws -> [Summary] {
        try await connection.query(summarySQL + " where $1::text is null or c.country = $1 order by c.country, c.name", [country])
            .map(summary)
    }

    /// One cluster by slug.
    public static func show(_ slug: String, on connection: Connection) async throws -> Summary {
        guard let row = try await connection.query(summarySQL + " where c.slug = $1", [slug]).first else {
            throw StoreError.unknown("cluster", slug)
        }
        return try summary(row)
    }

    /// Validates and adds a cluster.
    public static func add(_ cluster: ClusterRecord, on connection: Connection) async throws {
        let problems = validate(cluster, known: try await KnownReferences.load(on: connection))
        guard problems.isEmpty else { throw ValidationFailure(problems) }
        var outcomes: [UInt8] = []
        JSONWriter.write(.object(cluster.outcomes), to: &outcomes)
        try await connection.execute(
            """
            insert into clusters (slug, name, country, region, programme, main_fields, start_year, outcomes, is_sample, note)
            values ($1, $2, $3, $4, $5, $6::text[], $7, $8::jsonb, $9, $10)
            """,
            [
                cluster.slug, cluster.name, cluster.country, cluster.region, cluster.programme.rawValue, cluster.mainFields,
                cluster.startYear, String(decoding: outcomes, as: UTF8.self), cluster.isSample, cluster.note,
            ])
    }

    /// Links two clusters as sisters (stored once, in either order); linking twice updates the year and note.
    public static func link(_ link: SisterLinkRecord, on connection: Connection) async throws {
        let problems = validate(link, known: try await KnownReferences.load(on: connection))
        guard problems.isEmpty else { throw ValidationFailure(problems) }
        try await connection.execute(
            """
            insert into sister_links (cluster_a, cluster_b, since, note)
            select least(a.id, b.id), greatest(a.id, b.id), $3, $4 from clusters a, clusters b where a.slug = $1 and b.slug = $2
            on conflict (cluster_a, cluster_b) do update set since = excluded.since, note = excluded.note
            """, [link.a, link.b, link.since, link.note])
    }

    /// Organisations, optionally of one cluster or kind, by name.
    public static func organisations(cluster: String?, kind: OrganisationKind?, on connection: Connection) async throws -> [OrganisationRecord] {
        try await connection.query(
            """
            select o.slug, o.name, o.kind, c.slug, o.country, o.is_sample from organisations o left join clusters c on c.id = o.cluster_id
            where ($1::text is null or c.slug = $1) and ($2::text is null or o.kind = $2) order by o.name
            """, [cluster, kind?.rawValue]
        ).map { row in
            OrganisationRecord(
                slug: try row.decode(at: 0), name: try row.decode(at: 1), kind: try row.word(at: 2),
                cluster: try row.decode(at: 3), country: try row.decode(at: 4), isSample: try row.decode(at: 5))
        }
    }

    /// Validates and adds an organisation.
    public static func add(_ organisation: OrganisationRecord, on connection: Connection) async throws {
        let problems = validate(organisation, known: try await KnownReferences.load(on: connection))
        guard problems.isEmpty else { throw ValidationFailure(problems) }
        try await connection.execute(
            """
            insert into organisations (slug, name, kind, cluster_id, country, is_sample)
            values ($1, $2, $3, (select id from clusters where slug = $4), $5, $6)
            """,
            [organisation.slug, organisation.name, organisation.kind.rawValue, organisation.cluster, organisation.country, organisation.isSample])
    }
}
