import ArgumentParser
import ClusterMatch
import Foundation

/// `clustermatch db migrate|status`.
struct DBCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db", abstract: "Apply or inspect the schema migrations.", subcommands: [Migrate.self, Status.self])

    struct Migrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Apply pending migrations (each in its own transaction, under an advisory lock).")
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            try await reportingFailures {
                let applied = try await database.withConnection(requireCurrentSchema: false) { try await Migrator().migrate(on: $0) }
                print(applied.isEmpty ? "schema is up to date (version \(Migrator().latestVersion))"
                    : "applied migrations \(applied.map(String.init).joined(separator: ", "))")
            }
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show applied and pending migrations.")
        @OptionGroup var database: DatabaseOptions
        @Flag(help: "Print one JSON object: {\"current\", \"latest\", \"applied\", \"pending\", \"changed\"}.") var json = false

        func run() async throws {
            try await reportingFailures {
                let status = try await database.withConnection(requireCurrentSchema: false) { try await Migrator().status(on: $0) }
                if json {
                    print(#"{"current":\#(status.current),"latest":\#(status.latest),"applied":\#(status.applied),"pending":\#(status.pending),"changed":\#(status.changed)}"#)
                    return
                }
                print("database version \(status.current), this clustermatch \(status.latest)")
                print("applied: \(status.applied.isEmpty ? "none" : status.applied.map(String.init).joined(separator: ", "))")
                print("pending: \(status.pending.isEmpty ? "none" : status.pending.map(String.init).joined(separator: ", "))")
                if !status.changed.isEmpty {
                    print("warning: applied migrations changed since: \(status.changed.map(String.init).joined(separator: ", "))")
                }
                if status.current > status.latest { throw CLIError(MigrationError.databaseIsNewer(database: status.current, binary: status.latest).description) }
            }
        }
    }
}
