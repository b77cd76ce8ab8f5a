import Testing

@testable import Matching

/// `ListBounds`: a list its bounds call unchanged by an arriving item is exactly the list a fresh computation gives,
/// and an arrival said not to move an owner's expansion does not.
@Suite struct ListBoundsTests {
    static let clusters = Array(MatcherWorld.places.keys).sorted()

    /// A need; `restrictive`: one whose scope lets few seeds through (same cluster, or one foreign country), so that
    /// seed lists take their candidates from a filtered first pass.
    static func need(_ rng: inout SeededGenerator, restrictive: Bool = false) -> NeedProfile {
        let cluster = clusters.randomElement(using: &rng)!
        let scopes: [NeedProfile.Scope] =
            restrictive ? [.sameCluster, .sameCluster, .sameCluster, .internationalWelcome] : [.internationalWelcome, .internationalWelcome, .domestic]
        return NeedProfile(
            clusterID: cluster, country: MatcherWorld.places[cluster]!, primaryField: ["energy", "ict"].randomElement(using: &rng)!,
            trlRange: 3...7, partnerships: ["licence"], scope: scopes.randomElement(using: &rng)!)
    }

    static func seed(_ rng: inout SeededGenerator) -> SeedProfile {
        MatcherWorld.seed(clusters.randomElement(using: &rng)!, field: ["energy", "ict"].randomElement(using: &rng)!, trl: Int.random(in: 1...9, using: &rng))
    }

    /// The needs a case posts.
    enum Needs: CaseIterable {
        /// Random texts, most needs open to partners anywhere.
        case plain
        /// Most needs' scopes filter most seeds: most seed lists take their candidates from a filtered first pass
        /// (fewer than wanted of the unfiltered one pass their filter), whose bounds follow both pools.
        case restrictive
        /// A third of the needs repeat an earlier need's text, so that pools hold many documents whose scores tie
        /// (the bounds follow them as groups, `PoolTrack.enter`).
        case repeatedTexts
        /// Two thirds of the needs repeat one of the first eight needs' texts, so that pools end in groups of
        /// tied documents larger than the bounds track one by one (they follow them by their size).
        case fewTexts
    }

    @Test(arguments: Needs.allCases)
    func arrivalsCalledUnchangedLeaveTheListAsAFreshComputationHasIt(needs kind: Needs) throws {
        let restrictiveNeeds = kind == .restrictive
        let vocabulary = 300
        func text(_ rng: inout SeededGenerator, after earlier: [(id: Int64, document: AnalyzedDocument)]) -> AnalyzedDocument {
            if kind == .repeatedTexts, !earlier.isEmpty, Int.random(in: 0..<3, using: &rng) == 0 { return earlier.randomElement(using: &rng)!.document }
            if kind == .fewTexts, earlier.count >= 4, Int.random(in: 0..<4, using: &rng) != 0 { return earlier[Int.random(in: 0..<4, using: &rng)].document }
            return RandomCorpus.document(&rng, vocabulary: vocabulary)
        }
        var rng = SeededGenerator(state: 2_026)
        var needs: [(id: Int64, document: AnalyzedDocument)] = []
        var needProfiles: [Int64: NeedProfile] = [:]
        for id in Int64(1)...700 {
            needs.append((id, text(&rng, after: needs)))
            needProfiles[id] = Self.need(&rng, restrictive: restrictiveNeeds)
        }
        var seeds: [(id: Int64, document: AnalyzedDocument)] = []
        var seedProfiles: [Int64: SeedProfile] = [:]
        for id in Int64(1)...80 {
            seeds.append((id, RandomCorpus.document(&rng, vocabulary: vocabulary)))
            seedProfiles[id] = Self.seed(&rng)
        }
        var matcher = Matcher(
            seeds: MatchCorpus(index: SearchIndex(documents: seeds), profiles: seedProfiles),
            needs: MatchCorpus(index: SearchIndex(documents: needs), profiles: needProfiles), sisterLinks: MatcherWorld.links)
        matcher.freezeStatistics()
        let limit = 10

        var lists: [Int64: MatchList] = [:]
        var admissions = AdmissionIndex()
        for (id, _) in seeds {
            let list = try matcher.needList(forSeed: id, limit: limit)
            lists[id] = list
            admissions.set(id, list: list)
        }
        #expect(lists.values.filter { $0.bounds != nil }.count == seeds.count, "every list here has bounds")
        let filtered = lists.values.filter { $0.bounds?.expansionPool != nil }.count
        #expect(restrictiveNeeds ? filtered > seeds.count / 2 : filtered == 0, "\(filtered) lists from a filtered first pass")
        #expect(try matcher.needList(forSeed: 1, limit: limit, filter: MatchFilter(scope: .international)).bounds == nil, "not a stored list's")
        let largeGroups = lists.values.filter { $0.bounds!.pool.low.contains { $0.count > TextBounds.lowCount } }.count
        #expect(kind == .fewTexts ? largeGroups > seeds.count / 8 : largeGroups == 0, "\(largeGroups) lists whose pools end in a large tied group")

        var admittedUnchanged = 0
        var changing = 0
        var keptExpansion = 0
        var followedExpansion = 0
        for n in 0..<60 {
            let id = Int64(10_000 + n)
            let document = text(&rng, after: needs)
            needs.append((id, document))
            let appeared = Set(document.terms.map(\.term).filter { matcher.needs.index.documentFrequency(of: $0) == 0 })
            matcher.needs.upsert(id, profile: Self.need(&rng, restrictive: restrictiveNeeds), document: document)
            let snapshot = matcher
            let admitted = admissions.owners(admitting: id, in: matcher.needs.index)
            let fieldWeights = matcher.needs.index.configuration.fieldWeights
            let arrivals = Dictionary(
                uniqueKeysWithValues: admissions.arrivals(
                    of: id, in: matcher.needs.index, state: { _ in .current },
                    query: { snapshot.seeds.document($0).map { AnalyzedQuery(document: $0, fieldWeights: fieldWeights) } }
                ) { owner, relevance in
                    snapshot.storedTotal(seedID: owner, needID: id, relevance: relevance)
                }.map { ($0.owner, $0.expansion) })
            for (owner, _) in seeds {
                let fresh = try matcher.needList(forSeed: owner, limit: limit)
                let old = lists[owner]!
                let resolvesAnew = matcher.seeds.document(owner)!.terms.contains { appeared.contains($0.term) }
                if let change = arrivals[owner] {
                    changing += 1
                    switch change {
                    case .stays where !resolvesAnew:
                        #expect(fresh.expansion == old.expansion, "owner \(owner), arrival \(id): the expansion moved")
                        keptExpansion += 1
                    case .moved(let expansion) where !resolvesAnew:
                        // Worked out from the feedback documents and the arrival alone, it is the fresh one.
                        #expect(fresh.expansion == expansion, "owner \(owner), arrival \(id): the followed expansion is not the fresh one")
                        followedExpansion += 1
                    default: break
                    }
                } else if !resolvesAnew {
                    #expect(fresh.matches.map(\.needID) == old.matches.map(\.needID), "owner \(owner), arrival \(id)")
                    #expect(fresh.matches.map(\.score.total) == old.matches.map(\.score.total), "owner \(owner), arrival \(id)")
                    #expect(fresh.expansion == old.expansion, "owner \(owner), arrival \(id)")
                    if admitted.contains(owner) { admittedUnchanged += 1 }
                    continue
                }
                lists[owner] = fresh
                admissions.set(owner, list: fresh)
            }
        }
        #expect(admittedUnchanged > 100, "the bounds spare many lists the new item is admitted to")
        #expect(changing > 100 && keptExpansion > 50, "arrivals do change lists, mostly keeping their expansions")
        #expect(followedExpansion > 20, "arrivals join lists' feedback documents, and the bounds follow the expansion")
        print(
            "list bounds (\(kind)): \(admittedUnchanged) admitted and unchanged, \(changing) may change (\(keptExpansion) keeping their expansion, \(followedExpansion) followed to a new one)")
    }
}

/// `PoolTrack`: which of a pool's least documents an arrival pushes out, when their stage-one scores tie.
@Suite struct PoolTrackTests {
    typealias Low = ListBounds.Low

    static func low(_ stageOne: Double, first: Bool = false, feedback: Bool = false, member: Bool = false) -> Low {
        Low(stageOne: stageOne, first: first, feedback: feedback, member: member)
    }

    static func marks(_ low: Low) -> [Bool] { [low.first, low.feedback, low.member] }

    /// The document an entry reports as pushed out, if any.
    static func departed(_ entry: PoolTrack.Entry) -> Low? {
        if case .displaced(let low) = entry { return low }
        return nil
    }

    /// A full pool whose least three tie (the third by a rounding's worth), each with one mark.
    static func tiedPool() -> PoolTrack {
        PoolTrack(low: [Self.low(1.0), Self.low(1.0, first: true), Self.low(1.0 + 1e-15, member: true), Self.low(2.0)], lowIsWholePool: true, room: 0)
    }

    /// A pool of 110 documents retrieved by one term: 10 with it three times, 60 twice, and 40 of the 90 that
    /// have it once (alike, so their scores tie).
    @Test func boundsTakeAWholeTiedGroupPastTheTrackedCount() {
        func document(_ frequency: Int) -> AnalyzedDocument {
            var frequencies = PerField(repeating: 0)
            frequencies[.description] = frequency
            var lengths = PerField(repeating: 0)
            lengths[.description] = 5
            return AnalyzedDocument(terms: [AnalyzedDocument.Term(term: "a", surface: "a", frequencies: frequencies)], fieldLengths: lengths)
        }
        let frequencies = Array(repeating: 3, count: 10) + Array(repeating: 2, count: 60) + Array(repeating: 1, count: 90)
        let index = SearchIndex(documents: frequencies.enumerated().map { (Int64($0.offset + 1), document($0.element)) })
        var admission = Double.infinity
        let pool = index.pool(AnalyzedQuery(terms: [.init(term: "a", surface: "a", weight: 1)]), limit: 110, filter: nil, admission: &admission)
        #expect(pool.stageOneScores.count == 110 && pool.room == 0)
        let text = TextBounds(index, pool: pool, feedback: pool.ranked.prefix(3), feedbackDocuments: 3)
        #expect(text.low.count == 40 + TextBounds.lowCount && !text.lowIsWholePool, "the whole tied group, and the least above it")
        let track = PoolTrack(low: text.low.map { Self.low($0.stageOne, first: $0.first, feedback: $0.feedback) }, lowIsWholePool: false, room: 0)
        #expect(track.low.map(\.count) == [40, TextBounds.lowCount])
    }

    @Test func tiedDocumentsAreOneGroupWithEveryMarkOfThem() {
        let pool = Self.tiedPool()
        #expect(pool.low.map(\.count) == [3, 1])
        #expect(pool.low.map(Self.marks) == [[true, false, true], [false, false, false]])
    }

    @Test func anArrivalAboveATiedGroupPushesOutOneOfItWithEveryMarkTheGroupHas() throws {
        var pool = Self.tiedPool()
        let departed = try #require(Self.departed(pool.enter(stageOne: 1.5)))
        #expect(Self.marks(departed) == [true, false, true])
        #expect(pool.low.map(\.stageOne) == [1.0, 1.5, 2.0])
        #expect(pool.low.map(\.count) == [2, 1, 1])
        #expect(Self.marks(pool.low[0]) == [true, false, true], "the group's stayers carry its marks")
        #expect(Self.marks(pool.low[1]) == [true, false, false], "the arrival may sit in the first pass")
    }

    @Test func anArrivalTyingTheGroupJoinsIt() throws {
        var pool = Self.tiedPool()
        let departed = try #require(Self.departed(pool.enter(stageOne: 1.0, feedback: true)))
        #expect(Self.marks(departed) == [true, true, true])
        #expect(pool.low.map(\.count) == [3, 1], "three of the group of four stay")
        #expect(Self.marks(pool.low[0]) == [true, true, true])
        #expect(pool.low[1].stageOne == 2.0)
    }

    @Test func aFeedbackDocumentAnywhereInTheTiedGroupMayLeave() {
        let untied = PoolTrack(low: [Self.low(1.0), Self.low(1.5, feedback: true)], lowIsWholePool: true, room: 0)
        #expect(!untied.mayPushOutFeedback(stageOne: 1.2))
        let tied = PoolTrack(low: [Self.low(1.0), Self.low(1.0, feedback: true), Self.low(2.0)], lowIsWholePool: true, room: 0)
        #expect(tied.mayPushOutFeedback(stageOne: 1.2))
        #expect(!tied.mayPushOutFeedback(stageOne: 0.5), "below the least it stays out")
        #expect(!Self.tiedPool().mayPushOutFeedback(stageOne: 1.0))
    }

    @Test func aGroupThatMayRunPastTheTrackedDocumentsIsUnknown() {
        var pool = PoolTrack(low: [Self.low(1.0), Self.low(1.0)], lowIsWholePool: false, room: 0)
        #expect(pool.mayPushOutFeedback(stageOne: 1.5))
        guard case .unknown = pool.enter(stageOne: 1.5) else {
            Issue.record("expected unknown")
            return
        }
        var whole = PoolTrack(low: [Self.low(1.0), Self.low(1.0)], lowIsWholePool: true, room: 0)
        #expect(Self.departed(whole.enter(stageOne: 1.5)) != nil)
    }

    @Test func aGroupLargerThanTheTrackedCountIsFollowedUntilItIsGone() throws {
        var documents = (0..<40).map { Self.low(1.0, member: $0 == 17) }
        documents.append(Self.low(2.0))
        var pool = PoolTrack(low: documents, lowIsWholePool: false, room: 0)
        #expect(pool.low.map(\.count) == [40, 1])
        for _ in 0..<40 {
            let departed = try #require(Self.departed(pool.enter(stageOne: 1.5)))
            #expect(departed.member, "any of the group may be the one that leaves")
        }
        #expect(pool.low.map(\.stageOne) == Array(repeating: 1.5, count: 40) + [2.0], "the group is gone; the arrivals are tracked")
        let departed = try #require(Self.departed(pool.enter(stageOne: 3.0)))
        #expect(Self.marks(departed) == [true, false, false], "one of the arrivals, tied: maybe in the first pass, not a member")
        #expect(pool.low.map(\.count) == [39, 1])
    }

    @Test func aWholePoolStaysWholeWhenTheArrivalScoresAboveItsLast() {
        var pool = PoolTrack(low: [Self.low(1.0), Self.low(2.0)], lowIsWholePool: true, room: 0)
        _ = pool.enter(stageOne: 3.0)
        #expect(pool.low.map(\.stageOne) == [2.0, 3.0])
        #expect(pool.lowIsWholePool)
    }
}
