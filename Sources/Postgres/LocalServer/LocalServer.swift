public import Foundation

/// A private PostgreSQL server on this machine: initdb into a folder, Unix socket only (no TCP), trust for the local
/// user. Used by the tests (a throwaway server) and by `clustermatch dev` (a persistent one for the demo).
///
/// When this process runs as root, the server runs as the `postgres` user (PostgreSQL refuses root) through
/// `runuser`, and the folder is handed to that user. All methods block the calling thread while the PostgreSQL
/// tools run: call them from the main thread or a dedicated one, not from inside a connection.
public struct LocalServer: Sendable {
    /// The folder holding `data/` (the cluster), the socket and `server.log`.
    public let directory: URL
    /// Extra server settings (`-c name=value`), such as `fsync=off` for a throwaway test server.
    public let settings: [String: String]

    /// The cluster's data directory.
    public var dataDirectory: URL { directory.appending(path: "data") }
    /// The folder that holds the server's Unix socket.
    public var socketDirectory: URL { directory }
    /// The server's log file.
    public var logFile: URL { directory.appending(path: "server.log") }

    /// Describes a server in `directory`; nothing runs until ``start()``.
    public init(directory: URL, settings: [String: String] = [:]) {
        self.directory = directory
        self.settings = settings
    }

    /// A new server in a fresh temporary folder, tuned for tests (no fsync); call ``destroy()`` when done.
    public static func throwaway() throws -> LocalServer {
        let base = FileManager.default.temporaryDirectory.appending(path: "cm-pg-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        return LocalServer(
            directory: base,
            settings: ["fsync": "off", "synchronous_commit": "off", "full_page_writes": "off", "max_connections": "200"])
    }

    /// The connection string for the server's `postgres` database as the `postgres` superuser.
    public var connectionString: ConnectionString {
        ConnectionString(options: ["host": socketDirectory.path(), "user": "postgres", "dbname": "postgres"])
    }

    /// Whether the folder already holds an initialised cluster.
    public var isInitialised: Bool {
        FileManager.default.fileExists(atPath: dataDirectory.appending(path: "PG_VERSION").path())
    }

    /// Whether the server is running (`pg_ctl status`).
    public var isRunning: Bool {
        guard isInitialised else { return false }
        return (try? Self.runTool("pg_ctl", ["-D", dataDirectory.path(), "status"])) != nil
    }

    /// Initialises the cluster if needed and starts the server; waits until it accepts connections.
    /// - Throws: ``LocalServerError`` with the tool's output when initdb or pg_ctl fails or is not installed.
    public func start() throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Self.handToServerUser(directory)
        if !isInitialised {
            try Self.runTool(
                "initdb", ["-D", dataDirectory.path(), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"])
        }
        if isRunning { return }
        var options = ["-c listen_addresses=''", "-k '\(socketDirectory.path())'"]
        for (name, value) in settings.sorted(by: { $0.key < $1.key }) { options.append("-c \(name)=\(value)") }
        try Self.runTool(
            "pg_ctl", ["-D", dataDirectory.path(), "-l", logFile.path(), "-o", options.joined(separator: " "), "-w", "-t", "60", "start"])
    }

    /// Stops the server (fast shutdown: open sessions are ended). Does nothing when it is not running.
    public func stop() throws {
        guard isRunning else { return }
        try Self.runTool("pg_ctl", ["-D", dataDirectory.path(), "-m", "fast", "-w", "stop"])
    }

    /// Restarts the server, ending every session (used to test reconnection).
    public func restart() throws {
        try stop()
        try start()
    }

    /// Stops the server and deletes its folder.
    public func destroy() throws {
        try? stop()
        try FileManager.default.removeItem(at: directory)
    }

    // MARK: - Running the PostgreSQL tools

    static var isRoot: Bool { geteuid() == 0 }

    /// Gives the folder to the `postgres` user when we are root (the server refuses to run as root).
    static func handToServerUser(_ directory: URL) throws {
        guard isRoot else { return }
        try run(["/bin/chown", "-R", "postgres:", directory.path()])
    }

    /// Runs a PostgreSQL tool (as `postgres` when we are root) and returns its output.
    @discardableResult
    static func runTool(_ name: String, _ arguments: [String]) throws -> String {
        let tool = try locate(name)
        if isRoot {
            return try run(["/usr/sbin/runuser", "-u", "postgres", "--", tool] + arguments)
        }
        return try run([tool] + arguments)
    }

    /// Finds a PostgreSQL server tool: on PATH, in `pg_config --bindir`, or in Debian's /usr/lib/postgresql/*/bin.
    static func locate(_ name: String) throws -> String {
        let fileManager = FileManager.default
        var candidates: [String] = []
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            candidates.append("\(folder)/\(name)")
        }
        if let bindir = try? run(["/usr/bin/env", "pg_config", "--bindir"]).trimmingCharacters(in: .whitespacesAndNewlines) {
            candidates.append("\(bindir)/\(name)")
        }
        let debian = "/usr/lib/postgresql"
        let versions = ((try? fileManager.contentsOfDirectory(atPath: debian)) ?? []).sorted { (Int($0) ?? 0) > (Int($1) ?? 0) }
        candidates += versions.map { "\(debian)/\($0)/bin/\(name)" }
        guard let found = candidates.first(where: { fileManager.isExecutableFile(atPath: $0) }) else {
            throw LocalServerError(
                message: "\(name) not found (looked on PATH, in pg_config --bindir and \(debian)/*/bin); "
                    + "install the PostgreSQL server: apt-get install -y postgresql")
        }
        return found
    }

    /// Runs a command to completion with its output in a temporary file (a server it starts may keep pipes open).
    ///
    /// Uses `posix_spawn` and a blocking `waitpid` rather than Foundation's `Process`, whose exit detection missed
    /// `runuser` exiting after `pg_ctl start` had left a daemon behind.
    @discardableResult
    static func run(_ command: [String]) throws -> String {
        let outputPath = FileManager.default.temporaryDirectory.appending(path: "cm-tool-\(UUID().uuidString).out").path()
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var pid: pid_t = 0
        let arguments: [UnsafeMutablePointer<CChar>?] = command.map { strdup($0) } + [nil]
        defer { for argument in arguments { free(argument) } }
        let spawned = posix_spawn(&pid, command[0], &actions, nil, arguments, environ)
        guard spawned == 0 else {
            throw LocalServerError(message: "cannot run \(command[0]): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        let exited = status & 0x7f == 0
        let exitCode = (status >> 8) & 0xff
        guard exited && exitCode == 0 else {
            let how = exited ? "exit \(exitCode)" : "signal \(status & 0x7f)"
            throw LocalServerError(message: "\(command.joined(separator: " ")) failed (\(how)): \(text)")
        }
        return text
    }
}

/// A PostgreSQL tool failed or is missing.
public struct LocalServerError: Error, Sendable, CustomStringConvertible {
    /// What happened, with the tool's output.
    public var message: String
    public var description: String { message }
}
