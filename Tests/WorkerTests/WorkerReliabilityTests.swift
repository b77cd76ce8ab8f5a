import ClusterMatch
import Foundation
import Synchronization
import Postgres
import Testing
import TestSupport

/// The worker's guarantees, checked on real `clustermatch-worker` processes and a real PostgreSQL. The `test.effect`
/// job inserts its id into a table whose primary key is the job id, in the transaction that completes the job; so a
/// second run of a finished job would fail with a unique violation and leave an error on the job, which every test
/// checks is absent.
@Suite("worker processes: exactly once, crashes, shutdown, database restarts", .serialized)
struct WorkerReliabilityTests {
    @Test func threeWorkersRunFiveThousandJobsWithEachEffectExactlyOnce() async throws {
        try await WorkerTestBed.with { bed in
            let names = ["w1", "w2", "w3"]
            for name in names { _ = try bed.start(name) }
            try await bed.waitForWorkers(names)
            try await bed.enqueueEffects(5000)
            try await bed.waitUntil("5,000 jobs succeeded", timeout: .seconds(90)) {
                try await bed.count("select count(*)::int from jobs where state = 'succeeded'") == 5000
            }
            #expect(try await bed.count("select count(*)::int from worker_test_effects") == 5000)
            #expect(try await bed.count("select count(*)::int from jobs j join worker_test_effects e on e.job_id = j.id and e.attempt = j.attempt and e.worker = j.owner") == 5000)
            #expect(try await bed.count("select count(*)::int from jobs where kind like 'test.%' and (state <> 'succeeded' or errors <> '[]')") == 0)
            #expect(try await bed.count("select count(*)::int from jobs where lease_expires_at is not null") == 0)
            // The work was shared.
            #expect(try await bed.count("select count(distinct worker)::int from worker_test_effects") == 3)
        }
    }

    @Test func aKilledWorkersJobCompletesAfterItsLeaseWithOneEffect() async throws {
        try await WorkerTestBed.with { bed in
            let doomed = try bed.start("doomed", ["CLUSTERMATCH_WORKER_QUEUES": "default=1"])
            try await bed.waitForWorkers(["doomed"])
            try await bed.enqueueEffects(1, payload: #"{"first_attempt_sleep_ms": 60000}"#)
            try await bed.waitUntil("the job runs on the doomed worker", timeout: .seconds(10)) {
                try await bed.count("select count(*)::int from jobs where state = 'running' and owner = 'doomed'") == 1
            }
            // A second worker does not take the job while the first one's heartbeat renews its lease (2 s).
            _ = try bed.start("survivor")
            try await bed.waitForWorkers(["survivor"])
            try await Task.sleep(for: .seconds(3))
            #expect(try await bed.count("select count(*)::int from jobs where state = 'running' and owner = 'doomed' and attempt = 1") == 1)
            doomed.send(SIGKILL)
            let killedAt = Date()
            #expect(await doomed.waitForExit(timeout: .seconds(5)) == 128 + SIGKILL)
            try await bed.waitUntil("the job succeeded on the survivor", timeout: .seconds(20)) {
                try await bed.count("select count(*)::int from jobs where state = 'succeeded'") == 1
            }
            let row = try await bed.connection.query(
                "select e.worker, e.attempt, e.at, jsonb_array_length(j.errors), j.errors -> 0 ->> 'error' from worker_test_effects e join jobs j on j.id = e.job_id")
            #expect(row.count == 1)
            #expect(try row[0].decode(String.self, at: 0) == "survivor")
            #expect(try row[0].decode(Int.self, at: 1) == 2)
            #expect(try row[0].decode(Date.self, at: 2).timeIntervalSince(killedAt) >= 1.0)  // not before the lease ran out
            #expect(try row[0].decode(Int.self, at: 3) == 1)
            #expect(try row[0].decode(String.self, at: 4).contains("lease expired"))
        }
    }

    @Test func sigtermLetsShortJobsFinishReleasesLongOnesAndExitsWithinTheGracePeriod() async throws {
        try await WorkerTestBed.with { bed in
            let leaving = try bed.start("leaving", ["CLUSTERMATCH_WORKER_QUEUES": "default=4", "CLUSTERMATCH_WORKER_GRACE": "3s"])
            try await bed.waitForWorkers(["leaving"])
            try await bed.connection.execute(
                """
                insert into jobs (kind, payload) values
                  ('test.effect', '{"first_attempt_sleep_ms": 60000}'), ('test.effect', '{"first_attempt_sleep_ms": 60000}'),
                  ('test.effect', '{"sleep_ms": 1500}'), ('test.effect', '{"sleep_ms": 1500}')
                """)
            // All four claimed by the leaving worker (on a loaded machine a short job may already be done).
            try await bed.waitUntil("four jobs run on the leaving worker", timeout: .seconds(20)) {
                let claimed = try await bed.count("select count(*)::int from jobs where state in ('running', 'succeeded') and owner = 'leaving'")
                let running = try await bed.count("select count(*)::int from jobs where state = 'running' and owner = 'leaving'")
                return claimed == 4 && running >= 2
            }
            _ = try bed.start("staying", ["CLUSTERMATCH_WORKER_QUEUES": "default=4"])
            try await bed.waitForWorkers(["staying"])
            let signalled = ContinuousClock.now
            leaving.send(SIGTERM)
            let status = await leaving.waitForExit(timeout: .seconds(10))
            let took = ContinuousClock.now - signalled
            #expect(status == 0, "exit status; log:\n\(leaving.logTail())")
            #expect(took < .seconds(3), "exited after \(took), grace period 3 s")
            // The short jobs finished on the leaving worker during the grace period; the long ones were released.
            #expect(try await bed.count("select count(*)::int from worker_test_effects where worker = 'leaving'") == 2)
            try await bed.waitUntil("the released jobs succeeded on the staying worker", timeout: .seconds(20)) {
                try await bed.count("select count(*)::int from jobs where state = 'succeeded'") == 4
            }
            #expect(try await bed.count("select count(*)::int from worker_test_effects where worker = 'staying'") == 2)
            #expect(try await bed.count(
                "select count(*)::int from jobs where errors -> 0 ->> 'error' like 'released%' and max_attempts = 21 and attempt = 2") == 2)
            #expect(try await bed.count("select count(*)::int from workers where id = 'leaving'") == 0)
        }
    }

    @Test func postgresRestartUnderLoadLosesNothing() async throws {
        let server = try LocalServer.throwaway()
        try await onOwnThread { try server.start() }
        defer { try? server.destroy() }
        try await WorkerTestBed.with(server: server.connectionString) { bed in
            let names = ["r1", "r2"]
            var workers: [WorkerProcess] = []
            for name in names { workers.append(try bed.start(name, ["CLUSTERMATCH_WORKER_QUEUES": "default=4"])) }
            try await bed.waitForWorkers(names)
            try await bed.enqueueEffects(3000, payload: #"{"sleep_ms": 2}"#)
            try await bed.waitUntil("some jobs succeeded", timeout: .seconds(30)) {
                try await bed.count("select count(*)::int from jobs where state = 'succeeded'") >= 300
            }
            await bed.connection.close()
            try await onOwnThread { try server.restart() }
            let connection = try await Connection.connect(to: bed.database)
            let restarted = WorkerTestBed(database: bed.database, connection: connection)
            let succeededRightAfter = try await restarted.count("select count(*)::int from jobs where state = 'succeeded'")
            #expect(succeededRightAfter < 3000, "the restart should happen under load")
            try await restarted.enqueueEffects(1000, payload: #"{"sleep_ms": 2}"#)
            try await restarted.waitUntil("4,000 jobs succeeded after the restart", timeout: .seconds(90)) {
                try await restarted.count("select count(*)::int from jobs where state = 'succeeded'") == 4000
            }
            #expect(try await restarted.count("select count(*)::int from worker_test_effects") == 4000)
            #expect(try await restarted.count("select count(*)::int from jobs where kind like 'test.%' and state <> 'succeeded'") == 0)
            // A run cut off by the restart may have failed and been retried, but never because its effect already existed.
            #expect(try await restarted.count("select count(*)::int from jobs where errors::text like '%duplicate key%'") == 0)
            for worker in workers {
                #expect(worker.exitCode == nil, "the worker exited:\n\(worker.logTail())")
            }
            for worker in workers { worker.send(SIGTERM) }
            for worker in workers { #expect(await worker.waitForExit(timeout: .seconds(10)) == 0) }
            #expect(try await restarted.count("select count(*)::int from workers") == 0)
            await connection.close()
        }
    }

    @Test func aRolledBackEnqueueNeverRunsAndAJobInAnOpenTransactionStartsOnlyAfterCommit() async throws {
        try await WorkerTestBed.with { bed in
            _ = try bed.start("w", ["CLUSTERMATCH_WORKER_POLL": "100ms"])
            try await bed.waitForWorkers(["w"])
            struct Rollback: Error {}
            let rolledBack = Mutex<Int64?>(nil)
            await #expect(throws: Rollback.self) {
                try await bed.connection.withTransaction { connection in
                    let id = try await JobQueue.enqueue(NewJob(kind: "test.effect"), on: connection)
                    rolledBack.withLock { $0 = id }
                    throw Rollback()
                }
            }
            let held = try await Connection.connect(to: bed.database)
            try await held.execute("begin")
            let id = try #require(try await JobQueue.enqueue(NewJob(kind: "test.effect"), on: held))
            try await Task.sleep(for: .seconds(1.5))
            #expect(try await bed.count("select count(*)::int from worker_test_effects") == 0)
            let committedAt = Date()
            try await held.execute("commit")
            await held.close()
            try await bed.waitUntil("the committed job ran", timeout: .seconds(10)) {
                try await bed.count("select count(*)::int from worker_test_effects where job_id = $1", [id]) == 1
            }
            let ranAt = try await bed.connection.query("select at from worker_test_effects where job_id = $1", [id])[0].decode(Date.self, at: 0)
            #expect(ranAt >= committedAt.addingTimeInterval(-0.05))
            try await Task.sleep(for: .milliseconds(500))
            let rolledBackID = try #require(rolledBack.withLock { $0 })
            #expect(try await bed.count("select count(*)::int from jobs where id = $1", [rolledBackID]) == 0)
            #expect(try await bed.count("select count(*)::int from worker_test_effects") == 1)
        }
    }

    @Test func cancellingARunningJobStopsItAndFreesItsSlot() async throws {
        try await WorkerTestBed.with { bed in
            _ = try bed.start("w", ["CLUSTERMATCH_WORKER_QUEUES": "default=1"])
            try await bed.waitForWorkers(["w"])
            let long = try #require(try await JobQueue.enqueue(NewJob(kind: "test.effect", payload: .object(["sleep_ms": .integer(60_000)])), on: bed.connection))
            try await bed.waitUntil("the long job runs", timeout: .seconds(10)) {
                try await bed.count("select count(*)::int from jobs where id = $1 and state = 'running'", [long]) == 1
            }
            let next = try #require(try await JobQueue.enqueue(NewJob(kind: "test.effect"), on: bed.connection))
            try await Task.sleep(for: .milliseconds(500))
            #expect(try await bed.count("select count(*)::int from worker_test_effects") == 0)  // one slot, taken
            #expect(try await JobQueue.cancel(long, on: bed.connection))
            // The heartbeat (every 300 ms) finds the job gone and stops it; the freed slot runs the next job.
            try await bed.waitUntil("the next job ran", timeout: .seconds(5)) {
                try await bed.count("select count(*)::int from worker_test_effects where job_id = $1", [next]) == 1
            }
            #expect(try await bed.count("select count(*)::int from worker_test_effects where job_id = $1", [long]) == 0)
            let cancelled = try #require(try await JobQueue.job(long, on: bed.connection))
            #expect(cancelled.state == .cancelled && cancelled.attempt == 1 && cancelled.errors == "[]")
        }
    }

    @Test func aJobThatFailsEveryTimeIsDiscardedAfterItsAttemptsWhileOtherJobsFlow() async throws {
        try await WorkerTestBed.with { bed in
            _ = try bed.start("w", ["CLUSTERMATCH_WORKER_QUEUES": "default=4"])
            try await bed.waitForWorkers(["w"])
            let failing = try #require(try await JobQueue.enqueue(NewJob(kind: "test.fail", maxAttempts: 6), on: bed.connection))
            let never = try #require(try await JobQueue.enqueue(NewJob(kind: "test.never", maxAttempts: 6), on: bed.connection))
            // Keep other work arriving while the failing job retries (backoff scaled by 0.01: 0.01 s, 0.16 s, 0.81 s, …).
            for _ in 0..<20 {
                try await bed.enqueueEffects(50)
                try await Task.sleep(for: .milliseconds(150))
            }
            try await bed.waitUntil("the failing job is discarded", timeout: .seconds(60)) {
                try await bed.count("select count(*)::int from jobs where id = $1 and state = 'discarded'", [failing]) == 1
            }
            try await bed.waitUntil("all other jobs succeeded", timeout: .seconds(30)) {
                try await bed.count("select count(*)::int from jobs where kind = 'test.effect' and state = 'succeeded'") == 1000
            }
            let errors = try await bed.connection.query(
                "select (e ->> 'attempt')::int, e ->> 'error' from jobs, jsonb_array_elements(errors) e where id = $1", [failing])
            #expect(try errors.map { try $0.decode(Int.self, at: 0) } == [1, 2, 3, 4, 5, 6])
            #expect(try errors.allSatisfy { try $0.decode(String.self, at: 1).contains("test.fail always fails") })
            let neverRow = try await bed.connection.query("select state, attempt, jsonb_array_length(errors) from jobs where id = $1", [never])
            #expect(try neverRow[0].decode(String.self, at: 0) == "discarded")
            #expect(try neverRow[0].decode(Int.self, at: 1) == 1 && neverRow[0].decode(Int.self, at: 2) == 1)
            #expect(try await bed.count("select count(*)::int from worker_test_effects") == 1000)
        }
    }

    /// Jobs done together (a run and the companions it took on) complete together; when the run fails, each of
    /// them fails with it (an attempt counted, the error kept) and runs again; none is left running.
    @Test func companionsOfAFailedRunFailWithItAndRunAgain() async throws {
        try await WorkerTestBed.with { bed in
            try await bed.connection.execute(
                """
                insert into jobs (queue, kind, payload)
                select 'default', 'test.batch', '{"companions": 50, "fail_first_attempt": true}'::jsonb from generate_series(1, 200)
                """)
            _ = try bed.start("w", ["CLUSTERMATCH_WORKER_QUEUES": "default=1"])
            try await bed.waitUntil("200 batch jobs succeeded", timeout: .seconds(60)) {
                try await bed.count("select count(*)::int from jobs where state = 'succeeded'") == 200
            }
            #expect(try await bed.count("select count(*)::int from worker_test_effects") == 200)
            #expect(try await bed.count("select count(*)::int from jobs j join worker_test_effects e on e.job_id = j.id and e.attempt = j.attempt") == 200)
            // Some runs failed with companions: those companions have the failure as their own first attempt's error.
            let failedAsCompanions = try await bed.count(
                """
                select count(*)::int from jobs, jsonb_array_elements(errors) e
                where e ->> 'error' like 'test.batch failed with %' and (e ->> 'attempt')::int = 1 and attempt = 2
                """)
            #expect(failedAsCompanions > 1)
            #expect(try await bed.count("select count(*)::int from jobs where lease_expires_at is not null or state = 'running'") == 0)
        }
    }
}
