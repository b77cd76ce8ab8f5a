import Matching
public import Shortlists

/// Builds a forum's shortlist and schedule inputs: partner-level candidate scores from the matcher, and the
/// problems the `Shortlists` solvers take.
public enum ForumCandidates {
    /// Scores are integers: a partner score in [0, 1] times this.
    public static let scoreScale = 1000

    /// The score of an organisation pair from the mutual scores of its item pairs (a seed of one with a need of the
    /// other, either way round): the best item pair, plus a quarter of the second and an eighth of the third,
    /// capped at 1. One strong pair decides; further strong pairs break ties without letting many weak pairs win.
    /// Kept in one place so it can be unified with the organisation aggregation of `partners`.
    public static func partnerScore(_ itemScores: [Double]) -> Double {
        let best = itemScores.sorted(by: >)
        var total = 0.0
        for (index, weight) in [1.0, 0.25, 0.125].enumerated() where index < best.count { total += weight * best[index] }
        return min(1, max(0, total))
    }

    /// Candidate pairs for a forum: for every need of a participant, the matcher's best seeds (mutual score, the
    /// need's own scope and targets applied) that belong to another participant. A pair's sector is the field of
    /// its best item pair among the fields both participants attend (a participant without sectors attends all).
    /// - Parameter perNeed: how many seeds to take per need.
    public static func build(for forum: ForumData, loaded: MatchLoader.Loaded, perNeed: Int = 100) -> [CandidatePair] {
        var byOrganisation: [String: ForumParticipant] = [:]
        for participant in forum.participants { byOrganisation[participant.organisation] = participant }
        // (pair, field) → item scores
        var items: [PairKey: [String: [Double]]] = [:]
        for needID in loaded.needs.keys.sorted() {
            guard let label = loaded.needs[needID], let owner = byOrganisation[label.organisation],
                let field = loaded.matcher.needs.profiles[needID]?.primaryField,
                let matches = try? loaded.matcher.seeds(forNeed: needID, limit: perNeed)
            else { continue }
            for match in matches {
                guard let seed = loaded.seeds[match.seedID], let other = byOrganisation[seed.organisation], other.id != owner.id else {
                    continue
                }
                if !owner.sectors.isEmpty && !owner.sectors.contains(field) { continue }
                if !other.sectors.isEmpty && !other.sectors.contains(field) { continue }
                let score = (match.mutual ?? match.score).total
                items[PairKey(Int(owner.id), Int(other.id)), default: [:]][field, default: []].append(score)
            }
        }
        let sectors = Set(forum.record.sectors.map(\.field))
        return items.keys.sorted().map { pair in
            let fields = items[pair]!
            let all = fields.values.flatMap { $0 }
            let bestField = fields.keys.sorted().max { (fields[$0]!.max() ?? 0) < (fields[$1]!.max() ?? 0) }
            let score = Int((partnerScore(all) * Double(scoreScale)).rounded())
            return CandidatePair(pair.low, pair.high, score: score, sector: bestField.flatMap { sectors.contains($0) ? $0 : nil })
        }
    }

    /// The shortlist problem of a forum.
    public static func shortlistProblem(_ forum: ForumData, candidates: [CandidatePair]) -> ShortlistProblem {
        ShortlistProblem(
            participants: forum.participants.map(\.solverParticipant), candidates: candidates, conflicts: forum.conflicts,
            forced: forum.forced, metBefore: forum.metBefore, sisterClusters: forum.sisterLinks,
            sisterOnlySectors: forum.record.sectors.filter { $0.sisterOnly == true }.map(\.field))
    }

    /// The shortlist policy of a forum.
    public static func policy(_ forum: ForumData, candidateLimit: Int) -> ShortlistPolicy {
        ShortlistPolicy(
            candidateLimit: candidateLimit, metBefore: MetBeforePolicy(rawValue: forum.record.metBefore) ?? .skip,
            followUpBonus: scoreScale / 10)
    }

    /// The schedule problem for accepted pairs (availability from the forum, slots from 0).
    public static func scheduleProblem(_ forum: ForumData, pairs: [PairKey], locked: [ScheduledMeeting] = []) -> ScheduleProblem {
        var availability: [Int: Set<Int>] = [:]
        for participant in forum.participants where !participant.availableSlots.isEmpty {
            availability[Int(participant.id)] = Set(participant.availableSlots.map { $0 - 1 })
        }
        return ScheduleProblem(
            meetings: pairs, slotCount: forum.record.slotCount, tableCount: forum.record.tableCount, availability: availability,
            locked: locked)
    }
}
