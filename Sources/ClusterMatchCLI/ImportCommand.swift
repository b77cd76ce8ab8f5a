import ArgumentParser
import ClusterMatch
import Foundation

/// `clustermatch import seeds|needs|orgs|clusters FILE`.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import records from a CSV or JSON Lines file (chosen by extension).",
        discussion: """
            All or nothing: any bad record rejects the whole file, with one line per problem on stderr \
            (file:line: field: rule) and exit status 1; nothing is written. With --skip-invalid the good records are \
            written and each bad one is reported. Record shapes: fixtures/README.md.
            """)

    /// What a file holds, in the CLI's words.
    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case seeds, needs, orgs, clusters, people
        case sisterLinks = "sister-links"

        var importKind: ImportKind {
            switch self {
            case .seeds: .seeds
            case .needs: .needs
            case .orgs: .organisations
            case .clusters: .clusters
            case .people: .people
            case .sisterLinks: .sisterLinks
            }
        }
    }

    @Argument(help: "What the file holds: \(Kind.allCases.map(\.rawValue).joined(separator: ", ")).") var kind: Kind
    @Argument(help: "A .csv, .jsonl or .ndjson file.") var file: String
    @Flag(help: "Write the good records and report each bad one, instead of rejecting the file.") var skipInvalid = false
    @Flag(help: "Print one JSON object: {\"kind\", \"file\", \"read\", \"inserted\", \"skipped\", \"problems\"}.")
    var json = false
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        try await reportingFailures {
            let importer = Importer(skipInvalid: skipInvalid)
            let summary: ImportSummary
            do {
                summary = try await database.withConnection { connection in
                    try await importer.importFile(kind.importKind, path: file, into: connection)
                }
            } catch let failure as ValidationFailure {
                if json { print(Self.report(kind: kind, file: file, read: nil, inserted: 0, skipped: nil, problems: failure.problems)) }
                throw failure
            }
            for problem in summary.problems { printError(problem.description) }
            if json {
                print(
                    Self.report(
                        kind: kind, file: file, read: summary.read, inserted: summary.inserted, skipped: summary.skipped,
                        problems: summary.problems))
                return
            }
            var line = "imported \(summary.inserted) \(kind.rawValue) from \(file)"
            if summary.skipped > 0 {
                line += "; skipped \(summary.skipped) invalid record\(summary.skipped == 1 ? "" : "s") (listed on stderr)"
            }
            print(line)
        }
    }

    static func report(kind: Kind, file: String, read: Int?, inserted: Int, skipped: Int?, problems: [Problem]) -> String {
        var members: [String: JSONValue] = [
            "kind": .string(kind.rawValue), "file": .string(file), "inserted": .integer(inserted),
            "problems": .array(problems.map(\.jsonValue)),
        ]
        members["read"] = read.map(JSONValue.integer) ?? .null
        members["skipped"] = skipped.map(JSONValue.integer) ?? .null
        return JSONValue.object(members).jsonText
    }
}

extension Problem {
    /// `{"file", "line", "field", "message", "rule"}` (absent parts are null).
    var jsonValue: JSONValue {
        .object([
            "file": file.map(JSONValue.string) ?? .null, "line": line.map(JSONValue.integer) ?? .null,
            "field": .string(field), "message": .string(message), "rule": rule.map { .string($0.rawValue) } ?? .null,
        ])
    }
}
