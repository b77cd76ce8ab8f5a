/// One ingredient of a pair's score; each has a value in [0, 1] and a policy weight.
///
/// `allCases` is the fixed order in which contributions are summed into `PairScore.total`.
public enum Factor: String, CaseIterable, Sendable, Hashable, Codable, Comparable {
    /// Text relevance: `Hit.relevance` of the matched item for the asking item's text (BM25F + RM3, in [0, 1]).
    case text
    /// Field agreement: primary fields equal 1, one's primary among the other's secondary fields
    /// `MatchPolicy.partialFieldAgreement`, else 0.
    case field
    /// Maturity fit: 1 when the seed's TRL is inside the need's range, decaying linearly with the distance.
    case maturity
    /// Partnership compatibility: the fraction of the need's wanted partnership types that the seed offers.
    case partnership
    /// IP status: 1 when the need asks for nothing or accepts the seed's status, else 0.
    case ip
    /// The boundary crossed (`MatchPolicy.boundaryValues`): a bounded bonus for crossing.
    case boundary

    /// Orders factors as `allCases` does.
    public static func < (a: Factor, b: Factor) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
