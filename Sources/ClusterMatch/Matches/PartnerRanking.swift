public import Matching

/// Organisation-to-organisation and cluster-to-cluster partner ranking, aggregated from item pairs.
///
/// For the asking organisation (or every organisation of the asking cluster), each of its published needs asks
/// the matcher for its best seeds and each of its published seeds for its best needs (`pairsPerItem` each, under
/// the given filter). Every pair found is kept once, scored by its mutual total (its directional total when the
/// other side cannot be scored), and grouped by the other side's organisation (or cluster). Pairs inside the asker
/// are left out.
///
/// **Partner score** = 1 − ∏ᵢ (1 − sᵢ · 2^−(i−1)) over the group's three best pair scores s₁ ≥ s₂ ≥ s₃: a noisy-or
/// in which the second and third pairs count half and a quarter. With one pair it equals that pair's score; more
/// strong pairs raise it, many weak ones barely do; it stays in [0, 1]. All pairs between two organisations cross
/// the same boundary (it depends only on where they are), which labels the partner.
public struct PartnerRanking: Sendable {
    /// What is being ranked.
    public enum Level: String, Sendable, CaseIterable {
        /// Partner organisations of one organisation.
        case organisation
        /// Partner clusters of one cluster.
        case cluster
    }

    /// One ranked partner.
    public struct Partner: Sendable {
        /// The partner's key: an organisation slug, or a cluster slug (`organisation:SLUG` for an organisation
        /// outside any cluster).
        public var key: String
        /// The partner's country.
        public var country: String
        /// The partner's cluster slug (its own key at the cluster level), if any.
        public var cluster: String?
        /// The boundary between the asker and the partner.
        public var boundary: Boundary
        /// The partner score in [0, 1].
        public var score: Double
        /// Every pair behind it, best first.
        public var pairs: [Match]
    }

    /// How many matches each item asks for.
    public var pairsPerItem: Int
    /// How many pairs count in the partner score.
    public static let countedPairs = 3

    /// Creates a ranking with `pairsPerItem` matches per item.
    public init(pairsPerItem: Int = 20) { self.pairsPerItem = max(1, pairsPerItem) }

    /// The partner score of pair scores (any order); see the type's documentation.
    public static func partnerScore(_ pairScores: [Double]) -> Double {
        var miss = 1.0
        var weight = 1.0
        for score in pairScores.sorted(by: >).prefix(countedPairs) {
            miss *= 1 - score * weight
            weight /= 2
        }
        return 1 - miss
    }

    /// Ranks the partners of `asker` (an organisation slug or a cluster slug, per `level`), best first (ties: key).
    public func partners(
        of asker: String, level: Level, in loaded: MatchLoader.Loaded, filter: MatchFilter = MatchFilter()
    ) -> [Partner] {
        let matcher = loaded.matcher
        func key(_ label: MatchLoader.Label) -> String { level == .organisation ? label.organisation : label.clusterID }
        var pairs: [PairKey: Match] = [:]
        for (id, label) in loaded.needs where key(label) == asker && matcher.needs.profiles[id]?.isOpen == true {
            for match in (try? matcher.seeds(forNeed: id, limit: pairsPerItem, filter: filter)) ?? [] {
                pairs[PairKey(needID: match.needID, seedID: match.seedID)] = match
            }
        }
        for (id, label) in loaded.seeds where key(label) == asker && matcher.seeds.profiles[id]?.isOpen == true {
            for match in (try? matcher.needs(forSeed: id, limit: pairsPerItem, filter: filter)) ?? [] {
                let pairKey = PairKey(needID: match.needID, seedID: match.seedID)
                if pairs[pairKey] == nil { pairs[pairKey] = match }
            }
        }
        var groups: [String: (label: MatchLoader.Label, matches: [Match])] = [:]
        for match in pairs.values {
            let askerOwnsNeed = loaded.needs[match.needID].map(key) == asker
            guard let other = askerOwnsNeed ? loaded.seeds[match.seedID] : loaded.needs[match.needID] else { continue }
            let otherKey = key(other)
            guard otherKey != asker else { continue }
            groups[otherKey, default: (other, [])].matches.append(match)
        }
        return groups.map { otherKey, group in
            let sorted = group.matches.sorted {
                Self.pairScore($0) != Self.pairScore($1)
                    ? Self.pairScore($0) > Self.pairScore($1) : ($0.needID, $0.seedID) < ($1.needID, $1.seedID)
            }
            return Partner(
                key: otherKey, country: group.label.country, cluster: group.label.cluster, boundary: sorted[0].boundary,
                score: Self.partnerScore(sorted.map(Self.pairScore)), pairs: sorted)
        }.sorted { $0.score != $1.score ? $0.score > $1.score : $0.key < $1.key }
    }

    /// A pair's score for aggregation: mutual when both sides are scored, else the directional one.
    public static func pairScore(_ match: Match) -> Double { (match.mutual ?? match.score).total }

    private struct PairKey: Hashable {
        var needID: Int64
        var seedID: Int64
    }
}
