import CLibPQ
import Foundation
public import Logging

/// One PostgreSQL session. Every libpq call runs on this connection's own thread (its executor), so blocking network
/// I/O never occupies a thread of Swift's cooperative pool.
///
/// Open one with ``connect(to:logger:file:line:)``; close it with ``close()`` (deinit is the fallback).
public actor Connection {
    let executor: ConnectionExecutor
    // Used only on this actor's thread, and in deinit once no other reference exists.
    nonisolated(unsafe) var pg: OpaquePointer?
    var cancelHandle: CancelHandle?
    var bufferedNotifications: [PostgresNotification] = []
    let logger: Logger

    /// The server process serving this session (for `pg_terminate_backend` and logs).
    public private(set) var backendPID: Int32 = 0

    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    private init(logger: Logger) {
        self.executor = ConnectionExecutor(name: "postgres-connection")
        self.logger = logger
    }

    /// Opens a session.
    ///
    /// `PQconnectdb` runs (and blocks) on the connection's own thread. The session's time zone is set to UTC so
    /// timestamps decode without ambiguity.
    /// - Throws: `PostgresError` with SQLSTATE `08001` and libpq's message when the server cannot be reached.
    public static func connect(
        to connectionString: ConnectionString, logger: Logger = Logger(label: "postgres"),
        file: String = #fileID, line: Int = #line
    ) async throws -> Connection {
        let connection = Connection(logger: logger)
        try await connection.open(connectionString, file: file, line: line)
        return connection
    }

    private func open(_ connectionString: ConnectionString, file: String, line: Int) throws {
        let conninfo = connectionString.description
        let handle = PQconnectdb(conninfo)
        guard let handle, PQstatus(handle) == CONNECTION_OK else {
            let message = handle.map { String(cString: PQerrorMessage($0)) } ?? "out of memory"
            PQfinish(handle)
            throw PostgresError(
                code: .connectionRefused, message: message.trimmingCharacters(in: .whitespacesAndNewlines),
                file: file, line: line)
        }
        pg = handle
        // Server NOTICEs ("… already exists, skipping") would go straight to stderr and clutter CLI output.
        PQsetNoticeProcessor(handle, { _, _ in }, nil)
        cancelHandle = CancelHandle(connection: handle)
        backendPID = PQbackendPID(handle)
        _ = try run("set timezone to 'UTC'", [], file: file, line: line)
        logger.debug(
            "postgres connected",
            metadata: ["postgres.pid": "\(backendPID)", "postgres.libpq": "\(PQlibVersion())",
                       "postgres.server": "\(PQserverVersion(handle))"])
    }

    /// Closes the session; later calls fail with SQLSTATE `08006`. Safe to call twice.
    public func close() {
        cancelHandle?.invalidate()
        cancelHandle = nil
        if let pg { PQfinish(pg) }
        pg = nil
    }

    /// Whether the session is open and libpq still considers it healthy (a pool drops connections that are not).
    public var isUsable: Bool {
        guard let pg else { return false }
        return PQstatus(pg) == CONNECTION_OK && PQtransactionStatus(pg) == PQTRANS_IDLE
    }

    /// libpq's version number (for example 150018), for the startup log.
    public nonisolated static var libpqVersion: Int { Int(PQlibVersion()) }

    deinit {
        // No other reference exists any more, so no other thread can be using the connection.
        cancelHandle?.invalidate()
        if let pg { PQfinish(pg) }
        executor.shutdown()
    }

    // MARK: - The one place statements are executed

    /// Runs one statement with text parameters and returns its decoded result in `format`. Blocks this
    /// connection's thread.
    func run(_ sql: String, _ parameters: [String?], format: ResultFormat = .text, file: String, line: Int) throws -> QueryResult {
        let pg = try requireOpen(sql: sql, file: file, line: line)
        let result = withCStrings(parameters) { values in
            PQexecParams(pg, sql, Int32(values.count), nil, values, nil, nil, format == .binary ? 1 : 0)
        }
        defer { PQclear(result) }
        drainNotifications()
        return try makeResult(result, sql: sql, file: file, line: line)
    }

    func requireOpen(sql: String?, file: String, line: Int) throws -> OpaquePointer {
        guard let pg else {
            throw PostgresError(code: .connectionFailure, message: "connection is closed", query: sql, file: file, line: line)
        }
        return pg
    }

    /// Turns a `PGresult` into a `QueryResult`, or throws the error it carries. Does not clear it.
    func makeResult(_ result: OpaquePointer?, sql: String, file: String, line: Int) throws -> QueryResult {
        guard let result else { throw connectionError(sql: sql, file: file, line: line) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_EMPTY_QUERY, PGRES_TUPLES_OK, PGRES_SINGLE_TUPLE:
            return QueryResult(copying: result)
        default:
            throw error(from: result, sql: sql, file: file, line: line)
        }
    }

    /// Reads the SQLSTATE and diagnostics out of a failed result.
    func error(from result: OpaquePointer, sql: String?, file: String, line: Int) -> PostgresError {
        func field(_ code: Int32) -> String? {
            guard let value = PQresultErrorField(result, code) else { return nil }
            return String(cString: value)
        }
        guard let sqlState = field(CLibPQ_DIAG_SQLSTATE) else {
            // libpq produced the error itself: usually the connection went away.
            return connectionError(sql: sql, file: file, line: line, fallback: String(cString: PQresultErrorMessage(result)))
        }
        return PostgresError(
            code: .init(rawValue: sqlState),
            message: field(CLibPQ_DIAG_MESSAGE_PRIMARY) ?? String(cString: PQresultErrorMessage(result)),
            detail: field(CLibPQ_DIAG_MESSAGE_DETAIL), hint: field(CLibPQ_DIAG_MESSAGE_HINT),
            constraint: field(CLibPQ_DIAG_CONSTRAINT_NAME), table: field(CLibPQ_DIAG_TABLE_NAME),
            column: field(CLibPQ_DIAG_COLUMN_NAME), query: sql, file: file, line: line)
    }

    /// An error for a failure libpq reports on the connection rather than in a result.
    func connectionError(sql: String?, file: String, line: Int, fallback: String? = nil) -> PostgresError {
        let libpqMessage = pg.map { String(cString: PQerrorMessage($0)) } ?? ""
        let message = (libpqMessage.isEmpty ? fallback ?? "unknown libpq error" : libpqMessage)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let isBad = pg.map { PQstatus($0) != CONNECTION_OK } ?? true
        return PostgresError(
            code: isBad ? .connectionFailure : .connectionException, message: message, query: sql, file: file, line: line)
    }
}

/// Calls `body` with C strings for `strings` (NULL for nil) that live only for the call.
func withCStrings<R>(_ strings: [String?], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
    var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { $0.map { strdup($0)! } }
    defer { for pointer in pointers { free(pointer) } }
    return pointers.withUnsafeMutableBufferPointer { buffer in
        body(buffer.map { $0.map { UnsafePointer($0) } })
    }
}
