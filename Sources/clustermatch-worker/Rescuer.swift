import ClusterMatch
import Logging
import Metrics
import Postgres
import ServiceLifecycle

/// Looks for jobs whose lease ran out (their worker died or lost the database) and puts them back in line; every
/// worker runs one (they don't collide: `SKIP LOCKED`). Also forgets workers silent for an hour.
struct Rescuer: Service {
    let configuration: WorkerConfiguration
    let pool: ConnectionPool
    let runner: JobRunner
    let logger: Logger

    func run() async throws {
        let rescuedCounter = Counter(label: "clustermatch_worker_jobs_rescued_total")
        await tick(every: configuration.rescueInterval) {
            do {
                let rescued = try await pool.withConnection { connection in
                    try await JobQueue.rescue(backoff: configuration.backoff, on: connection)
                }
                guard !rescued.isEmpty else { return }
                rescuedCounter.increment(by: rescued.count)
                for job in rescued {
                    logger.warning(
                        "rescued a job whose lease expired",
                        metadata: ["job.id": "\(job.id)", "job.former_owner": "\(job.formerOwner)", "job.state": "\(job.state.rawValue)"])
                }
                runner.hint(queue: nil)
            } catch {
                logger.debug("rescue failed", metadata: ["error": "\(oneLine(error))"])
            }
        }
    }
}
