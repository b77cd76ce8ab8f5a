/// One thing wrong with an input: where it is, which field, and a sentence saying what is wrong.
public struct Problem: Sendable, Hashable, CustomStringConvertible {
    /// The file the problem was found in, as the user named it; nil when not read from a file.
    public var file: String?
    /// The 1-based line where the record starts; nil for problems not tied to a line.
    public var line: Int?
    /// The record field concerned, spelled as in the record shapes (`trl`); empty for whole-file problems.
    public var field: String
    /// One human sentence (`trl must be between 1 and 9`).
    public var message: String
    /// The domain rule broken, when there is one.
    public var rule: Rule?

    /// Creates a problem.
    public init(file: String? = nil, line: Int? = nil, field: String, message: String, rule: Rule? = nil) {
        self.file = file
        self.line = line
        self.field = field
        self.message = message
        self.rule = rule
    }

    /// The problem as one line: `seeds.csv:12: trl: trl must be between 1 and 9`; absent parts are left out.
    public var description: String {
        var text = ""
        if let file { text += file + ":" }
        if let line { text += (file == nil ? "line \(line)" : String(line)) + ":" }
        if !text.isEmpty { text += " " }
        if !field.isEmpty { text += field + ": " }
        return text + message
    }

    /// The same problem placed at a file and line (only the parts not already known are filled in).
    public func located(file: String?, line: Int?) -> Problem {
        var copy = self
        if copy.file == nil { copy.file = file }
        if copy.line == nil { copy.line = line }
        return copy
    }
}

/// An input that broke one or more rules; `problems` says what and where.
public struct ValidationFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, in input order.
    public var problems: [Problem]

    /// Creates a failure from its problems.
    public init(_ problems: [Problem]) { self.problems = problems }

    /// Each problem on its own line.
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
