public import Postgres

/// A worker process as it registers itself in the `workers` table.
public struct WorkerIdentity: Sendable, Equatable {
    /// Unique per process (`host:pid:random`).
    public var id: String
    /// The machine's host name.
    public var host: String
    /// The process id.
    public var pid: Int
    /// The binary's version text.
    public var version: String
    /// The queues it runs with their slot counts, as a JSON object.
    public var queuesJSON: String

    /// Describes a worker process.
    public init(id: String, host: String, pid: Int, version: String, queues: [String: Int]) {
        self.id = id
        self.host = host
        self.pid = pid
        self.version = version
        self.queuesJSON = JSONValue.object(queues.mapValues { .integer($0) }).jsonText
    }
}

/// A job whose lease ran out, as the rescuer changed it.
public struct RescuedJob: Sendable, Equatable {
    /// The job.
    public var id: Int64
    /// The owner whose lease ran out.
    public var formerOwner: String
    /// Its new state: `pending` (runs again after its backoff), `discarded` (attempts used up) or `cancelled`
    /// (a newer pending job has its unique key).
    public var state: JobState

    /// Describes a rescued job.
    public init(id: Int64, formerOwner: String, state: JobState) {
        self.id = id
        self.formerOwner = formerOwner
        self.state = state
    }
}

extension JobQueue {
    /// Records a heartbeat of `worker` and renews, in the same statement, the lease of every job it is running.
    ///
    /// - Parameters:
    ///   - isStopping: shown by `clustermatch worker status` while the worker drains.
    /// - Returns: the ids of the jobs still `running` under this owner; a job the worker runs that is missing here
    ///   was rescued or cancelled, and its result will be ignored.
    public static func heartbeat(
        _ worker: WorkerIdentity, lease: Duration, isStopping: Bool = false, on connection: Connection,
        file: String = #fileID, line: Int = #line
    ) async throws -> Set<Int64> {
        let rows = try await connection.query(
            """
            with beat as (  -- a data-modifying CTE always runs, referenced or not
                insert into workers (id, host, pid, version, queues, stopping)
                values ($1, $2, $3, $4, $5::jsonb, $6)
                on conflict (id) do update set heartbeat_at = now(), stopping = excluded.stopping
                returning id
            )
            update jobs set lease_expires_at = now() + $7 * interval '1 millisecond'
            where owner = $1 and state = 'running'
            returning id
            """,
            [worker.id, worker.host, worker.pid, worker.version, worker.queuesJSON, isStopping, lease.milliseconds],
            file: file, line: line)
        return Set(try rows.map { try $0.decode(Int64.self, at: 0) })
    }

    /// Removes a worker's row (at the end of a graceful shutdown).
    public static func unregister(workerID: String, on connection: Connection, file: String = #fileID, line: Int = #line) async throws {
        try await connection.execute("delete from workers where id = $1", [workerID], file: file, line: line)
    }

    /// Puts up to `limit` jobs whose lease has run out back in line (their worker died or lost the database) and
    /// forgets workers that have not beaten for `forgetWorkersAfter`.
    ///
    /// Each rescued run counts as a failed attempt: the job gets the error "lease expired" and the usual backoff
    /// (scaled by `backoff.scale`), or is discarded when its attempts are used up. Safe to run from every worker at
    /// once (`SKIP LOCKED`). A late result from the old owner is then stale, because the attempt no longer matches.
    public static func rescue(
        limit: Int = 1000, backoff: Backoff = Backoff(), forgetWorkersAfter: Duration = .seconds(3600),
        on connection: Connection, file: String = #fileID, line: Int = #line
    ) async throws -> [RescuedJob] {
        let rows = try await connection.query(
            """
            with decided as (
                select j.id, j.owner, j.attempt,
                    case
                        when j.attempt >= j.max_attempts then 'discarded'
                        when j.unique_key is not null and exists (
                            select 1 from jobs o where o.unique_key = j.unique_key and o.state = 'pending'
                        ) then 'cancelled'
                        else 'pending'
                    end as state
                from jobs j
                where j.state = 'running' and j.lease_expires_at < now()
                order by j.lease_expires_at
                limit $1
                for update skip locked
            ), changed as (
                update jobs j set
                    state = d.state,
                    run_at = case when d.state = 'pending'
                        then now() + least(power(d.attempt, 4), $3) * (0.9 + random() * 0.2) * $2 * interval '1 second'
                        else j.run_at end,
                    finished_at = case when d.state = 'pending' then null else now() end,
                    lease_expires_at = null,
                    errors = j.errors || jsonb_build_array(jsonb_build_object(
                        'attempt', d.attempt, 'at', now(), 'worker', d.owner,
                        'error', 'lease expired: the worker stopped renewing it (it died or lost the database)'))
                from decided d
                where j.id = d.id
                returning j.id, d.owner, j.state
            ), forgotten as (
                delete from workers where heartbeat_at < now() - $4 * interval '1 millisecond'
            )
            select id, owner, state from changed
            """,
            [limit, backoff.scale, Double(backoff.cap.milliseconds) / 1000, forgetWorkersAfter.milliseconds],
            file: file, line: line)
        return try rows.map {
            RescuedJob(
                id: try $0.decode(at: 0), formerOwner: try $0.decode(at: 1),
                state: JobState(rawValue: try $0.decode(String.self, at: 2)) ?? .pending)
        }
    }
}
