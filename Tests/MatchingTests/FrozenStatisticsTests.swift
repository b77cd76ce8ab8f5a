import Testing

@testable import Matching

/// Frozen corpus statistics and list admissions, the two facts incremental matching rests on.
@Suite struct FrozenStatisticsTests {
    static func corpus(_ seed: UInt64, count: Int) -> [(id: Int64, document: AnalyzedDocument)] {
        var rng = SeededGenerator(state: seed)
        return (0..<count).map { (Int64($0), RandomCorpus.document(&rng, vocabulary: 300)) }
    }

    @Test func statisticsRoundTripThroughTheirEncoding() throws {
        let index = SearchIndex(documents: Self.corpus(1, count: 200))
        let statistics = index.liveStatistics
        #expect(statistics.documentCount == 200 && !statistics.documentFrequencies.isEmpty)
        #expect(try CorpusStatistics(encoded: statistics.encoded) == statistics)
        #expect(throws: CorpusStatistics.DecodingError.self) { try CorpusStatistics(encoded: Array(statistics.encoded.dropLast())) }
        #expect(throws: CorpusStatistics.DecodingError.self) { try CorpusStatistics(encoded: []) }
    }

    /// Frozen, a change to one document leaves every other document's score as it was; live, it moves them.
    @Test func frozenScoresDoNotMoveWhenAnotherDocumentChanges() {
        let documents = Self.corpus(2, count: 300)
        var rng = SeededGenerator(state: 99)
        let query = RandomCorpus.query(&rng, vocabulary: 300)
        let extra = RandomCorpus.document(&rng, vocabulary: 300)
        var live = SearchIndex(documents: documents)
        var frozen = live
        frozen.freezeStatistics()
        let ids = documents.map(\.id)
        let liveBefore = live.scores(query, documentIDs: ids).map(\.score)
        let frozenBefore = frozen.scores(query, documentIDs: ids).map(\.score)
        #expect(liveBefore == frozenBefore, "a snapshot of the live statistics scores as they do")
        live.add(1_000, extra)
        live.remove(7)
        frozen.add(1_000, extra)
        frozen.remove(7)
        let others = ids.filter { $0 != 7 }
        #expect(frozen.scores(query, documentIDs: others).map(\.score) == frozenBefore.enumerated().filter { $0.offset != 7 }.map(\.element))
        #expect(live.scores(query, documentIDs: others).map(\.score) != liveBefore.enumerated().filter { $0.offset != 7 }.map(\.element))
    }

    /// An index updated document by document and one built afresh from the same documents, both frozen at the same
    /// statistics, rank alike.
    @Test func updatedAndFreshIndexesAtTheSameStatisticsRankAlike() {
        let documents = Self.corpus(3, count: 400)
        var updated = SearchIndex(documents: documents.prefix(300))
        let statistics = updated.liveStatistics
        updated.freezeStatistics(statistics)
        for (id, document) in documents.dropFirst(300) { updated.add(id, document) }
        for id in stride(from: Int64(0), to: 300, by: 7) { updated.remove(id) }
        let kept = documents.filter { $0.id >= 300 || $0.id % 7 != 0 }
        var fresh = SearchIndex(documents: kept)
        fresh.freezeStatistics(statistics)
        var rng = SeededGenerator(state: 5)
        for _ in 0..<40 {
            let query = RandomCorpus.query(&rng, vocabulary: 300)
            let a = updated.candidates(query, limit: 20, filter: nil)
            let b = fresh.candidates(query, limit: 20, filter: nil)
            #expect(a.hits.map(\.documentID) == b.hits.map(\.documentID))
            #expect(a.admission == b.admission)
        }
    }

    /// A document scoring below a query's admission under its admission terms changes nothing when added (queries
    /// with a term the document brings into the index for the first time aside: they resolve anew, and the
    /// maintainer recomputes them for that reason).
    @Test func documentsBelowTheAdmissionLeaveTheCandidatesAlone() {
        let documents = Self.corpus(4, count: 600)
        var index = SearchIndex(documents: documents)
        index.freezeStatistics()
        var rng = SeededGenerator(state: 11)
        let queries = (0..<30).map { _ in RandomCorpus.query(&rng, vocabulary: 300) }
        var admissions = AdmissionIndex()
        var before: [[Hit]] = []
        for (q, query) in queries.enumerated() {
            let candidates = index.candidates(query, limit: 20, filter: nil)
            admissions.set(Int64(q), terms: candidates.admissionTerms, admission: candidates.admission)
            before.append(candidates.hits)
        }
        var unchangedChecked = 0
        var admittedCount = 0
        for n in 0..<40 {
            var changed = index
            let id = Int64(10_000 + n)
            changed.add(id, RandomCorpus.document(&rng, vocabulary: 300))
            let admitted = admissions.owners(admitting: id, in: changed)
            admittedCount += admitted.count
            let appeared = Set(changed.terms(of: id).filter { index.documentFrequency(of: $0) == 0 })
            for (q, query) in queries.enumerated() where !admitted.contains(Int64(q)) && !query.terms.contains(where: { appeared.contains($0.term) }) {
                let after = changed.candidates(query, limit: 20, filter: nil).hits
                #expect(after.map(\.documentID) == before[q].map(\.documentID) && after.map(\.score) == before[q].map(\.score), "query \(q), document \(id)")
                unchangedChecked += 1
            }
        }
        #expect(unchangedChecked > 100)
        #expect(admittedCount > 0, "some documents are admitted somewhere")
    }
}
