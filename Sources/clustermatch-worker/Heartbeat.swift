import ClusterMatch
import Logging
import Metrics
import Postgres
import ServiceLifecycle

/// Registers the worker in `workers` and beats every heartbeat interval; each beat renews the leases of the jobs it
/// runs (one statement), and stops the jobs the database no longer has running under this worker (an operator
/// cancelled them, or they were rescued after a lost lease): their results would be ignored anyway. It stops last (after the runner and the completer) and then removes the worker's row.
struct Heartbeat: Service {
    let identity: WorkerIdentity
    let configuration: WorkerConfiguration
    let pool: ConnectionPool
    let runner: JobRunner
    let logger: Logger

    func run() async throws {
        let held = Gauge(label: "clustermatch_worker_leases_held")
        let failuresCounter = Counter(label: "clustermatch_worker_heartbeat_failures_total")
        var failures = 0
        await tick(every: configuration.heartbeatInterval) {
            do {
                // Taken before the statement: a job claimed later is not in it, so it cannot look lost.
                let before = runner.running.ids
                let running = try await pool.withConnection { connection in
                    try await JobQueue.heartbeat(
                        identity, lease: configuration.lease, isStopping: runner.stopping, on: connection)
                }
                held.record(running.count)
                let stopped = runner.running.stop(before.subtracting(running))
                if !stopped.isEmpty {
                    logger.info("stopping jobs this worker no longer holds (cancelled or rescued)", metadata: ["jobs.ids": "\(stopped)"])
                }
                if failures > 0 { logger.info("heartbeat restored", metadata: ["heartbeat.failures": "\(failures)"]) }
                failures = 0
            } catch {
                failuresCounter.increment()
                failures += 1
                if failures == 1 || failures % 20 == 0 {
                    logger.warning("heartbeat failed; leases are not being renewed", metadata: ["error": "\(oneLine(error))"])
                }
            }
        }
        do {
            try await pool.withConnection { try await JobQueue.unregister(workerID: identity.id, on: $0) }
        } catch {
            logger.warning("could not remove the worker's row", metadata: ["error": "\(oneLine(error))"])
        }
    }
}
