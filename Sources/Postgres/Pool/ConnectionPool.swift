public import Logging

/// A bounded set of connections to one database; lease one with ``withConnection(_:)``.
///
/// At most `maxConnections` sessions (and so threads) exist at once. A caller that finds none free waits in line.
/// A connection that is broken, or left inside a transaction, is closed instead of being returned.
public actor ConnectionPool {
    /// Where the connections go.
    public nonisolated let connectionString: ConnectionString
    /// The most connections open at once.
    public nonisolated let maxConnections: Int
    private let logger: Logger
    private var idle: [Connection] = []
    private var openCount = 0
    private var waiters: [CheckedContinuation<Void, Never>] = []
    private var isClosed = false

    /// Creates a pool; connections open lazily on first use.
    public init(connectionString: ConnectionString, maxConnections: Int = 4, logger: Logger = Logger(label: "postgres.pool")) {
        precondition(maxConnections > 0, "a pool needs at least one connection")
        self.connectionString = connectionString
        self.maxConnections = maxConnections
        self.logger = logger
    }

    /// Leases a connection for the duration of `body` and returns it afterwards, on every exit path.
    ///
    /// Don't keep the connection past `body`. The statements run on the connection's own thread.
    /// - Throws: `PostgresError` when no connection can be opened, or whatever `body` throws.
    public func withConnection<T: Sendable>(
        file: String = #fileID, line: Int = #line, _ body: sending (Connection) async throws -> T
    ) async throws -> T {
        let connection = try await lease(file: file, line: line)
        do {
            let value = try await body(connection)
            await giveBack(connection)
            return value
        } catch {
            await giveBack(connection)
            throw error
        }
    }

    /// Closes every idle connection and refuses new leases.
    public func close() async {
        isClosed = true
        let connections = idle
        idle.removeAll()
        for connection in connections {
            await connection.close()
            openCount -= 1
        }
        for waiter in waiters { waiter.resume() }
        waiters.removeAll()
    }

    private func lease(file: String, line: Int) async throws -> Connection {
        while true {
            guard !isClosed else {
                throw PostgresError(code: .connectionFailure, message: "connection pool is closed", file: file, line: line)
            }
            if let connection = idle.popLast() { return connection }
            if openCount < maxConnections {
                openCount += 1
                do {
                    return try await Connection.connect(to: connectionString, logger: logger, file: file, line: line)
                } catch {
                    openCount -= 1
                    wakeOne()
                    throw error
                }
            }
            await withCheckedContinuation { waiters.append($0) }
        }
    }

    private func giveBack(_ connection: Connection) async {
        if !isClosed, await connection.isUsable {
            idle.append(connection)
        } else {
            await connection.close()
            openCount -= 1
        }
        wakeOne()
    }

    private func wakeOne() {
        if !waiters.isEmpty { waiters.removeFirst().resume() }
    }
}
