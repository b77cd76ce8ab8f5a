extension Sequence {
    /// The first `k` elements in `areInIncreasingOrder`'s order, in that order: `sorted(by:).prefix(k)` for a
    /// strict total order, without sorting the rest (an insertion into at most `k` kept elements for each one that
    /// ranks before the last kept).
    func smallest(_ k: Int, by areInIncreasingOrder: (Element, Element) -> Bool) -> [Element] {
        guard k > 0 else { return [] }
        var kept: [Element] = []
        kept.reserveCapacity(k + 1)
        for element in self {
            if kept.count == k, !areInIncreasingOrder(element, kept[k - 1]) { continue }
            kept.insert(element, at: kept.firstIndex { areInIncreasingOrder(element, $0) } ?? kept.endIndex)
            if kept.count > k { kept.removeLast() }
        }
        return kept
    }
}
