import ArgumentParser
import ClusterMatch
import Foundation
import Postgres

extension BenchCommand {
    /// `clustermatch bench worker`: no-op jobs per second through real worker processes, against the one-job-per-commit
    /// anchor loop measured in the same run.
    struct Worker: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "worker",
            abstract: "Measure the job queue: no-op jobs per second with 1, 2 and 4 worker processes, and the anchor loop.",
            discussion: """
                Creates a scratch database cm_bench_<random> on the server the database options point to and migrates it. \
                The anchor is the loop a pgbench script would run: claim one job with FOR UPDATE SKIP LOCKED, complete \
                it in a second statement, each its own commit; it runs with 1 and 4 clients. Then for each process \
                count it starts that many clustermatch-worker processes (found next to this executable; queue \
                `bench`, test job kinds on), waits until they have registered, enqueues --jobs no-op jobs in one \
                statement and times until none is pending or running. The ratio compares the best worker figure with \
                the 4-client anchor. Build with -c release for meaningful numbers. The scratch database is dropped at \
                the end. Then, unless --no-latency: "post a need → its matches visible". --latency-seeds generated seeds and \
                --latency-needs needs are imported and published, one worker keeps the match lists (its full re-match \
                is timed first), and more generated needs are posted one at a time (--idle-posts, each timed from \
                its commit until its list can be read) and then at --posts-per-second for --load-seconds. With \
                --posts drafts (the default) they were imported as drafts, which the worker indexes, and a post \
                publishes one; with --posts new a post inserts a published need whose text the worker has not seen. \
                Also timed: how long after the last post every list those posts reached (pending lists) is current \
                again.
                """)

        @Option(help: "No-op jobs per timed run.") var jobs = 20_000
        @Option(help: "Jobs per anchor run.") var anchorJobs = 5_000
        @Option(help: "Worker process counts to measure, comma-separated.") var processes = "1,2,4"
        @Option(help: "Slots (concurrent jobs) per worker process.") var slots = 64
        @Option(help: "Most jobs per claim statement.") var claimBatch = 200
        @Option(help: "Timed runs per process count (the best is reported).") var runs = 2
        @Flag(help: "Skip the post → matches visible latency.") var noLatency = false
        @Option(help: "Seeds for the latency measurement.") var latencySeeds = 100_000
        @Option(help: "Published needs for the latency measurement.") var latencyNeeds = 5_000
        @Option(help: "Needs posted one at a time.") var idlePosts = 100
        @Option(help: "Posts per second under load.") var postsPerSecond = 50.0
        @Option(help: "Seconds of posting under load.") var loadSeconds = 20.0
        @Option(help: "Most seconds to wait, after posting under load, for every list the posts reached to be current.")
        var drainSeconds = 1800.0
        @Option(help: "What a post is: drafts (publish a need imported as a draft) or new (insert a published need).")
        var posts: PostLatencyBench.Posts = .drafts
        @Option(help: "Generator seed for the latency data.") var seed: UInt64 = 42
        @Flag(help: "Print the figures as one JSON object.") var json = false
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            guard jobs > 0, anchorJobs > 0, runs > 0 else { throw ValidationError("--jobs, --anchor-jobs and --runs must be at least 1") }
            guard !processCounts.isEmpty, processCounts.allSatisfy({ (1...32).contains($0) }) else {
                throw ValidationError("--processes must list counts from 1 to 32, such as 1,2,4")
            }
            guard (1...1000).contains(slots) else { throw ValidationError("--slots must be between 1 and 1000") }
            guard (1...10_000).contains(claimBatch) else { throw ValidationError("--claim-batch must be between 1 and 10000") }
            guard latencySeeds > 0, latencyNeeds > 0, idlePosts > 0 else {
                throw ValidationError("--latency-seeds, --latency-needs and --idle-posts must be at least 1")
            }
            guard postsPerSecond > 0, postsPerSecond <= 1000, loadSeconds > 0, loadSeconds <= 3600 else {
                throw ValidationError("--posts-per-second must be in (0, 1000] and --load-seconds in (0, 3600]")
            }
            guard drainSeconds >= 0, drainSeconds <= 24 * 3600 else { throw ValidationError("--drain-seconds must be in [0, 86400]") }
        }

        var processCounts: [Int] { processes.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) } }

        func run() async throws {
            try await reportingFailures {
                let binary = try workerBinary()
                let figures = try await database.withScratchDatabase { target in try await measure(on: target, binary: binary) }
                report(figures)
            }
        }

        struct Figures {
            var anchor1 = 0.0
            var anchor4 = 0.0
            var workers: [(processes: Int, jobsPerSecond: Double, runs: [Double])] = []
            var serverVersion = ""
            var latency: PostLatencyBench.Figures?
        }

        func measure(on target: ConnectionString, binary: String) async throws -> Figures {
            let connection = try await Connection.connect(to: target.with("application_name", "clustermatch-bench"))
            do {
                let figures = try await measure(on: target, binary: binary, connection: connection)
                await connection.close()
                return figures
            } catch {
                await connection.close()
                throw error
            }
        }

        func measure(on target: ConnectionString, binary: String, connection: Connection) async throws -> Figures {
            var figures = Figures()
            try await Migrator().migrate(on: connection)
            figures.serverVersion = try await connection.query("show server_version")[0].decode(String.self, at: 0)
            figures.anchor1 = try await anchor(clients: 1, on: target, connection: connection)
            progress("anchor, 1 client: \(Int(figures.anchor1)) jobs/s")
            figures.anchor4 = try await anchor(clients: 4, on: target, connection: connection)
            progress("anchor, 4 clients: \(Int(figures.anchor4)) jobs/s")
            for count in processCounts {
                var rates: [Double] = []
                let workers = try (0..<count).map { try WorkerProcess(binary: binary, database: target, index: $0, slots: slots, claimBatch: claimBatch) }
                defer { for worker in workers { worker.stop() } }
                try await waitForWorkers(count, connection: connection)
                _ = try await timeJobs(min(jobs, 2000), connection: connection, workers: workers)  // warm-up
                for _ in 0..<runs {
                    rates.append(try await timeJobs(jobs, connection: connection, workers: workers))
                }
                for worker in workers { worker.terminate() }
                for worker in workers { worker.waitUntilExit(timeout: 30) }
                try await connection.execute("delete from workers")
                figures.workers.append((count, rates.max() ?? 0, rates))
                progress("\(count) worker process\(count == 1 ? "" : "es"): \(rates.map { "\(Int($0))" }.joined(separator: ", ")) jobs/s")
            }
            if !noLatency {
                try await connection.execute("delete from jobs")
                figures.latency = try await PostLatencyBench(
                    seeds: latencySeeds, needs: latencyNeeds, posts: posts, idlePosts: idlePosts, rate: postsPerSecond,
                    loadSeconds: loadSeconds, drainLimit: drainSeconds, seed: seed, binary: binary, progress: progress
                ).measure(on: target, connection: connection)
            }
            return figures
        }

        /// The anchor: each client claims one job (FOR UPDATE SKIP LOCKED) and completes it in a second statement.
        func anchor(clients: Int, on target: ConnectionString, connection: Connection) async throws -> Double {
            try await connection.execute("truncate jobs")
            try await connection.execute(
                "insert into jobs (queue, kind) select 'anchor', 'test.noop' from generate_series(1, $1)", [anchorJobs])
            try await connection.execute("vacuum analyze jobs")
            var sessions: [Connection] = []
            for _ in 0..<clients { sessions.append(try await Connection.connect(to: target.with("application_name", "clustermatch-bench-anchor"))) }
            let started = ContinuousClock.now
            let done = try await withThrowingTaskGroup(of: Int.self) { group in
                for (index, session) in sessions.enumerated() {
                    group.addTask {
                        var count = 0
                        while true {
                            let claimed = try await session.query(
                                """
                                with next as (
                                    select id from jobs where state = 'pending' and queue = 'anchor' and run_at <= now()
                                    order by priority desc, run_at, id limit 1 for update skip locked
                                )
                                update jobs j set state = 'running', owner = $1, attempt = j.attempt + 1, attempted_at = now(),
                                    lease_expires_at = now() + interval '30 seconds'
                                from next where j.id = next.id
                                returning j.id, j.attempt
                                """, ["anchor-\(index)"])
                            guard let row = claimed.first else { return count }
                            try await session.execute(
                                """
                                update jobs set state = 'succeeded', finished_at = now(), lease_expires_at = null
                                where id = $1 and owner = $2 and attempt = $3 and state = 'running'
                                """, [try row.decode(Int64.self, at: 0), "anchor-\(index)", try row.decode(Int.self, at: 1)])
                            count += 1
                        }
                    }
                }
                return try await group.reduce(0, +)
            }
            let elapsed = ContinuousClock.now - started
            for session in sessions { await session.close() }
            guard done == anchorJobs else { throw CLIError("the anchor loop finished \(done) of \(anchorJobs) jobs") }
            return Double(done) / seconds(elapsed)
        }

        /// Enqueues `count` no-op jobs in one statement and times until none is pending or running.
        func timeJobs(_ count: Int, connection: Connection, workers: [WorkerProcess]) async throws -> Double {
            try await connection.execute("truncate jobs")
            try await connection.execute("vacuum analyze jobs")
            let started = ContinuousClock.now
            try await connection.execute("insert into jobs (queue, kind) select 'bench', 'test.noop' from generate_series(1, $1)", [count])
            while true {
                try await Task.sleep(for: .milliseconds(10))
                let busy = try await connection.query(
                    "select exists (select 1 from jobs where state = 'pending' and queue = 'bench') or exists (select 1 from jobs where state = 'running')")
                if try !busy[0].decode(Bool.self, at: 0) { break }
                if ContinuousClock.now - started > .seconds(600) { throw CLIError("the workers did not finish \(count) jobs in 10 minutes") }
                if let dead = workers.first(where: { !$0.isRunning }) { throw CLIError("a worker process exited; see \(dead.logPath)") }
            }
            let elapsed = ContinuousClock.now - started
            let succeeded = try await connection.query("select count(*)::int from jobs where state = 'succeeded'")[0].decode(Int.self, at: 0)
            guard succeeded == count else { throw CLIError("only \(succeeded) of \(count) jobs succeeded") }
            return Double(count) / seconds(elapsed)
        }

        func waitForWorkers(_ count: Int, connection: Connection) async throws {
            let deadline = ContinuousClock.now + .seconds(30)
            while try await connection.query("select count(*)::int from workers")[0].decode(Int.self, at: 0) < count {
                guard ContinuousClock.now < deadline else { throw CLIError("the worker processes did not register within 30 s") }
                try await Task.sleep(for: .milliseconds(50))
            }
        }

        func report(_ figures: Figures) {
            let best = figures.workers.map(\.jobsPerSecond).max() ?? 0
            let ratio = figures.anchor4 > 0 ? best / figures.anchor4 : 0
            let ratio1 = figures.anchor1 > 0 ? best / figures.anchor1 : 0
            if json {
                var workers: [String: JSONValue] = [:]
                for figure in figures.workers {
                    workers["\(figure.processes)"] = .object([
                        "jobs_per_second": .number(String(format: "%.0f", figure.jobsPerSecond)),
                        "runs": .array(figure.runs.map { .number(String(format: "%.0f", $0)) }),
                    ])
                }
                print(JSONValue.object([
                    "jobs": .integer(jobs), "slots_per_process": .integer(slots), "claim_batch": .integer(claimBatch),
                    "server_version": .string(figures.serverVersion),
                    "anchor_jobs_per_second": .object([
                        "1": .number(String(format: "%.0f", figures.anchor1)), "4": .number(String(format: "%.0f", figures.anchor4)),
                    ]),
                    "worker_jobs_per_second": .object(workers),
                    "best_jobs_per_second": .number(String(format: "%.0f", best)),
                    "ratio_to_anchor_4_clients": .number(String(format: "%.2f", ratio)),
                    "ratio_to_anchor_1_client": .number(String(format: "%.2f", ratio1)),
                    "post_to_matches_visible": figures.latency.map(\.json) ?? .null,
                ]).jsonText)
                return
            }
            print("anchor (claim one with SKIP LOCKED, complete in a second statement): 1 client \(Int(figures.anchor1)) jobs/s, 4 clients \(Int(figures.anchor4)) jobs/s")
            for figure in figures.workers {
                print("\(figure.processes) worker process\(figure.processes == 1 ? "" : "es") × \(slots) slots: \(Int(figure.jobsPerSecond)) no-op jobs/s (runs: \(figure.runs.map { "\(Int($0))" }.joined(separator: ", ")))")
            }
            print(String(format: "best %.0f jobs/s = %.2f× the 4-client anchor, %.2f× the 1-client anchor", best, ratio, ratio1))
            if let latency = figures.latency { print(latency.text) }
        }

        func progress(_ line: String) {
            if !json { printError(line) }
        }

        func workerBinary() throws -> String {
            let own = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
            let candidate = own.deletingLastPathComponent().appending(path: "clustermatch-worker").path()
            guard FileManager.default.isExecutableFile(atPath: candidate) else {
                throw CLIError("no clustermatch-worker next to this executable (\(candidate)); build both: swift build -c release")
            }
            return candidate
        }

        func seconds(_ duration: Duration) -> Double {
            duration.inSeconds
        }
    }

    /// A worker process started for a benchmark, logging to a temporary file.
    final class WorkerProcess {
        let process = Process()
        let logPath: String

        convenience init(binary: String, database: ConnectionString, index: Int, slots: Int, claimBatch: Int) throws {
            try self.init(
                binary: binary, database: database, index: index,
                environment: [
                    "CLUSTERMATCH_WORKER_QUEUES": "bench=\(slots)", "CLUSTERMATCH_WORKER_CLAIM_BATCH": "\(claimBatch)",
                    "CLUSTERMATCH_WORKER_TEST_JOBS": "1", "CLUSTERMATCH_WORKER_ID": "bench-\(index)",
                ])
        }

        /// Starts a worker with `environment` added to this process's; its output goes to `logPath`.
        init(binary: String, database: ConnectionString, index: Int, environment extra: [String: String]) throws {
            logPath = FileManager.default.temporaryDirectory.appending(path: "cm-bench-worker-\(index).log").path()
            _ = FileManager.default.createFile(atPath: logPath, contents: nil)
            process.executableURL = URL(fileURLWithPath: binary)
            var environment = ProcessInfo.processInfo.environment
            environment["DATABASE_URL"] = database.description
            // Warnings only unless this process's environment asks for more (LOG_LEVEL=debug shows each match run).
            environment["LOG_LEVEL"] = environment["LOG_LEVEL"] ?? "warning"
            environment.merge(extra) { _, new in new }
            process.environment = environment
            let log = FileHandle(forWritingAtPath: logPath)
            process.standardOutput = log
            process.standardError = log
            try process.run()
        }

        var isRunning: Bool { process.isRunning }
        func terminate() { if process.isRunning { process.terminate() } }
        func stop() { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        func waitUntilExit(timeout: Double) {
            let deadline = Date().addingTimeInterval(timeout)
            while process.isRunning && Date() < deadline { usleep(20_000) }
        }
    }
}
