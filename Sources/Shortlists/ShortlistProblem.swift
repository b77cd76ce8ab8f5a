/// Which side of the seed–need market a participant is on; pairs join a seed holder and a need holder unless a
/// participant may meet anyone.
public enum ParticipantSide: String, Sendable, Hashable, CaseIterable, Codable {
    case seedHolder = "seed-holder"
    case needHolder = "need-holder"
    case either
}

/// One organisation's delegation at a forum, with its meeting limits.
public struct Participant: Sendable, Hashable, Codable {
    /// A stable identifier (the database id); ties are broken by it.
    public var id: Int
    /// How messages name the participant, e.g. "Kakamigahara Aero (K. Ito)".
    public var name: String
    /// The organisation; two participants of one organisation never meet.
    public var organisation: String
    /// The cluster slug; a cluster lies in one country.
    public var cluster: String
    /// The ISO country code.
    public var country: String
    public var side: ParticipantSide
    /// The most meetings (partners) this participant accepts, k.
    public var maxMeetings: Int
    /// The fewest partners from another country.
    public var minInternational: Int
    /// The most partners from any one cluster (nil: no limit).
    public var maxPerCluster: Int?
    /// The most partners from any one country (nil: no limit).
    public var maxPerCountry: Int?

    /// Creates a participant.
    public init(
        id: Int, name: String, organisation: String, cluster: String, country: String, side: ParticipantSide = .either,
        maxMeetings: Int, minInternational: Int = 0, maxPerCluster: Int? = nil, maxPerCountry: Int? = nil
    ) {
        self.id = id
        self.name = name
        self.organisation = organisation
        self.cluster = cluster
        self.country = country
        self.side = side
        self.maxMeetings = maxMeetings
        self.minInternational = minInternational
        self.maxPerCluster = maxPerCluster
        self.maxPerCountry = maxPerCountry
    }
}

/// An unordered pair of participant ids, stored smaller id first.
public struct PairKey: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let low: Int
    public let high: Int

    /// Creates the pair of two different ids in either order.
    public init(_ first: Int, _ second: Int) {
        low = min(first, second)
        high = max(first, second)
    }

    public static func < (left: PairKey, right: PairKey) -> Bool { (left.low, left.high) < (right.low, right.high) }

    /// The other end of the pair.
    public func partner(of id: Int) -> Int { id == low ? high : low }

    public var description: String { "\(low)–\(high)" }
}

/// A possible meeting with its mutual score, scaled to an integer (e.g. score × 1000).
public struct CandidatePair: Sendable, Hashable, Codable {
    public var pair: PairKey
    /// The mutual score, a non-negative integer; larger is better.
    public var score: Int
    /// The break-out group (sector) the meeting belongs to, if any.
    public var sector: String?

    /// Creates a candidate.
    public init(_ first: Int, _ second: Int, score: Int, sector: String? = nil) {
        pair = PairKey(first, second)
        self.score = score
        self.sector = sector
    }
}

/// What to do with pairs that met at an earlier forum.
public enum MetBeforePolicy: String, Sendable, Hashable, Codable, CaseIterable {
    /// Such pairs are not proposed again.
    case skip
    /// Such pairs are proposed with a score bonus (a deliberate follow-up).
    case followUp = "follow-up"
    /// History is ignored.
    case ignore
}

/// Everything the shortlist needs: participants, candidates and the rules about who may meet whom.
public struct ShortlistProblem: Sendable, Hashable, Codable {
    public var participants: [Participant]
    public var candidates: [CandidatePair]
    /// Pairs that must not meet.
    public var conflicts: [PairKey]
    /// Pairs that must meet (they count against every cap).
    public var forced: [PairKey]
    /// Pairs that met at earlier forums.
    public var metBefore: [PairKey]
    /// Sister links between clusters, as unordered cluster-slug pairs.
    public var sisterClusters: [ClusterLink]
    /// Sectors whose tables seat only pairs from sister clusters.
    public var sisterOnlySectors: [String]

    /// Creates a problem.
    public init(
        participants: [Participant], candidates: [CandidatePair], conflicts: [PairKey] = [], forced: [PairKey] = [],
        metBefore: [PairKey] = [], sisterClusters: [ClusterLink] = [], sisterOnlySectors: [String] = []
    ) {
        self.participants = participants
        self.candidates = candidates
        self.conflicts = conflicts
        self.forced = forced
        self.metBefore = metBefore
        self.sisterClusters = sisterClusters
        self.sisterOnlySectors = sisterOnlySectors
    }
}

/// An unordered pair of cluster slugs joined by a sister link.
public struct ClusterLink: Sendable, Hashable, Codable {
    public let first: String
    public let second: String

    /// Creates the link in either order.
    public init(_ one: String, _ other: String) {
        first = min(one, other)
        second = max(one, other)
    }
}

/// How the shortlist is chosen.
public struct ShortlistPolicy: Sendable, Hashable, Codable {
    /// Each participant keeps its best `candidateLimit` candidates (raised to 3k when smaller).
    public var candidateLimit: Int
    public var metBefore: MetBeforePolicy
    /// Added to the score of a pair that met before under `.followUp`.
    public var followUpBonus: Int
    /// Whether fairness comes first (more participants with one partner, then two, …, then the total score).
    public var isFair: Bool

    /// Creates a policy.
    public init(candidateLimit: Int = 50, metBefore: MetBeforePolicy = .skip, followUpBonus: Int = 0, isFair: Bool = true) {
        self.candidateLimit = candidateLimit
        self.metBefore = metBefore
        self.followUpBonus = followUpBonus
        self.isFair = isFair
    }
}

/// Why the shortlist solver stopped without a result.
public struct ShortlistError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Kind: Hashable, Sendable {
        case infeasible(FeasibilityReport)
        case costsTooLarge(Int64)
        case internalInconsistency(String)
    }

    private let kind: Kind

    /// The problem cannot be solved as stated; the report says why and what to relax.
    public static func infeasible(_ report: FeasibilityReport) -> ShortlistError { .init(kind: .infeasible(report)) }
    /// The scores and weights do not fit exact 64-bit arithmetic.
    public static func costsTooLarge(largest: Int64) -> ShortlistError { .init(kind: .costsTooLarge(largest)) }
    /// A bug: a check that cannot fail did.
    static func internalInconsistency(_ detail: String) -> ShortlistError { .init(kind: .internalInconsistency(detail)) }

    /// The feasibility report when the problem is infeasible.
    public var report: FeasibilityReport? {
        if case .infeasible(let report) = kind { return report }
        return nil
    }

    public var description: String {
        switch kind {
        case .infeasible(let report): report.description
        case .costsTooLarge(let largest):
            "the weighted costs (largest \(largest)) are too large for exact 64-bit arithmetic: lower the score scale or the caps"
        case .internalInconsistency(let detail): "internal error: \(detail)"
        }
    }
}
