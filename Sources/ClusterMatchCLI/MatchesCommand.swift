public import ArgumentParser
import ClusterMatch
import Foundation
public import Matching

extension MatchFilter.Scope: ExpressibleByArgument {}

/// The filter options of `need matches` and `seed matches`.
struct MatchOptions: ParsableArguments {
    @Option(help: "any, cross-cluster, international or sister.") var scope: MatchFilter.Scope = .any
    @Option(help: "Only pairs where either side has this field.") var field: String?
    @Option(name: .customLong("min-trl"), help: "Only seeds at or above this TRL.") var minimumTRL: Int?
    @Option(help: "Only pairs where the seed offers (and the need wants) this partnership type.") var partnership: Partnership?
    @Option(help: "At most this many matches.") var limit = 10
    @Flag(help: "One JSON object per match.") var json = false

    var filter: MatchFilter {
        MatchFilter(scope: scope, field: field, minimumTRL: minimumTRL, partnership: partnership?.rawValue)
    }
}

/// `need matches ID` and `seed matches ID`: the best partners for one posting, with the reasons.
struct MatchesCommand<Kind: PostingKindTag>: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "matches",
            abstract: Kind.kind == .need ? "Which seeds fit this need, and why." : "Which needs fit this seed, and why.")
    }
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var reference: PostingReference
    @OptionGroup var options: MatchOptions

    func run() async throws {
        try await reportingFailures {
            guard (1...1_000).contains(options.limit) else { throw ValidationError("--limit must be between 1 and 1000") }
            if let trl = options.minimumTRL, !(1...9).contains(trl) { throw ValidationError("--min-trl must be between 1 and 9") }
            let (loaded, id) = try await database.withConnection { connection in
                (try await MatchLoader.load(on: connection), try await PostingLifecycle.resolve(Kind.kind, reference.id, on: connection))
            }
            let matches: [Match]
            do {
                matches = Kind.kind == .need
                    ? try loaded.matcher.seeds(forNeed: id, limit: options.limit, filter: options.filter)
                    : try loaded.matcher.needs(forSeed: id, limit: options.limit, filter: options.filter)
            } catch {
                throw CLIError("\(reference.id) cannot be matched: it is withdrawn, expired or archived")
            }
            printMatches(matches, loaded: loaded, asking: Kind.kind, json: options.json)
        }
    }
}

/// `explain SEED NEED`: one pair's score from both sides with every factor's contribution.
struct ExplainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain", abstract: "Explain one seed–need pair: each factor's contribution and the shared terms.")
    @OptionGroup var database: DatabaseOptions
    @Argument(help: "The seed's id or ref.") var seed: String
    @Argument(help: "The need's id or ref.") var need: String
    @Flag(help: "Print the pair as one JSON object.") var json = false

    func run() async throws {
        try await reportingFailures {
            let (loaded, seedID, needID) = try await database.withConnection { connection in
                (try await MatchLoader.load(on: connection), try await PostingLifecycle.resolve(.seed, seed, on: connection),
                 try await PostingLifecycle.resolve(.need, need, on: connection))
            }
            guard let match = loaded.matcher.pair(needID: needID, seedID: seedID) else {
                throw CLIError("\(seed) and \(need) cannot be paired (one of them is withdrawn, expired or archived)")
            }
            if json {
                print(matchJSON(match, loaded: loaded))
                return
            }
            let seedLabel = loaded.seeds[seedID]!, needLabel = loaded.needs[needID]!
            print("seed \(seedLabel.ref)  \(seedLabel.title)  [\(seedLabel.organisation), \(seedLabel.cluster ?? "-"), \(seedLabel.country)]")
            print("need \(needLabel.ref)  \(needLabel.title)  [\(needLabel.organisation), \(needLabel.cluster ?? "-"), \(needLabel.country)]")
            print("boundary: \(match.boundary.rawValue)")
            for (name, score) in [("from the need", match.fromNeed), ("from the seed", match.fromSeed), ("mutual", match.mutual)] {
                guard let score else { continue }
                let parts = Factor.allCases.map { String(format: "%@ %.3f", $0.rawValue, score.contributions[$0] ?? 0) }
                print(String(format: "%@: %.3f = ", name, score.total) + parts.joined(separator: " + "))
            }
            print("shared terms: \(match.score.sharedTerms.joined(separator: ", "))")
        }
    }
}

/// Prints a ranked list of matches (table or JSON Lines).
func printMatches(_ matches: [Match], loaded: MatchLoader.Loaded, asking: PostingKind, json: Bool) {
    if json {
        for match in matches { print(matchJSON(match, loaded: loaded)) }
        return
    }
    if matches.isEmpty {
        print("no matches")
        return
    }
    let rows = matches.enumerated().map { index, match -> [String] in
        let other = asking == .need ? loaded.seeds[match.seedID]! : loaded.needs[match.needID]!
        let why = Factor.allCases.filter { $0 != .text }.map { String(format: "%@ %.2f", $0.rawValue, match.score.contributions[$0] ?? 0) }
        return [
            "\(index + 1)", other.ref, String(format: "%.3f", match.score.total), match.mutual.map { String(format: "%.3f", $0.total) } ?? "-",
            match.boundary.rawValue, "\(other.cluster ?? "-")/\(other.country)",
            String(format: "text %.2f, ", match.score.contributions[.text] ?? 0) + why.joined(separator: ", "),
            match.score.sharedTerms.joined(separator: ", "), other.title,
        ]
    }
    print(renderTable(["#", "ref", "score", "mutual", "boundary", "cluster/country", "contributions", "shared terms", "title"], rows))
}

/// One match as a JSON object naming both items by ref (see `Match.json(needRef:seedRef:)`).
func matchJSON(_ match: Match, loaded: MatchLoader.Loaded) -> String {
    match.json(needRef: loaded.needs[match.needID]?.ref ?? "\(match.needID)", seedRef: loaded.seeds[match.seedID]?.ref ?? "\(match.seedID)")
}
