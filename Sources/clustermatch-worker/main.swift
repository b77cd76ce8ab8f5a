import ClusterMatch
import Foundation
import Logging
import Metrics
import Postgres
import Prometheus
import ServiceLifecycle
import UnixSignals

// The worker: runs jobs from the PostgreSQL job queue until SIGTERM or SIGINT, then stops claiming, lets running
// jobs finish within the grace period, releases the rest for other workers and exits. Configuration comes from the
// environment (WorkerConfiguration.swift; the README's "Worker" section).

LoggingSystem.bootstrap { label in
    var handler = StreamLogHandler.standardError(label: label)
    handler.logLevel = Logger.Level(rawValue: ProcessInfo.processInfo.environment["LOG_LEVEL"] ?? "info") ?? .info
    return handler
}
let prometheus = PrometheusCollectorRegistry()
MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: prometheus))

/// Runs until SIGTERM/SIGINT; returns the process exit status (2: bad configuration, 1: cannot start).
func runWorker() async -> Int32 {
    let configuration: WorkerConfiguration
    do {
        configuration = try WorkerConfiguration.fromEnvironment()
    } catch {
        FileHandle.standardError.write(Data("clustermatch-worker: \(error)\n".utf8))
        return 2
    }
    var logger = Logger(label: "clustermatch-worker")
    logger[metadataKey: "worker.id"] = "\(configuration.workerID)"
    do {
        let connection = try await Connection.connect(
            to: configuration.database.with("application_name", "clustermatch-worker"), logger: logger)
        do {
            try await Migrator().requireCurrent(on: connection)
        } catch {
            await connection.close()
            throw error
        }
        await connection.close()
    } catch {
        logger.error("worker cannot start", metadata: ["error": "\(oneLine(error))"])
        return 1
    }

    var registry = JobRegistry()
    registry.registerStandardJobs(configuration.standardJobs)
    registry.registerMatchJobs(MatchMaintainer(writerID: configuration.workerID, writerLease: configuration.lease))
    if configuration.testJobs { TestJobs.register(in: &registry) }

    let pool = ConnectionPool(
        connectionString: configuration.database.with("application_name", "clustermatch-worker"),
        maxConnections: configuration.maxConnections, logger: logger)
    let completions = CompletionBuffer()
    let runner = JobRunner(configuration: configuration, registry: registry, pool: pool, completions: completions, logger: logger)
    let identity = WorkerIdentity(
        id: configuration.workerID, host: ProcessInfo.processInfo.hostName, pid: Int(ProcessInfo.processInfo.processIdentifier),
        version: "schema \(Migrator().latestVersion)",
        queues: Dictionary(uniqueKeysWithValues: configuration.queues.map { ($0.name, $0.slots) }))

    // Graceful shutdown runs in reverse order: the runner stops claiming and drains first, then the listener, the
    // completer writes the last results, and the heartbeat (which renews leases until then) removes the worker.
    var services: [any Service] = []
    if let port = configuration.metricsPort {
        services.append(MetricsServer(registry: prometheus, address: configuration.metricsAddress, port: port, logger: logger))
    }
    services += [
        Heartbeat(identity: identity, configuration: configuration, pool: pool, runner: runner, logger: logger),
        Rescuer(configuration: configuration, pool: pool, runner: runner, logger: logger),
        PeriodicScheduler(periodicJobs: registry.periodicJobs, configuration: configuration, pool: pool, logger: logger),
        Completer(buffer: completions, pool: pool, owner: configuration.workerID, batchLimit: 5000, logger: logger),
        NotificationWakeups(configuration: configuration, runner: runner, logger: logger),
        runner,
    ]
    var groupConfiguration = ServiceGroupConfiguration(
        services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
    groupConfiguration.maximumGracefulShutdownDuration = configuration.gracePeriod + .seconds(5)
    let group = ServiceGroup(configuration: groupConfiguration)

    logger.info(
        "worker started",
        metadata: [
            "libpq.version": "\(Connection.libpqVersion)", "database": "\(configuration.database.redacted)",
            "worker.queues": "\(configuration.queues.map { "\($0.name)=\($0.slots)" }.joined(separator: ","))",
            "worker.lease_ms": "\(Int(configuration.lease.inSeconds * 1000))",
            "worker.kinds": "\(registry.kinds.joined(separator: ","))",
        ])
    do {
        try await group.run()
    } catch {
        logger.error("worker stopped with an error", metadata: ["error": "\(oneLine(error))"])
        await pool.close()
        return 1
    }
    await pool.close()
    logger.info("worker stopped")
    return 0
}

exit(await runWorker())
