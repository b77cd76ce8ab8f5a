public import Postgres

/// Needs in PostgreSQL: post, read (confidential details hidden from those who may not see them), update.
public enum NeedStore: PostingReader {
    static let kind = PostingKind.need

    static func selectSQL(where condition: String, revealing: Bool = false) -> String {
        let detail = revealing ? "$1::text is null or true" : "t.visibility = 'public' or can_see_details($1, 'need', t.organisation_id)"
        return """
        select t.id, t.ref, t.title, t.summary,
               case when \(detail) then t.description else '' end,
               t.primary_field, t.secondary_fields,
               case when \(detail) then t.keywords else '{}' end,
               t.trl_min, t.trl_max, t.ip_required, t.partnerships, t.scope, t.target_countries, t.deadline::text,
               t.visibility, o.slug, p.email, t.status, c.slug, o.country,
               to_char(t.published_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
               to_char(t.expires_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), t.renewals,
               to_char(t.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
               to_char(t.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
        from needs t
        join organisations o on o.id = t.organisation_id
        left join clusters c on c.id = o.cluster_id
        left join people p on p.id = t.contact_id
        where \(condition)
        """
    }

    static func record(_ row: Row) throws -> NeedRecord {
        var record = NeedRecord(
            ref: try row.decode(at: 1), title: try row.decode(at: 2), summary: try row.decode(at: 3),
            description: try row.decode(at: 4), primaryField: try row.decode(at: 5), secondaryFields: try row.decode(at: 6),
            keywords: try row.decode(at: 7), trlMin: try row.decode(at: 8), trlMax: try row.decode(at: 9),
            ipRequired: try row.words(at: 10), partnerships: try row.words(at: 11), scope: try row.word(at: 12),
            targetCountries: try row.decode(at: 13), deadline: try row.decode(at: 14), visibility: try row.word(at: 15),
            organisation: try row.decode(at: 16), contact: try row.decode(at: 17), status: try row.word(PostingStatus.self, at: 18))
        record.id = try row.decode(at: 0)
        record.cluster = try row.decode(at: 19)
        record.country = try row.decode(at: 20)
        record.publishedAt = try row.decode(at: 21)
        record.expiresAt = try row.decode(at: 22)
        record.renewals = try row.decode(at: 23)
        record.createdAt = try row.decode(at: 24)
        record.updatedAt = try row.decode(at: 25)
        return record
    }

    /// One need by id or ref, as `viewer` (an email, or nil for the public) may see it; `revealing` reads every
    /// detail regardless (for updates, which must not write back a redacted text).
    public static func show(
        _ idOrRef: String, viewer: String?, on connection: Connection, revealing: Bool = false
    ) async throws -> NeedRecord {
        try await PostingQueries.show(NeedStore.self, idOrRef, viewer: viewer, revealing: revealing, on: connection)
    }

    /// Needs matching the filter, newest first.
    public static func list(_ filter: PostingFilter, viewer: String?, on connection: Connection) async throws -> [NeedRecord] {
        try await PostingQueries.list(NeedStore.self, filter, viewer: viewer, on: connection)
    }

    /// Validates and inserts a new need (status draft or published); returns it as stored.
    /// - Throws: `ValidationFailure` naming each broken rule; nothing is written then.
    public static func post(_ need: NeedRecord, on connection: Connection) async throws -> NeedRecord {
        let known = try await KnownReferences.load(on: connection)
        var problems = validate(need, known: known)
        if let status = need.status, !status.isImportable {
            problems.append(Problem(field: "status", message: "a new need must be draft or published"))
        }
        guard problems.isEmpty else { throw ValidationFailure(problems) }
        let rows = try await connection.query(
            """
            insert into needs (ref, title, summary, description, primary_field, secondary_fields, keywords, trl_min, trl_max,
                               ip_required, partnerships, scope, target_countries, deadline, visibility, organisation_id,
                               contact_id, status, published_at, expires_at)
            select $1, $2, $3, $4, $5, $6::text[], $7::text[], $8, $9, $10::text[], $11::text[], $12, $13::text[], $14::date, $15,
                   (select id from organisations where slug = $16), (select id from people where email = $17),
                   $18, case when $18 = 'published' then now() end,
                   case when $18 = 'published' then now() + interval '365 days' end
            returning id
            """, parameters(need) + [(need.status ?? .draft).rawValue])
        guard let first = rows.first else { throw StoreError.notFound(.need, need.ref) }
        return try await show(String(try first.decode(Int64.self, at: 0)), viewer: need.contact, on: connection)
    }

    /// Replaces a need's editable fields (not its status or dates) after validating the result.
    public static func update(id: Int64, to need: NeedRecord, on connection: Connection) async throws {
        let known = try await KnownReferences.load(on: connection)
        let problems = validate(need, known: known)
        guard problems.isEmpty else { throw ValidationFailure(problems) }
        try await connection.execute(
            """
            update needs set ref = $1, title = $2, summary = $3, description = $4, primary_field = $5, secondary_fields = $6::text[],
                   keywords = $7::text[], trl_min = $8, trl_max = $9, ip_required = $10::text[], partnerships = $11::text[],
                   scope = $12, target_countries = $13::text[], deadline = $14::date, visibility = $15,
                   organisation_id = (select id from organisations where slug = $16),
                   contact_id = (select id from people where email = $17)
            where id = $18
            """, parameters(need) + [id])
    }

    static func parameters(_ need: NeedRecord) -> [any PostgresEncodable] {
        [
            need.ref, need.title, need.summary, need.description, need.primaryField, need.secondaryFields, need.keywords,
            need.trlMin, need.trlMax, need.ipRequired.map(\.rawValue), need.partnerships.map(\.rawValue), need.scope.rawValue,
            need.targetCountries, need.deadline, need.visibility.rawValue, need.organisation, need.contact,
        ]
    }
}
