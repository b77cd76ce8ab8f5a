public import Postgres

/// How one run of a job ended, as the worker records it.
public struct JobResult: Sendable, Equatable {
    /// What happened.
    public enum Outcome: Sendable, Equatable {
        /// The handler finished.
        case succeeded
        /// The handler failed; the job runs again after `retryIn` seconds unless its attempts are used up.
        case failed(error: String, retryIn: Double)
        /// The handler failed and said the job must never be retried.
        case discarded(error: String)
        /// The handler asked to run again after `seconds`; the run does not count as an attempt.
        case snoozed(seconds: Double)
        /// The worker gave the job back unfinished (shutdown); it does not count as an attempt and runs again at once.
        case released(reason: String)
    }

    /// The job.
    public var jobID: Int64
    /// The run's attempt number (with the owner, the run's identity).
    public var attempt: Int
    /// What happened.
    public var outcome: Outcome

    /// Records how the run numbered `attempt` of job `jobID` ended.
    public init(jobID: Int64, attempt: Int, outcome: Outcome) {
        self.jobID = jobID
        self.attempt = attempt
        self.outcome = outcome
    }
}

/// What a batch of results changed.
public struct JobFinishReport: Sendable, Equatable {
    /// The jobs whose result was recorded, with their new state.
    public var recorded: [Int64: JobState] = [:]
    /// Jobs whose result was ignored because the run is no longer the current one (rescued, cancelled, or finished
    /// in the handler's own transaction).
    public var stale: [Int64] = []
}

extension JobQueue {
    /// Records a batch of results of `owner`'s runs in at most two statements: one for successes, one for the rest.
    ///
    /// Each row changes only if the job is still `running` under this owner and attempt; otherwise the result is
    /// stale and ignored. Failed runs append `{attempt, at, worker, error}` to the job's errors and go back to
    /// `pending` after their backoff, or to `discarded` once `attempt >= max_attempts`. A job going back to pending
    /// while a newer pending job has the same unique key is `cancelled` (the newer one does the work). Jobs that
    /// become runnable at once are announced with NOTIFY.
    /// - Throws: `PostgresError`; nothing is recorded for the statement that failed.
    @discardableResult
    public static func finish(
        _ results: [JobResult], owner: String, on connection: Connection, file: String = #fileID, line: Int = #line
    ) async throws -> JobFinishReport {
        var report = JobFinishReport()
        let successes = results.filter { $0.outcome == .succeeded }
        if !successes.isEmpty {
            let rows = try await connection.query(
                """
                update jobs j set state = 'succeeded', finished_at = now(), lease_expires_at = null
                from unnest($1::bigint[], $2::int[]) as u(id, attempt)
                where j.id = u.id and j.attempt = u.attempt and j.owner = $3 and j.state = 'running'
                returning j.id
                """,
                [successes.map(\.jobID), successes.map(\.attempt), owner], file: file, line: line)
            for row in rows { report.recorded[try row.decode(Int64.self, at: 0)] = .succeeded }
        }
        let others = results.filter { $0.outcome != .succeeded }
        if !others.isEmpty {
            var kinds: [String] = [], delays: [Double] = [], errors: [String?] = []
            for result in others {
                switch result.outcome {
                case .succeeded: continue
                case .failed(let error, let retryIn): kinds.append("retry"); delays.append(retryIn); errors.append(error)
                case .discarded(let error): kinds.append("discard"); delays.append(0); errors.append(error)
                case .snoozed(let seconds): kinds.append("snooze"); delays.append(seconds); errors.append(nil)
                case .released(let reason): kinds.append("release"); delays.append(0); errors.append(reason)
                }
            }
            let rows = try await connection.query(
                """
                with input as (
                    select * from unnest($1::bigint[], $2::int[], $3::text[], $4::float8[], $5::text[])
                        as u(id, attempt, outcome, delay, error)
                ), decided as (
                    select j.id, u.attempt, u.delay, u.error, u.outcome in ('snooze', 'release') as refund,
                        case
                            when u.outcome = 'discard' then 'discarded'
                            when u.outcome = 'retry' and j.attempt >= j.max_attempts then 'discarded'
                            when j.unique_key is not null and exists (
                                select 1 from jobs o where o.unique_key = j.unique_key and o.state = 'pending'
                            ) then 'cancelled'
                            else 'pending'
                        end as state
                    from input u join jobs j on j.id = u.id
                    where j.owner = $6 and j.attempt = u.attempt and j.state = 'running'
                    for update of j
                ), changed as (
                    update jobs j set
                        state = d.state,
                        run_at = case when d.state = 'pending' then now() + d.delay * interval '1 second' else j.run_at end,
                        max_attempts = j.max_attempts + case when d.refund then 1 else 0 end,
                        finished_at = case when d.state = 'pending' then null else now() end,
                        lease_expires_at = null,
                        errors = case when d.error is null then j.errors else j.errors || jsonb_build_array(jsonb_build_object(
                            'attempt', d.attempt, 'at', now(), 'worker', $6::text, 'error', d.error)) end
                    from decided d
                    where j.id = d.id
                    returning j.id, j.state, j.queue, d.delay
                )
                select id, state, (select count(*) from (
                    select pg_notify('\(channel)', q) from (
                        select distinct queue from changed where state = 'pending' and delay <= 0) as runnable(q)) as n)
                from changed
                """,
                [others.map(\.jobID), others.map(\.attempt), kinds, delays, errors, owner], file: file, line: line)
            for row in rows {
                report.recorded[try row.decode(Int64.self, at: 0)] = JobState(rawValue: try row.decode(String.self, at: 1))
            }
        }
        report.stale = results.map(\.jobID).filter { report.recorded[$0] == nil }
        return report
    }
}
