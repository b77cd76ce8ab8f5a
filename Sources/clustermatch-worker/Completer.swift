import ClusterMatch
import Logging
import Metrics
import Postgres
import ServiceLifecycle
import Synchronization

/// Results waiting to be written, shared by the job runner (which adds) and the completer (which takes).
/// (State guarded by a mutex; one taker.)
final class CompletionBuffer: Sendable {
    private struct State {
        var results: [JobResult] = []
        var waiter: CheckedContinuation<Void, Never>?
        var isClosed = false
    }
    private let state = Mutex(State())

    /// Adds a result and wakes the completer.
    func add(_ result: JobResult) {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            state.results.append(result)
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume()
    }

    /// No more results will come; the completer drains and stops.
    func close() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            state.isClosed = true
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume()
    }

    /// Waits until there is a result or the buffer is closed, then takes up to `limit` results (empty: closed and
    /// drained).
    func take(limit: Int) async -> [JobResult] {
        await withCheckedContinuation { continuation in
            let resumeNow = state.withLock { state -> Bool in
                if !state.results.isEmpty || state.isClosed { return true }
                state.waiter = continuation
                return false
            }
            if resumeNow { continuation.resume() }
        }
        return state.withLock { state in
            let count = min(limit, state.results.count)
            defer { state.results.removeFirst(count) }
            return Array(state.results.prefix(count))
        }
    }
}

/// Writes job results in batches: whatever finished while the previous batch was being written goes in the next
/// one (one or two statements, whatever the batch size), so a result waits at most about one round trip at low load
/// and the commits per second stay few at high load.
///
/// A batch that fails because the database is away is kept and retried until it is written; its jobs may meanwhile be
/// rescued, which the owner-and-attempt check then reports as stale. On graceful shutdown (after the job runner has
/// stopped) it writes what is left and returns.
struct Completer: Service {
    let buffer: CompletionBuffer
    let pool: ConnectionPool
    let owner: String
    let batchLimit: Int
    let logger: Logger

    func run() async throws {
        await withGracefulShutdownHandler {
            await drain()
        } onGracefulShutdown: {
            buffer.close()
        }
    }

    private func drain() async {
        let written = Counter(label: "clustermatch_worker_results_written_total")
        let stale = Counter(label: "clustermatch_worker_results_stale_total")
        let batches = Timer(label: "clustermatch_worker_finish_batch_seconds")
        while true {
            let batch = await buffer.take(limit: batchLimit)
            if batch.isEmpty { return }
            var failures = 0
            while true {
                let started = ContinuousClock.now
                do {
                    let report = try await pool.withConnection { connection in
                        try await JobQueue.finish(batch, owner: owner, on: connection)
                    }
                    batches.record(since: started)
                    written.increment(by: report.recorded.count)
                    if !report.stale.isEmpty {
                        stale.increment(by: report.stale.count)
                        logger.info("stale results ignored (rescued, cancelled or finished elsewhere)", metadata: ["jobs.ids": "\(report.stale.prefix(20))"])
                    }
                    break
                } catch let error as PostgresError where error.code == .uniqueViolation && failures < 5 {
                    // A job going back to pending raced with a new pending job of the same unique key; the retry sees it.
                    failures += 1
                } catch let error as PostgresError where !error.isConnectionProblem && batch.count > 1 {
                    logger.error("a result batch failed; writing its results one by one", metadata: ["error": "\(oneLine(error))"])
                    await writeOneByOne(batch)
                    break
                } catch {
                    failures += 1
                    if failures == 1 || failures % 20 == 0 {
                        logger.warning("cannot write job results yet; retrying", metadata: ["error": "\(oneLine(error))", "jobs.count": "\(batch.count)"])
                    }
                    try? await Task.sleep(for: .milliseconds(min(50 * failures, 1000)))
                }
            }
        }
    }

    private func writeOneByOne(_ batch: [JobResult]) async {
        for result in batch {
            do {
                _ = try await pool.withConnection { try await JobQueue.finish([result], owner: owner, on: $0) }
            } catch {
                logger.error("dropping a job result that cannot be written (its lease will expire and it will be rescued)",
                             metadata: ["job.id": "\(result.jobID)", "error": "\(oneLine(error))"])
            }
        }
    }
}

extension PostgresError {
    /// Whether the error says the connection or the server went away (as opposed to a problem with the statement).
    var isConnectionProblem: Bool {
        let sqlState = code.rawValue
        return sqlState.hasPrefix("08") || sqlState.hasPrefix("57P") || sqlState == "53300"
    }
}

extension Timer {
    /// Records the time since `start`.
    func record(since start: ContinuousClock.Instant) {
        let (seconds, attoseconds) = (ContinuousClock.now - start).components
        recordNanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
