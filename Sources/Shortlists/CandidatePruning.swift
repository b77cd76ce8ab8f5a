/// Keeps each participant's best candidates before the assignment.
public enum CandidatePruning {
    /// The result of pruning: the pairs kept and how many were dropped.
    public struct Result: Sendable, Hashable {
        public var kept: [CandidatePair]
        public var prunedCount: Int
    }

    /// Keeps a pair when it is among the best `max(limit, 3k)` candidates of at least one of its two participants
    /// (ranked by score, then by partner id), so a participant with few candidates keeps all of them.
    /// - Returns: the kept pairs in their input order and the number dropped.
    public static func prune(_ candidates: [CandidatePair], participants: [Participant], limit: Int) -> Result {
        var index: [Int: Int] = [:]
        for (at, participant) in participants.enumerated() { index[participant.id] = at }
        return prune(candidates, participants: participants, indexOfID: index, limit: limit)
    }

    static func prune(_ candidates: [CandidatePair], participants: [Participant], indexOfID: [Int: Int], limit: Int) -> Result {
        var incident = [[Int]](repeating: [], count: participants.count)
        for (at, candidate) in candidates.enumerated() {
            guard let low = indexOfID[candidate.pair.low], let high = indexOfID[candidate.pair.high] else { continue }
            incident[low].append(at)
            incident[high].append(at)
        }
        var keep = [Bool](repeating: false, count: candidates.count)
        for (at, participant) in participants.enumerated() {
            let own = max(limit, 3 * participant.maxMeetings)
            if incident[at].count <= own {
                for pair in incident[at] { keep[pair] = true }
                continue
            }
            let ranked = incident[at].sorted { left, right in
                let (a, b) = (candidates[left], candidates[right])
                if a.score != b.score { return a.score > b.score }
                return a.pair.partner(of: participant.id) < b.pair.partner(of: participant.id)
            }
            for pair in ranked.prefix(own) { keep[pair] = true }
        }
        var kept: [CandidatePair] = []
        kept.reserveCapacity(candidates.count)
        for (at, candidate) in candidates.enumerated() where keep[at] { kept.append(candidate) }
        return Result(kept: kept, prunedCount: candidates.count - kept.count)
    }
}
