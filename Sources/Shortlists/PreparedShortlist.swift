/// How many candidate pairs were set aside before solving, by reason.
public struct ExclusionCounts: Sendable, Hashable, Codable {
    /// Both participants belong to one organisation.
    public var sameOrganisation = 0
    /// The pair is a declared conflict.
    public var conflict = 0
    /// A sister-clusters-only sector, and the clusters are not sisters.
    public var notSister = 0
    /// The pair met before and the policy skips such pairs.
    public var metBefore = 0
    /// The same pair listed more than once (the best score is kept).
    public var duplicate = 0
    /// Outside the best L of both participants.
    public var pruned = 0
    /// A participant paired with itself or a pair naming an unknown participant (also reported as blocking).
    public var invalid = 0
}

/// A problem checked, filtered and pruned, in index form: participants sorted by id, candidates sorted by pair.
struct PreparedShortlist: Sendable {
    let participants: [Participant]
    let indexOfID: [Int: Int]
    /// Allowed candidates (not forced), with scores adjusted by the met-before policy.
    let candidates: [CandidatePair]
    /// Forced pairs, as participant indices (low, high) with their adjusted scores.
    let forced: [CandidatePair]
    let excluded: ExclusionCounts
    let report: FeasibilityReport

    init(problem: ShortlistProblem, policy: ShortlistPolicy) {
        var issues: [FeasibilityIssue] = []
        var excluded = ExclusionCounts()
        let sorted = problem.participants.sorted { $0.id < $1.id }
        var index: [Int: Int] = [:]
        var unique: [Participant] = []
        for participant in sorted {
            if index[participant.id] != nil {
                issues.append(
                    .init(
                        .blocking, participantID: participant.id, constraint: "id",
                        message: "participant id \(participant.id) (\(participant.name)) appears twice",
                        suggestion: "give each participant its own id"))
                continue
            }
            index[participant.id] = unique.count
            unique.append(participant)
            issues += Self.checkLimits(of: participant)
        }
        participants = unique
        indexOfID = index

        let conflicts = Set(problem.conflicts)
        let metBefore = Set(problem.metBefore)
        let sisters = Set(problem.sisterClusters)
        let sisterOnly = Set(problem.sisterOnlySectors)
        func name(_ id: Int) -> String {
            guard let at = index[id] else { return "unknown participant \(id)" }
            return "\(unique[at].name) (\(unique[at].organisation))"
        }
        func known(_ pair: PairKey, _ what: String) -> Bool {
            if pair.low == pair.high {
                issues.append(
                    .init(
                        .blocking, participantID: pair.low, constraint: what,
                        message: "\(what) pair \(pair) joins \(name(pair.low)) with itself",
                        suggestion: "remove the pair"))
                return false
            }
            for id in [pair.low, pair.high] where index[id] == nil {
                issues.append(
                    .init(
                        .blocking, participantID: id, constraint: what,
                        message: "\(what) pair \(pair) names participant \(id), which is not registered",
                        suggestion: "register the participant or remove the pair"))
                return false
            }
            return true
        }

        var best: [PairKey: CandidatePair] = [:]
        for candidate in problem.candidates {
            guard known(candidate.pair, "candidate") else {
                excluded.invalid += 1
                continue
            }
            if candidate.score < 0 {
                issues.append(
                    .init(
                        .blocking, participantID: candidate.pair.low, constraint: "score",
                        message: "candidate pair \(candidate.pair) has negative score \(candidate.score)",
                        suggestion: "scores are non-negative integers (scaled mutual scores)"))
                continue
            }
            if let existing = best[candidate.pair] {
                excluded.duplicate += 1
                if (candidate.score, candidate.sector ?? "") <= (existing.score, existing.sector ?? "") { continue }
            }
            best[candidate.pair] = candidate
        }
        var forcedPairs: [CandidatePair] = []
        for pair in Set(problem.forced).sorted() where known(pair, "forced") {
            let (first, second) = (unique[index[pair.low]!], unique[index[pair.high]!])
            if first.organisation == second.organisation {
                issues.append(
                    .init(
                        .blocking, participantID: pair.low, constraint: "forced",
                        message: "forced pair \(name(pair.low)) – \(name(pair.high)) is inside one organisation",
                        suggestion: "remove the forced pair"))
            }
            if conflicts.contains(pair) {
                issues.append(
                    .init(
                        .blocking, participantID: pair.low, constraint: "forced",
                        message: "forced pair \(name(pair.low)) – \(name(pair.high)) is also a conflict",
                        suggestion: "remove either the forced pair or the conflict"))
            }
            var score = best.removeValue(forKey: pair) ?? CandidatePair(pair.low, pair.high, score: 0)
            if metBefore.contains(pair) && policy.metBefore == .followUp { score.score += policy.followUpBonus }
            forcedPairs.append(score)
        }
        for (pair, candidate) in best {
            let (first, second) = (unique[index[pair.low]!], unique[index[pair.high]!])
            if first.organisation == second.organisation {
                excluded.sameOrganisation += 1
                best[pair] = nil
            } else if conflicts.contains(pair) {
                excluded.conflict += 1
                best[pair] = nil
            } else if let sector = candidate.sector, sisterOnly.contains(sector),
                !sisters.contains(ClusterLink(first.cluster, second.cluster))
            {
                excluded.notSister += 1
                best[pair] = nil
            } else if metBefore.contains(pair) {
                switch policy.metBefore {
                case .skip:
                    excluded.metBefore += 1
                    best[pair] = nil
                case .followUp: best[pair]?.score += policy.followUpBonus
                case .ignore: break
                }
            }
        }
        var candidates = best.values.sorted { $0.pair < $1.pair }
        let pruning = CandidatePruning.prune(candidates, participants: unique, indexOfID: index, limit: policy.candidateLimit)
        candidates = pruning.kept
        excluded.pruned = pruning.prunedCount
        forced = forcedPairs
        self.candidates = candidates
        self.excluded = excluded
        issues += Self.checkForced(forcedPairs, participants: unique, indexOfID: index)
        issues += Self.checkSupply(candidates: candidates, forced: forcedPairs, participants: unique, indexOfID: index)
        report = FeasibilityReport(issues: issues)
    }

    private static func checkLimits(of participant: Participant) -> [FeasibilityIssue] {
        var issues: [FeasibilityIssue] = []
        let who = "\(participant.name) (\(participant.organisation))"
        func negative(_ field: String, _ value: Int?) {
            guard let value, value < 0 else { return }
            issues.append(
                .init(
                    .blocking, participantID: participant.id, constraint: field,
                    message: "participant \(who) has \(field) \(value)", suggestion: "\(field) must be 0 or more"))
        }
        negative("max-meetings", participant.maxMeetings)
        negative("min-international", participant.minInternational)
        negative("max-per-cluster", participant.maxPerCluster)
        negative("max-per-country", participant.maxPerCountry)
        if participant.minInternational > participant.maxMeetings {
            issues.append(
                .init(
                    .blocking, participantID: participant.id, constraint: "min-international",
                    message:
                        "participant \(who) needs \(participant.minInternational) international partners but meets at most \(participant.maxMeetings)",
                    suggestion: "lower its minimum international partners or raise its maximum meetings"))
        }
        return issues
    }

    private static func checkForced(_ forced: [CandidatePair], participants: [Participant], indexOfID: [Int: Int])
        -> [FeasibilityIssue]
    {
        var issues: [FeasibilityIssue] = []
        var byParticipant: [Int: [Participant]] = [:]
        for pair in forced {
            let first = participants[indexOfID[pair.pair.low]!]
            let second = participants[indexOfID[pair.pair.high]!]
            byParticipant[first.id, default: []].append(second)
            byParticipant[second.id, default: []].append(first)
        }
        for id in byParticipant.keys.sorted() {
            let participant = participants[indexOfID[id]!]
            let partners = byParticipant[id]!
            let who = "\(participant.name) (\(participant.organisation))"
            if partners.count > participant.maxMeetings {
                issues.append(
                    .init(
                        .blocking, participantID: id, constraint: "forced",
                        message: "participant \(who) has \(partners.count) forced meetings but meets at most \(participant.maxMeetings)",
                        suggestion: "remove forced pairs or raise its maximum meetings"))
            }
            if let cap = participant.maxPerCluster {
                for (cluster, count) in Dictionary(grouping: partners, by: \.cluster).mapValues(\.count).sorted(by: { $0.key < $1.key })
                where count > cap {
                    issues.append(
                        .init(
                            .blocking, participantID: id, constraint: "max-per-cluster",
                            message:
                                "participant \(who) has \(count) forced partners from cluster \(cluster) but at most \(cap) per cluster",
                            suggestion: "remove forced pairs or raise its cluster cap"))
                }
            }
            if let cap = participant.maxPerCountry {
                for (country, count) in Dictionary(grouping: partners, by: \.country).mapValues(\.count).sorted(by: { $0.key < $1.key })
                where count > cap {
                    issues.append(
                        .init(
                            .blocking, participantID: id, constraint: "max-per-country",
                            message: "participant \(who) has \(count) forced partners from \(country) but at most \(cap) per country",
                            suggestion: "remove forced pairs or raise its country cap"))
                }
            }
        }
        return issues
    }

    /// Checks, participant by participant, that enough candidates exist for its minimum of international partners
    /// (counting what its cluster and country caps let through), and warns about participants without candidates.
    private static func checkSupply(
        candidates: [CandidatePair], forced: [CandidatePair], participants: [Participant], indexOfID: [Int: Int]
    ) -> [FeasibilityIssue] {
        var partners = [[Participant]](repeating: [], count: participants.count)
        for pair in candidates + forced {
            let low = indexOfID[pair.pair.low]!
            let high = indexOfID[pair.pair.high]!
            partners[low].append(participants[high])
            partners[high].append(participants[low])
        }
        var issues: [FeasibilityIssue] = []
        for (at, participant) in participants.enumerated() {
            let who = "\(participant.name) (\(participant.organisation))"
            if partners[at].isEmpty && participant.maxMeetings > 0 {
                issues.append(
                    .init(
                        .warning, participantID: participant.id, constraint: "candidates",
                        message:
                            "participant \(who) has no candidates left (after excluding its own organisation, conflicts and skipped pairs)",
                        suggestion: "it will have no meetings; add candidates or relax the exclusions"))
            }
            guard participant.minInternational > 0 else { continue }
            let foreign = partners[at].filter { $0.country != participant.country }
            var reachable = 0
            for (_, inCountry) in Dictionary(grouping: foreign, by: \.country) {
                var fromClusters = 0
                for (_, inCluster) in Dictionary(grouping: inCountry, by: \.cluster) {
                    fromClusters += min(inCluster.count, participant.maxPerCluster ?? Int.max)
                }
                reachable += min(fromClusters, participant.maxPerCountry ?? Int.max)
            }
            reachable = min(reachable, participant.maxMeetings)
            if reachable < participant.minInternational {
                let limit =
                    reachable < foreign.count
                    ? " (\(foreign.count) international candidates, of which its cluster and country caps allow \(reachable))"
                    : ""
                issues.append(
                    .init(
                        .blocking, participantID: participant.id, constraint: "min-international",
                        message:
                            "participant \(who) needs \(participant.minInternational) international partners but has \(foreign.count) international candidate\(foreign.count == 1 ? "" : "s")\(limit)",
                        suggestion: "lower its minimum international partners, relax its caps or add candidates"))
            }
        }
        return issues
    }
}
