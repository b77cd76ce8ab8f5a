import ClusterMatch
import Foundation
import Logging
import Metrics
import Postgres
import ServiceLifecycle
import Synchronization

/// One queue's slots and wake-up (shared by its claim loop and its running jobs; counters guarded by a mutex).
final class QueueSlots: Sendable {
    let name: String
    let slots: Int
    /// Wake the claim loop early when at least this many slots are free and there is more work, so that claims
    /// take several jobs at a time instead of one per finished job.
    let refillThreshold: Int
    let wakeup = Wakeup()
    private let counters = Mutex((running: 0, hinted: false))
    let runningGauge: Gauge

    init(name: String, slots: Int, claimBatch: Int) {
        self.name = name
        self.slots = slots
        self.refillThreshold = max(1, min(slots, claimBatch) / 4)
        self.runningGauge = Gauge(label: "clustermatch_worker_running_jobs", dimensions: [("queue", name)])
    }

    var running: Int { counters.withLock { $0.running } }

    func started(_ count: Int) {
        let now = counters.withLock { state in
            state.running += count
            return state.running
        }
        runningGauge.record(now)
    }

    func finished() {
        let (now, shouldWake) = counters.withLock { state in
            state.running -= 1
            return (state.running, state.running == 0 || slots - state.running >= refillThreshold)
        }
        runningGauge.record(now)
        if shouldWake { wakeup.fire() }
    }

    /// A notification (or a reconnect) says there may be new jobs.
    func hint() {
        counters.withLock { $0.hinted = true }
        wakeup.fire()
    }

    func takeHint() -> Bool {
        counters.withLock { state in
            defer { state.hinted = false }
            return state.hinted
        }
    }
}

/// The tasks of the jobs this worker runs, so that one cancelled by an operator or rescued elsewhere can be stopped.
/// (Guarded by a mutex.)
final class RunningJobs: Sendable {
    private let state = Mutex((tasks: [Int64: Task<JobOutcome, any Error>](), stopped: Set<Int64>()))

    /// The ids of the jobs running now.
    var ids: Set<Int64> { state.withLock { Set($0.tasks.keys) } }

    func insert(_ id: Int64, _ task: Task<JobOutcome, any Error>) { state.withLock { $0.tasks[id] = task } }

    /// Forgets a finished job; returns whether it was stopped because the database no longer had it running.
    func remove(_ id: Int64) -> Bool {
        state.withLock { state in
            state.tasks[id] = nil
            return state.stopped.remove(id) != nil
        }
    }

    /// Cancels the tasks of these jobs (those still running here); returns their ids.
    func stop(_ ids: Set<Int64>) -> [Int64] {
        let tasks = state.withLock { state -> [(Int64, Task<JobOutcome, any Error>)] in
            let found = ids.compactMap { id in state.tasks[id].map { (id, $0) } }
            for (id, _) in found { state.stopped.insert(id) }
            return found
        }
        for (_, task) in tasks { task.cancel() }
        return tasks.map(\.0)
    }
}

/// Claims and runs jobs: one claim loop per configured queue, each within its concurrency limit.
///
/// A loop claims a batch (one statement, `FOR UPDATE SKIP LOCKED`) when it is told there is work (NOTIFY), when
/// enough slots have come free while there is more, or when the polling interval has passed. Each job runs as a
/// child task; its result goes to the ``Completer``.
///
/// Graceful shutdown: the loops stop claiming at once; running jobs get until the drain deadline (a little less
/// than the grace period) to finish, then they are cancelled and released (state `pending`, not counted as an
/// attempt) so another worker runs them.
final class JobRunner: Service, Sendable {
    let configuration: WorkerConfiguration
    let registry: JobRegistry
    let pool: ConnectionPool
    let completions: CompletionBuffer
    let logger: Logger
    let queues: [QueueSlots]
    /// The running jobs' tasks; the heartbeat stops those the database says are no longer this worker's.
    let running = RunningJobs()
    private let isStopping = Mutex(false)

    init(configuration: WorkerConfiguration, registry: JobRegistry, pool: ConnectionPool, completions: CompletionBuffer, logger: Logger) {
        self.configuration = configuration
        self.registry = registry
        self.pool = pool
        self.completions = completions
        self.logger = logger
        self.queues = configuration.queues.map { QueueSlots(name: $0.name, slots: $0.slots, claimBatch: configuration.claimBatch) }
    }

    /// Says that `queue` (nil: every queue) may have new jobs.
    func hint(queue: String?) {
        for slots in queues where queue == nil || slots.name == queue { slots.hint() }
    }

    var stopping: Bool { isStopping.withLock { $0 } }

    func run() async throws {
        await withGracefulShutdownHandler {
            await withTaskGroup(of: Void.self) { group in
                for slots in queues {
                    group.addTask { await self.runQueue(slots) }
                }
            }
        } onGracefulShutdown: {
            self.isStopping.withLock { $0 = true }
            for slots in self.queues { slots.wakeup.fire() }
        }
    }

    private func runQueue(_ slots: QueueSlots) async {
        let claimed = Counter(label: "clustermatch_worker_jobs_claimed_total", dimensions: [("queue", slots.name)])
        let claimTimer = Timer(label: "clustermatch_worker_claim_seconds", dimensions: [("queue", slots.name)])
        let queueLogger = logger.with("queue", slots.name)
        await withDiscardingTaskGroup { jobs in
            var hasMore = true
            var lastClaim = ContinuousClock.now - configuration.pollInterval
            var failures = 0
            while !stopping {
                if slots.takeHint() { hasMore = true }
                let free = slots.slots - slots.running
                let pollDue = ContinuousClock.now - lastClaim >= configuration.pollInterval
                if free > 0 && (pollDue || (hasMore && (free >= slots.refillThreshold || slots.running == 0))) {
                    let limit = min(free, configuration.claimBatch)
                    lastClaim = ContinuousClock.now
                    do {
                        let batch = try await pool.withConnection { connection in
                            try await JobQueue.claim(
                                queue: slots.name, limit: limit, owner: configuration.workerID, lease: configuration.lease,
                                on: connection)
                        }
                        claimTimer.record(since: lastClaim)
                        failures = 0
                        hasMore = batch.count == limit
                        if !batch.isEmpty {
                            claimed.increment(by: batch.count)
                            slots.started(batch.count)
                            for job in batch {
                                jobs.addTask { await self.execute(job, slots: slots) }
                            }
                        }
                        if hasMore && slots.slots - slots.running > 0 { continue }
                    } catch {
                        failures += 1
                        hasMore = false
                        if failures == 1 || failures % 20 == 0 {
                            queueLogger.warning("cannot claim jobs; retrying", metadata: ["error": "\(oneLine(error))"])
                        }
                        await slots.wakeup.wait(timeout: .milliseconds(min(100 * failures, 1000)))
                        continue
                    }
                }
                let untilPoll = configuration.pollInterval - (ContinuousClock.now - lastClaim)
                await slots.wakeup.wait(timeout: max(untilPoll, .milliseconds(1)))
            }
            // Stopping: claim nothing more; let running jobs finish until the drain deadline, then release them.
            let deadline = ContinuousClock.now + drainTime
            if slots.running > 0 {
                queueLogger.info("waiting for running jobs", metadata: ["jobs.running": "\(slots.running)"])
            }
            while slots.running > 0 && ContinuousClock.now < deadline {
                await slots.wakeup.wait(timeout: min(.milliseconds(100), deadline - ContinuousClock.now))
            }
            if slots.running > 0 {
                queueLogger.info("grace period over; releasing running jobs", metadata: ["jobs.running": "\(slots.running)"])
                jobs.cancelAll()
            }
        }
    }

    /// How long running jobs may take after shutdown begins: the grace period less the time to release the rest
    /// and write the last results (one second, or half the period when it is short).
    private var drainTime: Duration {
        let grace = configuration.gracePeriod
        return grace > .seconds(2) ? grace - .seconds(1) : grace / 2
    }

    private func execute(_ job: Job, slots: QueueSlots) async {
        defer { slots.finished() }
        let started = ContinuousClock.now
        var jobLogger = logger
        jobLogger[metadataKey: "job.id"] = "\(job.id)"
        jobLogger[metadataKey: "job.kind"] = "\(job.kind)"
        jobLogger[metadataKey: "job.attempt"] = "\(job.attempt)"
        let context = JobContext(job: job, pool: pool, logger: jobLogger, lease: configuration.lease)
        let outcome: JobResult.Outcome?
        var wasStopped = false
        do {
            guard let handler = registry.handler(for: job.kind) else {
                throw JobError.noHandler(kind: job.kind)
            }
            // Its own task, so that the heartbeat can cancel this one job; cancelling the runner (after the grace
            // period) cancels it too.
            let task = Task { try await handler(context) }
            running.insert(job.id, task)
            let result: Result<JobOutcome, any Error>
            do {
                result = .success(try await withTaskCancellationHandler { try await task.value } onCancel: { task.cancel() })
            } catch {
                result = .failure(error)
            }
            wasStopped = running.remove(job.id)
            switch try result.get() {
            case .succeeded: outcome = context.isRecorded ? nil : .succeeded
            case .snooze(let pause): outcome = .snoozed(seconds: pause.inSeconds)
            }
        } catch {
            if context.isRecorded || error is JobLostError || wasStopped {
                outcome = nil
            } else if stopping && Task.isCancelled {
                outcome = .released(reason: "released unfinished at worker shutdown")
            } else if let jobError = error as? JobError, jobError.isNeverRetry {
                outcome = .discarded(error: jobError.message)
            } else {
                outcome = .failed(error: oneLine(error), retryIn: configuration.backoff.seconds(afterAttempt: job.attempt))
            }
        }
        let label: String
        switch outcome {
        case nil: label = wasStopped ? "stopped" : "recorded"
        case .succeeded?: label = "succeeded"
        case .failed?: label = "failed"
        case .discarded?: label = "discarded"
        case .snoozed?: label = "snoozed"
        case .released?: label = "released"
        }
        Timer(label: "clustermatch_worker_job_seconds", dimensions: [("kind", job.kind)]).record(since: started)
        Counter(label: "clustermatch_worker_jobs_finished_total", dimensions: [("queue", job.queue), ("outcome", label)]).increment()
        if wasStopped && outcome == nil {
            jobLogger.info("job stopped: it was cancelled, or rescued after this worker lost its lease")
        } else if case .failed(let error, let retryIn)? = outcome {
            jobLogger.warning("job failed", metadata: ["error": "\(error)", "job.retry_in_s": "\(retryIn)"])
        } else if case .discarded(let error)? = outcome {
            jobLogger.error("job discarded", metadata: ["error": "\(error)"])
        } else {
            jobLogger.trace("job finished", metadata: ["job.outcome": "\(label)"])
        }
        if let outcome { completions.add(JobResult(jobID: job.id, attempt: job.attempt, outcome: outcome)) }
        if !context.isRecorded {
            for companion in context.companions {
                completions.add(JobResult(jobID: companion.id, attempt: companion.attempt, outcome: companionOutcome(outcome, of: job, for: companion)))
            }
        }
    }

    /// What a companion's run records when the run it joined did not complete it (see `JobContext.claimCompanions`):
    /// the same outcome, with its own backoff; released when that run was stopped, lost its job, was discarded for
    /// its own sake or was released.
    private func companionOutcome(_ outcome: JobResult.Outcome?, of job: Job, for companion: Job) -> JobResult.Outcome {
        switch outcome {
        case .succeeded?: .succeeded
        case .failed(let error, _)?: .failed(error: error, retryIn: configuration.backoff.seconds(afterAttempt: companion.attempt))
        case .snoozed(let seconds)?: .snoozed(seconds: seconds)
        case .discarded?, .released?, nil: .released(reason: "released: the run of job \(job.id) that took it on did not finish")
        }
    }
}

extension JobError {
    /// No handler for the kind in this worker (retryable: another worker version may have one).
    static func noHandler(kind: String) -> any Error {
        NoHandler(kind: kind)
    }
}

/// A job whose kind this worker has no handler for.
struct NoHandler: Error, CustomStringConvertible {
    var kind: String
    var description: String { "no handler for job kind \(kind) in this worker" }
}

extension Logger {
    /// A copy with one more metadata value.
    func with(_ key: String, _ value: String) -> Logger {
        var copy = self
        copy[metadataKey: key] = "\(value)"
        return copy
    }
}
