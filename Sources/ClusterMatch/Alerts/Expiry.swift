public import Postgres

/// What one expiry run did.
public struct ExpiryReport: Sendable, Equatable {
    /// Postings that got their 14-day notice now.
    public var noticed = 0
    /// Postings moved from published to expired.
    public var expired = 0
    /// Postings moved from expired to archived (two years after expiry).
    public var archived = 0

    /// A report of nothing done.
    public init() {}
}

/// Posting expiry: a notice 14 days before, expiry on the date, archiving two years after it.
public enum Expiry {
    /// How long before expiry the notice goes out.
    public static let noticeDays = 14
    /// How long after expiry a posting is archived.
    public static let archiveAfterYears = 2

    /// Runs the three steps for seeds and needs on `connection`, in the caller's transaction (the `postings.expiry`
    /// job runs it inside ``JobContext/completeInTransaction(_:)``). Idempotent: a notice is written once per posting
    /// and expiry date (a renewed posting gets a new one), and each status change happens once; expiring or archiving
    /// enqueues the posting's re-match through the triggers of `0011_posting_jobs.sql`.
    ///
    /// Notices and expiry messages go to the inbox of the seed's coordinator or the need's contact (or `org:<slug>`
    /// when none is set).
    public static func run(on connection: Connection) async throws -> ExpiryReport {
        var report = ExpiryReport()
        for kind in PostingKind.allCases {
            let table = kind.table
            let person = kind.personColumn
            let item = kind.rawValue
            report.noticed += try await connection.execute(
                """
                insert into notifications (recipient, kind, subject, body, dedup_key)
                select coalesce(p.email, 'org:' || o.slug), 'expiry-notice',
                    '\(item) ' || t.ref || ' expires on ' || to_char(t.expires_at, 'YYYY-MM-DD'),
                    jsonb_build_object('item', '\(item)', 'id', t.id, 'ref', t.ref, 'title', t.title, 'expires_at', t.expires_at),
                    'expiry-notice:\(item):' || t.id || ':' || to_char(t.expires_at, 'YYYY-MM-DD')
                from \(table) t join organisations o on o.id = t.organisation_id left join people p on p.id = t.\(person)
                where t.status = 'published' and t.expires_at > now() and t.expires_at <= now() + make_interval(days => $1)
                order by t.id
                on conflict (dedup_key) do nothing
                """, [noticeDays])
            let expired = try await connection.query(
                """
                with changed as (
                    update \(table) set status = 'expired' where status = 'published' and expires_at <= now()
                    returning id, ref, title, expires_at, organisation_id, \(person) as person_id
                )
                insert into notifications (recipient, kind, subject, body, dedup_key)
                select coalesce(p.email, 'org:' || o.slug), 'expired', '\(item) ' || c.ref || ' has expired',
                    jsonb_build_object('item', '\(item)', 'id', c.id, 'ref', c.ref, 'title', c.title, 'expires_at', c.expires_at),
                    'expired:\(item):' || c.id || ':' || to_char(c.expires_at, 'YYYY-MM-DD')
                from changed c join organisations o on o.id = c.organisation_id left join people p on p.id = c.person_id
                on conflict (dedup_key) do nothing
                returning 1
                """)
            report.expired += expired.count
            report.archived += try await connection.execute(
                """
                update \(table) set status = 'archived'
                where status = 'expired' and expires_at <= now() - make_interval(years => $1)
                """, [archiveAfterYears])
        }
        return report
    }
}
