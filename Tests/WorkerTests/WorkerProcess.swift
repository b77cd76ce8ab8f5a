import ClusterMatch
import Foundation
import Postgres
import Synchronization
import TestSupport

/// A real `clustermatch-worker` process started from the build folder (next to the test binary), with its output in
/// a log file. (Its exit status is guarded by a mutex, as `waitpid` may reap it only once.)
final class WorkerProcess: Sendable {
    let pid: pid_t
    let logFile: URL
    private let exitStatus = Mutex<Int32?>(nil)

    /// The worker binary: `CLUSTERMATCH_WORKER_BINARY`, else `clustermatch-worker` beside this test binary.
    static func binary() throws -> String {
        if let path = ProcessInfo.processInfo.environment["CLUSTERMATCH_WORKER_BINARY"], !path.isEmpty { return path }
        let testBinary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        let candidate = testBinary.deletingLastPathComponent().appending(path: "clustermatch-worker").path()
        guard FileManager.default.isExecutableFile(atPath: candidate) else {
            throw WorkerTestError("no worker binary at \(candidate): build it with `swift build --build-tests`")
        }
        return candidate
    }

    /// Starts a worker with the test settings (short lease, poll and grace; test job kinds) plus `overrides`.
    init(database: ConnectionString, name: String, overrides: [String: String] = [:]) throws {
        var environment = ProcessInfo.processInfo.environment
        for (key, value) in Self.testSettings(database: database, name: name) { environment[key] = value }
        for (key, value) in overrides { environment[key] = value }
        let directory = FileManager.default.temporaryDirectory.appending(path: "cm-worker-logs")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        logFile = directory.appending(path: "\(database.database ?? "db")-\(name).log")
        let binary = try Self.binary()
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, logFile.path(), O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let arguments: [UnsafeMutablePointer<CChar>?] = [strdup(binary), nil]
        let variables: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in arguments { free(pointer) }
            for pointer in variables { free(pointer) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, binary, &actions, nil, arguments, variables)
        guard spawned == 0 else { throw WorkerTestError("cannot start \(binary): \(String(cString: strerror(spawned)))") }
        self.pid = pid
    }

    /// The settings every test worker gets (each can be overridden).
    static func testSettings(database: ConnectionString, name: String) -> [String: String] {
        [
            "DATABASE_URL": database.description,
            "CLUSTERMATCH_WORKER_ID": name,
            "CLUSTERMATCH_WORKER_TEST_JOBS": "1",
            "CLUSTERMATCH_WORKER_QUEUES": "default=8",
            "CLUSTERMATCH_WORKER_LEASE": "2s",
            "CLUSTERMATCH_WORKER_HEARTBEAT": "300ms",
            "CLUSTERMATCH_WORKER_POLL": "250ms",
            "CLUSTERMATCH_WORKER_RESCUE_EVERY": "250ms",
            "CLUSTERMATCH_WORKER_GRACE": "3s",
            "CLUSTERMATCH_WORKER_BACKOFF_SCALE": "0.01",
            "LOG_LEVEL": "info",
        ]
    }

    /// Sends a signal.
    func send(_ signal: Int32) { kill(pid, signal) }

    /// The exit status if the process has ended (reaping it), else nil. A death by signal reads as 128 + signal.
    var exitCode: Int32? {
        exitStatus.withLock { known in
            if let known { return known }
            var status: Int32 = 0
            guard waitpid(pid, &status, WNOHANG) == pid else { return nil }
            let code = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
            known = code
            return code
        }
    }

    /// Waits for the process to end; returns its exit status, or nil when it is still running after `timeout`.
    func waitForExit(timeout: Duration) async -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let code = exitCode { return code }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return exitCode
    }

    /// Kills the process (SIGKILL) and reaps it; harmless when it has ended.
    func stop() async {
        if exitCode == nil {
            send(SIGKILL)
            _ = await waitForExit(timeout: .seconds(10))
        }
    }

    /// The last lines of the process's log, for failure messages.
    func logTail(_ lines: Int = 15) -> String {
        let text = (try? String(contentsOf: logFile, encoding: .utf8)) ?? "(no log)"
        return text.split(separator: "\n").suffix(lines).joined(separator: "\n")
    }
}

struct WorkerTestError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A migrated database with the effect table of the `test.effect` job kind; workers started through it are killed
/// at the end on every path, and the database is dropped.
final class WorkerTestBed: Sendable {
    let database: ConnectionString
    let connection: Connection
    private let started = Mutex<[WorkerProcess]>([])

    init(database: ConnectionString, connection: Connection) {
        self.database = database
        self.connection = connection
    }

    static func with<T: Sendable>(server: ConnectionString? = nil, _ body: (WorkerTestBed) async throws -> T) async throws -> T {
        let database: ConnectionString
        if let server {
            let name = "worker_\(UUID().uuidString.prefix(8).lowercased())"
            let admin = try await Connection.connect(to: server)
            try await admin.execute("create database \(quoteIdentifier(name))")
            await admin.close()
            database = server.with(database: name)
        } else {
            database = try await TestDatabase.create(prefix: "worker")
        }
        let connection = try await Connection.connect(to: database)
        let bed = WorkerTestBed(database: database, connection: connection)
        do {
            try await Migrator().migrate(on: connection)
            try await connection.execute(
                "create table worker_test_effects (job_id bigint primary key, worker text not null, attempt int not null, at timestamptz not null default now())")
            let value = try await body(bed)
            await bed.stopAll()
            await connection.close()
            if server == nil { try await TestDatabase.drop(database) }
            return value
        } catch {
            await bed.stopAll()
            await connection.close()
            if server == nil { try? await TestDatabase.drop(database) }
            throw error
        }
    }

    /// Starts a worker process.
    func start(_ name: String, _ overrides: [String: String] = [:]) throws -> WorkerProcess {
        let process = try WorkerProcess(database: database, name: name, overrides: overrides)
        started.withLock { $0.append(process) }
        return process
    }

    func stopAll() async {
        for process in started.withLock({ $0 }) { await process.stop() }
    }

    /// Waits until `condition` holds, checking every 50 ms.
    /// - Throws: ``WorkerTestError`` with `what` and the workers' log tails when it does not hold within `timeout`.
    func waitUntil(_ what: String, timeout: Duration, _ condition: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        let logs = started.withLock { $0 }.map { "--- \($0.logFile.lastPathComponent)\n\($0.logTail())" }.joined(separator: "\n")
        throw WorkerTestError("timed out after \(timeout) waiting until \(what)\n\(logs)")
    }

    /// A single integer from a query.
    func count(_ sql: String, _ parameters: [any PostgresEncodable] = []) async throws -> Int {
        try await connection.query(sql, parameters)[0].decode(Int.self, at: 0)
    }

    /// Enqueues `count` `test.effect` jobs in one statement.
    @discardableResult
    func enqueueEffects(_ count: Int, payload: String = "{}", queue: String = "default") async throws -> Int {
        try await connection.execute(
            "insert into jobs (queue, kind, payload) select $1, 'test.effect', $2::jsonb from generate_series(1, $3)",
            [queue, payload, count])
    }

    /// Waits until the named workers have registered.
    func waitForWorkers(_ names: [String], timeout: Duration = .seconds(20)) async throws {
        try await waitUntil("workers \(names) registered", timeout: timeout) {
            try await count("select count(*)::int from workers where id = any($1::text[])", [names]) == names.count
        }
    }
}

/// Runs a blocking call (the PostgreSQL tools) on a thread of its own, off Swift's cooperative pool.
func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}
