import Testing

@testable import Matching

/// SplitMix64, so the property tests are reproducible.
struct PolicyRandom: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

enum PolicyFixtures {
    static let need = NeedProfile(
        clusterID: "kansai", country: "JP", primaryField: "nano", secondaryFields: ["materials"], trlRange: 3...5,
        partnerships: ["licence", "joint-research"], acceptedIP: ["patent-granted", "patent-applied"])
    static let seed = SeedProfile(
        clusterID: "kansai", country: "JP", primaryField: "nano", trl: 4, partnerships: ["licence", "joint-research"],
        ipStatus: "patent-granted")

    static func randomValues(_ rng: inout PolicyRandom) -> [Factor: Double] {
        Dictionary(uniqueKeysWithValues: Factor.allCases.map { ($0, Double.random(in: 0...1, using: &rng)) })
    }
}

@Suite struct PairPolicyTests {
    @Test func defaultWeightsAreConvexWithTextDominant() {
        let w = MatchPolicy.default.weights
        #expect(Factor.allCases.reduce(0.0) { $0 + w[$1] } == 1)
        #expect(w[.text] == 0.5)
        for factor in Factor.allCases where factor != .text { #expect(w[.text] > w[factor]) }
        #expect(MatchPolicy.default.boundaryBonusBound == 0.0625)
        #expect(MatchPolicy.default.burialMargin == 0.125)
    }

    @Test func contributionsAddUpToTheTotalExactly() {
        var rng = PolicyRandom(state: 1)
        for round in 0..<2_000 {
            var raw: [Factor: Double] = [:]
            for factor in Factor.allCases { raw[factor] = Double.random(in: 0...3, using: &rng) }
            raw[.text] = 10  // keep the boundary bonus below the text weight
            let policy = round == 0 ? MatchPolicy.default : try! MatchPolicy(weights: raw)
            let score = policy.score(values: PolicyFixtures.randomValues(&rng), boundary: .sister)
            #expect(PairScore.sum(score.contributions) == score.total)
            #expect(Factor.allCases.reduce(0.0) { $0 + score.contributions[$1]! } == score.total)
            #expect((0...1).contains(score.total))
            for factor in Factor.allCases {
                #expect(score.contributions[factor]! == policy.weights[factor] * score.values[factor]!)
            }
        }
        let perfect = MatchPolicy.default.score(
            values: Dictionary(uniqueKeysWithValues: Factor.allCases.map { ($0, 1.0) }), boundary: .sister)
        #expect(perfect.total == 1)
    }

    @Test func valuesOutOfRangeAreClamped() {
        let score = MatchPolicy.default.score(
            values: [.text: 7, .field: -1, .maturity: .nan, .boundary: .infinity], boundary: .sister)
        #expect(score.values[.text] == 1 && score.values[.field] == 0 && score.values[.maturity] == 0)
        #expect(score.values[.boundary] == 0)
        #expect((0...1).contains(score.total))
    }

    @Test func sisterInternationalPairOutranksDomesticPairOfEqualRelevance() {
        let policy = MatchPolicy.default
        let sister = policy.score(
            textRelevance: 0.4, seed: PolicyFixtures.seed, need: PolicyFixtures.need, boundary: .sister)
        let domestic = policy.score(
            textRelevance: 0.4, seed: PolicyFixtures.seed, need: PolicyFixtures.need, boundary: .crossCluster)
        let local = policy.score(
            textRelevance: 0.4, seed: PolicyFixtures.seed, need: PolicyFixtures.need, boundary: .sameCluster)
        let international = policy.score(
            textRelevance: 0.4, seed: PolicyFixtures.seed, need: PolicyFixtures.need, boundary: .international)
        #expect(sister.total > international.total)
        #expect(international.total > domestic.total)
        #expect(domestic.total > local.total)
        #expect(sister.total - domestic.total == 1.0 / 32)
    }

    @Test func muchMoreRelevantSameClusterPairStaysAboveWeakInternationalOne() {
        let policy = MatchPolicy.default
        let local = policy.score(
            textRelevance: 0.6, seed: PolicyFixtures.seed, need: PolicyFixtures.need, boundary: .sameCluster)
        let weakSister = policy.score(
            textRelevance: 0.3, seed: PolicyFixtures.seed, need: PolicyFixtures.need, boundary: .sister)
        #expect(local.total > weakSister.total)
    }

    /// The stated rule, checked exactly: dyadic numbers make the margin case an exact tie.
    @Test func antiBurialRuleHoldsExactlyAtTheMargin() {
        let policy = MatchPolicy.default
        let margin = policy.burialMargin  // 0.125
        func total(_ text: Double, _ boundary: Boundary) -> Double {
            policy.score(textRelevance: text, seed: PolicyFixtures.seed, need: PolicyFixtures.need, boundary: boundary)
                .total
        }
        #expect(total(0.375, .sameCluster) == total(0.375 - margin, .sister))
        #expect(total(0.375 + 1.0 / 1024, .sameCluster) > total(0.375 - margin, .sister))
        #expect(total(0.375 - 1.0 / 1024, .sameCluster) < total(0.375 - margin, .sister))
    }

    /// The rule over random pairs, random policies and random boundaries.
    @Test func antiBurialRuleHoldsForRandomPairs() throws {
        var rng = PolicyRandom(state: 42)
        var checked = 0
        for _ in 0..<5_000 {
            var raw: [Factor: Double] = [:]
            for factor in Factor.allCases { raw[factor] = Double.random(in: 0...1, using: &rng) }
            raw[.text] = Double.random(in: 1...3, using: &rng)
            var boundaryValues: [Boundary: Double] = [:]
            for b in Boundary.allCases { boundaryValues[b] = Double.random(in: 0...1, using: &rng) }
            let policy = try MatchPolicy(weights: raw, boundaryValues: boundaryValues)
            var a = PolicyFixtures.randomValues(&rng)
            var b = a
            let boundaryA = Boundary.allCases.randomElement(using: &rng)!
            let boundaryB = Boundary.allCases.randomElement(using: &rng)!
            a[.boundary] = policy.boundaryValues[boundaryA]
            b[.boundary] = policy.boundaryValues[boundaryB]
            b[.text] = Double.random(in: 0...1, using: &rng)
            a[.text] = Double.random(in: 0...1, using: &rng)
            let lead = a[.text]! - b[.text]!
            // Floating-point slack: only leads clearly above the margin are claimed.
            guard lead > policy.burialMargin + 1e-9 else { continue }
            checked += 1
            let scoreA = policy.score(values: a, boundary: boundaryA)
            let scoreB = policy.score(values: b, boundary: boundaryB)
            #expect(scoreA.total > scoreB.total)
            // The boundary alone never moves a total by more than β.
            let moved = policy.score(values: a.merging([.boundary: b[.boundary]!]) { $1 }, boundary: boundaryB)
            #expect(abs(moved.total - scoreA.total) <= policy.boundaryBonusBound + 1e-12)
        }
        #expect(checked > 1_000)
    }

    @Test func boundaryComesFromClusterCountryAndSisterLinks() {
        let links = SisterLinks([("kansai", "lyon")])
        func boundary(_ a: (String, String), _ b: (String, String)) -> Boundary {
            Boundary(between: (a.0, a.1), and: (b.0, b.1), sisterLinks: links)
        }
        #expect(boundary(("kansai", "JP"), ("kansai", "JP")) == .sameCluster)
        #expect(boundary(("kansai", "JP"), ("sapporo", "JP")) == .crossCluster)
        #expect(boundary(("kansai", "JP"), ("lyon", "FR")) == .sister)
        #expect(boundary(("lyon", "FR"), ("kansai", "JP")) == .sister)
        #expect(boundary(("kansai", "JP"), ("munich", "DE")) == .international)
        // A link between two clusters of one country is still a domestic crossing.
        #expect(Boundary(between: ("a", "JP"), and: ("b", "JP"), sisterLinks: SisterLinks([("a", "b")])) == .crossCluster)
        #expect(!links.areLinked("kansai", "kansai"))
    }

    @Test func structuralFactorValues() {
        let policy = MatchPolicy.default
        var seed = PolicyFixtures.seed
        let need = PolicyFixtures.need
        #expect(policy.fieldAgreement(seed: seed, need: need) == 1)
        seed.primaryField = "materials"
        #expect(policy.fieldAgreement(seed: seed, need: need) == 0.5)
        seed.primaryField = "bio"
        #expect(policy.fieldAgreement(seed: seed, need: need) == 0)
        seed.secondaryFields = ["nano"]
        #expect(policy.fieldAgreement(seed: seed, need: need) == 0.5)

        #expect(policy.maturityFit(trl: 3, range: 3...5) == 1)
        #expect(policy.maturityFit(trl: 5, range: 3...5) == 1)
        #expect(policy.maturityFit(trl: 6, range: 3...5) == 1 - 1.0 / 3)
        #expect(policy.maturityFit(trl: 1, range: 3...5) == 1 - 2.0 / 3)
        #expect(policy.maturityFit(trl: 9, range: 3...5) == 0)

        #expect(MatchPolicy.partnershipFit(offered: ["licence"], wanted: ["licence", "joint-research"]) == 0.5)
        #expect(MatchPolicy.partnershipFit(offered: [], wanted: []) == 1)
        #expect(MatchPolicy.partnershipFit(offered: ["consulting"], wanted: ["licence"]) == 0)

        #expect(MatchPolicy.ipFit(status: "none", accepted: []) == 1)
        #expect(MatchPolicy.ipFit(status: "patent-granted", accepted: ["patent-granted"]) == 1)
        #expect(MatchPolicy.ipFit(status: "know-how", accepted: ["patent-granted"]) == 0)
    }

    @Test func perQueryOverridesRenormaliseAndBadPoliciesAreRefused() throws {
        let noBoundary = try MatchPolicy.default.overriding([.boundary: 0])
        #expect(noBoundary.weights[.boundary] == 0)
        #expect(noBoundary.boundaryBonusBound == 0)
        #expect(Factor.allCases.reduce(0.0) { $0 + noBoundary.weights[$1] } == 1)
        #expect(abs(noBoundary.weights[.text] - 0.5 / 0.9375) < 1e-6)

        let moreBoundary = try MatchPolicy.default.overriding([.boundary: 0.25])
        #expect(moreBoundary.weights[.boundary] > MatchPolicy.default.weights[.boundary])
        #expect(Factor.allCases.reduce(0.0) { $0 + moreBoundary.weights[$1] } == 1)

        #expect(throws: MatchPolicyError.self) { try MatchPolicy.default.overriding([.text: -1]) }
        #expect(throws: MatchPolicyError.self) { try MatchPolicy.default.overriding([.field: .nan]) }
        #expect(throws: MatchPolicyError.self) { try MatchPolicy(weights: [:]) }
        #expect(throws: MatchPolicyError.self) { try MatchPolicy(weights: [.text: 1], boundaryValues: [.sister: 2]) }
        // A boundary bonus as large as the text weight could bury any local pair: refused.
        #expect(throws: MatchPolicyError.self) { try MatchPolicy.default.overriding([.text: 0.1, .boundary: 0.2]) }
    }
}
