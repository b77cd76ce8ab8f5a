/// Chooses each participant's partners: a globally optimal b-matching under caps, fairness and quotas, solved as a
/// min-cost flow (exact when the candidate graph is bipartite; otherwise on the bipartite double cover, rounded,
/// with the LP bound reported).
public struct ShortlistSolver: Sendable {
    public let problem: ShortlistProblem
    public let policy: ShortlistPolicy

    /// Creates a solver for one problem and policy.
    public init(problem: ShortlistProblem, policy: ShortlistPolicy = ShortlistPolicy()) {
        self.problem = problem
        self.policy = policy
    }

    /// Checks the problem without solving it: every blocking issue names the participant, the constraint and
    /// what to relax.
    public func analyse() -> FeasibilityReport { PreparedShortlist(problem: problem, policy: policy).report }

    /// Solves the shortlist.
    /// - Parameters:
    ///   - progress: called after each stage.
    ///   - isCancelled: polled between stages and inside the flow solver; returning true throws `CancellationError`.
    /// - Throws: `ShortlistError.infeasible` with the report when a blocking issue exists; `CancellationError`.
    public func solve(progress: (ShortlistProgress) -> Void = { _ in }, isCancelled: () -> Bool = { false }) throws -> Shortlist {
        let prepared = PreparedShortlist(problem: problem, policy: policy)
        guard prepared.report.isFeasible else { throw ShortlistError.infeasible(prepared.report) }
        progress(.checked(candidates: prepared.candidates.count, pruned: prepared.excluded.pruned))
        if isCancelled() { throw CancellationError() }

        let people = prepared.participants
        let count = people.count
        var forcedPartners = [[Participant]](repeating: [], count: count)
        for pair in prepared.forced {
            let (low, high) = (prepared.indexOfID[pair.pair.low]!, prepared.indexOfID[pair.pair.high]!)
            forcedPartners[low].append(people[high])
            forcedPartners[high].append(people[low])
        }
        // adjacency[p] lists (candidate index); slot[c] = position of the candidate in each end's list.
        var adjacency = [[Int]](repeating: [], count: count)
        var ends: [(low: Int, high: Int, lowSlot: Int, highSlot: Int)] = []
        ends.reserveCapacity(prepared.candidates.count)
        for (at, candidate) in prepared.candidates.enumerated() {
            let (low, high) = (prepared.indexOfID[candidate.pair.low]!, prepared.indexOfID[candidate.pair.high]!)
            ends.append((low, high, adjacency[low].count, adjacency[high].count))
            adjacency[low].append(at)
            adjacency[high].append(at)
        }
        let colouring = Self.twoColouring(
            people: people, ends: ends.map { ($0.low, $0.high) }, forced: prepared.forced, indexOfID: prepared.indexOfID)

        var network = ShortlistNetwork()
        var outLeaves = [[Int?]](repeating: [], count: count)
        var inLeaves = [[Int?]](repeating: [], count: count)
        for p in 0..<count {
            let partners = adjacency[p].map { c in people[ends[c].low == p ? ends[c].high : ends[c].low] }
            if colouring == nil || colouring![p] == 0 {
                outLeaves[p] = network.addTree(for: people[p], partners: partners, forcedPartners: forcedPartners[p], direction: .outgoing)
            }
            if colouring == nil || colouring![p] == 1 {
                inLeaves[p] = network.addTree(for: people[p], partners: partners, forcedPartners: forcedPartners[p], direction: .incoming)
            }
        }
        // pairArcs[c] = (arc from low's out-tree to high's in-tree, arc from high's out-tree to low's in-tree)
        var pairArcs = [(Int?, Int?)](repeating: (nil, nil), count: ends.count)
        for (c, end) in ends.enumerated() {
            let score = prepared.candidates[c].score
            if colouring == nil || colouring![end.low] == 0 {
                if let from = outLeaves[end.low][end.lowSlot], let to = inLeaves[end.high][end.highSlot] {
                    pairArcs[c].0 = network.arc(from, to, capacity: 1, cost: .score(score))
                }
            }
            if colouring == nil || colouring![end.high] == 0 {
                if let from = outLeaves[end.high][end.highSlot], let to = inLeaves[end.low][end.lowSlot] {
                    pairArcs[c].1 = network.arc(from, to, capacity: 1, cost: .score(score))
                }
            }
        }
        let maxScore = (prepared.candidates + prepared.forced).map(\.score).max() ?? 0
        let weights = try FairnessWeights(
            maxMeetings: people.map(\.maxMeetings).max() ?? 0, maxScore: maxScore, nodeCount: network.nodeCount,
            isFair: policy.isFair, needsInternational: people.contains { $0.minInternational > 0 })
        var flow = network.flowNetwork(weights: weights)
        progress(.built(nodes: flow.nodeCount, arcs: flow.arcCount))
        try flow.solve(isCancelled: isCancelled, progress: { phase, epsilon in progress(.scalingPhase(phase, epsilon: epsilon)) })
        let isCertified = flow.certifiesOptimality()
        let networkValue = -flow.totalCost

        let evaluator = ShortlistObjective(participants: people, indexOfID: prepared.indexOfID, weights: weights)
        var chosen = prepared.forced.map { ShortlistPair(pair: $0.pair, score: $0.score, sector: $0.sector, isForced: true) }
        let forcedValue = evaluator.value(of: chosen)
        let twiceBound: Int64
        if colouring != nil {
            for (c, arcs) in pairArcs.enumerated() {
                let used = (arcs.0.map { flow.flow(on: $0) } ?? 0) + (arcs.1.map { flow.flow(on: $0) } ?? 0)
                if used > 0 {
                    let candidate = prepared.candidates[c]
                    chosen.append(ShortlistPair(pair: candidate.pair, score: candidate.score, sector: candidate.sector, isForced: false))
                }
            }
            twiceBound = 2 * (networkValue + forcedValue)
        } else {
            var halves: [Int] = []
            var whole: [Int] = []
            for (c, arcs) in pairArcs.enumerated() {
                let used = (arcs.0.map { flow.flow(on: $0) } ?? 0) + (arcs.1.map { flow.flow(on: $0) } ?? 0)
                if used == 2 { whole.append(c) } else if used == 1 { halves.append(c) }
            }
            if isCancelled() { throw CancellationError() }
            chosen = ShortlistRounding.round(
                forced: chosen, whole: whole, halves: halves, candidates: prepared.candidates, evaluator: evaluator)
            progress(.rounded(halfPairs: halves.count))
            twiceBound = networkValue + 2 * forcedValue
        }
        chosen.sort { $0.pair < $1.pair }
        let objective = evaluator.value(of: chosen)
        var issues = prepared.report.warnings
        issues += evaluator.unmetMinimums(of: chosen)
        return Shortlist(
            pairs: chosen, isBipartite: colouring != nil, objective: objective, twiceLPBound: twiceBound,
            scoreTotal: chosen.reduce(0) { $0 + $1.score }, partnerCounts: evaluator.partnerCounts(of: chosen),
            isCertified: isCertified && (colouring == nil || networkValue + forcedValue == objective),
            excluded: prepared.excluded, issues: issues, weights: weights, nodeCount: flow.nodeCount, arcCount: flow.arcCount)
    }

    /// Two-colours the candidate graph so that seed holders get colour 0 and need holders colour 1; nil when some
    /// pair joins two participants of one colour (then the general, non-bipartite method is used).
    static func twoColouring(people: [Participant], ends: [(Int, Int)], forced: [CandidatePair], indexOfID: [Int: Int]) -> [Int]? {
        var neighbours = [[Int]](repeating: [], count: people.count)
        for (low, high) in ends {
            neighbours[low].append(high)
            neighbours[high].append(low)
        }
        for pair in forced {
            let (low, high) = (indexOfID[pair.pair.low]!, indexOfID[pair.pair.high]!)
            neighbours[low].append(high)
            neighbours[high].append(low)
        }
        func fixed(_ p: Int) -> Int? {
            switch people[p].side {
            case .seedHolder: 0
            case .needHolder: 1
            case .either: nil
            }
        }
        var colour = [Int](repeating: -1, count: people.count)
        let order = people.indices.filter { fixed($0) != nil } + people.indices.filter { fixed($0) == nil }
        for start in order where colour[start] < 0 {
            colour[start] = fixed(start) ?? 0
            var stack = [start]
            while let p = stack.popLast() {
                for q in neighbours[p] {
                    let wanted = 1 - colour[p]
                    if colour[q] < 0 {
                        if let side = fixed(q), side != wanted { return nil }
                        colour[q] = wanted
                        stack.append(q)
                    } else if colour[q] != wanted {
                        return nil
                    }
                }
            }
        }
        return colour
    }
}
