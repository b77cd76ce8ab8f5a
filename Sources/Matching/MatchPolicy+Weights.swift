extension MatchPolicy {
    /// Factor weights: non-negative, summing to exactly 1.
    ///
    /// Weights are kept as whole multiples of 2⁻²⁰ (largest-remainder rounding), so their sum is exactly 1 in
    /// floating point and a total can never exceed 1 by rounding. Dyadic weights such as the defaults are kept
    /// exactly; others move by less than 10⁻⁶.
    public struct Weights: Sendable, Hashable {
        static let scale = 1 << 20
        private var units: [Factor: Int]

        /// Normalises raw weights (missing factors weigh 0) to sum 1.
        /// - Throws: `MatchPolicyError` when a weight is negative or not finite, or all are 0.
        public init(_ raw: [Factor: Double]) throws(MatchPolicyError) {
            for (factor, weight) in raw where !(weight.isFinite && weight >= 0) {
                throw MatchPolicyError("the \(factor.rawValue) weight must be a non-negative number, not \(weight)")
            }
            let sum = Factor.allCases.reduce(0.0) { $0 + (raw[$1] ?? 0) }
            guard sum > 0 else { throw MatchPolicyError("at least one weight must be positive") }
            var units: [Factor: Int] = [:]
            var remainders: [(factor: Factor, remainder: Double)] = []
            for factor in Factor.allCases {
                let exact = (raw[factor] ?? 0) / sum * Double(Self.scale)
                let whole = Int(exact.rounded(.down))
                units[factor] = whole
                remainders.append((factor, exact - Double(whole)))
            }
            var missing = Self.scale - units.values.reduce(0, +)
            for (factor, _) in remainders.sorted(by: { $0.remainder > $1.remainder }) where missing > 0 {
                units[factor]! += 1
                missing -= 1
            }
            self.units = units
        }

        /// The weight of one factor.
        public subscript(factor: Factor) -> Double { Double(units[factor] ?? 0) / Double(Self.scale) }

        /// Every factor's weight.
        public var all: [Factor: Double] { Dictionary(uniqueKeysWithValues: Factor.allCases.map { ($0, self[$0]) }) }
    }
}
