/// The score of one need–seed pair from one direction (or mutual), with each factor's part in it.
///
/// `total` is exactly the sum of `contributions` taken in `Factor.allCases` order (the policy computes it that
/// way), and lies in [0, 1] because the weights sum to exactly 1 and every value lies in [0, 1].
public struct PairScore: Sendable, Hashable {
    /// The pair's score in [0, 1], comparable across queries.
    public var total: Double
    /// Each factor's value in [0, 1] before weighting.
    public var values: [Factor: Double]
    /// Each factor's weighted part of `total` (weight × value).
    public var contributions: [Factor: Double]
    /// The boundary the pair crosses.
    public var boundary: Boundary
    /// The query terms that contributed most to the text relevance, in their original words (not stems), best
    /// first; for a confidential matched item, only words from its title and summary.
    public var sharedTerms: [String]

    /// Creates a score; `total` is the sum of `contributions` in `Factor.allCases` order.
    public init(values: [Factor: Double], contributions: [Factor: Double], boundary: Boundary, sharedTerms: [String]) {
        self.values = values
        self.contributions = contributions
        self.boundary = boundary
        self.sharedTerms = sharedTerms
        self.total = Self.sum(contributions)
    }

    /// The sum of contributions in `Factor.allCases` order (the definition of `total`).
    public static func sum(_ contributions: [Factor: Double]) -> Double {
        Factor.allCases.reduce(0.0) { $0 + (contributions[$1] ?? 0) }
    }
}
