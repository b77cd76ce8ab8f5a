import Testing

@testable import Matching

/// A small seeded PRNG (SplitMix64) so random corpora are reproducible.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

enum RandomCorpus {
    /// A random analysed document over a skewed vocabulary of `vocabulary` terms.
    static func document(_ rng: inout SeededGenerator, vocabulary: Int) -> AnalyzedDocument {
        var frequencies: [Int: PerField<Int>] = [:]
        var lengths = PerField(repeating: 0)
        for field in Field.allCases {
            let length = Int.random(in: field == .description ? 0...40 : 0...6, using: &rng)
            for _ in 0..<length {
                let r = Double.random(in: 0..<1, using: &rng)
                let term = Int(Double(vocabulary) * r * r * r)  // skewed towards low ids
                frequencies[term, default: PerField(repeating: 0)][field] += 1
            }
            lengths[field] = length
        }
        return AnalyzedDocument(
            terms: frequencies.map { AnalyzedDocument.Term(term: "t\($0.key)", surface: "w\($0.key)", frequencies: $0.value) },
            fieldLengths: lengths)
    }

    static func query(_ rng: inout SeededGenerator, vocabulary: Int) -> AnalyzedQuery {
        let n = Int.random(in: 1...12, using: &rng)
        return AnalyzedQuery(
            terms: (0..<n).map { _ in
                let r = Double.random(in: 0..<1, using: &rng)
                return AnalyzedQuery.Term(term: "t\(Int(Double(vocabulary) * r * r))", surface: "", weight: Double(Int.random(in: 1...3, using: &rng)))
            })
    }
}

@Suite struct SearchIndexTests {
    /// Compares two rankings: the same scores rank by rank, and the same documents wherever scores are not tied.
    static func expectSameRanking(_ a: [(UInt32, Double)], _ b: [(UInt32, Double)], documentIDs: (UInt32) -> Int64 = { Int64($0) }) {
        let x = a.sorted { $0.1 > $1.1 }
        let y = b.sorted { $0.1 > $1.1 }
        #expect(x.count == y.count)
        for (p, q) in zip(x, y) { #expect(abs(p.1 - q.1) <= 1e-9 * max(1, abs(p.1))) }
        let cut = (x.last?.1 ?? 0) + 1e-9
        let xs = Set(x.filter { $0.1 > cut }.map { documentIDs($0.0) })
        let ys = Set(y.filter { $0.1 > cut }.map { documentIDs($0.0) })
        #expect(xs == ys)
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6])
    func pruningReturnsTheExhaustiveTopK(seed: UInt64) {
        var rng = SeededGenerator(state: seed)
        let vocabulary = Int.random(in: 20...400, using: &rng)
        let documents = (0..<Int.random(in: 50...1_500, using: &rng)).map {
            (id: Int64($0 * 3 + 1), document: RandomCorpus.document(&rng, vocabulary: vocabulary))
        }
        let index = SearchIndex(configuration: .plainBM25, documents: documents)
        for _ in 0..<40 {
            let terms = index.resolve(RandomCorpus.query(&rng, vocabulary: vocabulary))
            for k in [1, 5, 20, 100] {
                Self.expectSameRanking(
                    index.topOrdinals(terms, limit: k, filter: nil), index.exhaustiveTopOrdinals(terms, limit: k, filter: nil))
            }
            let filter = SearchFilter { $0 % 2 == 0 }
            let pruned = index.topOrdinals(terms, limit: 10, filter: filter)
            Self.expectSameRanking(pruned, index.exhaustiveTopOrdinals(terms, limit: 10, filter: filter))
            #expect(pruned.allSatisfy { index.documentIDs[Int($0.0)] % 2 == 0 })
        }
    }

    @Test(arguments: [RelevanceConfiguration.plainBM25, .production])
    func updatesRankLikeARebuild(configuration: RelevanceConfiguration) {
        var rng = SeededGenerator(state: 42)
        var live: [Int64: AnalyzedDocument] = [:]
        var index = SearchIndex(configuration: configuration)
        for step in 0..<1_500 {
            let id = Int64.random(in: 0..<400, using: &rng)
            if step % 5 == 4 {
                #expect(index.remove(id) == (live.removeValue(forKey: id) != nil))
            } else {
                let document = RandomCorpus.document(&rng, vocabulary: 150)
                if step % 2 == 0 { index.add(id, document) } else { index.replace(id, with: document) }
                live[id] = document
            }
        }
        let rebuilt = SearchIndex(configuration: configuration, documents: live.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
        #expect(index.count == live.count)
        #expect(rebuilt.count == live.count)
        for _ in 0..<50 {
            let query = RandomCorpus.query(&rng, vocabulary: 150)
            let a = index.search(query, limit: 20)
            let b = rebuilt.search(query, limit: 20)
            Self.expectSameRanking(
                a.map { (UInt32($0.documentID), $0.score) }, b.map { (UInt32($0.documentID), $0.score) })
            // Bounds after incremental updates are still true bounds: pruning equals exhaustive scoring.
            let terms = index.resolve(query)
            Self.expectSameRanking(
                index.topOrdinals(terms, limit: 20, filter: nil), index.exhaustiveTopOrdinals(terms, limit: 20, filter: nil),
                documentIDs: { index.documentIDs[Int($0)] })
        }
    }

    @Test func searchExplainsAndNormalisesRelevance() {
        let analyzer = Analyzer()
        let texts = [
            DocumentText(title: "Fuel cell catalyst", description: "A platinum catalyst for hydrogen fuel cells."),
            DocumentText(title: "Wing icing", description: "Heated leading edges prevent ice on wings."),
            DocumentText(title: "燃料電池の触媒", description: "白金触媒"),
            DocumentText(title: "Battery recycling", description: "Recovering lithium from spent cells."),
        ]
        var index = SearchIndex(configuration: .plainBM25)
        for (i, text) in texts.enumerated() { index.add(Int64(i + 10), analyzer.analyze(text)) }
        let query = analyzer.analyzeQuery("catalysts for fuel cells")
        let hits = index.search(query, limit: 10)
        #expect(hits.first?.documentID == 10)
        #expect(hits.allSatisfy { $0.relevance > 0 && $0.relevance <= 1 })
        let explanation = index.explain(query, documentID: 10, document: analyzer.analyze(texts[0]))
        #expect(Set(explanation.map(\.term)) == ["catalyst", "fuel", "cell"])
        #expect(explanation.first { $0.term == "cell" }?.documentSurface == "cell")
        #expect(explanation.first { $0.term == "cell" }?.querySurface == "cells")
        #expect(explanation.first { $0.term == "catalyst" }?.querySurface == "catalysts")
        #expect(abs(explanation.reduce(0) { $0 + $1.contribution } - hits[0].score) < 1e-9)
        #expect(index.search(analyzer.analyzeQuery("燃料電池"), limit: 5).first?.documentID == 12)
        #expect(index.search(analyzer.analyzeQuery("the of"), limit: 5).isEmpty)
        #expect(index.search(query, limit: 10, filter: .excluding([10])).first?.documentID == 13)
        #expect(index.explain(query, documentID: 999).isEmpty)
        index.remove(10)
        #expect(index.search(query, limit: 10).contains { $0.documentID == 10 } == false)
    }
}

@Suite struct SearchIndexStorageTests {
    static func corpus(_ rng: inout SeededGenerator, count: Int, vocabulary: Int, firstID: Int64 = 0) -> [(id: Int64, document: AnalyzedDocument)] {
        (0..<count).map { (id: firstID + Int64($0), document: RandomCorpus.document(&rng, vocabulary: vocabulary)) }
    }

    /// With frozen statistics, a bulk-built store plus tails (added documents) and dead postings (removed or
    /// replaced ones) still ranks exactly, before and after the compaction that merges them.
    @Test(arguments: [7, 8, 9])
    func storeTailsAndDeadPostingsRankExactly(seed: UInt64) {
        var rng = SeededGenerator(state: seed)
        let vocabulary = 200
        var live = Dictionary(uniqueKeysWithValues: Self.corpus(&rng, count: 3_000, vocabulary: vocabulary).map { ($0.id, $0.document) })
        var index = SearchIndex(configuration: .production, documents: live.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
        index.freezeStatistics()
        let storePostings = index.store.postingCount
        for step in 0..<600 {
            let id = Int64.random(in: 0..<3_500, using: &rng)
            if step % 3 == 0 {
                #expect(index.remove(id) == (live.removeValue(forKey: id) != nil))
            } else {
                let document = RandomCorpus.document(&rng, vocabulary: vocabulary)
                index.add(id, document)
                live[id] = document
            }
            if step == 300 {
                // Not yet compacted: the store is unchanged and tails and dead postings are in use.
                #expect(index.store.postingCount == storePostings)
                #expect(index.tailPostings > 0 && index.deadPostings > 0)
                Self.expectExact(index, &rng, vocabulary: vocabulary)
            }
        }
        Self.expectExact(index, &rng, vocabulary: vocabulary)
        var rebuilt = SearchIndex(configuration: .production, documents: live.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
        rebuilt.freezeStatistics(index.frozenStatistics)
        for _ in 0..<30 {
            let query = RandomCorpus.query(&rng, vocabulary: vocabulary)
            SearchIndexTests.expectSameRanking(
                index.search(query, limit: 20).map { (UInt32($0.documentID), $0.score) },
                rebuilt.search(query, limit: 20).map { (UInt32($0.documentID), $0.score) })
        }
        index.compact()
        #expect(index.tailPostings == 0 && index.deadPostings == 0)
        #expect(index.store.postingCount == rebuilt.store.postingCount)
        Self.expectExact(index, &rng, vocabulary: vocabulary)
    }

    /// Under live statistics every change moves the average field lengths, so the store is rebuilt with impacts at
    /// the new averages: no tails, no dead postings, and the same store as a bulk build of the same documents.
    @Test func liveChangesRebuildTheStore() {
        var rng = SeededGenerator(state: 12)
        var index = SearchIndex(configuration: .production, documents: Self.corpus(&rng, count: 500, vocabulary: 100))
        index.add(10_000, RandomCorpus.document(&rng, vocabulary: 100))
        index.remove(3)
        index.replace(4, with: RandomCorpus.document(&rng, vocabulary: 100))
        #expect(index.tailPostings == 0 && index.deadPostings == 0)
        #expect(index.impactAverages == index.averages)
        let rebuilt = SearchIndex(
            configuration: .production,
            documents: index.documentIDs.filter { $0 != SearchIndex.removedID }.map { ($0, index.document($0)!) })
        #expect(index.store.postingCount == rebuilt.store.postingCount)
        #expect(index.maxImpact.filter { $0 > 0 }.sorted() == rebuilt.maxImpact.filter { $0 > 0 }.sorted())
        Self.expectExact(index, &rng, vocabulary: 100)
    }

    static func expectExact(_ index: SearchIndex, _ rng: inout SeededGenerator, vocabulary: Int) {
        for _ in 0..<30 {
            let terms = index.resolve(RandomCorpus.query(&rng, vocabulary: vocabulary))
            for k in [1, 10, 50] {
                SearchIndexTests.expectSameRanking(
                    index.topOrdinals(terms, limit: k, filter: nil), index.exhaustiveTopOrdinals(terms, limit: k, filter: nil),
                    documentIDs: { index.documentIDs[Int($0)] })
            }
            let filter = SearchFilter { $0 % 3 != 0 }
            SearchIndexTests.expectSameRanking(
                index.topOrdinals(terms, limit: 10, filter: filter), index.exhaustiveTopOrdinals(terms, limit: 10, filter: filter),
                documentIDs: { index.documentIDs[Int($0)] })
        }
    }

    /// Large corpora span many windows and blocks: pruning across windows stays exact.
    @Test func manyWindowsRankExactly() {
        var rng = SeededGenerator(state: 11)
        let index = SearchIndex(configuration: .production, documents: SearchBenchmark.syntheticDocuments(count: 12_000, vocabulary: 3_000))
        for query in SearchBenchmark.syntheticQueries(count: 25, vocabulary: 3_000) {
            let terms = index.resolve(query)
            for k in [1, 20] {
                SearchIndexTests.expectSameRanking(
                    index.topOrdinals(terms, limit: k, filter: nil), index.exhaustiveTopOrdinals(terms, limit: k, filter: nil),
                    documentIDs: { index.documentIDs[Int($0)] })
            }
        }
        Self.expectExact(index, &rng, vocabulary: 3_000)
    }

    /// Copies share storage until changed, and changing one never changes the other.
    @Test func copiesAreIndependent() {
        var rng = SeededGenerator(state: 5)
        var a = SearchIndex(configuration: .plainBM25, documents: Self.corpus(&rng, count: 200, vocabulary: 50))
        a.add(1_000, RandomCorpus.document(&rng, vocabulary: 50))
        let query = RandomCorpus.query(&rng, vocabulary: 50)
        let before = a.search(query, limit: 50)
        var b = a
        for i in 0..<40 { b.add(2_000 + Int64(i), RandomCorpus.document(&rng, vocabulary: 50)) }
        b.remove(1_000)
        b.remove(3)
        #expect(a.search(query, limit: 50) == before)
        #expect(a.contains(1_000) && a.contains(3) && !b.contains(1_000) && !b.contains(3))
        #expect(b.count == a.count + 38)
    }

    @Test func postingBufferGrowsAndCopies() {
        let buffer = PostingBuffer<UInt32>(capacity: 1)
        for i in 0..<1_000 { buffer.append(UInt32(i)) }
        let copy = buffer.copy()
        copy.append(7)
        #expect(buffer.count == 1_000 && copy.count == 1_001)
        #expect(Array(buffer.elements) == (0..<1_000).map { UInt32($0) })
        #expect(copy[1_000] == 7)
    }
}

@Suite struct RerankingTests {
    /// The re-ranking policy scores documents exactly like the full second pass, and returns the best of the
    /// first pass's top `depth` under the expanded query.
    @Test func rerankingScoresLikeTheFullSecondPass() {
        var rng = SeededGenerator(state: 21)
        let index = SearchIndex(
            configuration: .production, documents: SearchIndexStorageTests.corpus(&rng, count: 1_500, vocabulary: 300))
        for _ in 0..<30 {
            let query = RandomCorpus.query(&rng, vocabulary: 300)
            let expanded = index.resolve(index.expandedQuery(query))
            let full = Dictionary(
                index.exhaustiveTopOrdinals(expanded, limit: 1_500, filter: nil).map { (index.documentIDs[Int($0.0)], $0.1) },
                uniquingKeysWith: { a, _ in a })
            for depth in [5, 40, 2_000] {
                let hits = index.search(query, limit: 10, rerankingDepth: depth)
                let first = Set(index.rank(query, limit: max(depth, 10)).map(\.documentID))
                #expect(hits.count == min(10, first.count))
                for hit in hits {
                    #expect(first.contains(hit.documentID))
                    #expect(abs(hit.score - (full[hit.documentID] ?? 0)) <= 1e-9 * max(1, hit.score))
                }
                let best = first.map { full[$0] ?? 0 }.sorted(by: >).prefix(hits.count)
                for (hit, score) in zip(hits, best) { #expect(abs(hit.score - score) <= 1e-9 * max(1, score)) }
            }
        }
    }
}

@Suite struct QueryReductionAndCandidateTests {
    static func index(_ configuration: RelevanceConfiguration = .production) -> SearchIndex {
        var rng = SeededGenerator(state: 33)
        return SearchIndex(configuration: configuration, documents: SearchIndexStorageTests.corpus(&rng, count: 800, vocabulary: 400))
    }

    /// A long query keeps its `queryTermLimit` terms of largest weight × idf, in query order; a short one is unchanged.
    @Test func longQueriesKeepTheirMostCharacteristicTerms() throws {
        let index = Self.index()
        let limit = try #require(index.configuration.queryTermLimit)
        var rng = SeededGenerator(state: 5)
        for _ in 0..<20 {
            var query = RandomCorpus.query(&rng, vocabulary: 400)
            while query.terms.count <= limit + 10 { query = AnalyzedQuery(terms: query.terms + RandomCorpus.query(&rng, vocabulary: 400).terms) }
            query.terms.append(AnalyzedQuery.Term(term: "never-indexed", surface: "never-indexed", weight: 100))
            let reduced = index.reduced(query)
            #expect(reduced.terms.count == limit)
            #expect(!reduced.terms.contains { $0.term == "never-indexed" })
            let resolved = index.resolve(query)
            let kept = Set(reduced.terms.map(\.term))
            let weightOf = Dictionary(resolved.map { (query.terms[$0.queryIndex].term, $0.weight) }, uniquingKeysWith: max)
            let lowestKept = kept.map { weightOf[$0]! }.min()!
            #expect(resolved.allSatisfy { kept.contains(query.terms[$0.queryIndex].term) || $0.weight <= lowestKept })
            let order = query.terms.map(\.term).filter(kept.contains)
            #expect(reduced.terms.map(\.term) == order)
            let short = AnalyzedQuery(terms: Array(query.terms.prefix(5)))
            #expect(index.reduced(short) == short)
        }
        var unlimited = RelevanceConfiguration.production
        unlimited.queryTermLimit = nil
        let long = AnalyzedQuery(terms: (0..<200).map { AnalyzedQuery.Term(term: "t\($0)", surface: "t\($0)", weight: 1) })
        #expect(Self.index(unlimited).reduced(long) == long)
    }

    /// The matcher's candidates under a filter are the filtered first pass's best, scored by the expanded query
    /// (which comes from the unfiltered index), whether the unfiltered first pass had enough of them or not.
    @Test func candidatesAreTheFilteredFirstPassScoredByTheUnfilteredExpansion() {
        var exact = RelevanceConfiguration.production
        exact.cascade = nil
        let index = Self.index(exact)
        var rng = SeededGenerator(state: 9)
        for round in 0..<20 {
            let query = RandomCorpus.query(&rng, vocabulary: 400)
            let modulus = Int64(round % 2 == 0 ? 2 : 97)  // half the documents pass, or almost none
            let filter = SearchFilter { $0 % modulus == 0 }
            let result = index.candidates(query, limit: 30, filter: filter)
            let (expanded, hits) = (result.expanded, result.hits)
            #expect(expanded == index.expandedQuery(query))
            let expectedIDs = index.rank(index.reduced(query), limit: 30, filter: filter).map(\.documentID)
            #expect(Set(hits.map(\.documentID)) == Set(expectedIDs))
            #expect(hits.allSatisfy { $0.documentID % modulus == 0 })
            for hit in hits { #expect(hit == index.score(expanded, documentID: hit.documentID)) }
            #expect(hits.map(\.score) == hits.map(\.score).sorted(by: >))
        }
    }

    /// Building through `Builder` equals the bulk initialiser; `document(_:)` gives back what was indexed.
    @Test func builderAndDocumentsRoundTrip() {
        var rng = SeededGenerator(state: 12)
        let documents = SearchIndexStorageTests.corpus(&rng, count: 300, vocabulary: 200)
        var builder = SearchIndex.Builder(configuration: .production)
        for (id, document) in documents { builder.add(id, document) }
        let built = builder.build()
        let bulk = SearchIndex(configuration: .production, documents: documents)
        let query = RandomCorpus.query(&rng, vocabulary: 200)
        #expect(built.search(query, limit: 20) == bulk.search(query, limit: 20))
        for (id, document) in documents.prefix(50) {
            let back = built.document(id)
            #expect(back?.fieldLengths == document.fieldLengths)
            #expect(back?.terms.map(\.term) == document.terms.map(\.term))
            #expect(back?.terms.map(\.frequencies) == document.terms.map(\.frequencies))
        }
        #expect(built.document(-1) == nil)
    }
}

@Suite struct CascadeTests {
    /// Short queries rank exactly; long ones go through the cascade, whose shorter first passes are prefixes of
    /// longer ones (so feedback and candidates agree) and which finds most of the exact first pass.
    @Test func cascadeIsExactForShortQueriesAndConsistentForLongOnes() throws {
        var rng = SeededGenerator(state: 77)
        let index = SearchIndex(configuration: .production, documents: SearchIndexStorageTests.corpus(&rng, count: 3_000, vocabulary: 2_000))
        let cascade = try #require(index.configuration.cascade)
        var recalls: [Double] = []
        for _ in 0..<40 {
            var long = RandomCorpus.query(&rng, vocabulary: 2_000)
            while long.terms.count <= cascade.terms + 8 { long = AnalyzedQuery(terms: long.terms + RandomCorpus.query(&rng, vocabulary: 2_000).terms) }
            let short = AnalyzedQuery(terms: Array(long.terms.prefix(cascade.terms)))
            #expect(index.firstPassRecall(short, limit: 50) == 1)
            let exactShort = index.topOrdinals(index.resolve(short), limit: 50, filter: nil).map(\.1).sorted(by: >)
            #expect(index.firstPass(short, limit: 50, filter: nil).map(\.1) == exactShort)

            let query = index.reduced(long)
            let hundred = index.firstPass(query, limit: 100, filter: nil)
            let five = index.firstPass(query, limit: 5, filter: nil)
            #expect(five.map(\.0) == hundred.prefix(5).map(\.0))
            for (ordinal, score) in hundred {
                let id = index.documentIDs[Int(ordinal)]
                #expect(abs(score - index.score(query, documentID: id)!.score) <= 1e-9 * max(1, score))
            }
            recalls.append(index.firstPassRecall(long, limit: 100))
        }
        let mean = recalls.reduce(0, +) / Double(recalls.count)
        #expect(mean >= 0.8, "mean first-pass recall of the cascade: \(mean)")
    }

    /// A first pass shorter than the pool stops scoring the pool early; it must return exactly the whole scored
    /// pool's prefix (documents, order and scores), with or without a filter, and the same admission.
    @Test func earlyStoppedFirstPassesEqualTheWholePoolsPrefix() throws {
        var rng = SeededGenerator(state: 91)
        let index = SearchIndex(configuration: .production, documents: SearchIndexStorageTests.corpus(&rng, count: 3_000, vocabulary: 2_000))
        let cascade = try #require(index.configuration.cascade)
        let evenIDs = SearchFilter { $0 % 2 == 0 }
        for _ in 0..<40 {
            var long = RandomCorpus.query(&rng, vocabulary: 2_000)
            while long.terms.count <= cascade.terms + 8 { long = AnalyzedQuery(terms: long.terms + RandomCorpus.query(&rng, vocabulary: 2_000).terms) }
            let query = index.reduced(long)
            for filter in [nil, evenIDs] {
                for limit in [1, 5, 10, 50, cascade.pool - 1] {
                    var poolAdmission = Double.infinity
                    let whole = index.pool(query, limit: limit, filter: filter, admission: &poolAdmission).ranked.prefix(limit)
                    var admission = Double.infinity
                    let pass = index.firstPass(query, limit: limit, filter: filter, admission: &admission)
                    #expect(pass.map(\.0) == whole.map(\.0), "limit \(limit)")
                    #expect(pass.map(\.1) == whole.map(\.1), "limit \(limit)")
                    #expect(admission == poolAdmission)
                }
            }
        }
    }
}
