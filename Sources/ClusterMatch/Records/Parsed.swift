/// A record together with the 1-based line where it starts in its file.
public struct Numbered<Record> {
    /// The line where the record starts.
    public var line: Int
    /// The record.
    public var record: Record

    /// Pairs a record with its line.
    public init(line: Int, record: Record) {
        self.line = line
        self.record = record
    }
}

extension Numbered: Sendable where Record: Sendable {}
extension Numbered: Equatable where Record: Equatable {}
extension Numbered: Hashable where Record: Hashable {}

/// The outcome of reading a file: the records that could be read, and a problem for each one that could not.
///
/// An all-or-nothing import calls `get()`; `--skip-invalid` keeps `records` and reports `problems`.
public struct Parsed<Record> {
    /// The file name used in problems.
    public var file: String?
    /// The good records, in file order.
    public var records: [Numbered<Record>]
    /// What is wrong, in file order (several problems may share a line).
    public var problems: [Problem]

    /// Creates a result.
    public init(file: String? = nil, records: [Numbered<Record>] = [], problems: [Problem] = []) {
        self.file = file
        self.records = records
        self.problems = problems
    }

    /// Whether every record was read (and, after `validated`, is valid).
    public var isValid: Bool { problems.isEmpty }

    /// The lines that have at least one problem.
    public var badLines: Set<Int> { Set(problems.compactMap(\.line)) }

    /// All records, or every problem when there is any.
    /// - Throws: `ValidationFailure` with `problems` when there are problems.
    public func get() throws(ValidationFailure) -> [Record] {
        guard problems.isEmpty else { throw ValidationFailure(problems) }
        return records.map(\.record)
    }
}

extension Parsed: Sendable where Record: Sendable {}
extension Parsed: Equatable where Record: Equatable {}
