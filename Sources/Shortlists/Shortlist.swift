/// One accepted pair of a shortlist.
public struct ShortlistPair: Sendable, Hashable, Codable {
    public var pair: PairKey
    /// The score used by the solver (after any follow-up bonus).
    public var score: Int
    public var sector: String?
    /// Whether the pair was forced by the organiser.
    public var isForced: Bool

    /// Creates a pair.
    public init(pair: PairKey, score: Int, sector: String?, isForced: Bool) {
        self.pair = pair
        self.score = score
        self.sector = sector
        self.isForced = isForced
    }
}

/// What a shortlist run decided, with the evidence that it is optimal (or how far from optimal it may be).
public struct Shortlist: Sendable, Hashable, Codable {
    /// The accepted pairs, sorted by pair.
    public var pairs: [ShortlistPair]
    /// Whether every pair joins the two sides of a two-colouring (then the result is exactly optimal).
    public var isBipartite: Bool
    /// The weighted objective of `pairs` (fairness bonuses, international bonuses and scores).
    public var objective: Int64
    /// Twice the LP bound on the objective (the double cover's optimum); equals `2 × objective` when bipartite.
    public var twiceLPBound: Int64
    /// The sum of the accepted pairs' scores.
    public var scoreTotal: Int
    /// `partnerCounts[j - 1]` is the number of participants with at least j partners.
    public var partnerCounts: [Int]
    /// Whether the flow's potentials certified it optimal (every residual arc has non-negative reduced cost).
    public var isCertified: Bool
    public var excluded: ExclusionCounts
    /// Warnings from the feasibility analysis and minimums that the solution could not meet.
    public var issues: [FeasibilityIssue]
    public var weights: FairnessWeights
    /// The flow network's size.
    public var nodeCount: Int
    public var arcCount: Int

    /// The LP bound on the objective.
    public var lpBound: Double { Double(twiceLPBound) / 2 }
    /// How far the rounded objective may be from the optimum: LP bound − objective (0 when bipartite).
    public var optimalityGap: Double { Double(twiceLPBound - 2 * objective) / 2 }

    /// The partners of a participant, by id, in ascending order.
    public func partners(of id: Int) -> [Int] {
        pairs.compactMap { $0.pair.low == id || $0.pair.high == id ? $0.pair.partner(of: id) : nil }.sorted()
    }
}

/// A stage of a shortlist run, reported to the progress callback.
public enum ShortlistProgress: Sendable, Hashable {
    case checked(candidates: Int, pruned: Int)
    case built(nodes: Int, arcs: Int)
    case scalingPhase(Int, epsilon: Int64)
    case rounded(halfPairs: Int)
}
