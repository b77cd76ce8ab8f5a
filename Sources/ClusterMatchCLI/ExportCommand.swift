import ArgumentParser
import ClusterMatch
import Foundation

/// `clustermatch export seeds|needs --format csv|jsonl`.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export seeds or needs as CSV or JSON Lines (the import shapes plus output-only fields).",
        discussion: """
            Confidential postings show only their title and summary unless --as names a person allowed to see \
            them: a coordinator of the owning organisation or its cluster (seeds), a firm-contact of the owning \
            organisation (needs).
            """)

    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case seeds, needs
        var exportKind: ExportKind { self == .seeds ? .seeds : .needs }
    }

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case csv, jsonl
        var recordFormat: RecordFormat { self == .csv ? .csv : .jsonLines }
    }

    @Argument(help: "seeds or needs.") var kind: Kind
    @Option(help: "csv or jsonl (default: from the --output extension, else jsonl).") var format: Format?
    @Option(help: "Write to this file instead of standard output.") var output: String?
    @Option(help: "Only postings with this status (\(PostingStatus.allowedList)); default all.") var status: String?
    @Option(name: .customLong("as"), help: "The email of the person the export is for.") var viewer: String?
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        if let status, PostingStatus(rawValue: status) == nil {
            throw ValidationError("--status must be one of \(PostingStatus.allowedList)")
        }
    }

    /// The format asked for, or the one the output file's extension names.
    var chosenFormat: Format {
        if let format { return format }
        if let output, let inferred = try? RecordFormat(path: output) { return inferred == .csv ? .csv : .jsonl }
        return .jsonl
    }

    func run() async throws {
        try await reportingFailures {
            let exporter = Exporter(status: status.flatMap(PostingStatus.init(rawValue:)), viewer: viewer)
            let format = chosenFormat.recordFormat
            guard let output else {
                let handle = FileHandle.standardOutput
                try await database.withConnection { connection in
                    try await exporter.export(kind.exportKind, format: format, from: connection) { bytes in
                        try handle.write(contentsOf: bytes)
                    }
                }
                return
            }
            // Written next to the target and renamed at the end, so a failed export leaves no partial file.
            let partial = output + ".partial"
            guard FileManager.default.createFile(atPath: partial, contents: nil),
                let handle = FileHandle(forWritingAtPath: partial)
            else { throw CLIError("cannot write \(output)") }
            do {
                let count = try await database.withConnection { connection in
                    try await exporter.export(kind.exportKind, format: format, from: connection) { bytes in
                        try handle.write(contentsOf: bytes)
                    }
                }
                try handle.close()
                if FileManager.default.fileExists(atPath: output) { try FileManager.default.removeItem(atPath: output) }
                try FileManager.default.moveItem(atPath: partial, toPath: output)
                printError("exported \(count) \(kind.rawValue) to \(output)")
            } catch {
                try? handle.close()
                try? FileManager.default.removeItem(atPath: partial)
                throw error
            }
        }
    }
}
