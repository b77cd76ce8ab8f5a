import CLibPQ
import Logging

extension Connection {
    /// Runs one statement with bind parameters (`$1`, `$2`, …) and returns all its rows.
    ///
    /// Runs and blocks on this connection's thread. If the calling task is cancelled while the statement runs, a
    /// cancel request is sent to the server and the call throws `PostgresError` with SQLSTATE `57014`.
    /// - Parameters:
    ///   - sql: one statement; values never go into this text.
    ///   - parameters: the values for `$1…$n`, sent in text format (`nil` is SQL NULL).
    ///   - format: the format the server sends the rows in (see ``ResultFormat``).
    /// - Throws: `PostgresError` carrying the SQLSTATE.
    @discardableResult
    public func query(
        _ sql: String, _ parameters: [any PostgresEncodable] = [], format: ResultFormat = .text, file: String = #fileID,
        line: Int = #line
    ) async throws -> QueryResult {
        let texts = parameters.map(\.postgresText)
        return try await cancellable(sql: sql, file: file, line: line) { connection in
            try connection.run(sql, texts, format: format, file: file, line: line)
        }
    }

    /// Runs one statement and returns the number of rows it affected (0 when it reports none).
    @discardableResult
    public func execute(
        _ sql: String, _ parameters: [any PostgresEncodable] = [], file: String = #fileID, line: Int = #line
    ) async throws -> Int {
        try await query(sql, parameters, file: file, line: line).affectedRows ?? 0
    }

    /// Runs a script of several statements without parameters (migrations). Runs on this connection's thread.
    public func executeScript(_ sql: String, file: String = #fileID, line: Int = #line) async throws {
        try await cancellable(sql: nil, file: file, line: line) { connection in
            let pg = try connection.requireOpen(sql: nil, file: file, line: line)
            let result = PQexec(pg, sql)
            defer { PQclear(result) }
            connection.drainNotifications()
            _ = try connection.makeResult(result, sql: String(sql.prefix(200)), file: file, line: line)
        }
    }

    /// Runs `operation` on this connection's thread, forwarding task cancellation to the server as a cancel request.
    ///
    /// The operation reaches the thread through an `await` on ``perform(_:)``: a closure handed straight to
    /// `withTaskCancellationHandler` would run on the cooperative pool instead (seen: blocking it hung the tests).
    func cancellable<T: Sendable>(
        sql: String?, file: String, line: Int, _ operation: @escaping @Sendable (isolated Connection) throws -> T
    ) async throws -> T {
        if Task.isCancelled {
            throw PostgresError(
                code: .queryCanceled, message: "canceling statement: the task was cancelled before it started",
                query: sql, file: file, line: line)
        }
        let handle = cancelHandle
        return try await withTaskCancellationHandler {
            try self.perform(operation)
        } onCancel: {
            handle?.cancel()
        }
    }

    private func perform<T: Sendable>(_ operation: @Sendable (isolated Connection) throws -> T) throws -> T {
        try operation(self)
    }

    /// The isolation level of a transaction.
    public enum IsolationLevel: String, Sendable {
        /// PostgreSQL's default.
        case readCommitted = "read committed"
        /// One snapshot for the whole transaction.
        case repeatableRead = "repeatable read"
        /// Serializable; conflicts fail with `40001` and are retried.
        case serializable
    }

    /// Runs `body` inside a transaction and commits it; rolls back on any thrown error.
    ///
    /// A serialization failure (`40001`) or deadlock (`40P01`) rolls back and runs `body` again, at most
    /// `maxAttempts` times in all, so `body` must have no effects outside the database. Runs on this connection's thread.
    /// - Throws: whatever `body` throws, or the last transient `PostgresError` when the attempts run out.
    public func withTransaction<T: Sendable>(
        _ isolation: IsolationLevel = .readCommitted, maxAttempts: Int = 3,
        file: String = #fileID, line: Int = #line,
        _ body: @Sendable (isolated Connection) async throws -> T
    ) async throws -> T {
        var attempt = 1
        while true {
            try await execute("begin isolation level \(isolation.rawValue)", file: file, line: line)
            do {
                let value = try await body(self)
                try await execute("commit", file: file, line: line)
                return value
            } catch {
                await rollbackQuietly()
                if let error = error as? PostgresError, error.isTransient, attempt < maxAttempts {
                    attempt += 1
                    logger.debug("retrying transaction", metadata: ["postgres.sqlstate": "\(error.code)", "attempt": "\(attempt)"])
                    continue
                }
                throw error
            }
        }
    }

    private func rollbackQuietly() async {
        guard let pg, PQstatus(pg) == CONNECTION_OK, PQtransactionStatus(pg) != PQTRANS_IDLE else { return }
        _ = try? run("rollback", [], file: #fileID, line: #line)
    }
}
