import ClusterMatch
import Foundation
import Logging
import Postgres
import ServiceLifecycle

/// Enqueues the registry's periodic jobs when their slot comes; every worker runs one, and the `periodic_jobs` row
/// makes sure each slot is enqueued once.
struct PeriodicScheduler: Service {
    let periodicJobs: [PeriodicJob]
    let configuration: WorkerConfiguration
    let pool: ConnectionPool
    let logger: Logger

    func run() async throws {
        guard !periodicJobs.isEmpty else {
            try? await gracefulShutdown()
            return
        }
        await tick(every: min(configuration.pollInterval, .seconds(1))) {
            for periodic in periodicJobs {
                do {
                    if let id = try await pool.withConnection({ try await JobQueue.enqueueIfDue(periodic, on: $0) }) {
                        logger.info("periodic job enqueued", metadata: ["periodic.name": "\(periodic.name)", "job.id": "\(id)"])
                    }
                } catch {
                    logger.debug("periodic check failed", metadata: ["periodic.name": "\(periodic.name)", "error": "\(oneLine(error))"])
                }
            }
        }
    }
}
