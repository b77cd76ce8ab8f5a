import CPrefetch

/// Top-k retrieval with MaxScore dynamic pruning.
extension SearchIndex {
    /// A query term resolved against the index.
    struct ResolvedTerm {
        var id: Int
        /// The term's position in the query.
        var queryIndex: Int
        /// Query weight times idf.
        var weight: Double
        /// An upper bound of the term's contribution to any document's score.
        var upperBound: Double
    }

    /// Ranks documents for a query: BM25F, with pseudo-relevance feedback when the configuration has it.
    ///
    /// - Parameters:
    ///   - query: the analysed query.
    ///   - limit: how many hits to return at most.
    ///   - filter: documents to consider; nil considers all.
    /// - Returns: hits by descending score (ties by ascending document id).
    ///
    /// With a `RelevanceConfiguration.rerankingDepth`, the expanded query re-scores the first pass's best
    /// `max(depth, limit)` documents (`search(_:limit:filter:rerankingDepth:)`); otherwise it ranks the whole index.
    public func search(_ query: AnalyzedQuery, limit: Int, filter: SearchFilter? = nil) -> [Hit] {
        let query = reduced(query)
        if let depth = configuration.rerankingDepth { return search(query, limit: limit, filter: filter, rerankingDepth: depth) }
        let final = expandedQuery(query, filter: filter)
        return rank(final, limit: limit, filter: filter)
    }

    /// Ranks documents for a query with BM25F only (no feedback).
    public func rank(_ query: AnalyzedQuery, limit: Int, filter: SearchFilter? = nil) -> [Hit] {
        let terms = resolve(query)
        let ideal = idealScore(terms)
        return topOrdinals(terms, limit: limit, filter: filter).map { ordinal, score in
            Hit(documentID: documentIDs[Int(ordinal)], score: score, relevance: ideal > 0 ? min(1, score / ideal) : 0)
        }
        .sorted { $0.score != $1.score ? $0.score > $1.score : $0.documentID < $1.documentID }
    }

    /// The query cut to `RelevanceConfiguration.queryTermLimit` terms: those of largest weight × idf here (ties:
    /// earlier in the query), in their query order; terms this index does not know are dropped first. Unchanged
    /// when it is within the limit.
    public func reduced(_ query: AnalyzedQuery) -> AnalyzedQuery {
        guard let limit = configuration.queryTermLimit, query.terms.count > limit else { return query }
        let kept = resolve(query).sorted { $0.weight != $1.weight ? $0.weight > $1.weight : $0.queryIndex < $1.queryIndex }
            .prefix(limit).map(\.queryIndex).sorted()
        return AnalyzedQuery(terms: kept.map { query.terms[$0] })
    }

    /// The score of a document that matches every query term with unbounded frequency: the bound that
    /// `Hit.relevance` divides by.
    func idealScore(_ terms: [ResolvedTerm]) -> Double {
        terms.reduce(0) { $0 + $1.weight }
    }

    func resolve(_ query: AnalyzedQuery) -> [ResolvedTerm] {
        let k1 = configuration.k1
        var result: [ResolvedTerm] = []
        result.reserveCapacity(query.terms.count)
        for (queryIndex, term) in query.terms.enumerated() where term.weight > 0 {
            // A term is resolved when a live document has it, whatever the statistics.
            guard let t = termIDs[term.term], documentFrequency[Int(t)] > 0 else { continue }
            let weight = term.weight * idf(documentFrequency: scoringDocumentFrequency(Int(t)))
            let bound = Self.bound(weight: weight, pseudoFrequency: maxImpact[Int(t)], k1: k1)
            result.append(ResolvedTerm(id: Int(t), queryIndex: queryIndex, weight: weight, upperBound: bound))
        }
        return result
    }

    /// An upper bound of `weight · x / (k1 + x)` for pseudo-frequencies up to `x`, slightly inflated so that
    /// Float rounding can never make a real contribution exceed it.
    @inline(__always)
    static func bound(weight: Double, pseudoFrequency: Float, k1: Double) -> Double {
        let x = Double(pseudoFrequency)
        return weight * (x / (k1 + x)) * 1.0001 + 1e-12
    }

    /// The ordinal window processed at a time by `topOrdinals`. It and `mergeRatio` were chosen on `bench match`'s
    /// `production` p50 at a million seeds, windows of 2^9–2^15 and ratios 2–1000 timed on one index: a top-300
    /// first pass touches most postings of its lists, so large windows that merge nearly always were best
    /// (2^11 with 4: 2.24–2.54 ms; 2^12–2^15 with 16–32: 1.89–2.07 ms).
    static let windowShift = 13
    static let windowSize = 1 << windowShift
    /// A non-essential list is merged into a window's accumulator instead of probed per candidate when it has at
    /// most this many postings per candidate there.
    static let mergeRatio = 32
    /// Candidates are swept (those that can no longer reach the k-th score dropped) only while at least this many
    /// non-essential lists remain: a sweep is a pass over every candidate, which pays for itself only by sparing
    /// many probes per candidate. Timed on `bench match` at a million seeds, each query run with and without the
    /// rule in turn (six rounds): `production` (at most a dozen lists) p50 1.76–2.07 ms against 2.25–2.55 ms with
    /// a sweep whenever the bounds allowed one; `bm25f` (every term of a need) unchanged at 23 ms, while never
    /// sweeping doubles it.
    static let sweepMinimumLists = 16

    /// One posting list being traversed: a term's store postings or its tail.
    struct Cursor {
        var ordinals: UnsafePointer<UInt32>
        var impacts: UnsafePointer<Float>
        var position: Int
        var count: Int
        /// The first of this list's blocks in `blockMax`, or -1 for a tail (bounded by the term bound only).
        var firstBlock: Int
        var weight: Double
        var termBound: Double
        /// A store list's expected postings per window (its density); -1 for a tail.
        var perWindow: Int

        @inline(__always) var current: UInt32 { position < count ? ordinals[position] : UInt32.max }

        /// Moves to the first posting at or after `target` (galloping search).
        @inline(__always) mutating func seek(_ target: UInt32) {
            guard position < count, ordinals[position] < target else { return }
            var lo = position
            var step = 1
            var hi = position + step
            while hi < count && ordinals[hi] < target {
                lo = hi
                step <<= 1
                hi = lo + step
            }
            if hi > count { hi = count }
            var l = lo + 1
            var h = hi
            while l < h {
                let mid = (l + h) >> 1
                if ordinals[mid] < target { l = mid + 1 } else { h = mid }
            }
            position = l
        }
    }

    /// The best `limit` (ordinal, score) pairs, found with block-max MaxScore over ordinal windows.
    ///
    /// Ordinals are processed in windows of `windowSize`. In each window every list's bound is the largest of its
    /// blocks overlapping the window (term bound for tails); lists are sorted by that bound, and the lists whose
    /// bounds together stay below the current k-th score are non-essential: a document matching only them cannot
    /// enter the top k. The essential lists are scored term at a time into a window accumulator; each document
    /// found there is completed from the non-essential lists (highest bound first) for as long as its score plus
    /// their remaining bounds can still reach the k-th score: a list with few postings per candidate in the window
    /// is merged into the accumulator term at a time, the others are probed per candidate. A window whose bounds
    /// sum below the k-th score is skipped. The result is exactly the exhaustive top k.
    ///
    /// The loops are shaped by where the time goes at a million documents (`bench match`): a posting's score comes
    /// from its list alone (its impact), a candidate's id — a load scattered over a large array — is read only
    /// for a filter, a dead-ordinal check or a tie (and prefetched then), and candidates are swept only when many
    /// lists remain to be probed and their bounds have fallen enough for the sweep to drop many candidates.
    func topOrdinals(_ terms: [ResolvedTerm], limit: Int, filter: SearchFilter?) -> [(UInt32, Double)] {
        guard limit > 0, !terms.isEmpty else { return [] }
        let store = self.store
        let k1 = configuration.k1
        let heap = TopHeap(capacity: limit, documentIDs: documentIDs)

        var cursors: [Cursor] = []
        cursors.reserveCapacity(terms.count * 2)
        var totalBound = 0.0
        for term in terms {
            let t = term.id
            if t < store.termCount && store.start[t + 1] > store.start[t] {
                let start = store.start[t]
                cursors.append(
                    Cursor(
                        ordinals: UnsafePointer(store.ordinals.pointer + start),
                        impacts: UnsafePointer(store.impacts.pointer + start), position: 0,
                        count: store.start[t + 1] - start, firstBlock: store.blockStart[t], weight: term.weight,
                        termBound: term.upperBound,
                        perWindow: (store.start[t + 1] - start) * Self.windowSize / max(1, documentIDs.count)))
                totalBound += term.upperBound
            }
            if let tail = tails[t], tail.count > 0 {
                cursors.append(
                    Cursor(
                        ordinals: UnsafePointer(tail.ordinals.pointer), impacts: UnsafePointer(tail.impacts.pointer),
                        position: 0, count: tail.count, firstBlock: -1, weight: term.weight, termBound: term.upperBound, perWindow: -1))
                totalBound += term.upperBound
            }
        }
        let n = cursors.count
        guard n > 0 else { return [] }
        let windowSize = Self.windowSize
        // Postings of removed documents stay in the lists until a compaction.
        let mayBeDead = deadPostings > 0
        // A dead document's tag may be allowed: it is dropped by `mayBeDead` below before it can enter the heap.
        let allowedTags = filter?.allowedTags
        // Keeps the store and the tails (whose buffers the cursors point into) alive while searching.
        return withExtendedLifetime((store, tails)) {
            cursors.withUnsafeMutableBufferPointer { cursors in
                documentIDs.withUnsafeBufferPointer { documentIDs in
                    blockMax.withUnsafeBufferPointer { blockMax in
                        let blockLast = store.blockLast.pointer
                        let accumulator = UnsafeMutablePointer<Double>.allocate(capacity: windowSize)
                        accumulator.initialize(repeating: 0, count: windowSize)
                        let seen = UnsafeMutablePointer<UInt64>.allocate(capacity: windowSize / 64)
                        seen.initialize(repeating: 0, count: windowSize / 64)
                        let slots = UnsafeMutablePointer<UInt16>.allocate(capacity: windowSize)
                        let order = UnsafeMutablePointer<Int>.allocate(capacity: n)
                        let windowBound = UnsafeMutablePointer<Double>.allocate(capacity: n)
                        let prefix = UnsafeMutablePointer<Double>.allocate(capacity: n)
                        defer {
                            accumulator.deallocate()
                            seen.deallocate()
                            slots.deallocate()
                            order.deallocate()
                            windowBound.deallocate()
                            prefix.deallocate()
                        }
                        var threshold = -Double.infinity
                        var windowStart = UInt32.max
                        for i in 0..<n { windowStart = min(windowStart, cursors[i].current) }
                        while windowStart != UInt32.max {
                            if totalBound < threshold { break }
                            let windowEnd = UInt32(min(UInt64(windowStart) + UInt64(windowSize), UInt64(UInt32.max)))
                            // Window bounds from the block maxima.
                            for i in 0..<n {
                                let c = cursors[i]
                                var bound = 0.0
                                if c.position < c.count && c.ordinals[c.position] < windowEnd {
                                    if c.firstBlock < 0 {
                                        bound = c.termBound
                                    } else {
                                        var b = c.position >> PostingStore.blockShift
                                        var maximum = blockMax[c.firstBlock + b]
                                        while blockLast[c.firstBlock + b] < windowEnd
                                            && (b + 1) << PostingStore.blockShift < c.count
                                        {
                                            b += 1
                                            maximum = max(maximum, blockMax[c.firstBlock + b])
                                        }
                                        bound = Self.bound(weight: c.weight, pseudoFrequency: maximum, k1: k1)
                                    }
                                }
                                windowBound[i] = bound
                                // Insertion sort by ascending bound.
                                var j = i
                                while j > 0 && windowBound[order[j - 1]] > bound {
                                    order[j] = order[j - 1]
                                    j -= 1
                                }
                                order[j] = i
                            }
                            var running = 0.0
                            var essential = 0
                            for j in 0..<n {
                                running += windowBound[order[j]]
                                prefix[j] = running
                                if running < threshold { essential = j + 1 }
                            }
                            if running >= threshold && essential < n {
                                // Essential lists, term at a time, into the accumulator.
                                for j in essential..<n {
                                    let i = order[j]
                                    var c = cursors[i]
                                    let weight = c.weight
                                    var p = c.position
                                    while p < c.count {
                                        let o = c.ordinals[p]
                                        if o >= windowEnd { break }
                                        let x = Double(c.impacts[p])
                                        let slot = Int(o &- windowStart)
                                        accumulator[slot] += weight * (x / (k1 + x))
                                        seen[slot >> 6] |= 1 << UInt64(slot & 63)
                                        p += 1
                                    }
                                    c.position = p
                                    cursors[i] = c
                                }
                                // The candidates, in ordinal order. From here on a candidate's slot holds its score so far
                                // (positive: every contribution is) and any other slot 0.
                                var candidates = 0
                                for word in 0..<windowSize / 64 {
                                    var bits = seen[word]
                                    seen[word] = 0
                                    while bits != 0 {
                                        slots[candidates] = UInt16(word << 6 | bits.trailingZeroBitCount)
                                        bits &= bits &- 1
                                        candidates += 1
                                    }
                                }
                                // Non-essential lists with few postings per candidate in this window are merged term at a
                                // time too (highest bound first); the others are probed per candidate below. While
                                // `sweepMinimumLists` remain, candidates that can no longer reach the k-th score are
                                // dropped by a sweep each time the remaining lists' bounds have fallen by a quarter since
                                // the last one (a sweep after every list cost more than it saved; none at all, far more
                                // with a hundred lists: it keeps the count that decides between merging and probing
                                // true). Both loops are branch-free: whether a posting is a candidate's, or a candidate
                                // stays, is a coin toss.
                                var probeFrom = essential - 1
                                var sweptRest = probeFrom >= 0 ? prefix[probeFrom] : 0
                                while probeFrom >= 0 && candidates > 0 {
                                    let i = order[probeFrom]
                                    let c = cursors[i]
                                    // A store list's postings here are estimated from its density (a search for the
                                    // window's end would cost as much as merging them); a tail's are counted.
                                    var inWindow = c.perWindow
                                    if inWindow < 0 {
                                        var end = c
                                        end.seek(windowEnd)
                                        inWindow = end.position - c.position
                                    }
                                    if inWindow > Self.mergeRatio * candidates { break }
                                    var p = c.position
                                    while p < c.count {
                                        let o = c.ordinals[p]
                                        if o >= windowEnd { break }
                                        let slot = Int(o &- windowStart)
                                        let x = Double(c.impacts[p])
                                        let score = accumulator[slot]
                                        accumulator[slot] = score > 0 ? score + c.weight * (x / (k1 + x)) : 0
                                        p += 1
                                    }
                                    cursors[i].position = p
                                    probeFrom -= 1
                                    let rest = probeFrom >= 0 ? prefix[probeFrom] : 0
                                    if rest > 0.75 * sweptRest || probeFrom + 1 < Self.sweepMinimumLists { continue }
                                    sweptRest = rest
                                    var kept = 0
                                    for k in 0..<candidates {
                                        let slot = slots[k]
                                        let score = accumulator[Int(slot)]
                                        let stays = score + rest >= threshold
                                        slots[kept] = slot
                                        kept += stays ? 1 : 0
                                        accumulator[Int(slot)] = stays ? score : 0
                                    }
                                    candidates = kept
                                }
                                for k in 0..<candidates {
                                    let slot = Int(slots[k])
                                    var score = accumulator[slot]
                                    accumulator[slot] = 0
                                    if probeFrom >= 0 && score + prefix[probeFrom] < threshold { continue }
                                    let ordinal = windowStart &+ UInt32(slot)
                                    // The document's id (a load from a large array) is read only when needed:
                                    // for the filter, or once the complete score can enter the heap while
                                    // some ordinals are dead; its load starts now, while the probes below run.
                                    if mayBeDead || (filter != nil && allowedTags == nil) { cm_prefetch(documentIDs.baseAddress! + Int(ordinal)) }
                                    if let allowedTags {
                                        let tag = Int(tags[Int(ordinal)])
                                        if tag >= allowedTags.count || !allowedTags[tag] { continue }
                                    } else if let filter {
                                        let id = documentIDs[Int(ordinal)]
                                        if id == Self.removedID || !filter.allows(id) { continue }
                                    }
                                    var j = probeFrom
                                    while j >= 0 {
                                        if score + prefix[j] < threshold { break }
                                        let i = order[j]
                                        cursors[i].seek(ordinal)
                                        let c = cursors[i]
                                        if c.position < c.count && c.ordinals[c.position] == ordinal {
                                            let x = Double(c.impacts[c.position])
                                            score += c.weight * (x / (k1 + x))
                                        }
                                        j -= 1
                                    }
                                    if j >= 0 || score < threshold { continue }  // pruned
                                    if mayBeDead && documentIDs[Int(ordinal)] == Self.removedID { continue }
                                    if heap.offer(score, ordinal) { threshold = heap.threshold }
                                }
                            }
                            // Next window: from the first posting at or after this window's end.
                            windowStart = UInt32.max
                            for i in 0..<n {
                                cursors[i].seek(windowEnd)
                                windowStart = min(windowStart, cursors[i].current)
                            }
                        }
                        return heap.elements
                    }
                }
            }
        }
    }

    /// Scores every live document against the query without pruning (the reference for tests and small sets).
    func exhaustiveTopOrdinals(_ terms: [ResolvedTerm], limit: Int, filter: SearchFilter?) -> [(UInt32, Double)] {
        guard limit > 0 else { return [] }
        let norms = FieldNorms(configuration: configuration, averages: averages)
        var weightByTerm: [Int: Double] = [:]
        for term in terms { weightByTerm[term.id, default: 0] += term.weight }
        let heap = TopHeap(capacity: limit, documentIDs: documentIDs)
        for ordinal in documentIDs.indices where documentIDs[ordinal] != Self.removedID {
            if let filter, !filter.allows(documentIDs[ordinal]) { continue }
            var score = 0.0
            var matched = false
            for i in forwardStart[ordinal]..<forwardStart[ordinal + 1] {
                guard let weight = weightByTerm[Int(forwardTerms[i])] else { continue }
                let x = norms.pseudoFrequency(forwardFrequencies[i], lengths: lengths[ordinal])
                score += weight * (x / (configuration.k1 + x))
                matched = true
            }
            if matched { _ = heap.offer(score, UInt32(ordinal)) }
        }
        return heap.elements
    }
}

/// A fixed-capacity heap keeping the best (score, ordinal) pairs: higher score first, then lower document id, so
/// the result does not depend on the order documents were added in. Ids are read (from the index's `documentIDs`)
/// only to break a tie of equal scores: a document's id is a load scattered over a large array.
///
/// The entries live in a buffer of its own, and a sift moves entries into a hole instead of swapping them: offers
/// are a few percent of a search at a million documents.
final class TopHeap {
    private let scores: UnsafeMutablePointer<Double>
    private let ordinals: UnsafeMutablePointer<UInt32>
    private(set) var count = 0
    let capacity: Int
    private let documentIDs: [Int64]

    init(capacity: Int, documentIDs: [Int64]) {
        self.capacity = max(0, capacity)
        self.documentIDs = documentIDs
        scores = .allocate(capacity: self.capacity)
        ordinals = .allocate(capacity: self.capacity)
    }

    deinit {
        scores.deallocate()
        ordinals.deallocate()
    }

    /// The worst kept score once the heap is full; a document scoring below it cannot enter.
    var threshold: Double { count < capacity ? -Double.infinity : scores[0] }

    var elements: [(UInt32, Double)] { (0..<count).map { (ordinals[$0], scores[$0]) } }

    /// Whether (score, ordinal) ranks below (otherScore, otherOrdinal).
    @inline(__always) private func isWorse(_ score: Double, _ ordinal: UInt32, than otherScore: Double, _ otherOrdinal: UInt32) -> Bool {
        score < otherScore || (score == otherScore && documentIDs[Int(ordinal)] > documentIDs[Int(otherOrdinal)])
    }

    /// Offers a document; returns true when the threshold may have changed.
    func offer(_ score: Double, _ ordinal: UInt32) -> Bool {
        if count < capacity {
            // Sift up from a hole at the end.
            var i = count
            count += 1
            while i > 0 {
                let parent = (i - 1) / 2
                guard isWorse(score, ordinal, than: scores[parent], ordinals[parent]) else { break }
                scores[i] = scores[parent]
                ordinals[i] = ordinals[parent]
                i = parent
            }
            scores[i] = score
            ordinals[i] = ordinal
            return count == capacity
        }
        guard capacity > 0, isWorse(scores[0], ordinals[0], than: score, ordinal) else { return false }
        // Sift down from a hole at the root.
        var i = 0
        let n = count
        while true {
            let l = 2 * i + 1
            guard l < n else { break }
            let r = l + 1
            let child = r < n && isWorse(scores[r], ordinals[r], than: scores[l], ordinals[l]) ? r : l
            guard isWorse(scores[child], ordinals[child], than: score, ordinal) else { break }
            scores[i] = scores[child]
            ordinals[i] = ordinals[child]
            i = child
        }
        scores[i] = score
        ordinals[i] = ordinal
        return true
    }
}
