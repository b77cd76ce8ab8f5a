import Shortlists
import Testing

@Suite("Shortlist exactness against brute force")
struct ShortlistExactnessTests {
    /// Checks one random instance; returns whether the solver ran (false when the analysis blocked it).
    @discardableResult
    private func check(seed: UInt64, bipartite: Bool) throws -> Bool {
        let instance = TinyInstance(seed: seed, bipartite: bipartite)
        let referee = Referee(problem: instance.problem, policy: instance.policy)
        let solver = ShortlistSolver(problem: instance.problem, policy: instance.policy)
        let shortlist: Shortlist
        do {
            shortlist = try solver.solve()
        } catch let error as ShortlistError {
            // A blocking report must be right: no valid solution meets every hard rule.
            let report = try #require(error.report, "seed \(seed): \(error)")
            #expect(!report.blocking.isEmpty)
            let weights = try FairnessWeights(maxMeetings: 3, maxScore: 30, nodeCount: 10, isFair: true, needsInternational: true)
            let best = referee.best(weights: weights)
            #expect(!(best.hasValidSolution && best.meetsMinimums), "seed \(seed): blocked but solvable: \(report)")
            #expect(report.blocking.allSatisfy { !$0.message.isEmpty && !$0.suggestion.isEmpty })
            return false
        }
        #expect(shortlist.isCertified, "seed \(seed): potentials do not certify the flow")
        let pairs = shortlist.pairs.map(\.pair)
        #expect(referee.violations(of: pairs) == [], "seed \(seed)")
        let best = referee.best(weights: shortlist.weights)
        #expect(best.hasValidSolution)
        var scores: [PairKey: Int] = [:]
        for (pair, score) in referee.allowed + referee.forced { scores[pair] = score }
        let value = referee.weighted(pairs, scores: scores, weights: shortlist.weights)
        #expect(value == shortlist.objective, "seed \(seed): reported objective differs from the referee's")
        if bipartite {
            #expect(shortlist.isBipartite, "seed \(seed)")
            #expect(value == best.weighted, "seed \(seed): \(value) vs brute force \(best.weighted)")
            #expect(referee.lexicographic(pairs, scores: scores) == best.lexicographic, "seed \(seed): not lexicographically best")
            #expect(shortlist.twiceLPBound == 2 * shortlist.objective)
        } else {
            #expect(
                2 * value <= 2 * best.weighted && 2 * best.weighted <= shortlist.twiceLPBound,
                "seed \(seed): \(value) ≤ \(best.weighted) ≤ \(shortlist.lpBound) fails")
            #expect(shortlist.optimalityGap >= 0)
        }
        // Every participant below its minimum of international partners is reported.
        for participant in instance.problem.participants
        where referee.internationalCount(of: participant.id, in: pairs) < participant.minInternational {
            #expect(shortlist.issues.contains { $0.participantID == participant.id && $0.constraint == "min-international" })
        }
        if best.meetsMinimums && bipartite {
            for participant in instance.problem.participants {
                #expect(referee.internationalCount(of: participant.id, in: pairs) >= participant.minInternational, "seed \(seed)")
            }
        }
        return true
    }

    @Test("900 bipartite instances equal brute force, lexicographically and in weighted total")
    func bipartiteInstances() throws {
        var solved = 0
        for seed in UInt64(1)...900 where try check(seed: seed, bipartite: true) { solved += 1 }
        #expect(solved >= 500, "too many instances were blocked to be a meaningful test: \(solved)")
    }

    @Test("400 general instances lie between the rounded total and the LP bound")
    func generalInstances() throws {
        var solved = 0
        var nonBipartite = 0
        for seed in UInt64(1001)...1400 {
            if try check(seed: seed, bipartite: false) {
                solved += 1
                let instance = TinyInstance(seed: seed, bipartite: false)
                if try !ShortlistSolver(problem: instance.problem, policy: instance.policy).solve().isBipartite { nonBipartite += 1 }
            }
        }
        #expect(solved >= 250)
        #expect(nonBipartite >= 50, "the general path was exercised only \(nonBipartite) times")
    }

    @Test("the same inputs, in any order, give the same shortlist")
    func determinism() throws {
        for seed in UInt64(1)...40 {
            let instance = TinyInstance(seed: seed, bipartite: seed % 2 == 0)
            guard let first = try? ShortlistSolver(problem: instance.problem, policy: instance.policy).solve() else { continue }
            var shuffled = instance.problem
            var random = SplitMix64(seed: seed)
            shuffled.participants.shuffle(using: &random)
            shuffled.candidates.shuffle(using: &random)
            let second = try ShortlistSolver(problem: shuffled, policy: instance.policy).solve()
            #expect(first == second)
            #expect(
                RunManifest.shortlist(problem: instance.problem, policy: instance.policy)
                    == RunManifest.shortlist(problem: shuffled, policy: instance.policy))
        }
    }
}
