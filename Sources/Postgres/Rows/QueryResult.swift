import CLibPQ

/// The format the server sends a query's rows in.
public enum ResultFormat: Sendable {
    /// Every column as text, what `Row.decode` reads.
    case text
    /// Every column in PostgreSQL's binary form. A `text` column's binary form is its text, so a query whose columns
    /// are `text` (cast the others with `::text`) decodes as usual, while a `bytea` column arrives as its raw bytes
    /// (read them with `Row.bytes(at:)`) instead of as hex text twice their size, which the server must write and
    /// the client read back.
    case binary
}

/// The rows of one statement, copied out of libpq into one compact buffer (so it is `Sendable` and the `PGresult`
/// can be cleared at once).
public struct QueryResult: Sendable, RandomAccessCollection {
    /// The column names, in order.
    public let columns: [String]
    /// The number of rows affected, for INSERT/UPDATE/DELETE/COPY and friends (`nil` when the command reports none).
    public let affectedRows: Int?
    /// Per column: whether it came in binary form and is not text (`Row.decode` refuses it).
    let isUndecodable: [Bool]
    let bytes: [UInt8]
    /// Per cell: start offset in `bytes`, or -1 for NULL; the cell ends where the next one starts.
    let starts: [Int]
    let ends: [Int]

    init(copying result: OpaquePointer) {
        let rowCount = Int(PQntuples(result))
        let columnCount = Int(PQnfields(result))
        columns = (0..<columnCount).map { String(cString: PQfname(result, Int32($0))) }
        isUndecodable = (0..<Int32(columnCount)).map { PQfformat(result, $0) == 1 && !Self.textTypes.contains(PQftype(result, $0)) }
        let tuples = String(cString: PQcmdTuples(result))
        affectedRows = Int(tuples)
        var bytes: [UInt8] = []
        var starts: [Int] = []
        var ends: [Int] = []
        starts.reserveCapacity(rowCount * columnCount)
        ends.reserveCapacity(rowCount * columnCount)
        for row in 0..<Int32(rowCount) {
            for column in 0..<Int32(columnCount) {
                if PQgetisnull(result, row, column) == 1 {
                    starts.append(-1)
                    ends.append(-1)
                    continue
                }
                let length = Int(PQgetlength(result, row, column))
                let value = PQgetvalue(result, row, column)!
                starts.append(bytes.count)
                value.withMemoryRebound(to: UInt8.self, capacity: length) { pointer in
                    bytes.append(contentsOf: UnsafeBufferPointer(start: pointer, count: length))
                }
                ends.append(bytes.count)
            }
        }
        self.bytes = bytes
        self.starts = starts
        self.ends = ends
    }

    /// The type OIDs whose binary form is their text: text, varchar, bpchar, name, unknown.
    static let textTypes: Set<Oid> = [25, 1043, 1042, 19, 705]

    public var startIndex: Int { 0 }
    public var endIndex: Int { columns.isEmpty ? 0 : starts.count / columns.count }
    public subscript(position: Int) -> Row { Row(result: self, index: position) }

    /// The index of a column by name.
    public func columnIndex(_ name: String) -> Int? { columns.firstIndex(of: name) }

    func cell(row: Int, column: Int) -> ArraySlice<UInt8>? {
        let index = row * columns.count + column
        let start = starts[index]
        guard start >= 0 else { return nil }
        return bytes[start..<ends[index]]
    }
}

/// One row of a ``QueryResult``; decode cells by position or column name.
public struct Row: Sendable {
    let result: QueryResult
    /// The row's position in its result.
    public let index: Int

    /// Decodes the cell at `column` (0-based) as `T`; use an optional `T` for nullable columns.
    /// - Throws: `PostgresDecodingError` naming the column when the text does not fit `T`, or the cell is NULL and
    ///   `T` is not optional.
    public func decode<T: PostgresDecodable>(_ type: T.Type = T.self, at column: Int) throws -> T {
        guard !result.isUndecodable[column] else {
            throw PostgresDecodingError(column: result.columns[column], type: "\(T.self)", reason: .binaryForm)
        }
        let cell = result.cell(row: index, column: column)
        do {
            return try T.init(postgresCell: cell)
        } catch let reason as PostgresDecodingError.Reason {
            throw PostgresDecodingError(column: result.columns[column], type: "\(T.self)", reason: reason)
        }
    }

    /// Decodes the cell of the column named `name` as `T`.
    /// - Throws: `PostgresDecodingError` when there is no such column or the value does not fit.
    public func decode<T: PostgresDecodable>(_ type: T.Type = T.self, _ name: String) throws -> T {
        guard let column = result.columnIndex(name) else {
            throw PostgresDecodingError(column: name, type: "\(T.self)", reason: .noSuchColumn)
        }
        return try decode(type, at: column)
    }

    /// Whether the cell at `column` is NULL.
    public func isNull(at column: Int) -> Bool { result.cell(row: index, column: column) == nil }

    /// The raw bytes of the cell at `column` (its text, or its binary form in a binary result), or nil for NULL (for
    /// hot paths that parse on their own).
    public func bytes(at column: Int) -> ArraySlice<UInt8>? { result.cell(row: index, column: column) }
}

/// A cell whose text does not fit the requested Swift type.
public struct PostgresDecodingError: Error, Sendable, CustomStringConvertible {
    /// Why a value did not decode.
    public enum Reason: Error, Sendable, Equatable {
        /// The cell was NULL and the type is not optional.
        case unexpectedNull
        /// The text is not a valid value of the type; carries a short excerpt.
        case invalidText(String)
        /// No column of that name.
        case noSuchColumn
        /// The column came in binary form and is not text (`ResultFormat.binary`).
        case binaryForm
    }

    /// The column name.
    public var column: String
    /// The Swift type asked for.
    public var type: String
    /// What went wrong.
    public var reason: Reason

    /// Creates an error for a cell that does not fit (also for callers that decode further, such as enum values).
    public init(column: String, type: String, reason: Reason) {
        self.column = column
        self.type = type
        self.reason = reason
    }

    public var description: String {
        switch reason {
        case .unexpectedNull: "column \(column) is NULL, expected \(type)"
        case .invalidText(let text): "column \(column): \"\(text)\" is not a valid \(type)"
        case .noSuchColumn: "no column named \(column)"
        case .binaryForm: "column \(column) came in binary form and is not text: cast it to text or read its bytes, not a \(type)"
        }
    }
}
