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

    /// Under the default filter a need's search decides seeds by their tags in the index (location and openness,
    /// `MatchCorpus`); a filter that reads each seed's whole profile (a TRL floor every seed meets) must find the
    /// same lists, also after seeds are added, closed, reopened, moved and removed.
    @Test func seedTagsDecideAsTheProfilesDo() throws {
        var rng = SeededGenerator(state: 5)
        var seeds: [(Int64, AnalyzedDocument)] = []
        var profiles: [Int64: SeedProfile] = [:]
        for id in Int64(1)...300 {
            seeds.append((id, RandomCorpus.document(&rng, vocabulary: 200)))
            profiles[id] = ListBoundsTests.seed(&rng)
        }
        var needs: [(Int64, AnalyzedDocument)] = []
        var needProfiles: [Int64: NeedProfile] = [:]
        for id in Int64(1)...40 {
            needs.append((id, RandomCorpus.document(&rng, vocabulary: 200)))
            var need = ListBoundsTests.need(&rng, restrictive: id % 2 == 0)
            if id % 5 == 0 { (need.scope, need.targetCountries) = (.internationalOnly, ["FR"]) }
            needProfiles[id] = need
        }
        var matcher = Matcher(
            seeds: MatchCorpus(index: SearchIndex(documents: seeds), profiles: profiles),
            needs: MatchCorpus(index: SearchIndex(documents: needs), profiles: needProfiles), sisterLinks: MatcherWorld.links)
        func expectAgreement(_ label: String) throws {
            var compared = 0
            for (need, _) in needs {
                let byTag = try matcher.seeds(forNeed: need, limit: 10)
                let byProfile = try matcher.seeds(forNeed: need, limit: 10, filter: MatchFilter(minimumTRL: 1))
                #expect(byTag.map(\.seedID) == byProfile.map(\.seedID), "\(label), need \(need)")
                compared += byTag.count
            }
            #expect(compared > 100, "\(label): \(compared) matches compared")
        }
        try expectAgreement("built")
        for id in Int64(301)...350 {
            matcher.seeds.upsert(id, profile: ListBoundsTests.seed(&rng), document: RandomCorpus.document(&rng, vocabulary: 200))
        }
        for id in Int64(1)...60 {
            var profile = matcher.seeds.profiles[id]!
            switch id % 3 {
            case 0: profile.isOpen = false
            case 1: (profile.clusterID, profile.country) = id % 2 == 0 ? ("lyon", "FR") : ("sapporo", "JP")
            default: profile.isOpen = true
            }
            matcher.seeds.setProfile(profile, of: id)
        }
        for id in Int64(61)...80 { matcher.seeds.remove(id) }
        // Seeds whose text changes are indexed anew (a new ordinal): their tags follow.
        for id in Int64(81)...100 { matcher.seeds.upsert(id, profile: matcher.seeds.profiles[id]!, document: RandomCorpus.document(&rng, vocabulary: 200)) }
        try expectAgreement("changed")
        #expect(matcher.seeds.locations.count == MatcherWorld.places.count)
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
