import Logging
import Postgres

/// Settings of the product's own jobs.
public struct StandardJobsConfiguration: Sendable, Equatable {
    /// Succeeded and cancelled jobs are deleted this long after they finished.
    public var retainSucceeded: Duration = .seconds(24 * 3600)
    /// Discarded jobs (with their errors) are deleted this long after they finished.
    public var retainDiscarded: Duration = .seconds(30 * 24 * 3600)
    /// How often `jobs.cleanup` runs.
    public var cleanupInterval: Duration = .seconds(3600)

    /// The defaults above.
    public init() {}
}

/// The kinds and queues of the product's jobs.
public enum StandardJobs {
    /// Deletes old finished jobs (queue `maintenance`, periodic).
    public static let cleanupKind = "jobs.cleanup"
    /// Re-matches one seed or need; payload `{"item": "seed"|"need", "id": N}`; queue `match`; unique key
    /// `match:<item>:<id>`. Enqueued by the triggers of `sql/0011_posting_jobs.sql`. Its handler belongs to the
    /// matcher and is registered in ``JobRegistry/registerStandardJobs(_:)``.
    public static let matchItemKind = "match.item"
    /// The queue of matching jobs.
    public static let matchQueue = "match"
    /// The queue of housekeeping jobs.
    public static let maintenanceQueue = "maintenance"
}

extension JobRegistry {
    /// Registers the product's job handlers and periodic jobs; the worker calls this at start-up.
    ///
    /// Registration point for other modules' jobs: add `register(kind) { context in … }` (and `schedule(…)` for a
    /// periodic one) here. The `match.item` handler (``StandardJobs/matchItemKind``) is the matcher's and is not
    /// registered yet; until it is, `match.item` jobs fail with "no handler" and are retried with backoff.
    public mutating func registerStandardJobs(_ configuration: StandardJobsConfiguration = .init()) {
        register(StandardJobs.cleanupKind) { context in
            var deleted = 0
            while true {
                let batch = try await context.pool.withConnection { connection in
                    try await JobQueue.cleanup(
                        succeededAfter: configuration.retainSucceeded, discardedAfter: configuration.retainDiscarded,
                        limit: 5000, on: connection)
                }
                deleted += batch
                if batch < 5000 { break }
            }
            context.logger.debug("old jobs deleted", metadata: ["jobs.deleted": "\(deleted)"])
            return .succeeded
        }
        schedule(PeriodicJob(
            name: StandardJobs.cleanupKind, every: configuration.cleanupInterval,
            job: NewJob(kind: StandardJobs.cleanupKind, queue: StandardJobs.maintenanceQueue, maxAttempts: 3)))
    }
}
