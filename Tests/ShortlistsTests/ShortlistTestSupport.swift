import Shortlists

/// Generates small random shortlist problems from a seed.
struct TinyInstance {
    var problem: ShortlistProblem
    var policy: ShortlistPolicy
    var isBipartite: Bool

    init(seed: UInt64, bipartite: Bool) {
        var random = SplitMix64(seed: seed)
        func roll(_ n: Int) -> Int { Int(random.next() % UInt64(n)) }
        let count = 4 + roll(4)
        let clusters = [("gifu", "JP"), ("kyoto", "JP"), ("quebec", "CA"), ("montreal", "CA")]
        var people: [Participant] = []
        for id in 0..<count {
            let (cluster, country) = clusters[roll(clusters.count)]
            let maxMeetings = 1 + roll(3)
            people.append(
                Participant(
                    id: id * 3 + 1, name: "P\(id)", organisation: "org\(roll(count))", cluster: cluster, country: country,
                    side: bipartite ? (id % 2 == 0 ? .seedHolder : .needHolder) : .either, maxMeetings: maxMeetings,
                    minInternational: roll(6) == 0 ? 1 : 0, maxPerCluster: roll(3) == 0 ? 1 : nil,
                    maxPerCountry: roll(3) == 0 ? 1 + roll(2) : nil))
        }
        var candidates: [CandidatePair] = []
        var conflicts: [PairKey] = []
        var forced: [PairKey] = []
        var met: [PairKey] = []
        for a in 0..<count {
            for b in (a + 1)..<count {
                if bipartite && a % 2 == b % 2 { continue }
                let pair = PairKey(people[a].id, people[b].id)
                switch roll(10) {
                case 0..<5:
                    candidates.append(CandidatePair(pair.low, pair.high, score: roll(21), sector: roll(4) == 0 ? "ict" : "aerospace"))
                case 5: conflicts.append(pair)
                case 6:
                    met.append(pair)
                    candidates.append(CandidatePair(pair.low, pair.high, score: roll(21)))
                case 7 where roll(4) == 0: forced.append(pair)
                default: break
                }
            }
        }
        while candidates.count > 11 { candidates.removeLast() }
        problem = ShortlistProblem(
            participants: people, candidates: candidates, conflicts: conflicts, forced: forced, metBefore: met,
            sisterClusters: [ClusterLink("gifu", "quebec")], sisterOnlySectors: ["ict"])
        policy = ShortlistPolicy(
            candidateLimit: 100, metBefore: [MetBeforePolicy.skip, .followUp, .ignore][roll(3)], followUpBonus: 5,
            isFair: roll(5) != 0)
        isBipartite = bipartite
    }
}

/// An independent check of a solution against every rule, and an exhaustive search for the best solution.
struct Referee {
    let problem: ShortlistProblem
    let policy: ShortlistPolicy
    let byID: [Int: Participant]
    /// The pairs allowed besides the forced ones, with their adjusted scores.
    let allowed: [(PairKey, Int)]
    let forced: [(PairKey, Int)]

    init(problem: ShortlistProblem, policy: ShortlistPolicy) {
        self.problem = problem
        self.policy = policy
        var byID: [Int: Participant] = [:]
        for participant in problem.participants { byID[participant.id] = participant }
        self.byID = byID
        let forcedSet = Set(problem.forced)
        func adjusted(_ pair: PairKey, _ score: Int) -> Int {
            problem.metBefore.contains(pair) && policy.metBefore == .followUp ? score + policy.followUpBonus : score
        }
        var allowed: [(PairKey, Int)] = []
        var forced: [(PairKey, Int)] = []
        for pair in forcedSet.sorted() {
            let score = problem.candidates.first { $0.pair == pair }?.score ?? 0
            forced.append((pair, adjusted(pair, score)))
        }
        for candidate in problem.candidates where !forcedSet.contains(candidate.pair) {
            let (a, b) = (byID[candidate.pair.low]!, byID[candidate.pair.high]!)
            if a.organisation == b.organisation { continue }
            if problem.conflicts.contains(candidate.pair) { continue }
            if let sector = candidate.sector, problem.sisterOnlySectors.contains(sector),
                !problem.sisterClusters.contains(ClusterLink(a.cluster, b.cluster))
            {
                continue
            }
            if problem.metBefore.contains(candidate.pair) && policy.metBefore == .skip { continue }
            allowed.append((candidate.pair, adjusted(candidate.pair, candidate.score)))
        }
        self.allowed = allowed
        self.forced = forced
    }

    /// Every violated rule, in words (empty when the pairs are valid). Minimums of international partners are
    /// not hard here: they are checked against the reported issues instead.
    func violations(of pairs: [PairKey]) -> [String] {
        var problems: [String] = []
        if Set(pairs).count != pairs.count { problems.append("duplicate pairs") }
        let allowedSet = Set(allowed.map(\.0))
        for pair in pairs where !allowedSet.contains(pair) && !problem.forced.contains(pair) {
            problems.append("pair \(pair) is not allowed")
        }
        for pair in problem.forced where !pairs.contains(pair) { problems.append("forced pair \(pair) missing") }
        for pair in problem.forced where byID[pair.low]!.organisation == byID[pair.high]!.organisation {
            problems.append("forced pair \(pair) inside one organisation")
        }
        for pair in problem.forced where problem.conflicts.contains(pair) { problems.append("forced pair \(pair) is a conflict") }
        for (id, participant) in byID {
            let partners = pairs.compactMap { $0.low == id || $0.high == id ? byID[$0.partner(of: id)]! : nil }
            if partners.count > participant.maxMeetings { problems.append("\(id) over its cap") }
            if let cap = participant.maxPerCluster, Dictionary(grouping: partners, by: \.cluster).values.contains(where: { $0.count > cap })
            {
                problems.append("\(id) over its cluster cap")
            }
            if let cap = participant.maxPerCountry, Dictionary(grouping: partners, by: \.country).values.contains(where: { $0.count > cap })
            {
                problems.append("\(id) over its country cap")
            }
        }
        return problems
    }

    func internationalCount(of id: Int, in pairs: [PairKey]) -> Int {
        pairs.filter { ($0.low == id || $0.high == id) && byID[$0.low]!.country != byID[$0.high]!.country }.count
    }

    /// The lexicographic value: (international units up to the minimums, participants with ≥ 1, ≥ 2, … partners,
    /// total score).
    func lexicographic(_ pairs: [PairKey], scores: [PairKey: Int]) -> [Int] {
        let largest = byID.values.map(\.maxMeetings).max() ?? 0
        var degree: [Int: Int] = [:]
        for pair in pairs {
            degree[pair.low, default: 0] += 1
            degree[pair.high, default: 0] += 1
        }
        var vector = [byID.values.reduce(0) { $0 + min(internationalCount(of: $1.id, in: pairs), $1.minInternational) }]
        if policy.isFair { vector += (1...max(largest, 1)).map { j in degree.values.filter { $0 >= j }.count } }
        vector.append(pairs.reduce(0) { $0 + scores[$1]! })
        return vector
    }

    func weighted(_ pairs: [PairKey], scores: [PairKey: Int], weights: FairnessWeights) -> Int64 {
        var degree: [Int: Int] = [:]
        for pair in pairs {
            degree[pair.low, default: 0] += 1
            degree[pair.high, default: 0] += 1
        }
        var total = Int64(pairs.reduce(0) { $0 + scores[$1]! })
        for participant in byID.values {
            for j in 0..<(degree[participant.id] ?? 0) where j < weights.bonus.count { total += weights.bonus[j] }
            total += weights.international * Int64(min(internationalCount(of: participant.id, in: pairs), participant.minInternational))
        }
        return total
    }

    struct Best {
        var lexicographic: [Int]
        var weighted: Int64
        /// Whether some valid solution meets every minimum of international partners.
        var meetsMinimums: Bool
        var hasValidSolution: Bool
    }

    /// Enumerates every subset of allowed pairs (with all forced pairs) that respects the caps.
    func best(weights: FairnessWeights) -> Best {
        var scores: [PairKey: Int] = [:]
        for (pair, score) in allowed + forced { scores[pair] = score }
        var result = Best(lexicographic: [], weighted: Int64.min, meetsMinimums: false, hasValidSolution: false)
        var chosen = forced.map(\.0)
        guard violations(of: chosen).isEmpty else { return result }
        func fits(_ id: Int) -> Bool {
            let participant = byID[id]!
            let partners = chosen.compactMap { $0.low == id || $0.high == id ? byID[$0.partner(of: id)]! : nil }
            if partners.count > participant.maxMeetings { return false }
            if let cap = participant.maxPerCluster, partners.filter({ $0.cluster == partners.last!.cluster }).count > cap { return false }
            if let cap = participant.maxPerCountry, partners.filter({ $0.country == partners.last!.country }).count > cap { return false }
            return true
        }
        func visit(_ index: Int) {
            if index == allowed.count {
                result.hasValidSolution = true
                let lex = lexicographic(chosen, scores: scores)
                if result.lexicographic.isEmpty || result.lexicographic.lexicographicallyPrecedes(lex) { result.lexicographic = lex }
                result.weighted = max(result.weighted, weighted(chosen, scores: scores, weights: weights))
                if byID.values.allSatisfy({ internationalCount(of: $0.id, in: chosen) >= $0.minInternational }) {
                    result.meetsMinimums = true
                }
                return
            }
            visit(index + 1)
            let pair = allowed[index].0
            chosen.append(pair)
            if fits(pair.low) && fits(pair.high) { visit(index + 1) }
            chosen.removeLast()
        }
        visit(0)
        return result
    }
}
