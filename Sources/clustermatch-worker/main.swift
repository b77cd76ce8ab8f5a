import ClusterMatch
import Dispatch
import Foundation
import Logging
import Postgres

// The worker's skeleton: it connects, checks that the schema is this binary's, listens for job notifications and
// stops cleanly on SIGTERM or SIGINT. The job queue, matching jobs, alerts and expiry come with the worker issue.

LoggingSystem.bootstrap { label in
    var handler = StreamLogHandler.standardError(label: label)
    handler.logLevel = Logger.Level(rawValue: ProcessInfo.processInfo.environment["LOG_LEVEL"] ?? "info") ?? .info
    return handler
}
let logger = Logger(label: "clustermatch-worker")

/// Runs until SIGTERM/SIGINT; returns the process exit status.
func runWorker() async -> Int32 {
    do {
        let target = try DatabaseLocation.resolve()
        let connection = try await Connection.connect(to: target.with("application_name", "clustermatch-worker"), logger: logger)
        try await Migrator().requireCurrent(on: connection)
        await connection.close()
        logger.info("worker started", metadata: ["libpq.version": "\(Connection.libpqVersion)", "database": "\(target.redacted)"])
        let listener = Listener(connectionString: target, channels: ["clustermatch_jobs"], logger: logger)
        let (signals, signalContinuation) = AsyncStream.makeStream(of: Int32.self)
        var signalSources: [any DispatchSourceSignal] = []
        for signalNumber in [SIGTERM, SIGINT] {
            Foundation.signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber)
            source.setEventHandler { signalContinuation.yield(signalNumber) }
            source.resume()
            signalSources.append(source)
        }
        defer { signalSources.forEach { $0.cancel() } }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await listener.run() }
            group.addTask {
                for await event in listener.events {
                    if case .notification(let notification) = event {
                        logger.info("notification", metadata: ["channel": "\(notification.channel)", "payload": "\(notification.payload)"])
                    }
                }
            }
            for await signal in signals {
                logger.info("stopping", metadata: ["signal": "\(signal)"])
                break
            }
            group.cancelAll()
        }
        logger.info("worker stopped")
        return 0
    } catch {
        logger.error("worker cannot start: \(error)")
        return 1
    }
}

exit(await runWorker())
