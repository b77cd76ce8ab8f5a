public import Foundation
public import Postgres

/// A job as `clustermatch jobs list` shows it.
public struct JobSummary: Sendable, Equatable {
    /// The job's id.
    public var id: Int64
    /// Its queue.
    public var queue: String
    /// Its kind.
    public var kind: String
    /// Its state.
    public var state: JobState
    /// Higher runs first.
    public var priority: Int
    /// Runs so far (claims).
    public var attempt: Int
    /// Runs it gets in all.
    public var maxAttempts: Int
    /// Not before this time.
    public var runAt: Date
    /// The worker that claimed it last.
    public var owner: String?
    /// Its unique key, if any.
    public var uniqueKey: String?
    /// When it was enqueued.
    public var createdAt: Date
    /// When it reached a final state.
    public var finishedAt: Date?
    /// The payload as JSON text.
    public var payload: String
    /// The errors of the failed runs as a JSON array.
    public var errors: String
    /// The latest error message, if any.
    public var lastError: String?
}

/// The count of jobs per queue and state, and how late the queue runs.
public struct QueueStats: Sendable, Equatable {
    /// The queue.
    public var queue: String
    /// Jobs per state.
    public var counts: [JobState: Int]
    /// Pending jobs whose run_at has passed.
    public var runnable: Int
    /// Seconds since the oldest runnable job's run_at (0 when none waits).
    public var lagSeconds: Double
}

/// A worker process as `clustermatch worker status` shows it.
public struct WorkerStatus: Sendable, Equatable {
    /// The worker's id.
    public var id: String
    /// Its host.
    public var host: String
    /// Its process id.
    public var pid: Int
    /// Its version text.
    public var version: String
    /// Its queues and slots as JSON text.
    public var queues: String
    /// When it started.
    public var startedAt: Date
    /// Its last heartbeat.
    public var heartbeatAt: Date
    /// Seconds since that heartbeat.
    public var secondsSinceHeartbeat: Double
    /// Whether it is draining after SIGTERM.
    public var isStopping: Bool
    /// Jobs running under it.
    public var runningJobs: Int
}

extension JobQueue {
    /// Cancels a pending or running job. A running job's worker finds out at its next heartbeat; whatever its run
    /// then reports is ignored, and a handler's own transaction (``JobContext/completeInTransaction(_:)``) rolls back.
    /// - Returns: whether the job was pending or running.
    @discardableResult
    public static func cancel(_ id: Int64, on connection: Connection, file: String = #fileID, line: Int = #line) async throws -> Bool {
        try await connection.execute(
            """
            update jobs set state = 'cancelled', finished_at = now(), lease_expires_at = null
            where id = $1 and state in ('pending', 'running')
            """, [id], file: file, line: line) == 1
    }

    /// Discards a pending or running job (like cancel, but it reads as given up).
    @discardableResult
    public static func discard(_ id: Int64, on connection: Connection, file: String = #fileID, line: Int = #line) async throws -> Bool {
        try await connection.execute(
            """
            update jobs set state = 'discarded', finished_at = now(), lease_expires_at = null,
                errors = errors || jsonb_build_array(jsonb_build_object('attempt', attempt, 'at', now(), 'worker', null,
                    'error', 'discarded by an operator'))
            where id = $1 and state in ('pending', 'running')
            """, [id], file: file, line: line) == 1
    }

    /// Makes a discarded or cancelled job (or a pending one, sooner) run again now, with one more attempt if it had
    /// used them all. Its errors are kept.
    /// - Returns: whether the job was changed (false when it is running, succeeded, missing, or its unique key is
    ///   already pending).
    @discardableResult
    public static func retry(_ id: Int64, on connection: Connection, file: String = #fileID, line: Int = #line) async throws -> Bool {
        let changed = try await connection.query(
            """
            update jobs j set state = 'pending', run_at = now(), finished_at = null,
                max_attempts = greatest(j.max_attempts, j.attempt + 1)
            where j.id = $1 and j.state in ('pending', 'discarded', 'cancelled')
              and not (j.unique_key is not null and j.state <> 'pending' and exists (
                  select 1 from jobs o where o.unique_key = j.unique_key and o.state = 'pending'))
            returning j.queue
            """, [id], file: file, line: line)
        guard let queue = try changed.first?.decode(String.self, at: 0) else { return false }
        try await connection.notify(channel, payload: queue, file: file, line: line)
        return true
    }

    /// Deletes finished jobs: succeeded and cancelled ones older than `succeededAfter`, discarded ones older than
    /// `discardedAfter`; at most `limit` per call.
    /// - Returns: how many were deleted.
    @discardableResult
    public static func cleanup(
        succeededAfter: Duration, discardedAfter: Duration, limit: Int = 10_000, on connection: Connection,
        file: String = #fileID, line: Int = #line
    ) async throws -> Int {
        try await connection.execute(
            """
            delete from jobs where id in (
                select id from jobs
                where (state in ('succeeded', 'cancelled') and finished_at < now() - $1 * interval '1 millisecond')
                   or (state = 'discarded' and finished_at < now() - $2 * interval '1 millisecond')
                limit $3)
            """, [succeededAfter.milliseconds, discardedAfter.milliseconds, limit], file: file, line: line)
    }

    /// Counts jobs per queue and state, with each queue's lag.
    public static func stats(on connection: Connection, file: String = #fileID, line: Int = #line) async throws -> [QueueStats] {
        let rows = try await connection.query(
            """
            select queue, state, count(*)::bigint,
                count(*) filter (where state = 'pending' and run_at <= now())::bigint,
                coalesce(extract(epoch from now() - min(run_at) filter (where state = 'pending' and run_at <= now())), 0)::float8
            from jobs group by queue, state order by queue, state
            """, file: file, line: line)
        var byQueue: [String: QueueStats] = [:]
        for row in rows {
            let queue: String = try row.decode(at: 0)
            var stats = byQueue[queue] ?? QueueStats(queue: queue, counts: [:], runnable: 0, lagSeconds: 0)
            if let state = JobState(rawValue: try row.decode(String.self, at: 1)) { stats.counts[state] = try row.decode(Int.self, at: 2) }
            stats.runnable += try row.decode(Int.self, at: 3)
            stats.lagSeconds = max(stats.lagSeconds, try row.decode(Double.self, at: 4))
            byQueue[queue] = stats
        }
        return byQueue.values.sorted { $0.queue < $1.queue }
    }

    /// Lists jobs, newest first, optionally only one state, queue or kind.
    public static func list(
        state: JobState? = nil, queue: String? = nil, kind: String? = nil, limit: Int = 50, on connection: Connection,
        file: String = #fileID, line: Int = #line
    ) async throws -> [JobSummary] {
        try await summaries(
            "where ($1::text is null or state = $1) and ($2::text is null or queue = $2) and ($3::text is null or kind = $3) order by id desc limit $4",
            [state?.rawValue, queue, kind, limit], on: connection, file: file, line: line)
    }

    /// One job, or nil.
    public static func job(_ id: Int64, on connection: Connection, file: String = #fileID, line: Int = #line) async throws -> JobSummary? {
        try await summaries("where id = $1", [id], on: connection, file: file, line: line).first
    }

    private static func summaries(
        _ condition: String, _ parameters: [any PostgresEncodable], on connection: Connection, file: String, line: Int
    ) async throws -> [JobSummary] {
        try await connection.query(
            """
            select id, queue, kind, state, priority, attempt, max_attempts, run_at, owner, unique_key, created_at,
                finished_at, payload::text, errors::text, errors -> -1 ->> 'error'
            from jobs \(condition)
            """, parameters, file: file, line: line
        ).map { row in
            JobSummary(
                id: try row.decode(at: 0), queue: try row.decode(at: 1), kind: try row.decode(at: 2),
                state: JobState(rawValue: try row.decode(String.self, at: 3)) ?? .pending, priority: try row.decode(at: 4),
                attempt: try row.decode(at: 5), maxAttempts: try row.decode(at: 6), runAt: try row.decode(at: 7),
                owner: try row.decode(at: 8), uniqueKey: try row.decode(at: 9), createdAt: try row.decode(at: 10),
                finishedAt: try row.decode(at: 11), payload: try row.decode(at: 12), errors: try row.decode(at: 13),
                lastError: try row.decode(at: 14))
        }
    }

    /// The registered worker processes with their heartbeats and running jobs.
    public static func workers(on connection: Connection, file: String = #fileID, line: Int = #line) async throws -> [WorkerStatus] {
        try await connection.query(
            """
            select w.id, w.host, w.pid, w.version, w.queues::text, w.started_at, w.heartbeat_at,
                extract(epoch from now() - w.heartbeat_at)::float8, w.stopping,
                (select count(*) from jobs j where j.owner = w.id and j.state = 'running')::bigint
            from workers w order by w.started_at
            """, file: file, line: line
        ).map { row in
            WorkerStatus(
                id: try row.decode(at: 0), host: try row.decode(at: 1), pid: try row.decode(at: 2), version: try row.decode(at: 3),
                queues: try row.decode(at: 4), startedAt: try row.decode(at: 5), heartbeatAt: try row.decode(at: 6),
                secondsSinceHeartbeat: try row.decode(at: 7), isStopping: try row.decode(at: 8), runningJobs: try row.decode(at: 9))
        }
    }
}
