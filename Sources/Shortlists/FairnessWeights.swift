/// The concave per-partner bonuses that make the weighted objective lexicographic: first the partners that
/// satisfy minimum-international requirements, then the number of participants with at least one partner, then
/// with two, …, then the total score.
///
/// Why these sizes suffice: any two solutions differ by a sum of residual cycles of the flow network, and one cycle
/// changes at most four participants' partner counts by one (two up, two down, through the hub) and the score by at
/// most `scoreSwing` (the largest score times the number of nodes, which bounds the pair arcs on a simple cycle).
/// With `bonus[k] > scoreSwing` and `bonus[j] > 2·bonus[j+1] + scoreSwing`, every single cycle's weighted change has
/// the sign of its lexicographic change; and because the bonuses are concave, a lexicographically better solution
/// always has a single improving cycle. So the flow's optimum is the lexicographic optimum (bipartite case).
public struct FairnessWeights: Sendable, Hashable, Codable {
    /// `bonus[j - 1]` is the bonus for a participant's j-th partner, decreasing in j (empty without fairness).
    public let bonus: [Int64]
    /// The bonus for each partner counted towards a minimum of international partners.
    public let international: Int64
    /// The largest score change one residual cycle can make.
    public let scoreSwing: Int64

    /// Derives the weights.
    /// - Parameters:
    ///   - maxMeetings: the largest k of any participant.
    ///   - maxScore: the largest (adjusted) pair score.
    ///   - nodeCount: the flow network's node count.
    ///   - isFair: without fairness the bonuses are zero and only the score (and international minimums) count.
    /// - Throws: `ShortlistError.costsTooLarge` when the weights do not fit exactly into `Int64`.
    public init(maxMeetings: Int, maxScore: Int, nodeCount: Int, isFair: Bool, needsInternational: Bool) throws {
        func checked(_ value: (partialValue: Int64, overflow: Bool)) throws -> Int64 {
            guard !value.overflow, value.partialValue < Int64.max / 1024 else {
                throw ShortlistError.costsTooLarge(largest: Int64.max)
            }
            return value.partialValue
        }
        let swing = try checked(Int64(max(maxScore, 0)).multipliedReportingOverflow(by: Int64(max(nodeCount, 1))))
        scoreSwing = swing
        var bonus = [Int64](repeating: 0, count: max(maxMeetings, 0))
        if isFair, !bonus.isEmpty {
            bonus[bonus.count - 1] = swing + 1
            for j in stride(from: bonus.count - 2, through: 0, by: -1) {
                let doubled = try checked(bonus[j + 1].multipliedReportingOverflow(by: 2))
                bonus[j] = try checked(doubled.addingReportingOverflow(swing + 1))
            }
        }
        self.bonus = bonus
        if needsInternational {
            let top = bonus.first ?? 0
            let doubled = try checked(top.multipliedReportingOverflow(by: 2))
            international = try checked(doubled.addingReportingOverflow(swing + 1))
        } else {
            international = 0
        }
    }

    /// The bonus for a participant's j-th partner (1-based).
    public func bonus(forPartner j: Int) -> Int64 { j >= 1 && j <= bonus.count ? bonus[j - 1] : 0 }

    /// The total bonus of a participant with `count` partners.
    public func bonus(forPartnerCount count: Int) -> Int64 {
        var total: Int64 = 0
        for j in 0..<min(count, bonus.count) { total += bonus[j] }
        return total
    }
}
