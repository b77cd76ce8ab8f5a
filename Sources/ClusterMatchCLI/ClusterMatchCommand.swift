public import ArgumentParser

/// The `clustermatch` command line.
public struct ClusterMatchCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "clustermatch",
        abstract: "Match technology seeds and industry needs across clusters and sister clusters.")

    public init() {}
}

/// The entry point of the `clustermatch` executable.
public enum CommandLineTool {
    /// Parses the process's arguments and runs the command, exiting with its status.
    public static func main() async {
        await ClusterMatchCommand.main()
    }
}
