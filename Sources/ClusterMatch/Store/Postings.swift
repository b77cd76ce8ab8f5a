public import Postgres

/// Which kind of posting a lifecycle operation or query is about; names the table (from our code, never input).
public enum PostingKind: String, Sendable, CaseIterable {
    /// Technology offers.
    case seed
    /// Technology requests.
    case need

    var table: String { self == .seed ? "seeds" : "needs" }
    var personColumn: String { self == .seed ? "coordinator_id" : "contact_id" }
}

/// Lifecycle operations shared by seeds and needs, in SQL, with the same rules as the trigger.
public enum PostingLifecycle {
    /// The default publication period.
    public static let defaultDays = 365

    /// Finds a posting's id by numeric id or by reference code.
    /// - Throws: ``StoreError/notFound(_:_:)`` when there is none.
    public static func resolve(_ kind: PostingKind, _ idOrRef: String, on connection: Connection) async throws -> Int64 {
        let row = try await connection.query(
            "select id from \(kind.table) where ref = $1 or ($1 ~ '^[0-9]{1,18}$' and id = $1::bigint) order by ref = $1 desc limit 1",
            [idOrRef]
        ).first
        guard let row else { throw StoreError.notFound(kind, idOrRef) }
        return try row.decode(Int64.self, at: 0)
    }

    /// Publishes a draft (or republishes an expired posting) for `days` from now.
    public static func publish(_ kind: PostingKind, id: Int64, days: Int = defaultDays, on connection: Connection) async throws {
        try await transition(
            kind, id: id, to: .published, on: connection,
            sql: """
                update \(kind.table) set status = 'published', published_at = coalesce(published_at, now()),
                       expires_at = now() + make_interval(days => $2)
                where id = $1
                """,
            parameters: [id, days])
    }

    /// Withdraws a posting (from draft, published or expired); it is kept, never deleted.
    public static func withdraw(_ kind: PostingKind, id: Int64, on connection: Connection) async throws {
        try await transition(
            kind, id: id, to: .withdrawn, on: connection, sql: "update \(kind.table) set status = 'withdrawn' where id = $1",
            parameters: [id])
    }

    /// Renews a published or expired posting once, by up to 365 days past the later of now and its expiry.
    /// - Throws: ``StoreError/renewal(_:)`` when already renewed, not published or expired, or `days` out of range.
    public static func renew(_ kind: PostingKind, id: Int64, days: Int = defaultDays, on connection: Connection) async throws {
        guard (1...365).contains(days) else { throw StoreError.renewal("days must be between 1 and 365") }
        let row = try await connection.query("select status, renewals from \(kind.table) where id = $1", [id]).first
        guard let row else { throw StoreError.notFound(kind, String(id)) }
        let status = try row.decode(String.self, at: 0)
        guard status == "published" || status == "expired" else {
            throw StoreError.renewal("only a published or expired \(kind.rawValue) can be renewed (this one is \(status))")
        }
        guard try row.decode(Int.self, at: 1) == 0 else {
            throw StoreError.renewal("a \(kind.rawValue) can be renewed only once")
        }
        try await connection.execute(
            """
            update \(kind.table) set status = 'published', renewals = renewals + 1,
                   expires_at = greatest(expires_at, now()) + make_interval(days => $2)
            where id = $1
            """, [id, days])
    }

    private static func transition(
        _ kind: PostingKind, id: Int64, to next: PostingStatus, on connection: Connection,
        sql: String, parameters: [any PostgresEncodable]
    ) async throws {
        let row = try await connection.query("select status from \(kind.table) where id = $1", [id]).first
        guard let row else { throw StoreError.notFound(kind, String(id)) }
        let current = try row.word(PostingStatus.self, at: 0)
        guard current.canMove(to: next), current != next else {
            throw StoreError.transition(kind, from: current, to: next)
        }
        try await connection.execute(sql, parameters)
    }
}

/// A store operation that cannot proceed, in the user's terms.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    /// No posting with that id or ref.
    case notFound(PostingKind, String)
    /// No such organisation, cluster or person.
    case unknown(String, String)
    /// The lifecycle does not allow this step.
    case transition(PostingKind, from: PostingStatus, to: PostingStatus)
    /// A renewal rule.
    case renewal(String)

    public var description: String {
        switch self {
        case .notFound(let kind, let key): "no \(kind.rawValue) with id or ref \"\(key)\""
        case .unknown(let what, let key): "unknown \(what) \"\(key)\""
        case .transition(let kind, let from, let to): "a \(kind.rawValue) cannot go from \(from.rawValue) to \(to.rawValue)"
        case .renewal(let reason): reason
        }
    }
}

/// Reads one kind of posting: its select statement (the posting aliased `t`, its organisation `o`, cluster `c`,
/// person `p`; `$1` is the viewer) and its row decoding.
protocol PostingReader {
    associatedtype Record: Sendable
    static var kind: PostingKind { get }
    static func selectSQL(where condition: String, revealing: Bool) -> String
    static func record(_ row: Row) throws -> Record
}

/// The queries seeds and needs share, written once over `PostingReader`.
enum PostingQueries {
    /// Keyset batches for export: `$2` last id, `$3` status or null, `$4` batch size.
    static let batchCondition = "t.id > $2 and ($3::text is null or t.status = $3::text) order by t.id limit $4"

    static func show<Reader: PostingReader>(
        _ reader: Reader.Type, _ idOrRef: String, viewer: String?, revealing: Bool, on connection: Connection
    ) async throws -> Reader.Record {
        let id = try await PostingLifecycle.resolve(Reader.kind, idOrRef, on: connection)
        let row = try await connection.query(Reader.selectSQL(where: "t.id = $2", revealing: revealing), [viewer, id]).first
        guard let row else { throw StoreError.notFound(Reader.kind, idOrRef) }
        return try Reader.record(row)
    }

    static func list<Reader: PostingReader>(
        _ reader: Reader.Type, _ filter: PostingFilter, viewer: String?, on connection: Connection
    ) async throws -> [Reader.Record] {
        try await connection.query(
            Reader.selectSQL(
                where: """
                    ($2::text is null or t.status = $2) and ($3::text is null or t.primary_field = $3 or $3 = any (t.secondary_fields))
                    and ($4::text is null or o.slug = $4) and ($5::text is null or c.slug = $5)
                    order by t.id desc limit $6
                    """, revealing: false),
            [viewer, filter.status?.rawValue, filter.field, filter.organisation, filter.cluster, filter.limit]
        ).map(Reader.record)
    }
}
