public import Logging
public import Postgres
import Synchronization

/// What a handler tells the worker when it returns normally.
public enum JobOutcome: Sendable, Equatable {
    /// Done: the worker records success (in a batch with others).
    case succeeded
    /// Run again after this pause; the run does not count as an attempt.
    case snooze(Duration)
}

/// Errors a handler throws to steer retries; any other error is retried with backoff until the attempts run out.
public struct JobError: Error, Sendable, CustomStringConvertible {
    enum Kind: Sendable {
        case neverRetry
    }
    let kind: Kind
    /// What went wrong.
    public let message: String

    /// The job cannot succeed however often it runs (bad payload, item gone): discard it now, keeping this message.
    public static func neverRetry(_ message: String) -> JobError { JobError(kind: .neverRetry, message: message) }

    /// Whether the job must be discarded at once.
    public var isNeverRetry: Bool { kind == .neverRetry }

    public var description: String { message }
}

/// A job's run did not hold the job any more when it tried to record its effect (rescued after a lost lease,
/// cancelled, or already finished); its transaction was rolled back.
public struct JobLostError: Error, Sendable, CustomStringConvertible {
    /// The job.
    public let jobID: Int64
    public var description: String { "job \(jobID) is no longer held by this run; its transaction was rolled back" }
}

/// What a handler gets: the job, the worker's connection pool and logger, and a way to commit its effect together
/// with the job's completion.
public struct JobContext: Sendable {
    /// The claimed job (this run).
    public let job: Job
    /// The worker's pool; lease connections with `pool.withConnection { … }` and don't keep them.
    public let pool: ConnectionPool
    /// A logger carrying `job.id`, `job.kind` and `job.attempt`.
    public let logger: Logger
    /// The worker's lease, for companions (`claimCompanions`).
    public let lease: Duration
    private let run: RunRecord

    /// Creates a context (the worker does this for every run).
    public init(job: Job, pool: ConnectionPool, logger: Logger, lease: Duration = .seconds(30)) {
        self.job = job
        self.pool = pool
        self.logger = logger
        self.lease = lease
        self.run = RunRecord()
    }

    /// Whether ``completeInTransaction(_:)`` committed, so the job (and its companions) are already `succeeded`.
    public var isRecorded: Bool { run.state.withLock { $0.recorded } }

    /// The jobs this run took on besides its own (`claimCompanions`).
    public var companions: [Job] { run.state.withLock { $0.companions } }

    /// Claims up to `limit` more runnable jobs of this job's queue and kind for this run (the same owner and lease,
    /// renewed by the same heartbeat), so that a handler can do many queued jobs' work at once. They share this
    /// run's fate: ``completeInTransaction(_:)`` completes them with it; when the run ends any other way the worker
    /// records the same for them (a failure counts as an attempt of each; a snooze snoozes them), except that they
    /// are released, not counted, when the run was stopped, lost its job or was discarded for its own payload.
    public func claimCompanions(limit: Int) async throws -> [Job] {
        let job = self.job
        let lease = self.lease
        let claimed = try await pool.withConnection { connection in
            try await JobQueue.claim(queue: job.queue, kind: job.kind, limit: limit, owner: job.owner, lease: lease, on: connection)
        }
        run.state.withLock { $0.companions += claimed }
        return claimed
    }

    /// Records at once how a companion ended (one the handler cannot do, such as one with a bad payload) and drops
    /// it from this run's companions.
    public func finishCompanion(_ companion: Job, _ outcome: JobResult.Outcome) async throws {
        let owner = job.owner
        _ = try await pool.withConnection { connection in
            try await JobQueue.finish([JobResult(jobID: companion.id, attempt: companion.attempt, outcome: outcome)], owner: owner, on: connection)
        }
        run.state.withLock { $0.companions.removeAll { $0.id == companion.id } }
    }

    /// Runs `body` in a transaction that first locks the job and checks that this run still holds it (state
    /// `running`, same owner and attempt), and at the end marks the job `succeeded`: the effect and the completion
    /// commit together or not at all. This is how a handler makes its database effect happen exactly once even if
    /// its worker dies or loses its lease at any moment. Companions this run still holds are completed with it.
    ///
    /// Runs on a pooled connection's thread. A serialization failure or deadlock retries `body` (at most 3 runs).
    /// - Throws: ``JobLostError`` (after rolling back) when the run no longer holds the job; whatever `body` throws.
    @discardableResult
    public func completeInTransaction<T: Sendable>(
        _ body: @Sendable (isolated Connection) async throws -> T
    ) async throws -> T {
        let job = self.job
        let runs = [job] + companions
        let value = try await pool.withConnection { connection in
            try await connection.withTransaction { connection in
                let held = try await connection.query(
                    """
                    select j.id from jobs j join unnest($1::bigint[], $2::int[]) as u(id, attempt) on j.id = u.id and j.attempt = u.attempt
                    where j.owner = $3 and j.state = 'running'
                    order by j.id
                    for update of j
                    """, [runs.map(\.id), runs.map(\.attempt), job.owner]
                ).map { try $0.decode(Int64.self, at: 0) }
                guard held.contains(job.id) else { throw JobLostError(jobID: job.id) }
                let value = try await body(connection)
                try await connection.execute(
                    "update jobs set state = 'succeeded', finished_at = now(), lease_expires_at = null where id = any($1)", [held])
                return value
            }
        }
        run.state.withLock { $0.recorded = true }
        return value
    }
}

/// What one run has recorded and taken on (guarded by a mutex).
final class RunRecord: Sendable {
    let state = Mutex((recorded: false, companions: [Job]()))
}

/// The job handlers a worker knows, by job kind.
///
/// The worker builds one at start-up: ``registerStandardJobs(_:)`` adds the product's jobs; tests add theirs. A job
/// whose kind has no handler in a worker fails with a retryable error (another worker version may know it).
public struct JobRegistry: Sendable {
    /// A handler: it runs one job and returns how it ended, or throws (see ``JobError``).
    public typealias Handler = @Sendable (JobContext) async throws -> JobOutcome

    private var handlers: [String: Handler] = [:]
    /// The periodic jobs the worker's scheduler enqueues.
    public private(set) var periodicJobs: [PeriodicJob] = []

    /// An empty registry.
    public init() {}

    /// Registers the handler of `kind`, replacing any earlier one.
    public mutating func register(_ kind: String, handler: @escaping Handler) {
        handlers[kind] = handler
    }

    /// Adds a periodic job (its kind needs a handler too).
    public mutating func schedule(_ periodic: PeriodicJob) {
        periodicJobs.removeAll { $0.name == periodic.name }
        periodicJobs.append(periodic)
    }

    /// The handler of `kind`, if registered.
    public func handler(for kind: String) -> Handler? { handlers[kind] }

    /// The registered kinds, sorted.
    public var kinds: [String] { handlers.keys.sorted() }
}
