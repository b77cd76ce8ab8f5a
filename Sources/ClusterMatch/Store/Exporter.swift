public import Postgres

/// What an export writes.
public enum ExportKind: String, Sendable, Hashable, CaseIterable {
    /// Seeds, as `SeedRecord`s.
    case seeds
    /// Needs, as `NeedRecord`s.
    case needs
}

/// Streams seeds or needs out of the database as CSV or JSON Lines (the shapes `Importer` reads, plus the
/// output-only fields), a batch of rows at a time in id order.
///
/// Confidential postings are written with their title and summary only (empty description, no keywords) unless
/// the viewer may see their details, as decided by the SQL function `can_see_details` (sql/0003_visibility.sql).
public struct Exporter: Sendable {
    /// Only postings with this status; nil for all.
    public var status: PostingStatus?
    /// The email of the person the export is for; nil for nobody in particular (no confidential details).
    public var viewer: String?
    /// Rows fetched per query (keyset pagination by id).
    public var batchSize: Int

    /// Creates an exporter.
    public init(status: PostingStatus? = nil, viewer: String? = nil, batchSize: Int = 5_000) {
        self.status = status
        self.viewer = viewer
        self.batchSize = batchSize
    }

    /// Writes every matching posting to `sink`, a batch of encoded bytes at a time (the CSV header comes first).
    ///
    /// Queries run on the connection's thread, each in its own snapshot; encoding runs on the calling task.
    /// Cancelling the task cancels the running query.
    /// - Parameters:
    ///   - kind: Seeds or needs.
    ///   - format: CSV or JSON Lines.
    ///   - connection: An open connection.
    ///   - sink: Receives the output in order.
    /// - Returns: The number of records written.
    /// - Throws: `ValidationFailure` when `viewer` is not a known person; `PostgresError`; whatever `sink` throws.
    @discardableResult
    public func export(
        _ kind: ExportKind, format: RecordFormat, from connection: Connection, to sink: ([UInt8]) throws -> Void
    ) async throws -> Int {
        if let viewer {
            let found = try await connection.query("select 1 from people where email = $1", [viewer])
            if found.isEmpty {
                throw ValidationFailure([Problem(field: "as", message: "unknown person \"\(viewer)\"")])
            }
        }
        switch kind {
        case .seeds: return try await write(format: format, sink: sink) { try await seeds(after: $0, from: connection) }
        case .needs: return try await write(format: format, sink: sink) { try await needs(after: $0, from: connection) }
        }
    }

    private func write<R: RecordShape & Identified>(
        format: RecordFormat, sink: ([UInt8]) throws -> Void, batch: (Int64) async throws -> [R]
    ) async throws -> Int {
        if format == .csv { try sink(Array(RecordWriter.csvHeader(R.self).utf8)) }
        var lastID: Int64 = 0
        var count = 0
        while true {
            let records = try await batch(lastID)
            guard let last = records.last else { break }
            switch format {
            case .jsonLines: try sink(RecordWriter.jsonLines(records))
            case .csv:
                var out: [UInt8] = []
                for record in records { RecordWriter.appendCSVRow(record, to: &out) }
                try sink(out)
            }
            count += records.count
            lastID = last.id ?? lastID
            if records.count < batchSize { break }
        }
        return count
    }

    /// One batch of seeds with ids above `id`, in id order, redacted for the viewer.
    /// - Throws: `PostgresError`, or `PostgresDecodingError` for a value this binary does not know.
    public func seeds(after id: Int64, from connection: Connection) async throws -> [SeedRecord] {
        let rows = try await connection.query(Self.seedsSQL, [viewer, id, status?.rawValue, batchSize])
        return try rows.map { row in
            var seed = SeedRecord(
                ref: try row.decode(at: 1), title: try row.decode(at: 2), summary: try row.decode(at: 3),
                description: try row.decode(at: 4), primaryField: try row.decode(at: 5),
                secondaryFields: try row.decode(at: 6), keywords: try row.decode(at: 7), trl: try row.decode(at: 8),
                ipStatus: try vocabulary(row, 9), ipScope: try row.decode(String?.self, at: 10).map { try word($0, 10, row) },
                partnerships: try row.decode([String].self, at: 11).map { try word($0, 11, row) },
                visibility: try vocabulary(row, 12), organisation: try row.decode(at: 13),
                coordinator: try row.decode(at: 14), status: try vocabulary(row, 15))
            seed.id = try row.decode(at: 0)
            try decodeOutputFields(row, from: 16, cluster: &seed.cluster, country: &seed.country,
                publishedAt: &seed.publishedAt, expiresAt: &seed.expiresAt, renewals: &seed.renewals,
                createdAt: &seed.createdAt, updatedAt: &seed.updatedAt)
            return seed
        }
    }

    /// One batch of needs with ids above `id`, in id order, redacted for the viewer.
    /// - Throws: `PostgresError`, or `PostgresDecodingError` for a value this binary does not know.
    public func needs(after id: Int64, from connection: Connection) async throws -> [NeedRecord] {
        let rows = try await connection.query(Self.needsSQL, [viewer, id, status?.rawValue, batchSize])
        return try rows.map { row in
            var need = NeedRecord(
                ref: try row.decode(at: 1), title: try row.decode(at: 2), summary: try row.decode(at: 3),
                description: try row.decode(at: 4), primaryField: try row.decode(at: 5),
                secondaryFields: try row.decode(at: 6), keywords: try row.decode(at: 7), trlMin: try row.decode(at: 8),
                trlMax: try row.decode(at: 9), ipRequired: try row.decode([String].self, at: 10).map { try word($0, 10, row) },
                partnerships: try row.decode([String].self, at: 11).map { try word($0, 11, row) },
                scope: try vocabulary(row, 12), targetCountries: try row.decode(at: 13), deadline: try row.decode(at: 14),
                visibility: try vocabulary(row, 15), organisation: try row.decode(at: 16), contact: try row.decode(at: 17),
                status: try vocabulary(row, 18))
            need.id = try row.decode(at: 0)
            try decodeOutputFields(row, from: 19, cluster: &need.cluster, country: &need.country,
                publishedAt: &need.publishedAt, expiresAt: &need.expiresAt, renewals: &need.renewals,
                createdAt: &need.createdAt, updatedAt: &need.updatedAt)
            return need
        }
    }

    private func decodeOutputFields(
        _ row: Row, from column: Int, cluster: inout String?, country: inout String?, publishedAt: inout String?,
        expiresAt: inout String?, renewals: inout Int?, createdAt: inout String?, updatedAt: inout String?
    ) throws {
        cluster = try row.decode(at: column)
        country = try row.decode(at: column + 1)
        publishedAt = try row.decode(at: column + 2)
        expiresAt = try row.decode(at: column + 3)
        renewals = try row.decode(at: column + 4)
        createdAt = try row.decode(at: column + 5)
        updatedAt = try row.decode(at: column + 6)
    }

    private func vocabulary<V: Vocabulary>(_ row: Row, _ column: Int) throws -> V {
        try word(try row.decode(String.self, at: column), column, row)
    }

    private func word<V: Vocabulary>(_ text: String, _ column: Int, _ row: Row) throws -> V {
        guard let value = V(rawValue: text) else {
            throw PostgresDecodingError(column: "\(column)", type: "\(V.self)", reason: .invalidText(text))
        }
        return value
    }

    /// ISO 8601 in UTC to the second (the session's time zone is UTC).
    private static func timestamp(_ column: String) -> String {
        "to_char(\(column), 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
    }

    /// The output-only columns shared by seeds and needs, for posting alias `s`.
    private static let outputColumns = """
        c.slug, o.country, \(timestamp("s.published_at")), \(timestamp("s.expires_at")), s.renewals, \
        \(timestamp("s.created_at")), \(timestamp("s.updated_at"))
        """

    /// `$1` viewer, `$2` last id, `$3` status or null, `$4` batch size.
    static let seedsSQL = """
        select s.id, s.ref, s.title, s.summary, case when v.shown then s.description else '' end, s.primary_field,
            s.secondary_fields, case when v.shown then s.keywords else '{}' end, s.trl, s.ip_status, s.ip_scope,
            s.partnerships, s.visibility, o.slug, p.email, s.status, \(outputColumns)
        from seeds s
        join organisations o on o.id = s.organisation_id
        left join clusters c on c.id = o.cluster_id
        left join people p on p.id = s.coordinator_id
        cross join lateral (select case when s.visibility = 'public' then true
            else can_see_details($1::text, 'seed', s.organisation_id) end as shown) v
        where s.id > $2 and ($3::text is null or s.status = $3::text)
        order by s.id
        limit $4
        """

    /// `$1` viewer, `$2` last id, `$3` status or null, `$4` batch size.
    static let needsSQL = """
        select s.id, s.ref, s.title, s.summary, case when v.shown then s.description else '' end, s.primary_field,
            s.secondary_fields, case when v.shown then s.keywords else '{}' end, s.trl_min, s.trl_max, s.ip_required,
            s.partnerships, s.scope, s.target_countries, s.deadline::text, s.visibility, o.slug, p.email, s.status,
            \(outputColumns)
        from needs s
        join organisations o on o.id = s.organisation_id
        left join clusters c on c.id = o.cluster_id
        left join people p on p.id = s.contact_id
        cross join lateral (select case when s.visibility = 'public' then true
            else can_see_details($1::text, 'need', s.organisation_id) end as shown) v
        where s.id > $2 and ($3::text is null or s.status = $3::text)
        order by s.id
        limit $4
        """
}

/// A record with a database id (for keyset pagination).
protocol Identified {
    var id: Int64? { get }
}

extension SeedRecord: Identified {}
extension NeedRecord: Identified {}
