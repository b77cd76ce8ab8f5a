import ClusterMatch
import Foundation
import Postgres

/// Job kinds for the reliability tests and the benchmark, registered only when `CLUSTERMATCH_WORKER_TEST_JOBS=1`.
///
/// - `test.noop`: does nothing (benchmark).
/// - `test.effect`: sleeps `sleep_ms` (payload, default 0; `first_attempt_sleep_ms` on the first attempt), then inserts `(job_id, worker, attempt)` into
///   `worker_test_effects` in the same transaction that completes the job, so its effect happens exactly once.
///   The table belongs to the test: `create table worker_test_effects (job_id bigint primary key, worker text,
///   attempt int, at timestamptz default now())`.
/// - `test.fail`: always throws (retried with backoff, then discarded).
/// - `test.never`: throws ``JobError/neverRetry(_:)`` (discarded at once).
/// - `test.snooze`: snoozes for `snooze_ms` on its first attempt, then succeeds.
/// - `test.batch`: takes on up to `companions` queued `test.batch` jobs (`JobContext.claimCompanions`); on its
///   first attempt with `fail_first_attempt` it then throws, else it inserts every one's effect as `test.effect`
///   does, in the transaction that completes them all.
enum TestJobs {
    struct EffectPayload: Decodable {
        var sleep_ms: Int?
        var first_attempt_sleep_ms: Int?
    }

    struct TestFailure: Error, CustomStringConvertible {
        var description: String
    }

    static func register(in registry: inout JobRegistry) {
        registry.register("test.noop") { _ in .succeeded }
        registry.register("test.effect") { context in
            let payload = try context.job.payload(as: EffectPayload.self)
            let pause = context.job.attempt == 1 ? payload.first_attempt_sleep_ms ?? payload.sleep_ms : payload.sleep_ms
            if let pause, pause > 0 { try await Task.sleep(for: .milliseconds(pause)) }
            let job = context.job
            try await context.completeInTransaction { connection in
                try await connection.execute(
                    "insert into worker_test_effects (job_id, worker, attempt) values ($1, $2, $3)", [job.id, job.owner, job.attempt])
            }
            return .succeeded
        }
        registry.register("test.fail") { context in
            throw TestFailure(description: "test.fail always fails (attempt \(context.job.attempt))")
        }
        registry.register("test.never") { _ in
            throw JobError.neverRetry("test.never must not be retried")
        }
        registry.register("test.batch") { context in
            struct Payload: Decodable {
                var companions: Int?
                var fail_first_attempt: Bool?
            }
            let payload = try context.job.payload(as: Payload.self)
            let companions = try await context.claimCompanions(limit: payload.companions ?? 10)
            if context.job.attempt == 1 && payload.fail_first_attempt == true {
                throw TestFailure(description: "test.batch failed with \(companions.count) companions")
            }
            let jobs = [context.job] + companions
            try await context.completeInTransaction { connection in
                try await connection.execute(
                    "insert into worker_test_effects (job_id, worker, attempt) select * from unnest($1::bigint[], $2::text[], $3::int[])",
                    [jobs.map(\.id), jobs.map(\.owner), jobs.map(\.attempt)])
            }
            return .succeeded
        }
        registry.register("test.snooze") { context in
            struct Payload: Decodable { var snooze_ms: Int? }
            let payload = try context.job.payload(as: Payload.self)
            if context.job.attempt == 1 { return .snooze(.milliseconds(payload.snooze_ms ?? 100)) }
            return .succeeded
        }
    }
}
