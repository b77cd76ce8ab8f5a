import Testing

@testable import Matching

@Suite struct ConcurrentMapTests {
    @Test func keepsOrderAndEveryElement() {
        for count in [0, 1, 2, 3, 17, 10_000] {
            let values = Array(0..<count)
            #expect(values.concurrentMap { $0 * 3 + 1 } == values.map { $0 * 3 + 1 }, "count \(count)")
        }
    }

    @Test func runsEveryElementOnce() {
        let values = (0..<5_000).map { "item \($0)" }
        let mapped = values.concurrentMap { $0.uppercased() }
        #expect(mapped.count == values.count)
        #expect(Set(mapped).count == values.count)
        #expect(mapped.last == "ITEM 4999")
    }
}
