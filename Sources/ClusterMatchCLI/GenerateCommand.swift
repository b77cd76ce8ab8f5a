import ArgumentParser
import ClusterMatch
import Foundation
import SampleData

/// `clustermatch generate`: deterministic sample data as JSON Lines files, without a database.
struct GenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write generated clusters, organisations, seeds and needs as JSON Lines files.",
        discussion: """
            Writes clusters.jsonl, organisations.jsonl, seeds.jsonl and needs.jsonl into --output (created if \
            missing). The same --seed gives byte-identical files. Import them in that order.
            """)

    @Option(help: "How many seeds.") var seeds = 1_000
    @Option(help: "How many needs.") var needs = 500
    @Option(help: "The random seed.") var seed: UInt64 = 42
    @Option(help: "The folder to write into.") var output: String

    func validate() throws {
        guard seeds >= 0, needs >= 0 else { throw ValidationError("--seeds and --needs must not be negative") }
    }

    func run() async throws {
        try await reportingFailures {
            let directory = URL(fileURLWithPath: output)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let started = ContinuousClock.now
            try Generator(seed: seed).writeJSONL(to: directory, seeds: seeds, needs: needs)
            let elapsed = ContinuousClock.now - started
            let seconds = elapsed.inSeconds
            print(
                "wrote \(Generator.fileNames.joined(separator: ", ")) (\(seeds) seeds, \(needs) needs) to \(directory.path) "
                    + "in \(String(format: "%.1f", seconds)) s")
        }
    }
}
