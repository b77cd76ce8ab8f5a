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
    private let recorded: RecordedFlag

    /// Creates a context (the worker does this for every run).
    public init(job: Job, pool: ConnectionPool, logger: Logger) {
        self.job = job
        self.pool = pool
        self.logger = logger
        self.recorded = RecordedFlag()
    }

    /// Whether ``completeInTransaction(_:)`` committed, so the job is already `succeeded`.
    public var isRecorded: Bool { recorded.value }

    /// Runs `body` in a transaction that first locks the job and checks that this run still holds it (state
    /// `running`, same owner and attempt), and at the end marks the job `succeeded`: the effect and the completion
    /// commit together or not at all. This is how a handler makes its database effect happen exactly once even if
    /// its worker dies or loses its lease at any moment.
    ///
    /// Runs on a pooled connection's thread. A serialization failure or deadlock retries `body` (at most 3 runs).
    /// - Throws: ``JobLostError`` (after rolling back) when the run no longer holds the job; whatever `body` throws.
    @discardableResult
    public func completeInTransaction<T: Sendable>(
        _ body: @Sendable (isolated Connection) async throws -> T
    ) async throws -> T {
        let job = self.job
        let value = try await pool.withConnection { connection in
            try await connection.withTransaction { connection in
                let held = try await connection.query(
                    "select 1 from jobs where id = $1 and owner = $2 and attempt = $3 and state = 'running' for update",
                    [job.id, job.owner, job.attempt])
                guard !held.isEmpty else { throw JobLostError(jobID: job.id) }
                let value = try await body(connection)
                try await connection.execute(
                    "update jobs set state = 'succeeded', finished_at = now(), lease_expires_at = null where id = $1", [job.id])
                return value
            }
        }
        recorded.set()
        return value
    }
}

/// A flag set once from any thread (guarded by a mutex).
final class RecordedFlag: Sendable {
    private let state = Mutex(false)
    var value: Bool { state.withLock { $0 } }
    func set() { state.withLock { $0 = true } }
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
