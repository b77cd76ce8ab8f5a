import Testing

@testable import Matching

@Suite struct PairPolicyFilterTests {
    @Test func matcherScopeIsExact() {
        let expected: [MatchFilter.Scope: Set<Boundary>] = [
            .any: Set(Boundary.allCases),
            .crossCluster: [.crossCluster, .international, .sister],
            .international: [.international, .sister],
            .sister: [.sister],
        ]
        for scope in MatchFilter.Scope.allCases {
            #expect(Set(Boundary.allCases.filter(scope.allows)) == expected[scope], "\(scope)")
        }
    }

    @Test func needScopeIsExact() {
        let expected: [NeedProfile.Scope: Set<Boundary>] = [
            .sameCluster: [.sameCluster],
            .domestic: [.sameCluster, .crossCluster],
            .internationalWelcome: Set(Boundary.allCases),
            .internationalOnly: [.international, .sister],
        ]
        for scope in NeedProfile.Scope.allCases {
            #expect(Set(Boundary.allCases.filter(scope.allows)) == expected[scope], "\(scope)")
        }
        #expect(NeedProfile.Scope.allCases.map(\.rawValue) == ["same-cluster", "domestic", "international-welcome", "international-only"])
    }

    /// Every combination of need scope, matcher scope and boundary: a pair passes exactly when both scopes allow it.
    @Test func scopesCombineAsAConjunction() {
        let links = SisterLinks([("kansai", "lyon")])
        let places: [(String, String)] = [("kansai", "JP"), ("sapporo", "JP"), ("lyon", "FR"), ("munich", "DE")]
        for needScope in NeedProfile.Scope.allCases {
            for scope in MatchFilter.Scope.allCases {
                for place in places {
                    var need = PolicyFixtures.need
                    need.scope = needScope
                    var seed = PolicyFixtures.seed
                    (seed.clusterID, seed.country) = place
                    let boundary = Boundary(between: need.location, and: seed.location, sisterLinks: links)
                    let passes = MatchFilter(scope: scope).allows(seed: seed, need: need, boundary: boundary)
                    #expect(passes == (needScope.allows(boundary) && scope.allows(boundary)))
                }
            }
        }
    }

    @Test func targetCountriesRestrictOnlyForeignSeeds() {
        var need = PolicyFixtures.need
        need.targetCountries = ["FR"]
        var seed = PolicyFixtures.seed
        let filter = MatchFilter()
        #expect(filter.allows(seed: seed, need: need, boundary: .sameCluster))
        seed.country = "FR"
        #expect(filter.allows(seed: seed, need: need, boundary: .international))
        seed.country = "DE"
        #expect(!filter.allows(seed: seed, need: need, boundary: .international))
    }

    @Test func fieldTRLAndPartnershipFiltersAreExact() {
        let need = PolicyFixtures.need  // nano, secondary materials; wants licence, joint-research
        var seed = PolicyFixtures.seed  // nano, TRL 4, offers licence, joint-research
        func passes(_ filter: MatchFilter) -> Bool { filter.allows(seed: seed, need: need, boundary: .sameCluster) }
        #expect(passes(MatchFilter(field: "nano")))
        #expect(passes(MatchFilter(field: "materials")))
        #expect(!passes(MatchFilter(field: "bio")))
        #expect(passes(MatchFilter(minimumTRL: 4)))
        #expect(!passes(MatchFilter(minimumTRL: 5)))
        #expect(passes(MatchFilter(partnership: "licence")))
        #expect(!passes(MatchFilter(partnership: "consulting")))  // neither side
        seed.partnerships.insert("consulting")
        #expect(!passes(MatchFilter(partnership: "consulting")))  // the need does not want it
        seed.partnerships = ["joint-research"]
        #expect(!passes(MatchFilter(partnership: "licence")))  // the seed does not offer it
        seed.isOpen = false
        #expect(!passes(MatchFilter()))
    }
}
