/// One finding of the feasibility analysis: who is affected, which constraint, and what to relax.
public struct FeasibilityIssue: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Whether the issue prevents solving.
    public enum Severity: String, Sendable, Hashable, Codable {
        case blocking
        case warning
    }

    public var severity: Severity
    /// The participant the issue is about, if one.
    public var participantID: Int?
    /// The constraint in a few words, e.g. "min-international".
    public var constraint: String
    /// The finding in words, naming the participant and the numbers.
    public var message: String
    /// What to change to resolve it.
    public var suggestion: String

    /// Creates an issue.
    public init(_ severity: Severity, participantID: Int?, constraint: String, message: String, suggestion: String) {
        self.severity = severity
        self.participantID = participantID
        self.constraint = constraint
        self.message = message
        self.suggestion = suggestion
    }

    public var description: String { "\(message): \(suggestion)" }
}

/// The outcome of checking a shortlist problem before solving it.
public struct FeasibilityReport: Sendable, Hashable, Codable, CustomStringConvertible {
    public var issues: [FeasibilityIssue]

    /// Creates a report.
    public init(issues: [FeasibilityIssue] = []) { self.issues = issues }

    /// Issues that prevent solving.
    public var blocking: [FeasibilityIssue] { issues.filter { $0.severity == .blocking } }
    /// Issues that let the solver run but leave someone short.
    public var warnings: [FeasibilityIssue] { issues.filter { $0.severity == .warning } }
    /// Whether the solver may run.
    public var isFeasible: Bool { blocking.isEmpty }

    public var description: String {
        let lines = blocking.map(\.description)
        if lines.isEmpty { return "feasible" }
        return "the shortlist cannot be solved as stated: " + lines.joined(separator: "; ")
    }
}
