public import ArgumentParser
import Foundation

/// The `clustermatch` command line.
public struct ClusterMatchCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "clustermatch",
        abstract: "Match technology seeds and industry needs across clusters and sister clusters.",
        discussion: """
            Connects to DATABASE_URL (a libpq URI or key=value string); without it, to the private server of \
            `clustermatch dev up` when there is one, else to libpq's defaults and PG* variables.
            """,
        subcommands: [
            DemoCommand.self, DevCommand.self, DBCommand.self, ClusterCommand.self, OrgCommand.self, SeedCommand.self,
            NeedCommand.self, ImportCommand.self, ExportCommand.self, FixturesCommand.self, GenerateCommand.self,
            MatchCommand.self, PartnersCommand.self, BenchCommand.self, EvalCommand.self, ExplainCommand.self,
            JobsCommand.self, WorkerCommand.self, InboxCommand.self, SubscriptionCommand.self, ForumCommand.self,
        ])

    public init() {}
}

/// The entry point of the `clustermatch` executable.
public enum CommandLineTool {
    /// Parses the process's arguments and runs the command, exiting with its status: 0 on success, 1 on a
    /// failure, 2 on a usage error (ArgumentParser's own default would be 64).
    public static func main(_ arguments: [String]? = nil) async {
        do {
            var command = try ClusterMatchCommand.parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if ClusterMatchCommand.exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((ClusterMatchCommand.fullMessage(for: error) + "\n").utf8))
                exit(2)
            }
            ClusterMatchCommand.exit(withError: error)
        }
    }
}
