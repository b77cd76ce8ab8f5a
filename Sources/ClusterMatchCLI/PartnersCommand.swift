public import ArgumentParser
import ClusterMatch
import Foundation
import Matching
import Postgres

extension PartnerRanking.Level: ExpressibleByArgument {}

/// `partners --org SLUG` / `partners --cluster SLUG`: the best partner organisations or clusters, with the pairs
/// behind each.
struct PartnersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "partners",
        abstract: "Which partner organisations (or clusters) fit this organisation (or cluster) best, and why.",
        discussion: """
            Aggregates item pairs: each published need and seed of the organisation asks for its best partners, \
            and the pairs are grouped by the other side's organisation (or cluster). Partner score = \
            1 − (1 − s1)(1 − s2/2)(1 − s3/4) over the three best pair scores (mutual where both sides are scored).
            """)
    @OptionGroup var database: DatabaseOptions
    @Option(help: "The organisation's slug.") var org: String?
    @Option(help: "The cluster's slug (ranks partner clusters).") var cluster: String?
    @Option(help: "any, cross-cluster, international or sister.") var scope: MatchFilter.Scope = .any
    @Option(help: "Only pairs where either side has this field.") var field: String?
    @Option(help: "At most this many partners.") var limit = 10
    @Flag(help: "One JSON object per partner.") var json = false

    func validate() throws {
        guard (org == nil) != (cluster == nil) else { throw ValidationError("give exactly one of --org and --cluster") }
        guard (1...1_000).contains(limit) else { throw ValidationError("--limit must be between 1 and 1000, not \(limit)") }
    }

    func run() async throws {
        try await reportingFailures {
            let level: PartnerRanking.Level = org != nil ? .organisation : .cluster
            let asker = org ?? cluster!
            let loaded = try await database.withConnection { connection in
                let table = level == .organisation ? "organisations" : "clusters"
                guard try await !connection.query("select 1 from \(table) where slug = $1", [asker]).isEmpty else {
                    throw CLIError("no \(level.rawValue) with slug \(asker)")
                }
                return try await MatchLoader.load(on: connection)
            }
            let partners = PartnerRanking().partners(
                of: asker, level: level, in: loaded, filter: MatchFilter(scope: scope, field: field)
            ).prefix(limit)
            func pairText(_ match: Match) -> String {
                "\(loaded.seeds[match.seedID]?.ref ?? "?")↔\(loaded.needs[match.needID]?.ref ?? "?") \(String(format: "%.3f", PartnerRanking.pairScore(match)))"
            }
            if json {
                for partner in partners {
                    let pairs = partner.pairs.map { $0.json(needRef: loaded.needs[$0.needID]?.ref ?? "", seedRef: loaded.seeds[$0.seedID]?.ref ?? "") }
                    print("{\"partner\":\(jsonString(partner.key)),\"level\":\(jsonString(level.rawValue)),\"cluster\":\(partner.cluster.map(jsonString) ?? "null"),"
                        + "\"country\":\(jsonString(partner.country)),\"boundary\":\(jsonString(partner.boundary.rawValue)),\"score\":\(partner.score),"
                        + "\"pairs\":[\(pairs.joined(separator: ","))]}")
                }
                return
            }
            if partners.isEmpty {
                print("no partners")
                return
            }
            let rows = partners.enumerated().map { index, partner in
                [
                    "\(index + 1)", partner.key, "\(partner.cluster ?? "-")/\(partner.country)", partner.boundary.rawValue,
                    String(format: "%.3f", partner.score), "\(partner.pairs.count)",
                    partner.pairs.prefix(PartnerRanking.countedPairs).map(pairText).joined(separator: ", "),
                ]
            }
            print(renderTable(["#", "partner", "cluster/country", "boundary", "score", "pairs", "best pairs (seed↔need score)"], rows))
        }
    }
}

private func jsonString(_ text: String) -> String { JSONValue.string(text).jsonText }
