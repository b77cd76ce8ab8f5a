import ClusterMatch
import Foundation
import Logging
import Postgres
import Testing
import TestSupport

/// A fresh database with the schema applied, for queue tests.
func withJobsDatabase<T: Sendable>(_ body: (ConnectionString, Connection) async throws -> T) async throws -> T {
    try await TestDatabase.withDatabase(prefix: "jobs") { database in
        let connection = try await Connection.connect(to: database)
        do {
            try await Migrator().migrate(on: connection)
            let value = try await body(database, connection)
            await connection.close()
            return value
        } catch {
            await connection.close()
            throw error
        }
    }
}

@Suite("job queue: enqueue, claim, finish, leases, unique jobs, periodic jobs")
struct JobQueueTests {
    @Test func backoffIsAttemptToTheFourthWithTenPercentJitterCappedAtSixHours() {
        let backoff = Backoff()
        #expect(backoff.seconds(afterAttempt: 1, unit: 0.5) == 1)
        #expect(backoff.seconds(afterAttempt: 3, unit: 0.5) == 81)
        #expect(abs(backoff.seconds(afterAttempt: 3, unit: 0) - 72.9) < 1e-9)
        #expect(abs(backoff.seconds(afterAttempt: 3, unit: 1) - 89.1) < 1e-9)
        #expect(backoff.seconds(afterAttempt: 20, unit: 0.5) == 21_600)
        for attempt in 1...12 {
            let value = backoff.seconds(afterAttempt: attempt)
            let exact = min(pow(Double(attempt), 4), 21_600)
            #expect(value >= exact * 0.9 && value <= exact * 1.1)
        }
        #expect(Backoff(scale: 0.01).seconds(afterAttempt: 2, unit: 0.5) == 0.16)
    }

    @Test func claimsAreBatchedExclusiveAndInPriorityOrder() async throws {
        try await withJobsDatabase { database, connection in
            try await JobQueue.enqueue(
                (0..<50).map { NewJob(kind: "test.noop", payload: .object(["n": .integer($0)]), priority: $0 % 3) }, on: connection)
            try await JobQueue.enqueue(NewJob(kind: "test.noop", queue: "other"), on: connection)
            try await JobQueue.enqueue(NewJob(kind: "test.noop", runAt: Date().addingTimeInterval(3600)), on: connection)
            let first = try await JobQueue.claim(queue: "default", limit: 10, owner: "a", lease: .seconds(30), on: connection)
            #expect(first.count == 10)
            #expect(first.allSatisfy { $0.priority == 2 && $0.attempt == 1 && $0.owner == "a" })
            // Concurrent claimers never get the same job.
            let others = try await withThrowingTaskGroup(of: [Int64].self) { group in
                for index in 0..<4 {
                    group.addTask {
                        let own = try await Connection.connect(to: database)
                        defer { Task { await own.close() } }
                        var ids: [Int64] = []
                        while true {
                            let batch = try await JobQueue.claim(queue: "default", limit: 3, owner: "w\(index)", lease: .seconds(30), on: own)
                            if batch.isEmpty { return ids }
                            ids += batch.map(\.id)
                        }
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            #expect(others.count == 40)
            #expect(Set(others + first.map(\.id)).count == 50)
            let counts = try await connection.query(
                "select count(*) filter (where state = 'running')::int, count(*) filter (where state = 'pending')::int from jobs")
            #expect(try counts[0].decode(Int.self, at: 0) == 50)
            #expect(try counts[0].decode(Int.self, at: 1) == 2)  // the other queue's and the future one
        }
    }

    /// A run takes on queued jobs of its own queue and kind (`claimCompanions`) and completes them in its own
    /// transaction; one it cannot do is finished on its own; one cancelled meanwhile stays cancelled.
    @Test func companionsJoinARunAndCompleteWithIt() async throws {
        try await withJobsDatabase { database, connection in
            try await JobQueue.enqueue((0..<6).map { NewJob(kind: "k", payload: .object(["n": .integer($0)])) }, on: connection)
            try await JobQueue.enqueue(NewJob(kind: "other"), on: connection)
            try await JobQueue.enqueue(NewJob(kind: "k", queue: "elsewhere"), on: connection)
            let pool = ConnectionPool(connectionString: database, maxConnections: 2)
            let main = try #require(try await JobQueue.claim(queue: "default", kind: "k", limit: 1, owner: "w", lease: .seconds(30), on: connection).first)
            let context = JobContext(job: main, pool: pool, logger: .init(label: "test"))
            let companions = try await context.claimCompanions(limit: 10)
            #expect(companions.count == 5)
            #expect(companions.allSatisfy { $0.kind == "k" && $0.queue == "default" && $0.owner == "w" })
            #expect(try await JobQueue.claim(queue: "default", kind: "k", limit: 10, owner: "x", lease: .seconds(30), on: connection).isEmpty)

            try await context.finishCompanion(companions[0], .discarded(error: "bad payload"))
            #expect(try await JobQueue.cancel(companions[1].id, on: connection))
            #expect(context.companions.map(\.id) == companions.dropFirst().map(\.id))
            try await context.completeInTransaction { connection in
                try await connection.execute("create table effect as select 1 as done")
            }
            #expect(context.isRecorded)
            var states: [Int64: JobState] = [:]
            for job in [main] + companions { states[job.id] = try await JobQueue.job(job.id, on: connection)?.state }
            #expect(states[main.id] == .succeeded)
            #expect(states[companions[0].id] == .discarded)
            #expect(states[companions[1].id] == .cancelled)
            #expect(companions.dropFirst(2).allSatisfy { states[$0.id] == .succeeded })
            let pending = try await connection.query("select kind || '/' || queue from jobs where state = 'pending' order by 1").map { try $0.decode(String.self, at: 0) }
            #expect(pending == ["k/elsewhere", "other/default"])
            await pool.close()
        }
    }

    @Test func finishChecksOwnerAndAttemptSoLateResultsChangeNothing() async throws {
        try await withJobsDatabase { _, connection in
            let id = try #require(try await JobQueue.enqueue(NewJob(kind: "test.noop", maxAttempts: 5), on: connection))
            let run1 = try #require(try await JobQueue.claim(queue: "default", limit: 1, owner: "a", lease: .milliseconds(1), on: connection).first)
            try await Task.sleep(for: .milliseconds(20))
            let rescued = try await JobQueue.rescue(backoff: Backoff(scale: 0), on: connection)
            #expect(rescued == [RescuedJob(id: id, formerOwner: "a", state: .pending)])
            let run2 = try #require(try await JobQueue.claim(queue: "default", limit: 1, owner: "b", lease: .seconds(30), on: connection).first)
            #expect(run2.attempt == 2)
            // The lost run's late success is stale, and so is a result naming the right attempt but the wrong owner.
            let late = try await JobQueue.finish([JobResult(jobID: id, attempt: run1.attempt, outcome: .succeeded)], owner: "a", on: connection)
            #expect(late.stale == [id] && late.recorded.isEmpty)
            let wrongOwner = try await JobQueue.finish(
                [JobResult(jobID: id, attempt: 2, outcome: .failed(error: "x", retryIn: 0))], owner: "a", on: connection)
            #expect(wrongOwner.stale == [id])
            #expect(try await JobQueue.job(id, on: connection)?.state == .running)
            let current = try await JobQueue.finish([JobResult(jobID: id, attempt: 2, outcome: .succeeded)], owner: "b", on: connection)
            #expect(current.recorded == [id: .succeeded])
            let job = try #require(try await JobQueue.job(id, on: connection))
            #expect(job.state == .succeeded && job.finishedAt != nil)
            #expect(job.errors.contains("lease expired"))
            // Finishing twice is stale too.
            #expect(try await JobQueue.finish([JobResult(jobID: id, attempt: 2, outcome: .succeeded)], owner: "b", on: connection).stale == [id])
        }
    }

    @Test func failuresRetryWithBackoffKeepEveryErrorThenDiscard() async throws {
        try await withJobsDatabase { _, connection in
            let id = try #require(try await JobQueue.enqueue(NewJob(kind: "test.fail", maxAttempts: 3), on: connection))
            for attempt in 1...3 {
                try await connection.execute("update jobs set run_at = now() where id = $1", [id])
                let run = try #require(try await JobQueue.claim(queue: "default", limit: 1, owner: "w", lease: .seconds(30), on: connection).first)
                #expect(run.attempt == attempt)
                let report = try await JobQueue.finish(
                    [JobResult(jobID: id, attempt: attempt, outcome: .failed(error: "boom \(attempt)", retryIn: 60))], owner: "w", on: connection)
                #expect(report.recorded[id] == (attempt < 3 ? .pending : .discarded))
                if attempt < 3 {
                    let wait = try await connection.query("select extract(epoch from run_at - now())::float8 from jobs where id = $1", [id])
                    #expect(abs(try wait[0].decode(Double.self, at: 0) - 60) < 2)
                    #expect(try await JobQueue.claim(queue: "default", limit: 1, owner: "w", lease: .seconds(30), on: connection).isEmpty)
                }
            }
            let errors = try await connection.query(
                "select e ->> 'error', (e ->> 'attempt')::int, e ->> 'worker' from jobs, jsonb_array_elements(errors) e where id = $1", [id])
            #expect(try errors.map { try $0.decode(String.self, at: 0) } == ["boom 1", "boom 2", "boom 3"])
            #expect(try errors.map { try $0.decode(Int.self, at: 1) } == [1, 2, 3])
            #expect(try errors.allSatisfy { try $0.decode(String.self, at: 2) == "w" })
        }
    }

    @Test func neverRetrySnoozeAndReleaseAreRecorded() async throws {
        try await withJobsDatabase { _, connection in
            let ids = try await (0..<3).asyncMap { _ in try #require(try await JobQueue.enqueue(NewJob(kind: "k", maxAttempts: 5), on: connection)) }
            let runs = try await JobQueue.claim(queue: "default", limit: 3, owner: "w", lease: .seconds(30), on: connection)
            #expect(runs.count == 3)
            let report = try await JobQueue.finish(
                [JobResult(jobID: ids[0], attempt: 1, outcome: .discarded(error: "bad payload")),
                 JobResult(jobID: ids[1], attempt: 1, outcome: .snoozed(seconds: 120)),
                 JobResult(jobID: ids[2], attempt: 1, outcome: .released(reason: "shutdown"))], owner: "w", on: connection)
            #expect(report.recorded == [ids[0]: .discarded, ids[1]: .pending, ids[2]: .pending])
            let rows = try await connection.query(
                "select id, max_attempts, run_at > now() + interval '100 seconds', jsonb_array_length(errors) from jobs order by id")
            #expect(try rows.map { try $0.decode(Int.self, at: 1) } == [5, 6, 6])  // snooze and release don't use up an attempt
            #expect(try rows.map { try $0.decode(Bool.self, at: 2) } == [false, true, false])
            #expect(try rows.map { try $0.decode(Int.self, at: 3) } == [1, 0, 1])
        }
    }

    @Test func rolledBackEnqueueLeavesNothingAndNotifiesNobody() async throws {
        try await withJobsDatabase { database, connection in
            let listener = try await Connection.connect(to: database)
            try await listener.listen(JobQueue.channel)
            struct Rollback: Error {}
            await #expect(throws: Rollback.self) {
                try await connection.withTransaction { connection in
                    try await JobQueue.enqueue(NewJob(kind: "test.noop"), on: connection)
                    throw Rollback()
                }
            }
            #expect(try await listener.waitForNotifications(timeout: .milliseconds(300)).isEmpty)
            #expect(try await connection.query("select 1 from jobs").isEmpty)
            // One notification per statement and queue, even for many rows, delivered at commit.
            try await connection.withTransaction { connection in
                try await JobQueue.enqueue((0..<500).map { NewJob(kind: "test.noop", queue: $0 % 2 == 0 ? "a" : "b") }, on: connection)
                try await JobQueue.enqueue(NewJob(kind: "test.noop", queue: "a"), on: connection)
            }
            var received: [PostgresNotification] = []
            for _ in 0..<5 { received += try await listener.waitForNotifications(timeout: .milliseconds(100)) }
            #expect(received.map(\.payload).sorted() == ["a", "b"])  // identical notifications fold within a transaction
            await listener.close()
        }
    }

    @Test func hundredConcurrentEnqueuesOfOneUniqueJobLeaveExactlyOnePending() async throws {
        try await withJobsDatabase { database, connection in
            let pool = ConnectionPool(connectionString: database, maxConnections: 20)
            let ids = try await withThrowingTaskGroup(of: Int64?.self) { group in
                for _ in 0..<100 {
                    group.addTask {
                        try await pool.withConnection { connection in
                            try await connection.withTransaction { connection in
                                let id = try await JobQueue.enqueue(
                                    NewJob(kind: "match.item", queue: "match", payload: .object(["id": .integer(7)]), uniqueKey: "match:seed:7"),
                                    on: connection)
                                try await connection.execute("select pg_sleep(0.005)")
                                return id
                            }
                        }
                    }
                }
                return try await group.reduce(into: [Int64?]()) { $0.append($1) }
            }
            await pool.close()
            #expect(ids.compactMap { $0 }.count == 1)
            #expect(try await connection.query("select count(*)::int from jobs where unique_key = 'match:seed:7' and state = 'pending'")[0].decode(Int.self, at: 0) == 1)
            #expect(try await connection.query("select count(*)::int from jobs")[0].decode(Int.self, at: 0) == 1)
            // Once it runs, a new change may enqueue again (debounce, not deduplication forever)...
            let running = try #require(try await JobQueue.claim(queue: "match", limit: 1, owner: "w", lease: .seconds(30), on: connection).first)
            let next = try #require(try await JobQueue.enqueue(NewJob(kind: "match.item", queue: "match", uniqueKey: "match:seed:7"), on: connection))
            #expect(try await JobQueue.enqueue(NewJob(kind: "match.item", queue: "match", uniqueKey: "match:seed:7"), on: connection) == nil)
            // ...but the new one waits until the running one with its key has finished, while other jobs don't wait.
            let other = try #require(try await JobQueue.enqueue(NewJob(kind: "match.item", queue: "match", uniqueKey: "match:seed:8"), on: connection))
            #expect(try await JobQueue.claim(queue: "match", limit: 10, owner: "w", lease: .seconds(30), on: connection).map(\.id) == [other])
            try await JobQueue.finish([JobResult(jobID: running.id, attempt: 1, outcome: .succeeded)], owner: "w", on: connection)
            #expect(try await JobQueue.claim(queue: "match", limit: 10, owner: "w", lease: .seconds(30), on: connection).map(\.id) == [next])
        }
    }

    @Test func aRetryingUniqueJobYieldsToANewerPendingOne() async throws {
        try await withJobsDatabase { _, connection in
            let first = try #require(try await JobQueue.enqueue(NewJob(kind: "k", uniqueKey: "u"), on: connection))
            _ = try await JobQueue.claim(queue: "default", limit: 1, owner: "w", lease: .seconds(30), on: connection)
            let second = try #require(try await JobQueue.enqueue(NewJob(kind: "k", uniqueKey: "u"), on: connection))
            let report = try await JobQueue.finish(
                [JobResult(jobID: first, attempt: 1, outcome: .failed(error: "x", retryIn: 0))], owner: "w", on: connection)
            #expect(report.recorded == [first: .cancelled])
            #expect(try await JobQueue.job(second, on: connection)?.state == .pending)
        }
    }

    @Test func heartbeatRenewsLeasesSoLiveWorkersAreNotRescued() async throws {
        try await withJobsDatabase { _, connection in
            let identity = WorkerIdentity(id: "w1", host: "h", pid: 1, version: "v", queues: ["default": 2])
            let id = try #require(try await JobQueue.enqueue(NewJob(kind: "k"), on: connection))
            // Heartbeats every 0.4 s keep a 1 s lease alive for 1.6 s, longer than the lease itself; the margin of
            // 0.6 s per beat absorbs a loaded machine (with 0.15 s beats and a 0.3 s lease, a CI run missed one).
            _ = try await JobQueue.claim(queue: "default", limit: 1, owner: "w1", lease: .seconds(1), on: connection)
            for _ in 0..<4 {
                try await Task.sleep(for: .milliseconds(400))
                #expect(try await JobQueue.heartbeat(identity, lease: .seconds(1), on: connection) == [id])
                #expect(try await JobQueue.rescue(on: connection).isEmpty)
            }
            let workers = try await JobQueue.workers(on: connection)
            #expect(workers.map(\.id) == ["w1"] && workers[0].runningJobs == 1)
            try await Task.sleep(for: .milliseconds(1300))
            #expect(try await JobQueue.rescue(backoff: Backoff(scale: 0), on: connection).map(\.id) == [id])
            #expect(try await JobQueue.heartbeat(identity, lease: .seconds(1), on: connection).isEmpty)
            try await JobQueue.unregister(workerID: "w1", on: connection)
            #expect(try await JobQueue.workers(on: connection).isEmpty)
        }
    }

    @Test func cancelDiscardRetryAndCleanup() async throws {
        try await withJobsDatabase { _, connection in
            let a = try #require(try await JobQueue.enqueue(NewJob(kind: "k"), on: connection))
            let b = try #require(try await JobQueue.enqueue(NewJob(kind: "k"), on: connection))
            let c = try #require(try await JobQueue.enqueue(NewJob(kind: "k", maxAttempts: 1), on: connection))
            #expect(try await JobQueue.cancel(a, on: connection))
            #expect(try await !JobQueue.cancel(a, on: connection))
            #expect(try await JobQueue.discard(b, on: connection))
            let run = try #require(try await JobQueue.claim(queue: "default", limit: 1, owner: "w", lease: .seconds(30), on: connection).first)
            #expect(run.id == c)
            // Cancelling a running job makes its run's result stale.
            #expect(try await JobQueue.cancel(c, on: connection))
            #expect(try await JobQueue.finish([JobResult(jobID: c, attempt: 1, outcome: .succeeded)], owner: "w", on: connection).stale == [c])
            #expect(try await JobQueue.retry(c, on: connection))
            let retried = try #require(try await JobQueue.job(c, on: connection))
            #expect(retried.state == .pending && retried.maxAttempts == 2)
            #expect(try await JobQueue.retry(b, on: connection))
            #expect(try await JobQueue.list(state: .cancelled, on: connection).map(\.id) == [a])
            try await connection.execute("update jobs set finished_at = now() - interval '2 days' where id = $1", [a])
            #expect(try await JobQueue.cleanup(succeededAfter: .seconds(86_400), discardedAfter: .seconds(86_400 * 30), on: connection) == 1)
            #expect(try await JobQueue.job(a, on: connection) == nil)
            let stats = try await JobQueue.stats(on: connection)
            #expect(stats.map(\.queue) == ["default"] && stats[0].counts[.pending] == 2 && stats[0].runnable == 2)
        }
    }

    @Test func periodicJobsAreEnqueuedOncePerSlotAcrossConcurrentSchedulers() async throws {
        try await withJobsDatabase { database, connection in
            let periodic = PeriodicJob(name: "tick", every: .seconds(3600), job: NewJob(kind: "k", queue: "maintenance"))
            let pool = ConnectionPool(connectionString: database, maxConnections: 8)
            let enqueued = try await withThrowingTaskGroup(of: Int64?.self) { group in
                for _ in 0..<16 {
                    group.addTask { try await pool.withConnection { try await JobQueue.enqueueIfDue(periodic, on: $0) } }
                }
                return try await group.reduce(into: [Int64?]()) { $0.append($1) }
            }
            await pool.close()
            #expect(enqueued.compactMap { $0 }.count == 1)
            // Not due again until the next slot, even once the first run is done.
            try await connection.execute("update jobs set state = 'succeeded', finished_at = now()")
            #expect(try await JobQueue.enqueueIfDue(periodic, on: connection) == nil)
            let next = try await connection.query("select next_run_at from periodic_jobs where name = 'tick'")[0].decode(Date.self, at: 0)
            #expect(next == periodic.nextSlot(after: Date()))
            try await connection.execute("update periodic_jobs set next_run_at = now() - interval '1 second'")
            #expect(try await JobQueue.enqueueIfDue(periodic, on: connection) != nil)
            #expect(try await connection.query("select unique_key from jobs where state = 'pending'")[0].decode(String.self, at: 0) == "periodic:tick")
        }
    }
}

extension Sequence {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var values: [T] = []
        for element in self { values.append(try await transform(element)) }
        return values
    }
}
