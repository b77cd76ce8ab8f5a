/// How a need–seed pair is scored: a convex combination of factor values, one policy with documented defaults,
/// overridable per query.
///
/// `total = Σ weight(f) · value(f)` over the `Factor`s, summed in `Factor.allCases` order. Every value is in
/// [0, 1] and the weights are non-negative and sum to exactly 1, so the total is in [0, 1] and comparable across
/// queries (text relevance is `Hit.relevance`, itself normalised per query to [0, 1]).
///
/// **Anti-burial rule (a strong local match is never buried).** The boundary enters only as the bounded bonus
/// `weight(boundary) · boundaryValues[b]`, so a pair's boundary can move its total by at most
/// `β = weight(boundary) · (max − min of boundaryValues)` (`boundaryBonusBound`). Hence, for two pairs whose field,
/// maturity, partnership and IP values are equal: **if the first's text relevance exceeds the second's by more
/// than `β / weight(text)` (`burialMargin`), the first ranks strictly above, whatever the two boundaries**; at
/// exactly that margin they tie. With the defaults, β = 1/16 and the margin is 0.125: a same-cluster pair with
/// relevance 0.60 stays above a sister-cluster pair with relevance 0.47 or less. In general,
/// `total(A) − total(B) ≥ weight(text)·(textA − textB) − β − Σ_{other f} weight(f)·max(0, valueB(f) − valueA(f))`.
/// `MatchPolicy.init` refuses policies whose boundary bonus is not smaller than the text weight, so the
/// margin is always below 1.
///
/// Why 0.125 is the right size: on the fixtures (39 planted need–seed pairs, need text as the query, production
/// ranking), the best seed's relevance is 0.54 / 0.59 / 0.61 (10th / 50th / 90th percentile) and the second
/// best's 0.12 / 0.19 / 0.38. A clear best match leads by far more than 0.125 and is never overtaken for its
/// boundary; the bonus only reorders pairs whose relevance is within 0.125 of each other.
///
/// Default weights (`MatchPolicy.default`), dyadic so that sums are exact:
///
/// | factor | weight | why |
/// | --- | ---: | --- |
/// | text | 1/2 | the only evidence of what the technology does; as heavy as all others together |
/// | field | 1/8 | cheap, reliable agreement signal, but coarse |
/// | maturity | 1/8 | a seed outside the need's TRL range is much less usable |
/// | partnership | 1/8 | a pair with no common collaboration form rarely turns into a deal |
/// | ip | 1/16 | binary and often unstated; a tie-breaker |
/// | boundary | 1/16 | what the programme wants, kept small so it decides between comparable pairs only |
///
/// Default boundary values: same cluster 0, cross-cluster 0.5, international 0.75, sister 1 (so a sister pair
/// gains 1/16 over a same-cluster pair and 1/32 over a domestic cross-cluster pair of equal everything else).
public struct MatchPolicy: Sendable, Hashable {
    /// The factor weights (non-negative, summing to exactly 1).
    public private(set) var weights: Weights
    /// The boundary factor's value for each boundary, each in [0, 1].
    public private(set) var boundaryValues: [Boundary: Double]
    /// The field value when one side's primary field is among the other's secondary fields, in [0, 1].
    public private(set) var partialFieldAgreement: Double
    /// How many TRL levels outside the need's range bring the maturity value linearly down to 0 (at least 1).
    public private(set) var maturityFalloff: Int

    /// The default weights as raw numbers (see the type's documentation).
    public static let defaultWeights: [Factor: Double] = [
        .text: 0.5, .field: 0.125, .maturity: 0.125, .partnership: 0.125, .ip: 0.0625, .boundary: 0.0625,
    ]

    /// The default boundary values.
    public static let defaultBoundaryValues: [Boundary: Double] = [
        .sameCluster: 0, .crossCluster: 0.5, .international: 0.75, .sister: 1,
    ]

    /// The production policy (see the type's documentation for each value and why).
    public static let `default` = try! MatchPolicy(weights: defaultWeights)

    /// Creates a policy.
    ///
    /// - Parameters:
    ///   - weights: a weight per factor (missing factors weigh 0); normalised to sum 1.
    ///   - boundaryValues: a value in [0, 1] per boundary (missing boundaries are 0).
    ///   - partialFieldAgreement: the value of a primary-in-secondary field match, in [0, 1].
    ///   - maturityFalloff: TRL levels outside the range at which the maturity value reaches 0, at least 1.
    /// - Throws: `MatchPolicyError` when a number is negative, not finite or out of range, all weights are 0, or
    ///   the boundary bonus bound is not smaller than the text weight (it could then outweigh any text margin).
    public init(
        weights: [Factor: Double], boundaryValues: [Boundary: Double] = defaultBoundaryValues,
        partialFieldAgreement: Double = 0.5, maturityFalloff: Int = 3
    ) throws(MatchPolicyError) {
        self.weights = try Weights(weights)
        for (boundary, value) in boundaryValues where !(value.isFinite && (0...1).contains(value)) {
            throw MatchPolicyError("the \(boundary.rawValue) boundary value must be in [0, 1], not \(value)")
        }
        self.boundaryValues = Dictionary(uniqueKeysWithValues: Boundary.allCases.map { ($0, boundaryValues[$0] ?? 0) })
        guard partialFieldAgreement.isFinite, (0...1).contains(partialFieldAgreement) else {
            throw MatchPolicyError("the partial field agreement must be in [0, 1], not \(partialFieldAgreement)")
        }
        self.partialFieldAgreement = partialFieldAgreement
        guard maturityFalloff >= 1 else { throw MatchPolicyError("the maturity falloff must be at least 1 level") }
        self.maturityFalloff = maturityFalloff
        guard boundaryBonusBound < self.weights[.text] else {
            throw MatchPolicyError(
                "the boundary bonus (\(boundaryBonusBound)) must stay below the text weight (\(self.weights[.text]))")
        }
    }

    /// This policy with some weights replaced (the others keep their raw values) and all renormalised to sum 1.
    ///
    /// - Throws: `MatchPolicyError` as `init` does.
    public func overriding(_ overrides: [Factor: Double]) throws(MatchPolicyError) -> MatchPolicy {
        var raw = Dictionary(uniqueKeysWithValues: Factor.allCases.map { ($0, weights[$0]) })
        for (factor, weight) in overrides { raw[factor] = weight }
        return try MatchPolicy(
            weights: raw, boundaryValues: boundaryValues, partialFieldAgreement: partialFieldAgreement,
            maturityFalloff: maturityFalloff)
    }

    /// β: the most a pair's boundary can change its total (boundary weight × spread of the boundary values).
    public var boundaryBonusBound: Double {
        let values = boundaryValues.values
        return weights[.boundary] * ((values.max() ?? 0) - (values.min() ?? 0))
    }

    /// β / weight(text): a text relevance lead above this keeps a pair above one with equal other factors,
    /// whatever the boundaries (the anti-burial rule).
    public var burialMargin: Double {
        weights[.text] > 0 ? boundaryBonusBound / weights[.text] : .infinity
    }

    /// Scores a pair.
    ///
    /// - Parameters:
    ///   - textRelevance: `Hit.relevance` of the matched item for the asking item (clamped to [0, 1]).
    ///   - seed: the seed's profile.
    ///   - need: the need's profile.
    ///   - boundary: the boundary between them.
    ///   - sharedTerms: the top shared terms, in original words.
    /// - Returns: the score, whose contributions add up to its total.
    public func score(
        textRelevance: Double, seed: SeedProfile, need: NeedProfile, boundary: Boundary, sharedTerms: [String] = []
    ) -> PairScore {
        var values = structuralValues(seed: seed, need: need, boundary: boundary)
        values[.text] = textRelevance.isFinite ? min(1, max(0, textRelevance)) : 0
        return score(values: values, boundary: boundary, sharedTerms: sharedTerms)
    }

    /// Scores given factor values (each clamped to [0, 1]; missing ones are 0).
    public func score(values: [Factor: Double], boundary: Boundary, sharedTerms: [String] = []) -> PairScore {
        var clamped: [Factor: Double] = [:]
        var contributions: [Factor: Double] = [:]
        for factor in Factor.allCases {
            let raw = values[factor] ?? 0
            let value = raw.isFinite ? min(1, max(0, raw)) : 0
            clamped[factor] = value
            contributions[factor] = weights[factor] * value
        }
        return PairScore(values: clamped, contributions: contributions, boundary: boundary, sharedTerms: sharedTerms)
    }

    /// The values of every factor but text; they do not depend on which side asks.
    public func structuralValues(seed: SeedProfile, need: NeedProfile, boundary: Boundary) -> [Factor: Double] {
        [
            .field: fieldAgreement(seed: seed, need: need),
            .maturity: maturityFit(trl: seed.trl, range: need.trlRange),
            .partnership: Self.partnershipFit(offered: seed.partnerships, wanted: need.partnerships),
            .ip: Self.ipFit(status: seed.ipStatus, accepted: need.acceptedIP),
            .boundary: boundaryValues[boundary] ?? 0,
        ]
    }

    /// 1 when the primary fields are equal, `partialFieldAgreement` when either primary field is among the other
    /// side's secondary fields, else 0.
    public func fieldAgreement(seed: SeedProfile, need: NeedProfile) -> Double {
        if seed.primaryField == need.primaryField { return 1 }
        if need.secondaryFields.contains(seed.primaryField) || seed.secondaryFields.contains(need.primaryField) {
            return partialFieldAgreement
        }
        return 0
    }

    /// 1 when `trl` is inside `range`, else `max(0, 1 − distance / maturityFalloff)` with distance in levels to
    /// the nearest end of the range.
    public func maturityFit(trl: Int, range: ClosedRange<Int>) -> Double {
        let distance = trl < range.lowerBound ? range.lowerBound - trl : trl > range.upperBound ? trl - range.upperBound : 0
        return max(0, 1 - Double(distance) / Double(maturityFalloff))
    }

    /// The fraction of wanted partnership types offered; 1 when nothing particular is wanted.
    public static func partnershipFit(offered: Set<String>, wanted: Set<String>) -> Double {
        guard !wanted.isEmpty else { return 1 }
        return Double(wanted.intersection(offered).count) / Double(wanted.count)
    }

    /// 1 when the need accepts any IP status or accepts this one, else 0.
    public static func ipFit(status: String, accepted: Set<String>) -> Double {
        accepted.isEmpty || accepted.contains(status) ? 1 : 0
    }
}

/// A policy that cannot be used (a weight or value out of range).
public struct MatchPolicyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, in words for a user.
    public var description: String

    init(_ description: String) { self.description = description }
}
