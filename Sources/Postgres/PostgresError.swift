/// An error reported by PostgreSQL or by libpq, carrying the SQLSTATE.
public struct PostgresError: Error, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The SQLSTATE (`23505`, `57014`, …); libpq-side failures use class 08 codes.
    public var code: Code
    /// The primary, human-readable message.
    public var message: String
    /// The server's DETAIL line, if any.
    public var detail: String?
    /// The server's HINT line, if any.
    public var hint: String?
    /// The name of the violated constraint, if any.
    public var constraint: String?
    /// The table involved, if any.
    public var table: String?
    /// The column involved, if any.
    public var column: String?
    /// The statement text (never parameter values).
    public var query: String?
    /// The caller's file, recorded by the public API.
    public var file: String
    /// The caller's line, recorded by the public API.
    public var line: Int

    /// Creates an error; normally only the Postgres module does this.
    public init(
        code: Code, message: String, detail: String? = nil, hint: String? = nil, constraint: String? = nil,
        table: String? = nil, column: String? = nil, query: String? = nil, file: String = #fileID, line: Int = #line
    ) {
        self.code = code
        self.message = message
        self.detail = detail
        self.hint = hint
        self.constraint = constraint
        self.table = table
        self.column = column
        self.query = query
        self.file = file
        self.line = line
    }

    /// Short and free of server detail: the SQLSTATE and the primary message.
    public var description: String { "\(message) (SQLSTATE \(code.rawValue))" }

    /// The full picture for logs: detail, hint, constraint, statement and call site.
    public var debugDescription: String {
        var parts = ["PostgresError \(code.rawValue): \(message)"]
        if let detail { parts.append("detail: \(detail)") }
        if let hint { parts.append("hint: \(hint)") }
        if let constraint { parts.append("constraint: \(constraint)") }
        if let table { parts.append("table: \(table)") }
        if let column { parts.append("column: \(column)") }
        if let query { parts.append("query: \(query)") }
        parts.append("at \(file):\(line)")
        return parts.joined(separator: "; ")
    }

    /// Whether the failure means "run the whole transaction again" (serialization failure or deadlock).
    public var isTransient: Bool { code == .serializationFailure || code == .deadlockDetected }

    /// Whether the connection itself is gone or unusable (SQLSTATE class 08, or the server shutting down).
    public var isConnectionFailure: Bool {
        code.rawValue.hasPrefix("08") || code == .adminShutdown || code == .crashShutdown || code == .cannotConnectNow
    }
}
