/// Evaluates a set of pairs: the weighted objective, the fairness profile, and cap checks used while rounding.
struct ShortlistObjective: Sendable {
    let participants: [Participant]
    let indexOfID: [Int: Int]
    let weights: FairnessWeights

    /// Σ participants (bonus for its partner count + international bonus for partners up to its minimum) + Σ scores.
    func value(of pairs: [ShortlistPair]) -> Int64 {
        var degree = [Int](repeating: 0, count: participants.count)
        var international = [Int](repeating: 0, count: participants.count)
        var total: Int64 = 0
        for pair in pairs {
            let (low, high) = (indexOfID[pair.pair.low]!, indexOfID[pair.pair.high]!)
            degree[low] += 1
            degree[high] += 1
            if participants[low].country != participants[high].country {
                international[low] += 1
                international[high] += 1
            }
            total += Int64(pair.score)
        }
        for (p, participant) in participants.enumerated() {
            total += weights.bonus(forPartnerCount: degree[p])
            total += weights.international * Int64(min(international[p], participant.minInternational))
        }
        return total
    }

    /// `counts[j - 1]` = the number of participants with at least j partners, for j up to the largest cap.
    func partnerCounts(of pairs: [ShortlistPair]) -> [Int] {
        var degree = [Int](repeating: 0, count: participants.count)
        for pair in pairs {
            degree[indexOfID[pair.pair.low]!] += 1
            degree[indexOfID[pair.pair.high]!] += 1
        }
        let largest = participants.map(\.maxMeetings).max() ?? 0
        return (1...max(largest, 1)).map { j in degree.filter { $0 >= j }.count }
    }

    /// One warning per participant whose minimum of international partners the pairs do not meet.
    func unmetMinimums(of pairs: [ShortlistPair]) -> [FeasibilityIssue] {
        var international = [Int](repeating: 0, count: participants.count)
        for pair in pairs {
            let (low, high) = (indexOfID[pair.pair.low]!, indexOfID[pair.pair.high]!)
            if participants[low].country != participants[high].country {
                international[low] += 1
                international[high] += 1
            }
        }
        return participants.enumerated().compactMap { p, participant in
            guard international[p] < participant.minInternational else { return nil }
            return FeasibilityIssue(
                .warning, participantID: participant.id, constraint: "min-international",
                message:
                    "participant \(participant.name) (\(participant.organisation)) got \(international[p]) international partners, fewer than its minimum \(participant.minInternational), because other participants' caps compete for the same candidates",
                suggestion: "lower its minimum, raise the caps of its international candidates or add candidates")
        }
    }
}

/// Tracks partner counts per participant while pairs are added, to test every cap before adding a pair.
struct CapLedger {
    let participants: [Participant]
    private(set) var degree: [Int]
    private(set) var international: [Int]
    private var perCluster: [[String: Int]]
    private var perCountry: [[String: Int]]

    init(participants: [Participant]) {
        self.participants = participants
        degree = Array(repeating: 0, count: participants.count)
        international = degree
        perCluster = Array(repeating: [:], count: participants.count)
        perCountry = perCluster
    }

    private func hasRoom(_ p: Int, for q: Int) -> Bool {
        let (me, other) = (participants[p], participants[q])
        if degree[p] >= me.maxMeetings { return false }
        if let cap = me.maxPerCluster, perCluster[p][other.cluster, default: 0] >= cap { return false }
        if let cap = me.maxPerCountry, perCountry[p][other.country, default: 0] >= cap { return false }
        return true
    }

    /// Whether both participants can take one more partner (each other) without breaking a cap.
    func canAdd(_ p: Int, _ q: Int) -> Bool { hasRoom(p, for: q) && hasRoom(q, for: p) }

    mutating func add(_ p: Int, _ q: Int) { change(p, q, by: 1) }

    mutating func remove(_ p: Int, _ q: Int) { change(p, q, by: -1) }

    private mutating func change(_ p: Int, _ q: Int, by step: Int) {
        for (me, other) in [(p, q), (q, p)] {
            degree[me] += step
            perCluster[me][participants[other].cluster, default: 0] += step
            perCountry[me][participants[other].country, default: 0] += step
            if participants[me].country != participants[other].country { international[me] += step }
        }
    }
}
