import Shortlists
import Testing

@Suite("Shortlist fairness, feasibility and pruning")
struct ShortlistFairnessTests {
    private func person(_ id: Int, _ side: ParticipantSide, k: Int = 1, country: String = "JP", minInternational: Int = 0) -> Participant {
        Participant(
            id: id, name: "P\(id)", organisation: "org\(id)", cluster: country == "JP" ? "gifu" : "quebec", country: country,
            side: side, maxMeetings: k, minInternational: minInternational)
    }

    /// Greedy by score: take the best remaining pair whose ends both have room.
    private func greedy(_ problem: ShortlistProblem) -> [PairKey] {
        var degree: [Int: Int] = [:]
        var caps: [Int: Int] = [:]
        for participant in problem.participants { caps[participant.id] = participant.maxMeetings }
        var chosen: [PairKey] = []
        for candidate in problem.candidates.sorted(by: { ($0.score, $1.pair) > ($1.score, $0.pair) }) {
            let (a, b) = (candidate.pair.low, candidate.pair.high)
            if degree[a, default: 0] < caps[a]! && degree[b, default: 0] < caps[b]! {
                degree[a, default: 0] += 1
                degree[b, default: 0] += 1
                chosen.append(candidate.pair)
            }
        }
        return chosen
    }

    @Test("where greedy leaves a participant with nobody, the fair shortlist gives everyone a partner")
    func greedyFailure() throws {
        // A is everyone's favourite; greedy gives A to B and leaves C (and X) alone.
        let problem = ShortlistProblem(
            participants: [person(1, .seedHolder), person(2, .seedHolder), person(3, .needHolder), person(4, .needHolder)],
            candidates: [CandidatePair(1, 3, score: 100), CandidatePair(1, 4, score: 10), CandidatePair(2, 3, score: 10)])
        let greedyPairs = greedy(problem)
        #expect(greedyPairs == [PairKey(1, 3)])
        let fair = try ShortlistSolver(problem: problem).solve()
        #expect(fair.pairs.map(\.pair) == [PairKey(1, 4), PairKey(2, 3)])
        #expect(fair.partnerCounts == [4])
        #expect(fair.isCertified && fair.isBipartite)
        // Without fairness the score decides: 100 beats 10 + 10.
        let scoreOnly = try ShortlistSolver(problem: problem, policy: ShortlistPolicy(isFair: false)).solve()
        #expect(scoreOnly.pairs.map(\.pair) == [PairKey(1, 3)])
    }

    @Test("2,000 participants × 10 meetings: everyone with enough candidates gets 10")
    func twoThousandParticipants() throws {
        // Seeds 0..<1000, needs 1000..<2000. A planted 10-regular graph of weak pairs makes 10 each achievable;
        // 20 strong random pairs per seed tempt a score-first solver to crowd some needs out.
        var random = SplitMix64(seed: 7)
        var people: [Participant] = []
        for id in 0..<2000 {
            people.append(
                Participant(
                    id: id, name: "P\(id)", organisation: "org\(id)", cluster: id < 1000 ? "gifu" : "quebec",
                    country: id < 1000 ? "JP" : "CA", side: id < 1000 ? .seedHolder : .needHolder, maxMeetings: 10))
        }
        var candidates: [CandidatePair] = []
        var seen: Set<PairKey> = []
        for seed in 0..<1000 {
            for t in 0..<10 {
                let pair = PairKey(seed, 1000 + (seed + 37 * t) % 1000)
                if seen.insert(pair).inserted { candidates.append(CandidatePair(pair.low, pair.high, score: Int(random.next() % 100))) }
            }
            for _ in 0..<20 {
                let need = 1000 + Int(random.next() % 200)  // strong pairs pile onto 200 popular needs
                let pair = PairKey(seed, need)
                if seen.insert(pair).inserted {
                    candidates.append(CandidatePair(pair.low, pair.high, score: 500 + Int(random.next() % 500)))
                }
            }
        }
        let problem = ShortlistProblem(participants: people, candidates: candidates)
        let shortlist = try ShortlistSolver(problem: problem, policy: ShortlistPolicy(candidateLimit: 50)).solve()
        #expect(shortlist.isCertified && shortlist.isBipartite)
        var degree = [Int](repeating: 0, count: 2000)
        for pair in shortlist.pairs {
            degree[pair.pair.low] += 1
            degree[pair.pair.high] += 1
        }
        #expect(degree.allSatisfy { $0 == 10 }, "\(degree.filter { $0 < 10 }.count) participants got fewer than 10")
        #expect(shortlist.partnerCounts.last == 2000)
        // A score-first greedy fails the same instance.
        let greedyPairs = greedy(problem)
        var greedyDegree = [Int](repeating: 0, count: 2000)
        for pair in greedyPairs {
            greedyDegree[pair.low] += 1
            greedyDegree[pair.high] += 1
        }
        #expect(greedyDegree.contains { $0 < 10 })
    }

    @Test("2,000 participants × 10 meetings, anyone meets anyone: the rounded shortlist leaves nobody below k")
    func twoThousandGeneral() throws {
        // The benchmark forum: about 50 candidates each, caps per cluster and country, some international minimums.
        let result = try ForumBenchmark(participants: 2000, meetings: 10, candidates: 50, runs: 1).run()
        #expect(result.isCertified && !result.isBipartite)
        #expect(result.participantsBelowCap == 0)
        #expect(result.unplaced == 0 && result.slotsUsed <= result.maxDegree + 1)
    }

    @Test("infeasibility is explained: participant, constraint, what to relax")
    func feasibilityReport() throws {
        let problem = ShortlistProblem(
            participants: [
                person(1, .seedHolder, k: 3, minInternational: 2), person(2, .needHolder, k: 1, country: "CA"),
                person(3, .needHolder, k: 1), person(4, .needHolder, k: 1, country: "CA"),
            ],
            candidates: [CandidatePair(1, 2, score: 5), CandidatePair(1, 3, score: 5)],
            conflicts: [PairKey(1, 3)], forced: [PairKey(1, 3)])
        let solver = ShortlistSolver(problem: problem)
        let report = solver.analyse()
        #expect(!report.isFeasible)
        let messages = report.blocking.map(\.description)
        #expect(messages.contains { $0.contains("forced pair P1 (org1) – P3 (org3) is also a conflict") && $0.contains("remove either") })
        #expect(
            report.blocking.contains {
                $0.participantID == 1 && $0.constraint == "min-international"
                    && $0.message.contains("needs 2 international partners but has 1 international candidate")
                    && $0.suggestion.contains("lower its minimum")
            })
        #expect(throws: ShortlistError.self) { try solver.solve() }
        do {
            _ = try solver.solve()
        } catch let error as ShortlistError {
            #expect(error.description.contains("P1 (org1)"))
        }
    }

    @Test("minimum international partners: counted with the forced pair, met when candidates allow")
    func internationalMinimum() throws {
        // P1 (JP) needs 2 international partners; domestic candidates score higher.
        let problem = ShortlistProblem(
            participants: [
                person(1, .seedHolder, k: 2, minInternational: 2), person(2, .needHolder, k: 1),
                person(3, .needHolder, k: 1, country: "CA"), person(4, .needHolder, k: 1, country: "CA"),
            ],
            candidates: [CandidatePair(1, 2, score: 900), CandidatePair(1, 3, score: 10), CandidatePair(1, 4, score: 10)])
        let shortlist = try ShortlistSolver(problem: problem).solve()
        #expect(shortlist.partners(of: 1) == [3, 4])
        #expect(shortlist.issues.isEmpty)
    }

    @Test("forced pairs use up caps; caps per cluster and country hold")
    func forcedAndCaps() throws {
        var hub = person(1, .seedHolder, k: 3)
        hub.maxPerCluster = 1
        hub.maxPerCountry = 2
        var others = (2...6).map { person($0, .needHolder, k: 1, country: $0 <= 3 ? "JP" : "CA") }
        others[0].cluster = "kyoto"
        let problem = ShortlistProblem(
            participants: [hub] + others,
            candidates: (2...6).map { CandidatePair(1, $0, score: 100 * $0) }, forced: [PairKey(1, 2)])
        let shortlist = try ShortlistSolver(problem: problem).solve()
        let partners = shortlist.partners(of: 1)
        #expect(partners.contains(2))
        #expect(partners.count == 3)
        // One per cluster: kyoto (2, forced) and gifu (3) at most one each; quebec at most one.
        #expect(partners.filter { $0 >= 4 }.count == 1)
        #expect(shortlist.pairs.first { $0.pair == PairKey(1, 2) }?.isForced == true)
    }

    @Test("pruning keeps each participant's best max(L, 3k) and counts the rest")
    func pruning() {
        let people = (0..<10).map {
            Participant(id: $0, name: "P\($0)", organisation: "o\($0)", cluster: "c", country: "JP", maxMeetings: 1)
        }
        var candidates: [CandidatePair] = []
        for a in 0..<10 { for b in (a + 1)..<10 { candidates.append(CandidatePair(a, b, score: a * 10 + b)) } }
        let result = CandidatePruning.prune(candidates, participants: people, limit: 2)
        // L = 2 is raised to 3k = 3: a pair survives if it is in the top 3 of either end.
        #expect(result.kept.count + result.prunedCount == candidates.count)
        #expect(result.prunedCount > 0)
        for participant in people {
            let own = candidates.filter { $0.pair.low == participant.id || $0.pair.high == participant.id }
                .sorted { ($0.score, $1.pair.partner(of: participant.id)) > ($1.score, $0.pair.partner(of: participant.id)) }
            for best in own.prefix(3) { #expect(result.kept.contains(best)) }
        }
        for kept in result.kept {
            let inTop = [kept.pair.low, kept.pair.high].contains { id in
                let own = candidates.filter { $0.pair.low == id || $0.pair.high == id }.sorted { $0.score > $1.score }
                return own.prefix(3).contains(kept)
            }
            #expect(inTop)
        }
    }

    @Test("progress is reported and cancellation stops the run")
    func progressAndCancellation() throws {
        let problem = ForumBenchmark(participants: 120, meetings: 4, candidates: 12, runs: 1).problem()
        var stages: [ShortlistProgress] = []
        _ = try ShortlistSolver(problem: problem).solve(progress: { stages.append($0) })
        #expect(stages.contains { if case .built = $0 { true } else { false } })
        #expect(stages.contains { if case .scalingPhase = $0 { true } else { false } })
        var calls = 0
        #expect(throws: CancellationError.self) {
            try ShortlistSolver(problem: problem).solve(isCancelled: {
                calls += 1
                return calls > 3
            })
        }
    }

    @Test("run manifests: stable, order-free, and sensitive to every input")
    func manifests() {
        let problem = ForumBenchmark(participants: 30, meetings: 3, candidates: 6, runs: 1).problem()
        let policy = ShortlistPolicy()
        let first = RunManifest.shortlist(problem: problem, policy: policy, seed: 42)
        #expect(first.inputHash.count == 16)
        #expect(first == RunManifest.shortlist(problem: problem, policy: policy, seed: 42))
        var changed = problem
        changed.candidates[0].score += 1
        #expect(RunManifest.shortlist(problem: changed, policy: policy, seed: 42).inputHash != first.inputHash)
        #expect(RunManifest.shortlist(problem: problem, policy: ShortlistPolicy(metBefore: .ignore), seed: 42).policy != first.policy)
        #expect(fnv1a64("") == 0xcbf2_9ce4_8422_2325)
        #expect(fnv1a64("a") == 0xaf63_dc4c_8601_ec8c)
    }
}
