/// One need–seed pair found by the `Matcher`, scored from both sides.
///
/// Field, maturity, partnership, IP and boundary values belong to the pair and are the same in every score;
/// only the text value differs:
/// - `fromNeed`: the need's text as the query against the seeds (how well the seed answers the need);
/// - `fromSeed`: the seed's text as the query against the needs (how well the need fits the seed);
/// - `mutual`: text value = geometric mean √(need→seed · seed→need) of the two relevances, so a pair only one
///   side would pick scores low; it stays in [0, 1], lies between the two directional totals, and its
///   contributions add up like any other `PairScore`.
public struct Match: Sendable, Hashable {
    /// The need's id.
    public var needID: Int64
    /// The seed's id.
    public var seedID: Int64
    /// The score from the side that asked (`fromNeed` for `Matcher.seeds(forNeed:)`, `fromSeed` for
    /// `Matcher.needs(forSeed:)`): the ranking key.
    public var score: PairScore
    /// The score with the need as the query, or nil when the need is not in the matcher's need corpus.
    public var fromNeed: PairScore?
    /// The score with the seed as the query, or nil when the seed is not in the matcher's seed corpus.
    public var fromSeed: PairScore?
    /// The combined score, or nil when either direction is missing.
    public var mutual: PairScore?

    /// Creates a match.
    public init(needID: Int64, seedID: Int64, score: PairScore, fromNeed: PairScore?, fromSeed: PairScore?, mutual: PairScore?) {
        self.needID = needID
        self.seedID = seedID
        self.score = score
        self.fromNeed = fromNeed
        self.fromSeed = fromSeed
        self.mutual = mutual
    }

    /// The boundary the pair crosses.
    public var boundary: Boundary { score.boundary }
}
