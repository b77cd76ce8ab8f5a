public import ArgumentParser
public import ClusterMatch
import Foundation
import Postgres

extension JobState: ExpressibleByArgument {}

/// `clustermatch jobs stats|list|show|retry|cancel|discard`.
struct JobsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jobs", abstract: "Inspect and steer the job queue.",
        subcommands: [Stats.self, List.self, Show.self, Retry.self, Cancel.self, Discard.self])

    struct Stats: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Jobs per queue and state, and each queue's lag.")
        @OptionGroup var database: DatabaseOptions
        @Flag(help: "One JSON object per queue.") var json = false

        func run() async throws {
            try await reportingFailures {
                let stats = try await database.withConnection { try await JobQueue.stats(on: $0) }
                if json {
                    for queue in stats { print(queue.json.jsonText) }
                    return
                }
                print(renderTable(
                    ["queue"] + JobState.allCases.map(\.rawValue) + ["runnable", "lag"],
                    stats.map { queue in
                        [queue.queue] + JobState.allCases.map { "\(queue.counts[$0] ?? 0)" }
                            + ["\(queue.runnable)", formatSeconds(queue.lagSeconds)]
                    }))
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List jobs, newest first.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "pending, running, succeeded, discarded or cancelled.") var state: JobState?
        @Option(help: "Only this queue.") var queue: String?
        @Option(help: "Only this kind.") var kind: String?
        @Option(help: "At most this many (1–10000).") var limit = 50
        @Flag(help: "One JSON object per job.") var json = false

        func validate() throws {
            guard (1...10_000).contains(limit) else { throw ValidationError("--limit must be between 1 and 10000") }
        }

        func run() async throws {
            try await reportingFailures {
                let jobs = try await database.withConnection {
                    try await JobQueue.list(state: state, queue: queue, kind: kind, limit: limit, on: $0)
                }
                if json {
                    for job in jobs { print(job.json.jsonText) }
                    return
                }
                print(renderTable(
                    ["id", "queue", "kind", "state", "attempt", "run at", "owner", "last error"],
                    jobs.map {
                        ["\($0.id)", $0.queue, $0.kind, $0.state.rawValue, "\($0.attempt)/\($0.maxAttempts)",
                         formatTime($0.runAt), $0.owner ?? "", ($0.lastError ?? "").replacingOccurrences(of: "\n", with: " ")]
                    }))
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one job with its payload and every attempt's error.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The job's id.") var id: Int64

        func run() async throws {
            try await reportingFailures {
                guard let job = try await database.withConnection({ try await JobQueue.job(id, on: $0) }) else {
                    throw CLIError("no job \(id)")
                }
                print(job.json.jsonText)
            }
        }
    }

    struct Retry: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a discarded, cancelled or waiting job again now (with one more attempt if it had used them all).")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The job's id.") var id: Int64

        func run() async throws {
            try await transition(id, database: database, verb: "retried", done: "will run again") { try await JobQueue.retry($0, on: $1) }
        }
    }

    struct Cancel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Cancel a pending or running job (a running one's result is then ignored).")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The job's id.") var id: Int64

        func run() async throws {
            try await transition(id, database: database, verb: "cancelled", done: "cancelled") { try await JobQueue.cancel($0, on: $1) }
        }
    }

    struct Discard: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Give up a pending or running job (kept, with its errors).")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The job's id.") var id: Int64

        func run() async throws {
            try await transition(id, database: database, verb: "discarded", done: "discarded") { try await JobQueue.discard($0, on: $1) }
        }
    }
}

/// Applies an operator's transition to one job, or says why it cannot (exit status 1).
private func transition(
    _ id: Int64, database: DatabaseOptions, verb: String, done: String,
    _ apply: @escaping @Sendable (Int64, Connection) async throws -> Bool
) async throws {
    try await reportingFailures {
        try await database.withConnection { connection in
            guard try await apply(id, connection) else {
                throw CLIError("job \(id) cannot be \(verb): \(try await describeState(id, on: connection))")
            }
        }
        print("job \(id) \(done)")
    }
}

/// `clustermatch worker status`.
struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker", abstract: "The worker processes.", subcommands: [Status.self])

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Worker processes with their heartbeats and running jobs, and each queue's lag.")
        @OptionGroup var database: DatabaseOptions
        @Flag(help: "One JSON object: {\"workers\": […], \"queues\": […]}.") var json = false

        func run() async throws {
            try await reportingFailures {
                let (workers, queues) = try await database.withConnection { connection in
                    (try await JobQueue.workers(on: connection), try await JobQueue.stats(on: connection))
                }
                if json {
                    print(JSONValue.object(["workers": .array(workers.map(\.json)), "queues": .array(queues.map(\.json))]).jsonText)
                    return
                }
                if workers.isEmpty {
                    print("no worker is running")
                } else {
                    print(renderTable(
                        ["worker", "host", "pid", "queues", "started", "last heartbeat", "running", "state"],
                        workers.map {
                            [$0.id, $0.host, "\($0.pid)", $0.queues, formatTime($0.startedAt), "\(formatSeconds($0.secondsSinceHeartbeat)) ago",
                             "\($0.runningJobs)", $0.isStopping ? "stopping" : "running"]
                        }))
                }
                print("")
                print(renderTable(
                    ["queue", "runnable", "running", "lag"],
                    queues.map { ["\($0.queue)", "\($0.runnable)", "\($0.counts[.running] ?? 0)", formatSeconds($0.lagSeconds)] }))
            }
        }
    }
}

private func describeState(_ id: Int64, on connection: Connection) async throws -> String {
    guard let job = try await JobQueue.job(id, on: connection) else { return "there is no such job" }
    return "it is \(job.state.rawValue)"
}

func formatSeconds(_ seconds: Double) -> String {
    if seconds < 1 { return String(format: "%.0f ms", seconds * 1000) }
    if seconds < 120 { return String(format: "%.1f s", seconds) }
    if seconds < 7200 { return String(format: "%.0f min", seconds / 60) }
    return String(format: "%.1f h", seconds / 3600)
}

func formatTime(_ date: Date) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    return formatter.string(from: date)
}

extension JobSummary {
    var json: JSONValue {
        var object: [String: JSONValue] = [
            "id": .number("\(id)"), "queue": .string(queue), "kind": .string(kind), "state": .string(state.rawValue),
            "priority": .integer(priority), "attempt": .integer(attempt), "max_attempts": .integer(maxAttempts),
            "run_at": .string(formatTime(runAt)), "created_at": .string(formatTime(createdAt)),
            "owner": owner.map(JSONValue.string) ?? .null, "unique_key": uniqueKey.map(JSONValue.string) ?? .null,
            "finished_at": finishedAt.map { .string(formatTime($0)) } ?? .null,
        ]
        object["payload"] = (try? JSONValue(parsing: payload)) ?? .string(payload)
        object["errors"] = (try? JSONValue(parsing: errors)) ?? .string(errors)
        return .object(object)
    }
}

extension QueueStats {
    var json: JSONValue {
        var counts: [String: JSONValue] = [:]
        for state in JobState.allCases { counts[state.rawValue] = .integer(self.counts[state] ?? 0) }
        return .object([
            "queue": .string(queue), "counts": .object(counts), "runnable": .integer(runnable),
            "lag_seconds": .number(String(format: "%.3f", lagSeconds)),
        ])
    }
}

extension WorkerStatus {
    var json: JSONValue {
        .object([
            "id": .string(id), "host": .string(host), "pid": .integer(pid), "version": .string(version),
            "queues": (try? JSONValue(parsing: queues)) ?? .string(queues), "started_at": .string(formatTime(startedAt)),
            "heartbeat_at": .string(formatTime(heartbeatAt)),
            "seconds_since_heartbeat": .number(String(format: "%.3f", secondsSinceHeartbeat)),
            "stopping": .bool(isStopping), "running_jobs": .integer(runningJobs),
        ])
    }
}
