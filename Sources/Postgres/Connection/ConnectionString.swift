import CLibPQ
import Foundation

/// A libpq connection string: either `key=value` pairs or a `postgresql://` URI, validated by libpq itself.
///
/// An empty string is valid and means "libpq's defaults and `PG*` environment variables".
public struct ConnectionString: Sendable, Hashable, CustomStringConvertible {
    /// The options given explicitly, in libpq's keyword names (`host`, `dbname`, `user`, …).
    public private(set) var options: [String: String]

    /// Parses `text` (key=value or URI).
    /// - Throws: `PostgresError` (`08P01`) with libpq's message when the text is not a valid connection string.
    public init(_ text: String) throws {
        var errorMessage: UnsafeMutablePointer<CChar>?
        guard let parsed = PQconninfoParse(text, &errorMessage) else {
            let message = errorMessage.map { String(cString: $0) } ?? "invalid connection string"
            if let errorMessage { PQfreemem(errorMessage) }
            throw PostgresError(code: .protocolViolation, message: message.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        defer { PQconninfoFree(parsed) }
        var options: [String: String] = [:]
        var cursor = parsed
        while let keyword = cursor.pointee.keyword {
            if let value = cursor.pointee.val { options[String(cString: keyword)] = String(cString: value) }
            cursor += 1
        }
        self.options = options
    }

    /// Creates a connection string from explicit options.
    public init(options: [String: String]) { self.options = options }

    /// `DATABASE_URL` when set and not empty; otherwise an empty string, so libpq applies its `PG*` variables.
    /// - Throws: `PostgresError` when `DATABASE_URL` is not a valid connection string.
    public static func fromEnvironment(
        _ environment: [String: String]? = nil, variable: String = "DATABASE_URL"
    ) throws -> ConnectionString {
        let environment = environment ?? ProcessInfo.processInfo.environment
        if let url = environment[variable], !url.isEmpty { return try ConnectionString(url) }
        return ConnectionString(options: [:])
    }

    /// The database name given explicitly, if any.
    public var database: String? { options["dbname"] }

    /// A copy that connects to another database on the same server.
    public func with(database: String) -> ConnectionString {
        var copy = self
        copy.options["dbname"] = database
        return copy
    }

    /// A copy with one more option set (for example `application_name`).
    public func with(_ keyword: String, _ value: String) -> ConnectionString {
        var copy = self
        copy.options[keyword] = value
        return copy
    }

    /// The `key='value'` form libpq accepts, keys sorted, values quoted and escaped.
    public var description: String {
        options.keys.sorted().map { key in
            let value = options[key]!.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'")
            return "\(key)='\(value)'"
        }.joined(separator: " ")
    }

    /// The same as `description` with any password masked, for logs and messages.
    public var redacted: String {
        var copy = self
        if copy.options["password"] != nil { copy.options["password"] = "********" }
        return copy.description
    }
}
