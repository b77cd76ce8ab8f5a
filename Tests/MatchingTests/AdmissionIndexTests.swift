import Testing

@testable import Matching

/// `AdmissionIndex`: after any sequence of owners set, replaced and removed, the owners it finds admitting a
/// document are exactly those whose admission terms score the document at or above their admission.
@Suite struct AdmissionIndexTests {
    @Test func admittedOwnersAreThoseWhoseTermsReachTheirAdmissionAfterAnyChanges() {
        var rng = SeededGenerator(state: 77)
        let index = SearchIndex(documents: FrozenStatisticsTests.corpus(8, count: 400))
        let termCount = index.termStrings.count
        var admissions = AdmissionIndex()
        var live: [Int64: (terms: [(term: Int, weight: Double)], admission: Double)] = [:]
        var checked = 0
        var admittedTotal = 0
        for step in 0..<3_000 {
            let owner = Int64.random(in: 0..<300, using: &rng)
            if Int.random(in: 0..<4, using: &rng) == 0 {
                admissions.remove(owner)
                live[owner] = nil
            } else {
                // Terms may repeat (their weights then add up), as a query's may.
                let terms = (0..<Int.random(in: 1...6, using: &rng)).map { _ in
                    (term: Int.random(in: 0..<min(termCount, 40), using: &rng), weight: Double.random(in: 0.1...3, using: &rng))
                }
                let admission = Double.random(in: 0...2, using: &rng)
                admissions.set(owner, terms: terms, admission: admission)
                live[owner] = (terms, admission)
            }
            guard step % 50 == 0 else { continue }
            for documentID in (0..<10).map({ _ in Int64.random(in: 0..<400, using: &rng) }) {
                var saturation: [Int: Double] = [:]
                for (term, value) in index.saturations(of: documentID) { saturation[term, default: 0] += value }
                let expected = Set(live.compactMap { owner, entry -> Int64? in
                    let score = entry.terms.reduce(0.0) { $0 + $1.weight * (saturation[$1.term] ?? 0) }
                    return score > 0 && score >= entry.admission - 1e-9 * max(1, entry.admission) ? owner : nil
                })
                #expect(admissions.owners(admitting: documentID, in: index) == expected, "step \(step), document \(documentID)")
                #expect(admissions.count == live.count)
                checked += 1
                admittedTotal += expected.count
            }
        }
        #expect(checked == 600 && admittedTotal > 1_000, "\(admittedTotal) admissions checked")
    }

    /// Documents arriving together (their admitting owners worked out on every core) wait exactly as they would
    /// arriving one by one, in the same order.
    @Test func arrivalsTogetherWaitAsArrivalsOneByOne() {
        var rng = SeededGenerator(state: 78)
        let index = SearchIndex(documents: FrozenStatisticsTests.corpus(8, count: 400))
        let termCount = index.termStrings.count
        var admissions = AdmissionIndex()
        for owner in Int64(0)..<300 {
            let terms = (0..<Int.random(in: 1...6, using: &rng)).map { _ in
                (term: Int.random(in: 0..<min(termCount, 40), using: &rng), weight: Double.random(in: 0.1...3, using: &rng))
            }
            admissions.set(owner, terms: terms, admission: Double.random(in: 0...2, using: &rng))
        }
        let documents = (0..<12).map { _ in Int64.random(in: 0..<400, using: &rng) }
        var together = admissions
        together.arrive(documents, in: index)
        var oneByOne = admissions
        for id in documents { oneByOne.arrive(id, in: index) }
        #expect(together.waitingCount == oneByOne.waitingCount)
        #expect(together.waitingCount > 6, "most of the documents reach some owner")
        for id in documents {
            var probe = admissions
            let expected = probe.owners(admitting: id, in: index)
            guard !expected.isEmpty else { continue }
            // Owners without bounds report every arrival admitted to them.
            let a = together.takeInOldest(in: index, state: { _ in .current }, query: { _ in nil }, total: { _, _, _ in nil })
            let b = oneByOne.takeInOldest(in: index, state: { _ in .current }, query: { _ in nil }, total: { _, _, _ in nil })
            #expect(Set(a.map(\.owner)) == expected, "document \(id)")
            #expect(a.map(\.owner) == b.map(\.owner), "document \(id)")
        }
        #expect(together.waitingCount == 0 && oneByOne.waitingCount == 0)
    }
}
