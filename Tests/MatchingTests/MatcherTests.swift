import Foundation
import Testing

@testable import Matching

/// A small world: a need in kansai (JP), seeds in kansai, sapporo (JP), lyon (FR, kansai's sister) and munich (DE).
enum MatcherWorld {
    static let links = SisterLinks([("kansai", "lyon")])
    static let places: [String: String] = ["kansai": "JP", "sapporo": "JP", "lyon": "FR", "munich": "DE"]

    static func seed(_ cluster: String, field: String = "energy", trl: Int = 5, confidential: Bool = false) -> SeedProfile {
        SeedProfile(
            clusterID: cluster, country: places[cluster]!, primaryField: field, trl: trl, partnerships: ["licence"],
            ipStatus: "patent-granted", isConfidential: confidential)
    }

    static func need(_ cluster: String = "kansai", scope: NeedProfile.Scope = .internationalWelcome) -> NeedProfile {
        NeedProfile(
            clusterID: cluster, country: places[cluster]!, primaryField: "energy", trlRange: 4...6,
            partnerships: ["licence"], scope: scope)
    }

    static let batteryText = DocumentText(
        title: "Solid-state batteries for electric vehicles",
        summary: "Sulfide electrolytes that make batteries charge faster",
        description: "Our laboratory developed sulfide solid electrolytes with high ionic conductivity.",
        keywords: ["batteries", "electrolytes"])

    static func matcher(
        seeds: [(Int64, SeedProfile, DocumentText)], needs: [(Int64, NeedProfile, DocumentText)]
    ) -> Matcher {
        Matcher(
            seeds: MatchCorpus(seeds.map { (id: $0.0, profile: $0.1, text: $0.2) }),
            needs: MatchCorpus(needs.map { (id: $0.0, profile: $0.1, text: $0.2) }), sisterLinks: links)
    }

    /// Filler documents so that idf behaves as in a real collection.
    static func filler(_ i: Int) -> DocumentText {
        let topics = ["protein folding assay", "satellite antenna design", "quantum dot display", "crop irrigation sensor",
                      "hydrogen fuel storage", "machine translation model", "bridge vibration monitoring"]
        return DocumentText(title: topics[i % topics.count] + " \(i)", description: topics[(i * 3) % topics.count])
    }

    static let needText = DocumentText(
        title: "Faster charging batteries for our electric vehicles",
        description: "We look for solid electrolytes for batteries with high ionic conductivity.")
}

@Suite struct MatcherTests {
    /// `lackingExpansions`: each matched item the matcher has no expansion for, once, worked out as `finishList`
    /// works it out; with them put in, the lists come out the same and work out none.
    @Test func lackingExpansionsAreWorkedOutOnceAsAListWouldWorkThemOut() throws {
        var rng = SeededGenerator(state: 7)
        var seeds: [(id: Int64, document: AnalyzedDocument)] = []
        var seedProfiles: [Int64: SeedProfile] = [:]
        for id in Int64(1)...80 {
            seeds.append((id, RandomCorpus.document(&rng, vocabulary: 150)))
            seedProfiles[id] = ListBoundsTests.seed(&rng)
        }
        var needs: [(id: Int64, document: AnalyzedDocument)] = []
        var needProfiles: [Int64: NeedProfile] = [:]
        for id in Int64(1)...60 {
            needs.append((id, RandomCorpus.document(&rng, vocabulary: 150)))
            needProfiles[id] = ListBoundsTests.need(&rng)
        }
        var matcher = Matcher(
            seeds: MatchCorpus(index: SearchIndex(documents: seeds), profiles: seedProfiles),
            needs: MatchCorpus(index: SearchIndex(documents: needs), profiles: needProfiles), sisterLinks: MatcherWorld.links)
        matcher.freezeStatistics()
        let started = try (Int64(1)...6).map { try matcher.startList(forNeed: $0, limit: 10) }
        let matched = started.flatMap(\.matchedIDs)
        #expect(matched.count > Set(matched).count, "some seeds are matched by several of the lists")
        let cached = matched[0]
        matcher.expandedQueries.seeds[cached] = AnalyzedQuery(terms: [.init(term: "t1", surface: "w1", weight: 1)])
        let lacking = matcher.lackingExpansions(of: started)
        #expect(Set(lacking.seeds.keys) == Set(matched).subtracting([cached]))
        #expect(lacking.needs.isEmpty)
        let lists = started.map(matcher.finishList)
        var compared = 0
        for list in lists {
            for (id, expansion) in list.reverseExpansions {
                #expect(lacking.seeds[id]?.expansion == expansion, "seed \(id)")
                compared += 1
            }
        }
        #expect(compared >= lacking.seeds.count)
        var primed = matcher
        for (id, tracking) in lacking.seeds { primed.expandedQueries.seeds[id] = tracking.expansion }
        for (start, list) in zip(started, lists) {
            let again = primed.finishList(start)
            #expect(again.reverseExpansions.isEmpty)
            #expect(again.matches == list.matches)
        }
    }

    @Test func sisterPairOutranksDomesticPairOfEqualRelevance() throws {
        var seeds: [(Int64, SeedProfile, DocumentText)] = [
            (1, MatcherWorld.seed("sapporo"), MatcherWorld.batteryText),
            (2, MatcherWorld.seed("lyon"), MatcherWorld.batteryText),
            (3, MatcherWorld.seed("munich"), MatcherWorld.batteryText),
            (4, MatcherWorld.seed("kansai"), MatcherWorld.batteryText),
        ]
        for i in 10..<40 { seeds.append((Int64(i), MatcherWorld.seed("munich"), MatcherWorld.filler(i))) }
        let matcher = MatcherWorld.matcher(seeds: seeds, needs: [(100, MatcherWorld.need(), MatcherWorld.needText)])
        let matches = try matcher.seeds(forNeed: 100, limit: 4)
        #expect(matches.map(\.seedID) == [2, 3, 1, 4])
        #expect(matches.map(\.boundary) == [.sister, .international, .crossCluster, .sameCluster])
        let relevance = Set(matches.map { $0.score.values[.text]! })
        #expect(relevance.count == 1)
        #expect(relevance.first! > 0)
    }

    @Test func muchMoreRelevantSameClusterPairStaysAboveWeakSisterPair() throws {
        var seeds: [(Int64, SeedProfile, DocumentText)] = [
            (1, MatcherWorld.seed("kansai"), MatcherWorld.batteryText),
            (2, MatcherWorld.seed("lyon"), DocumentText(title: "Vehicles", description: "Electric vehicle fleet logistics.")),
        ]
        for i in 10..<40 { seeds.append((Int64(i), MatcherWorld.seed("munich"), MatcherWorld.filler(i))) }
        let matcher = MatcherWorld.matcher(seeds: seeds, needs: [(100, MatcherWorld.need(), MatcherWorld.needText)])
        let matches = try matcher.seeds(forNeed: 100, limit: 2)
        #expect(matches.map(\.seedID) == [1, 2])
        let lead = matches[0].score.values[.text]! - matches[1].score.values[.text]!
        #expect(lead > matcher.policy.burialMargin)
    }

    @Test func contributionsAddUpInEveryDirectionAndMutualIsTheGeometricMean() throws {
        var seeds: [(Int64, SeedProfile, DocumentText)] = [(1, MatcherWorld.seed("lyon"), MatcherWorld.batteryText)]
        for i in 10..<30 { seeds.append((Int64(i), MatcherWorld.seed("munich"), MatcherWorld.filler(i))) }
        var needs: [(Int64, NeedProfile, DocumentText)] = [(100, MatcherWorld.need(), MatcherWorld.needText)]
        for i in 110..<130 { needs.append((Int64(i), MatcherWorld.need("sapporo"), MatcherWorld.filler(i))) }
        let matcher = MatcherWorld.matcher(seeds: seeds, needs: needs)
        let match = try #require(try matcher.seeds(forNeed: 100, limit: 1).first)
        let fromNeed = try #require(match.fromNeed)
        let fromSeed = try #require(match.fromSeed)
        let mutual = try #require(match.mutual)
        #expect(match.score == fromNeed)
        for score in [fromNeed, fromSeed, mutual] {
            #expect(PairScore.sum(score.contributions) == score.total)
            #expect((0...1).contains(score.total))
        }
        #expect(fromSeed.values[.text]! > 0)
        #expect(mutual.values[.text]! == (fromNeed.values[.text]! * fromSeed.values[.text]!).squareRoot())
        #expect(mutual.total >= min(fromNeed.total, fromSeed.total) && mutual.total <= max(fromNeed.total, fromSeed.total))
        for factor in Factor.allCases where factor != .text {
            #expect(fromNeed.values[factor] == fromSeed.values[factor])
        }

        // The other direction agrees on the pair.
        let back = try #require(try matcher.needs(forSeed: 1, limit: 1).first)
        #expect(back.needID == 100 && back.seedID == 1)
        #expect(back.score == back.fromSeed)
        #expect(back.fromSeed?.total == fromSeed.total)
        #expect(back.fromNeed?.total == fromNeed.total)
        #expect(matcher.pair(needID: 100, seedID: 1)?.fromNeed?.total == fromNeed.total)
    }

    @Test func sharedTermsAreOriginalWordsAndRespectConfidentiality() throws {
        let seeds: [(Int64, SeedProfile, DocumentText)] = [
            (1, MatcherWorld.seed("lyon"), MatcherWorld.batteryText),
            (2, MatcherWorld.seed("munich", confidential: true), MatcherWorld.batteryText),
        ] + (10..<30).map { (Int64($0), MatcherWorld.seed("munich"), MatcherWorld.filler($0)) }
        var matcher = MatcherWorld.matcher(seeds: seeds, needs: [(100, MatcherWorld.need(), MatcherWorld.needText)])
        #expect(try matcher.seeds(forNeed: 100, limit: 1).first?.score.sharedTerms.count == matcher.sharedTermLimit)
        matcher.sharedTermLimit = 20
        let matches = try matcher.seeds(forNeed: 100, limit: 2)
        let open = try #require(matches.first { $0.seedID == 1 })
        #expect(open.score.sharedTerms.contains("batteries"))
        #expect(open.score.sharedTerms.contains("conductivity"))
        #expect(!open.score.sharedTerms.contains("batteri"))  // never a stem
        #expect(open.score.sharedTerms.count <= matcher.sharedTermLimit)
        let confidential = try #require(matches.first { $0.seedID == 2 })
        #expect(confidential.score.sharedTerms.contains("batteries"))  // in the title
        #expect(!confidential.score.sharedTerms.contains("conductivity"))  // only in the description
    }

    @Test func filtersAreExactInTheMatcher() throws {
        var seeds: [(Int64, SeedProfile, DocumentText)] = []
        var id: Int64 = 1
        for cluster in ["kansai", "sapporo", "lyon", "munich"] {
            for trl in [3, 6] {
                for field in ["energy", "bio"] {
                    seeds.append((id, MatcherWorld.seed(cluster, field: field, trl: trl), MatcherWorld.batteryText))
                    id += 1
                }
            }
        }
        let matcher = MatcherWorld.matcher(seeds: seeds, needs: [(100, MatcherWorld.need(), MatcherWorld.needText)])
        let need = MatcherWorld.need()
        for scope in MatchFilter.Scope.allCases {
            for minimumTRL in [nil, 4] {
                for field in [nil, "bio"] {
                    let filter = MatchFilter(scope: scope, field: field, minimumTRL: minimumTRL)
                    let found = Set(try matcher.seeds(forNeed: 100, limit: 100, filter: filter).map(\.seedID))
                    let expected = Set(seeds.filter { _, seed, _ in
                        filter.allows(seed: seed, need: need, boundary: Boundary(between: need.location, and: seed.location, sisterLinks: MatcherWorld.links))
                    }.map(\.0))
                    #expect(found == expected, "\(filter)")
                }
            }
        }
        // The need's own scope.
        var local = MatcherWorld.need(scope: .sameCluster)
        let onlyLocal = matcher.seeds(for: local, document: Analyzer().analyze(MatcherWorld.needText), needID: 7, limit: 100)
        #expect(!onlyLocal.isEmpty && onlyLocal.allSatisfy { $0.boundary == .sameCluster })
        #expect(onlyLocal.allSatisfy { $0.fromSeed == nil && $0.mutual == nil })  // need 7 is not in the need corpus
        local.scope = .internationalOnly
        let foreign = matcher.seeds(for: local, document: Analyzer().analyze(MatcherWorld.needText), needID: 7, limit: 100)
        #expect(!foreign.isEmpty && foreign.allSatisfy(\.boundary.isInternational))
    }

    @Test func unknownIDsAreClearErrors() {
        let matcher = MatcherWorld.matcher(seeds: [], needs: [])
        #expect(throws: MatcherError.self) { try matcher.seeds(forNeed: 1, limit: 5) }
        #expect(throws: MatcherError.self) { try matcher.needs(forSeed: 1, limit: 5) }
        #expect(matcher.pair(needID: 1, seedID: 2) == nil)
    }

    /// What a new user might type: sensible results or nothing, never a crash.
    @Test func newUserInputs() throws {
        let japanese = DocumentText(title: "全固体電池の硫化物電解質", description: "イオン伝導度の高い固体電解質を開発しました。")
        let seeds: [(Int64, SeedProfile, DocumentText)] = [
            (1, MatcherWorld.seed("lyon"), MatcherWorld.batteryText),
            (2, MatcherWorld.seed("kansai"), japanese),
            (3, MatcherWorld.seed("munich"), DocumentText(title: "🔋⚡️ batteries 🚗", description: "🙂")),
        ] + (10..<20).map { (Int64($0), MatcherWorld.seed("munich"), MatcherWorld.filler($0)) }
        let matcher = MatcherWorld.matcher(seeds: seeds, needs: [])
        let analyzer = Analyzer()
        func ask(_ text: DocumentText) -> [Match] {
            matcher.seeds(for: MatcherWorld.need(), document: analyzer.analyze(text), needID: 100, limit: 5)
        }
        #expect(ask(DocumentText()).isEmpty)
        #expect(ask(DocumentText(title: "   ", description: "\n\t")).isEmpty)
        #expect(ask(DocumentText(title: "the and of", description: "it is what it is")).isEmpty)
        #expect(ask(DocumentText(title: "🔋🔋🔋", description: "😀")).isEmpty)
        #expect(ask(DocumentText(title: "硫化物電解質")).first?.seedID == 2)
        #expect(ask(DocumentText(title: "batteries 🔋")).contains { $0.seedID == 3 })
        #expect(matcher.seeds(for: MatcherWorld.need(), document: analyzer.analyze(MatcherWorld.needText), needID: 100, limit: 0).isEmpty)

        // 100 KB of text: finishes, stays in range, finds the battery seed.
        var big = ""
        var rng = PolicyRandom(state: 7)
        let words = ["battery", "electrolyte", "vehicle", "charging", "sulfide", "cathode", "anode", "lithium", "cell",
                     "thermal", "safety", "pack", "module", "voltage", "capacity", "cycle"]
        while big.utf8.count < 100_000 { big += words.randomElement(using: &rng)! + " \(Int.random(in: 0..<500, using: &rng)) " }
        let start = ContinuousClock.now
        let result = ask(DocumentText(title: "battery", description: big))
        #expect(ContinuousClock.now - start < .seconds(10))
        #expect(result.first?.seedID == 1)
        #expect(result.allSatisfy { (0...1).contains($0.score.total) && PairScore.sum($0.score.contributions) == $0.score.total })
    }
}
