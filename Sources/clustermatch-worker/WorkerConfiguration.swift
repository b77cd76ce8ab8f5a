import ClusterMatch
import Foundation
import Postgres

/// The worker's settings, read from the environment (the README's "Worker" section lists them).
struct WorkerConfiguration: Sendable {
    /// Where PostgreSQL is (`DATABASE_URL`, else the dev server, else libpq's defaults).
    var database: ConnectionString
    /// This process's id in `workers` and `jobs.owner`.
    var workerID: String
    /// The queues this worker runs and each one's concurrency limit (slots), in the order given.
    var queues: [(name: String, slots: Int)]
    /// The most jobs one claim statement takes.
    var claimBatch: Int
    /// How long a claim holds without a heartbeat.
    var lease: Duration
    /// How often the heartbeat renews the leases.
    var heartbeatInterval: Duration
    /// The polling backstop: how long a queue waits for a notification before it looks anyway.
    var pollInterval: Duration
    /// How often this worker looks for expired leases.
    var rescueInterval: Duration
    /// How long running jobs may take to finish after SIGTERM/SIGINT before they are released.
    var gracePeriod: Duration
    /// Multiplies retry backoffs (1 in production).
    var backoff: Backoff
    /// Connections in the worker's pool.
    var maxConnections: Int
    /// Serve Prometheus metrics on this port (nil: don't).
    var metricsPort: Int?
    /// The address the metrics port binds to.
    var metricsAddress: String
    /// Register the test-only job kinds (`test.*`).
    var testJobs: Bool
    /// Settings of the product's own jobs (cleanup, expiry, alerts).
    var standardJobs: StandardJobsConfiguration

    /// A setting that is present but not valid.
    struct Invalid: Error, CustomStringConvertible {
        var description: String
    }

    /// Reads the configuration.
    /// - Throws: ``Invalid`` naming the variable and what it accepts.
    static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> WorkerConfiguration {
        func duration(_ name: String, _ fallback: Duration) throws -> Duration {
            guard let text = environment[name], !text.isEmpty else { return fallback }
            guard let value = parseDuration(text) else {
                throw Invalid(description: "\(name)=\(text): expected a duration such as 500ms, 30s, 5m or 2h")
            }
            return value
        }
        func integer(_ name: String, _ fallback: Int?, range: ClosedRange<Int>) throws -> Int? {
            guard let text = environment[name], !text.isEmpty else { return fallback }
            guard let value = Int(text), range.contains(value) else {
                throw Invalid(description: "\(name)=\(text): expected a whole number from \(range.lowerBound) to \(range.upperBound)")
            }
            return value
        }
        let queuesText = environment["CLUSTERMATCH_WORKER_QUEUES"].flatMap { $0.isEmpty ? nil : $0 }
            ?? "default=4,match=2,alerts=2,maintenance=1"
        var queues: [(String, Int)] = []
        for part in queuesText.split(separator: ",") {
            let pieces = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            let name = pieces[0]
            let slots = pieces.count > 1 ? Int(pieces[1]) : 1
            guard !name.isEmpty, name.range(of: "^[a-z0-9][a-z0-9._-]{0,39}$", options: .regularExpression) != nil,
                let slots, (1...1000).contains(slots), !queues.contains(where: { $0.0 == name })
            else {
                throw Invalid(description: "CLUSTERMATCH_WORKER_QUEUES=\(queuesText): expected name=slots pairs such as default=4,match=2 (slots 1–1000)")
            }
            queues.append((name, slots))
        }
        let lease = try duration("CLUSTERMATCH_WORKER_LEASE", .seconds(30))
        guard lease >= .milliseconds(200) else { throw Invalid(description: "CLUSTERMATCH_WORKER_LEASE must be at least 200ms") }
        let heartbeat = try duration("CLUSTERMATCH_WORKER_HEARTBEAT", lease / 3)
        guard heartbeat < lease else { throw Invalid(description: "CLUSTERMATCH_WORKER_HEARTBEAT must be shorter than the lease") }
        let scaleText = environment["CLUSTERMATCH_WORKER_BACKOFF_SCALE"] ?? ""
        let scale = scaleText.isEmpty ? 1 : Double(scaleText)
        guard let scale, scale > 0, scale <= 1000 else {
            throw Invalid(description: "CLUSTERMATCH_WORKER_BACKOFF_SCALE=\(scaleText): expected a number above 0")
        }
        let totalSlots = queues.reduce(0) { $0 + $1.1 }
        var standard = StandardJobsConfiguration()
        standard.retainSucceeded = try duration("CLUSTERMATCH_JOBS_RETAIN_SUCCEEDED", standard.retainSucceeded)
        standard.retainDiscarded = try duration("CLUSTERMATCH_JOBS_RETAIN_DISCARDED", standard.retainDiscarded)
        standard.cleanupInterval = try duration("CLUSTERMATCH_JOBS_CLEANUP_EVERY", standard.cleanupInterval)
        standard.expiryInterval = try duration("CLUSTERMATCH_EXPIRY_EVERY", standard.expiryInterval)
        standard.alertScanInterval = try duration("CLUSTERMATCH_ALERTS_SCAN_EVERY", standard.alertScanInterval)
        standard.digestInterval = try duration("CLUSTERMATCH_ALERTS_DIGEST_EVERY", standard.digestInterval)
        standard.webhookTimeout = try duration("CLUSTERMATCH_ALERTS_WEBHOOK_TIMEOUT", standard.webhookTimeout)
        if let sink = environment["CLUSTERMATCH_ALERTS_SINK"], !sink.isEmpty { standard.alertSink = sink }
        let host = ProcessInfo.processInfo.hostName
        let pid = ProcessInfo.processInfo.processIdentifier
        let suffix = String(UInt32.random(in: 0...UInt32.max), radix: 36)
        return WorkerConfiguration(
            database: try DatabaseLocation.resolve(environment),
            workerID: environment["CLUSTERMATCH_WORKER_ID"].flatMap { $0.isEmpty ? nil : $0 } ?? "\(host):\(pid):\(suffix)",
            queues: queues,
            claimBatch: try integer("CLUSTERMATCH_WORKER_CLAIM_BATCH", 100, range: 1...10_000)!,
            lease: lease,
            heartbeatInterval: heartbeat,
            pollInterval: try duration("CLUSTERMATCH_WORKER_POLL", .seconds(1)),
            rescueInterval: try duration("CLUSTERMATCH_WORKER_RESCUE_EVERY", min(lease / 2, .seconds(15))),
            gracePeriod: try duration("CLUSTERMATCH_WORKER_GRACE", .seconds(25)),
            backoff: Backoff(scale: scale),
            maxConnections: try integer("CLUSTERMATCH_WORKER_CONNECTIONS", min(totalSlots, 16) + 4, range: 2...1000)!,
            metricsPort: try integer("CLUSTERMATCH_WORKER_METRICS_PORT", nil, range: 1...65535),
            metricsAddress: environment["CLUSTERMATCH_WORKER_METRICS_ADDRESS"].flatMap { $0.isEmpty ? nil : $0 } ?? "127.0.0.1",
            testJobs: environment["CLUSTERMATCH_WORKER_TEST_JOBS"] == "1",
            standardJobs: standard)
    }
}

/// Parses `500ms`, `30s`, `5m`, `2h`, or a plain number of seconds (fractions allowed).
func parseDuration(_ text: String) -> Duration? {
    let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
    for (suffix, factor) in units where text.hasSuffix(suffix) {
        guard let number = Double(text.dropLast(suffix.count)), number >= 0 else { return nil }
        return .milliseconds(Int64((number * factor * 1000).rounded()))
    }
    guard let seconds = Double(text), seconds >= 0 else { return nil }
    return .milliseconds(Int64((seconds * 1000).rounded()))
}
