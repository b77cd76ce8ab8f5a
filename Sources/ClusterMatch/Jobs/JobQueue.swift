import Foundation
public import Postgres

/// The PostgreSQL job queue (`sql/0010_jobs.sql`): enqueue, claim, finish, leases, and the operator's actions.
///
/// Every function runs one or two statements on the given connection, on that connection's own thread, and never
/// opens a transaction of its own, so enqueueing inside a caller's `withTransaction` makes the job part of that
/// transaction: it exists (and wakes the workers) only if the transaction commits. Cancelling the calling task sends
/// a cancel request to the server; the statement then fails with SQLSTATE `57014`.
public enum JobQueue {
    /// The LISTEN/NOTIFY channel; the payload of each notification is a queue name.
    public static let channel = "clustermatch_jobs"

    /// Enqueues one job, in the connection's current transaction if there is one.
    /// - Returns: the new job's id, or nil when a pending job with the same unique key already exists.
    /// - Throws: `PostgresError` (for example `23514` for a malformed kind or queue name).
    @discardableResult
    public static func enqueue(
        _ job: NewJob, on connection: Connection, file: String = #fileID, line: Int = #line
    ) async throws -> Int64? {
        try await connection.query(
            """
            insert into jobs (queue, kind, payload, priority, run_at, max_attempts, unique_key)
            values ($1, $2, $3::jsonb, $4, coalesce($5::timestamptz, now()), $6, $7)
            on conflict (unique_key) where state = 'pending' and unique_key is not null do nothing
            returning id
            """,
            [job.queue, job.kind, job.payload, job.priority, job.runAt, job.maxAttempts, job.uniqueKey], file: file, line: line
        ).first?.decode(Int64.self, at: 0)
    }

    /// Enqueues many jobs in one statement (one notification per queue).
    /// - Returns: how many were inserted (jobs whose unique key is already pending are skipped).
    @discardableResult
    public static func enqueue(
        _ jobs: [NewJob], on connection: Connection, file: String = #fileID, line: Int = #line
    ) async throws -> Int {
        guard !jobs.isEmpty else { return 0 }
        return try await connection.execute(
            """
            insert into jobs (queue, kind, payload, priority, run_at, max_attempts, unique_key)
            select q, k, p::jsonb, pr, coalesce(r, now()), m, u
            from unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::timestamptz[], $6::int[], $7::text[])
                as t(q, k, p, pr, r, m, u)
            on conflict (unique_key) where state = 'pending' and unique_key is not null do nothing
            """,
            [jobs.map(\.queue), jobs.map(\.kind), jobs.map(\.payload), jobs.map(\.priority), jobs.map(\.runAt),
             jobs.map(\.maxAttempts), jobs.map(\.uniqueKey)],
            file: file, line: line)
    }

    /// Claims up to `limit` runnable jobs of `queue` for `owner` in one short statement (`FOR UPDATE SKIP LOCKED`,
    /// so concurrent workers never wait for or take each other's jobs), highest priority first.
    ///
    /// Each claimed job is `running`, its attempt is one higher and its lease ends after `lease` unless the owner's
    /// heartbeat renews it. A job with a unique key waits while another job with the same key runs, so two runs for
    /// the same key never overlap. Nothing stays locked after the statement: no transaction is open while the jobs run.
    /// With `kind`, only jobs of that kind are claimed (a handler taking companions, `JobContext.claimCompanions`).
    public static func claim(
        queue: String, kind: String? = nil, limit: Int, owner: String, lease: Duration, on connection: Connection,
        file: String = #fileID, line: Int = #line
    ) async throws -> [Job] {
        guard limit > 0 else { return [] }
        let rows = try await connection.query(
            """
            with picked as (
                select id from jobs p
                where state = 'pending' and queue = $1 and run_at <= now() and ($5::text is null or kind = $5)
                  and (unique_key is null or not exists (
                      select 1 from jobs r where r.unique_key = p.unique_key and r.state = 'running'))
                order by priority desc, run_at, id
                limit $2
                for update skip locked
            )
            update jobs j
            set state = 'running', owner = $3, attempt = j.attempt + 1, attempted_at = now(),
                lease_expires_at = now() + $4 * interval '1 millisecond'
            from picked
            where j.id = picked.id
            returning j.id, j.queue, j.kind, j.payload::text, j.priority, j.attempt, j.max_attempts, j.unique_key,
                j.created_at
            """,
            [queue, limit, owner, lease.milliseconds, kind], file: file, line: line)
        var jobs: [Job] = []
        jobs.reserveCapacity(rows.count)
        for row in rows {
            jobs.append(
                Job(
                    id: try row.decode(at: 0), queue: try row.decode(at: 1), kind: try row.decode(at: 2),
                    payloadText: try row.decode(at: 3), priority: try row.decode(at: 4), attempt: try row.decode(at: 5),
                    maxAttempts: try row.decode(at: 6), uniqueKey: try row.decode(at: 7), owner: owner,
                    createdAt: try row.decode(at: 8)))
        }
        jobs.sort { ($0.priority, -$0.id) > ($1.priority, -$1.id) }
        return jobs
    }
}

extension Duration {
    /// The duration in seconds, fractions included.
    public var inSeconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }

    /// Whole milliseconds (rounded down), for SQL intervals.
    var milliseconds: Int {
        let (seconds, attoseconds) = components
        return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
    }
}
