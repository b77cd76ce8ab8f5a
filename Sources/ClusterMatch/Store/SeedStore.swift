public import Postgres

/// Seeds in PostgreSQL: post, read (with confidential details hidden from those who may not see them), update.
public enum SeedStore: PostingReader {
    static let kind = PostingKind.seed

    /// Reads seeds as records; confidential descriptions and keywords are blank unless `viewer` may see them.
    static func selectSQL(where condition: String, revealing: Bool = false) -> String {
        let detail = revealing ? "$1::text is null or true" : "t.visibility = 'public' or can_see_details($1, 'seed', t.organisation_id)"
        return """
        select t.id, t.ref, t.title, t.summary,
               case when \(detail) then t.description else '' end,
               t.primary_field, t.secondary_fields,
               case when \(detail) then t.keywords else '{}' end,
               t.trl, t.ip_status, t.ip_scope, t.partnerships, t.visibility, o.slug, p.email, t.status, c.slug, o.country,
               to_char(t.published_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
               to_char(t.expires_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), t.renewals,
               to_char(t.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
               to_char(t.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
        from seeds t
        join organisations o on o.id = t.organisation_id
        left join clusters c on c.id = o.cluster_id
        left join people p on p.id = t.coordinator_id
        where \(condition)
        """
    }

    static func record(_ row: Row) throws -> SeedRecord {
        var record = SeedRecord(
            ref: try row.decode(at: 1), title: try row.decode(at: 2), summary: try row.decode(at: 3),
            description: try row.decode(at: 4), primaryField: try row.decode(at: 5), secondaryFields: try row.decode(at: 6),
            keywords: try row.decode(at: 7), trl: try row.decode(at: 8),
            ipStatus: try row.word(at: 9), ipScope: try row.optionalWord(at: 10), partnerships: try row.words(at: 11),
            visibility: try row.word(at: 12), organisation: try row.decode(at: 13), coordinator: try row.decode(at: 14),
            status: try row.word(PostingStatus.self, at: 15))
        record.id = try row.decode(at: 0)
        record.cluster = try row.decode(at: 16)
        record.country = try row.decode(at: 17)
        record.publishedAt = try row.decode(at: 18)
        record.expiresAt = try row.decode(at: 19)
        record.renewals = try row.decode(at: 20)
        record.createdAt = try row.decode(at: 21)
        record.updatedAt = try row.decode(at: 22)
        return record
    }

    /// One seed by id or ref, as `viewer` (an email, or nil for the public) may see it; `revealing` reads every
    /// detail regardless (for updates, which must not write back a redacted text).
    public static func show(
        _ idOrRef: String, viewer: String?, on connection: Connection, revealing: Bool = false
    ) async throws -> SeedRecord {
        try await PostingQueries.show(SeedStore.self, idOrRef, viewer: viewer, revealing: revealing, on: connection)
    }

    /// Seeds matching the filter, newest first.
    public static func list(_ filter: PostingFilter, viewer: String?, on connection: Connection) async throws -> [SeedRecord] {
        try await PostingQueries.list(SeedStore.self, filter, viewer: viewer, on: connection)
    }

    /// Validates and inserts a new seed (status draft or published); returns it as stored.
    /// - Throws: `ValidationFailure` naming each broken rule; nothing is written then.
    public static func post(_ seed: SeedRecord, on connection: Connection) async throws -> SeedRecord {
        let known = try await KnownReferences.load(on: connection)
        var problems = validate(seed, known: known)
        if let status = seed.status, !status.isImportable {
            problems.append(Problem(field: "status", message: "a new seed must be draft or published"))
        }
        guard problems.isEmpty else { throw ValidationFailure(problems) }
        let id: Int64 = try await connection.withTransaction { connection in
            let row = try await connection.query(
                """
                insert into seeds (ref, title, summary, description, primary_field, secondary_fields, keywords, trl, ip_status,
                                   ip_scope, partnerships, visibility, organisation_id, coordinator_id, status, published_at, expires_at)
                select $1, $2, $3, $4, $5, $6::text[], $7::text[], $8, $9, $10, $11::text[], $12,
                       (select id from organisations where slug = $13), (select id from people where email = $14),
                       $15, case when $15 = 'published' then now() end,
                       case when $15 = 'published' then now() + interval '365 days' end
                returning id
                """, parameters(seed) + [(seed.status ?? .draft).rawValue])
            guard let first = row.first else { throw StoreError.notFound(.seed, seed.ref) }
            return try first.decode(Int64.self, at: 0)
        }
        return try await show(String(id), viewer: seed.coordinator, on: connection)
    }

    /// Replaces a seed's editable fields (not its ref, status or dates) after validating the result.
    public static func update(id: Int64, to seed: SeedRecord, on connection: Connection) async throws {
        let known = try await KnownReferences.load(on: connection)
        let problems = validate(seed, known: known)
        guard problems.isEmpty else { throw ValidationFailure(problems) }
        try await connection.execute(
            """
            update seeds set ref = $1, title = $2, summary = $3, description = $4, primary_field = $5, secondary_fields = $6::text[],
                   keywords = $7::text[], trl = $8, ip_status = $9, ip_scope = $10, partnerships = $11::text[], visibility = $12,
                   organisation_id = (select id from organisations where slug = $13),
                   coordinator_id = (select id from people where email = $14)
            where id = $15
            """, parameters(seed) + [id])
    }

    static func parameters(_ seed: SeedRecord) -> [any PostgresEncodable] {
        [
            seed.ref, seed.title, seed.summary, seed.description, seed.primaryField, seed.secondaryFields, seed.keywords,
            seed.trl, seed.ipStatus.rawValue, seed.ipScope?.rawValue, seed.partnerships.map(\.rawValue),
            seed.visibility.rawValue, seed.organisation, seed.coordinator,
        ]
    }
}

/// Narrows a list of seeds or needs.
public struct PostingFilter: Sendable {
    /// Only this status.
    public var status: PostingStatus?
    /// Only postings in this field (primary or secondary).
    public var field: String?
    /// Only this organisation (slug).
    public var organisation: String?
    /// Only organisations in this cluster (slug).
    public var cluster: String?
    /// At most this many.
    public var limit: Int

    /// A filter; nil parts match everything.
    public init(status: PostingStatus? = nil, field: String? = nil, organisation: String? = nil, cluster: String? = nil, limit: Int = 50) {
        self.status = status
        self.field = field
        self.organisation = organisation
        self.cluster = cluster
        self.limit = limit
    }
}
