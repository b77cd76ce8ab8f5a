import ClusterMatch
import Matching
import Postgres
import Testing

/// The matcher on the fixtures, loaded from PostgreSQL: every planted cross-cluster, international or sister pair is
/// found in the top 5 of its need's matches, and the boundary the matcher reports is the one the fixture names.
@Suite struct PlantedPairTests {
    @Test func everyPlantedPairIsInTheTopFiveOfItsNeedsMatches() async throws {
        let loader = FixtureLoader(directory: FixtureLoader.sourceTreeFixtures)
        let pairs = try loader.plantedPairs()
        #expect(pairs.count >= 30)
        try await StoreTest.withDatabase(references: false) { connection async throws in
            _ = try await loader.load(into: connection)
            let loaded = try await MatchLoader.load(on: connection)
            let seedIDs = Dictionary(uniqueKeysWithValues: loaded.seeds.map { ($0.value.ref, $0.key) })
            let needIDs = Dictionary(uniqueKeysWithValues: loaded.needs.map { ($0.value.ref, $0.key) })
            var missed: [String] = []
            for pair in pairs {
                let needID = try #require(needIDs[pair.need])
                let seedID = try #require(seedIDs[pair.seed])
                let top = try loaded.matcher.seeds(forNeed: needID, limit: 5)
                if !top.contains(where: { $0.seedID == seedID }) {
                    missed.append("\(pair.need) → \(pair.seed): top 5 is \(top.map { loaded.seeds[$0.seedID]!.ref })")
                }
                let match = try #require(loaded.matcher.pair(needID: needID, seedID: seedID))
                let expected: Boundary = switch pair.kind {
                case .crossCluster: .crossCluster
                case .international: .international
                case .sister: .sister
                }
                #expect(match.boundary == expected, "\(pair.need) → \(pair.seed)")
            }
            #expect(missed.isEmpty, "\(missed.count) planted pairs missed: \(missed.joined(separator: "; "))")
        }
    }
}
