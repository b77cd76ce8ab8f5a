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

    /// One batch of seeds with ids above `id`, in id order, redacted for the viewer (`SeedStore`'s query and decoding).
    /// - Throws: `PostgresError`, or `PostgresDecodingError` for a value this binary does not know.
    public func seeds(after id: Int64, from connection: Connection) async throws -> [SeedRecord] {
        try await connection.query(
            SeedStore.selectSQL(where: PostingQueries.batchCondition),
            [viewer, id, status?.rawValue, batchSize]
        ).map(SeedStore.record)
    }

    /// One batch of needs with ids above `id`, in id order, redacted for the viewer (`NeedStore`'s query and decoding).
    /// - Throws: `PostgresError`, or `PostgresDecodingError` for a value this binary does not know.
    public func needs(after id: Int64, from connection: Connection) async throws -> [NeedRecord] {
        try await connection.query(
            NeedStore.selectSQL(where: PostingQueries.batchCondition),
            [viewer, id, status?.rawValue, batchSize]
        ).map(NeedStore.record)
    }
}

/// A record with a database id (for keyset pagination).
protocol Identified {
    var id: Int64? { get }
}

extension SeedRecord: Identified {}
extension NeedRecord: Identified {}
