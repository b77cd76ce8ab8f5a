import ClusterMatch
import Foundation
import Matching
import Postgres
import Testing

/// The matcher's durable state on the fixtures, in a real PostgreSQL: stored analyses are reused and redone only
/// when the text or the analyser version changes; `match --all` stores exactly the matcher's lists; partner
/// ranking aggregates item pairs as documented.
@Suite struct MatchListTests {
    /// Runs `body` on a fresh database holding the fixtures.
    func withFixtures<T: Sendable>(_ body: (Connection) async throws -> T) async throws -> T {
        try await StoreTest.withDatabase(references: false) { connection in
            _ = try await FixtureLoader(directory: FixtureLoader.sourceTreeFixtures).load(into: connection)
            return try await body(connection)
        }
    }

    @Test func analysesAreStoredReusedAndRedoneOnlyWhenStale() async throws {
        try await withFixtures { connection in
            let first = try await MatchLoader.load(on: connection)
            let items = first.seeds.count + first.needs.count
            #expect(first.analyses == .init(reused: 0, made: items))
            let stored = try await connection.query("select (select count(*) from seed_analysis) + (select count(*) from need_analysis)")
            #expect(try stored[0].decode(Int.self, at: 0) == items)

            let second = try await MatchLoader.load(on: connection)
            #expect(second.analyses == .init(reused: items, made: 0))
            // Reused analyses index exactly like fresh ones.
            let needID = try #require(first.needs.keys.min())
            #expect(try second.matcher.seeds(forNeed: needID, limit: 10) == first.matcher.seeds(forNeed: needID, limit: 10))

            // A text change (by plain SQL) and an older analyser version each make their rows stale.
            let seedID = try #require(first.seeds.keys.min())
            try await connection.execute("update seeds set title = title || ' (revised)' where id = $1", [seedID])
            try await connection.execute("update need_analysis set analyzer_version = analyzer_version - 1 where need_id = $1", [needID])
            let third = try await MatchLoader.load(on: connection)
            #expect(third.analyses == .init(reused: items - 2, made: 2))
            #expect(third.matcher.seeds.document(seedID)?.terms.contains { $0.term == "revis" } == true)
            #expect(try await MatchLoader.load(on: connection).analyses == .init(reused: items, made: 0))
        }
    }

    @Test func matchAllStoresTheMatchersListsWithExplanations() async throws {
        try await withFixtures { connection in
            let summary = try await MatchLists.recomputeAll(on: connection, length: 12).summary
            // A fresh matcher with live statistics: right after a full re-match they equal the frozen ones.
            let loaded = try await MatchLoader.load(on: connection)
            let expected = MatchLists.compute(loaded.matcher, length: 12)
            #expect(summary.needs == loaded.matcher.needs.profiles.values.filter(\.isOpen).count)
            #expect(summary.seeds == loaded.matcher.seeds.profiles.values.filter(\.isOpen).count)
            #expect(summary.pairs == expected.pairCount && summary.pairs > 0)

            let rows = try await connection.query("select need_id, rank, seed_id, score, mutual, boundary, explanation from need_matches order by need_id, rank")
            var stored: [Int64: [(seedID: Int64, score: Double, explanation: String)]] = [:]
            for row in rows {
                let needID = try row.decode(Int64.self, at: 0)
                #expect(try row.decode(Int.self, at: 1) == (stored[needID]?.count ?? 0) + 1, "ranks run 1, 2, 3, …")
                stored[needID, default: []].append((try row.decode(at: 2), try row.decode(at: 3), try row.decode(at: 6)))
            }
            #expect(stored.count == expected.needLists.filter { !$0.value.matches.isEmpty }.count)
            for (needID, list) in expected.needLists {
                let matches = list.matches
                let list = stored[needID] ?? []
                #expect(list.map(\.seedID) == matches.map(\.seedID), "need \(needID)")
                for (entry, match) in zip(list, matches) {
                    #expect(abs(entry.score - match.score.total) < 1e-12)
                    let explanation = try #require(try JSONSerialization.jsonObject(with: Data(entry.explanation.utf8)) as? [String: Any])
                    let score = try #require(explanation["score"] as? [String: Any])
                    #expect(abs((score["total"] as? Double ?? -1) - match.score.total) < 1e-12)
                    #expect((score["shared_terms"] as? [String]) == match.score.sharedTerms)
                    #expect(explanation["boundary"] as? String == match.boundary.rawValue)
                }
            }
            let seedRows = try await connection.query("select count(*) from seed_matches")
            #expect(try seedRows[0].decode(Int.self, at: 0) == expected.seedLists.values.reduce(0) { $0 + $1.matches.count })

            // Withdrawing a seed removes it from every list at the next full run; the run is recorded.
            let withdrawn = try rows[0].decode(Int64.self, at: 2)
            try await PostingLifecycle.withdraw(.seed, id: withdrawn, on: connection)
            let again = try await MatchLists.recomputeAll(on: connection, length: 12).summary
            #expect(again.runID > summary.runID)
            let left = try await connection.query(
                "select (select count(*) from need_matches where seed_id = $1) + (select count(*) from seed_matches where seed_id = $1)", [withdrawn])
            #expect(try left[0].decode(Int.self, at: 0) == 0)
            let runs = try await connection.query("select count(*), min(list_length), max(policy->'weights'->>'text') from match_runs")
            #expect(try runs[0].decode(Int.self, at: 0) == 2)
            #expect(try runs[0].decode(Int.self, at: 1) == 12)
            #expect(try runs[0].decode(String.self, at: 2) == "0.5")
        }
    }

    @Test func partnerScoreIsTheDocumentedNoisyOr() {
        #expect(PartnerRanking.partnerScore([]) == 0)
        #expect(PartnerRanking.partnerScore([0.6]) == 0.6)
        // 1 − (1 − 0.8)(1 − 0.6/2)(1 − 0.4/4); a fourth pair does not count.
        let expected = 1 - (1 - 0.8) * (1 - 0.3) * (1 - 0.1)
        #expect(abs(PartnerRanking.partnerScore([0.4, 0.8, 0.6, 0.7]) - (1 - (1 - 0.8) * (1 - 0.35) * (1 - 0.15))) < 1e-12)
        #expect(abs(PartnerRanking.partnerScore([0.4, 0.8, 0.6]) - expected) < 1e-12)
        #expect(PartnerRanking.partnerScore([1, 1, 1]) == 1)
    }

    @Test func partnersAggregateItemPairsByOrganisationAndCluster() async throws {
        try await withFixtures { connection in
            let loaded = try await MatchLoader.load(on: connection)
            // The organisation with the most seeds and needs.
            var owned: [String: Int] = [:]
            for label in Array(loaded.seeds.values) + Array(loaded.needs.values) { owned[label.organisation, default: 0] += 1 }
            let asker = try #require(owned.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key)
            let ranking = PartnerRanking(pairsPerItem: 10)
            let all = ranking.partners(of: asker, level: .organisation, in: loaded)
            #expect(!all.isEmpty)
            #expect(all.map(\.score) == all.map(\.score).sorted(by: >))
            for partner in all {
                #expect(partner.key != asker)
                #expect(abs(partner.score - PartnerRanking.partnerScore(partner.pairs.map(PartnerRanking.pairScore))) < 1e-12)
                for pair in partner.pairs {
                    let labels = [loaded.seeds[pair.seedID]!, loaded.needs[pair.needID]!]
                    #expect(Set(labels.map(\.organisation)) == [asker, partner.key], "each pair joins the asker and the partner")
                    #expect(pair.boundary == partner.boundary)
                }
            }
            let international = ranking.partners(of: asker, level: .organisation, in: loaded, filter: MatchFilter(scope: .international))
            #expect(!international.isEmpty)
            #expect(international.allSatisfy { $0.boundary.isInternational })

            let cluster = try #require(loaded.seeds.values.first { $0.organisation == asker }?.cluster ?? loaded.needs.values.first { $0.organisation == asker }?.cluster)
            let clusters = ranking.partners(of: cluster, level: .cluster, in: loaded, filter: MatchFilter(scope: .crossCluster))
            #expect(!clusters.isEmpty)
            #expect(clusters.allSatisfy { $0.key != cluster && $0.boundary != .sameCluster })
        }
    }

    /// A full re-match asked for before this maintainer's last one began is already done (a worker's start asks
    /// twice: its first job and the periodic schedule); one asked for after it, or after another writer wrote,
    /// runs.
    @Test func aFullRematchAskedForBeforeTheLastOneBeganIsSkipped() async throws {
        try await withFixtures { connection in
            func runs() async throws -> Int { try await connection.query("select count(*)::int from match_runs")[0].decode(Int.self, at: 0) }
            func now() async throws -> Date { try await connection.query("select now()")[0].decode(Date.self, at: 0) }
            let maintainer = MatchMaintainer()
            let before = try await now()
            let first = try await maintainer.rematchAll(on: connection, unlessSince: before)
            #expect(first != nil)
            #expect(try await runs() == 1)
            #expect(try await maintainer.rematchAll(on: connection, unlessSince: before) == nil)
            #expect(try await runs() == 1)

            let later = try await now()
            #expect(try await maintainer.rematchAll(on: connection, unlessSince: later) != nil)
            #expect(try await runs() == 2)

            // Another writer's lists: this maintainer's re-match no longer counts.
            try await connection.execute("update match_state set writer = 'someone else', sequence = sequence + 1")
            #expect(try await maintainer.rematchAll(on: connection, unlessSince: before) != nil)
            #expect(try await runs() == 3)
        }
    }
}
