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
    /// How often `postings.expiry` runs (notices, expiry, archiving).
    public var expiryInterval: Duration = .seconds(900)
    /// How often `alerts.scan` looks for new matches of subscriptions (the matcher may also enqueue it at once).
    public var alertScanInterval: Duration = .seconds(60)
    /// How often `alerts.digest` looks for digests that are due.
    public var digestInterval: Duration = .seconds(3600)
    /// Where `sink` notifications go: a file path, or "-" for standard output.
    public var alertSink: String = "-"
    /// How long one webhook request may take.
    public var webhookTimeout: Duration = .seconds(10)

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
    /// Expiry notices, expiry and archiving of postings (queue `maintenance`, periodic).
    public static let expiryKind = "postings.expiry"
    /// New-match notifications for subscriptions (queue `alerts`, periodic; also enqueue ``scanAlertsNow``).
    public static let alertScanKind = "alerts.scan"
    /// Cluster digests (queue `alerts`, periodic).
    public static let digestKind = "alerts.digest"
    /// Delivers one notification to its sink or webhook (queue `alerts`, enqueued by the notifications trigger).
    public static let deliverKind = "notifications.deliver"
    /// The queue of alert jobs.
    public static let alertsQueue = "alerts"

    /// A debounced alert scan, for the matcher to enqueue after it changed match lists (in its own transaction).
    public static var scanAlertsNow: NewJob {
        NewJob(kind: alertScanKind, queue: alertsQueue, maxAttempts: 5, uniqueKey: alertScanKind)
    }
}

extension JobRegistry {
    /// Registers the product's job handlers and periodic jobs; the worker calls this at start-up.
    ///
    /// Registration point for other modules' jobs: add `register(kind) { context in … }` (and `schedule(…)` for a
    /// periodic one) here. The matcher's `match.item` and `match.all` are registered by
    /// ``registerMatchJobs(_:fullRematchInterval:)``, which holds the in-memory matcher.
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
        register(StandardJobs.expiryKind) { context in
            let report = try await context.completeInTransaction { connection in try await Expiry.run(on: connection) }
            context.logger.info(
                "postings expiry", metadata: ["expiry.noticed": "\(report.noticed)", "expiry.expired": "\(report.expired)",
                                              "expiry.archived": "\(report.archived)"])
            return .succeeded
        }
        register(StandardJobs.alertScanKind) { context in
            let written = try await context.completeInTransaction { connection in try await AlertScans.scanNewMatches(on: connection) }
            if written > 0 { context.logger.info("new-match notifications written", metadata: ["notifications.count": "\(written)"]) }
            return .succeeded
        }
        register(StandardJobs.digestKind) { context in
            let written = try await context.completeInTransaction { connection in try await AlertScans.writeDigests(on: connection) }
            if written > 0 { context.logger.info("digests written", metadata: ["notifications.count": "\(written)"]) }
            return .succeeded
        }
        let sink = NotificationSink(path: configuration.alertSink)
        let webhooks = WebhookClient(timeout: configuration.webhookTimeout)
        register(StandardJobs.deliverKind) { context in
            struct Payload: Decodable { var id: Int64 }
            let id = try context.job.payload(as: Payload.self).id
            guard let notification = try await context.pool.withConnection({ try await Outbox.notification(id, on: $0) }) else {
                throw JobError.neverRetry("notification \(id) no longer exists")
            }
            if notification.deliveredAt != nil { return .succeeded }
            do {
                switch notification.channel {
                case .inbox: break
                case .sink: try sink.write(notification.deliveryJSON)
                case .webhook: try await webhooks.post(notification, attempt: context.job.attempt)
                }
            } catch let error as DeliveryError {
                try? await context.pool.withConnection {
                    try await Outbox.recordFailure(id, attempt: context.job.attempt, error: error.message, on: $0)
                }
                if error.isPermanent { throw JobError.neverRetry(error.message) }
                throw error
            }
            let attempt = context.job.attempt
            try await context.completeInTransaction { connection in
                try await connection.execute(
                    "update notifications set delivered_at = now(), delivery_attempts = $2, last_error = null where id = $1", [id, attempt])
            }
            return .succeeded
        }
        schedule(PeriodicJob(
            name: StandardJobs.expiryKind, every: configuration.expiryInterval,
            job: NewJob(kind: StandardJobs.expiryKind, queue: StandardJobs.maintenanceQueue, maxAttempts: 5)))
        schedule(PeriodicJob(
            name: StandardJobs.alertScanKind, every: configuration.alertScanInterval, job: StandardJobs.scanAlertsNow))
        schedule(PeriodicJob(
            name: StandardJobs.digestKind, every: configuration.digestInterval,
            job: NewJob(kind: StandardJobs.digestKind, queue: StandardJobs.alertsQueue, maxAttempts: 5)))
        schedule(PeriodicJob(
            name: StandardJobs.cleanupKind, every: configuration.cleanupInterval,
            job: NewJob(kind: StandardJobs.cleanupKind, queue: StandardJobs.maintenanceQueue, maxAttempts: 3)))
    }
}
