import Testing

@testable import Matching

@Suite struct SmallestTests {
    /// `smallest(k)` is `sorted().prefix(k)` for any k, including ties broken by a second key.
    @Test func smallestIsTheSortedPrefix() {
        var rng = SeededGenerator(state: 12)
        for _ in 0..<200 {
            let elements = (0..<Int.random(in: 0...60, using: &rng)).map { id in (id: id, score: Double(Int.random(in: 0...9, using: &rng))) }
            let order = { (a: (id: Int, score: Double), b: (id: Int, score: Double)) in a.score != b.score ? a.score < b.score : a.id > b.id }
            let k = Int.random(in: 0...70, using: &rng)
            #expect(elements.smallest(k, by: order).map(\.id) == Array(elements.sorted(by: order).prefix(k)).map(\.id))
        }
    }
}
