import ArgumentParser
import ClusterMatch
import Foundation

/// `match --all`: recompute every published item's materialised match list.
struct MatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match",
        abstract: "Recompute the stored match lists (every published seed's and need's best partners).",
        discussion: """
            Loads the matcher (reusing stored analyses), computes each published need's best seeds and each \
            published seed's best needs with their explanations, and replaces the lists in need_matches and \
            seed_matches in one transaction. The worker keeps them current between full runs.
            """)
    @OptionGroup var database: DatabaseOptions
    @Flag(help: "Recompute every list (the only mode for now; required so the command never runs by accident).")
    var all = false
    @Option(help: "Entries per list (1–1000).") var length = MatchLists.defaultLength
    @Flag(help: "Print the summary as one JSON object.") var json = false

    func validate() throws {
        guard all else { throw ValidationError("say --all to recompute every match list") }
        guard (1...1_000).contains(length) else { throw ValidationError("--length must be between 1 and 1000, not \(length)") }
    }

    func run() async throws {
        try await reportingFailures {
            let clock = ContinuousClock()
            let start = clock.now
            let summary = try await database.withConnection { connection in
                try await MatchLists.recomputeAll(on: connection, length: length).summary
            }
            let seconds = (clock.now - start) / .seconds(1)
            if json {
                print("{\"run\":\(summary.runID),\"needs\":\(summary.needs),\"seeds\":\(summary.seeds),\"pairs\":\(summary.pairs),\"seconds\":\(seconds)}")
            } else {
                print(String(format: "run %lld: %d need lists and %d seed lists, %d pairs, in %.1f s", summary.runID, summary.needs, summary.seeds, summary.pairs, seconds))
            }
        }
    }
}
