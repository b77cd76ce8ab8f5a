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
        let growth = Float(boundGrowth(of: averages))
        let k1 = configuration.k1
        var result: [ResolvedTerm] = []
        result.reserveCapacity(query.terms.count)
        for (queryIndex, term) in query.terms.enumerated() where term.weight > 0 {
            // A term is resolved when a live document has it, whatever the statistics.
            guard let t = termIDs[term.term], documentFrequency[Int(t)] > 0 else { continue }
            let weight = term.weight * idf(documentFrequency: scoringDocumentFrequency(Int(t)))
            let bound = Self.bound(weight: weight, pseudoFrequency: maxPseudoFrequency[Int(t)] * growth, k1: k1)
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

    /// The ordinal window processed at a time by `topOrdinals`.
    static let windowShift = 11
    static let windowSize = 1 << windowShift
    /// A non-essential list is merged into a window's accumulator instead of probed per candidate when it has at
    /// most this many postings per candidate there.
    static let mergeRatio = 4
    /// How many postings ahead the essential lists' loop asks for a document's lengths.
    static let prefetchDistance = 16

    /// One posting list being traversed: a term's store postings or its tail.
    struct Cursor {
        var ordinals: UnsafePointer<UInt32>
        var frequencies: UnsafePointer<UInt32>
        var position: Int
        var count: Int
        /// The first of this list's blocks in `blockMax`, or -1 for a tail (bounded by the term bound only).
        var firstBlock: Int
        var weight: Double
        var termBound: Double

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
    /// The loops are shaped by where the time goes at a million documents (`bench match`): the per-document
    /// lengths and ids are loads scattered over large arrays, so they are prefetched ahead of use; candidates are
    /// swept only when the remaining bounds have fallen enough for the sweep to drop many of them.
    func topOrdinals(_ terms: [ResolvedTerm], limit: Int, filter: SearchFilter?) -> [(UInt32, Double)] {
        guard limit > 0, !terms.isEmpty else { return [] }
        let store = self.store
        let growth = Float(boundGrowth(of: averages))
        let norms = FieldNorms(configuration: configuration, averages: averages)
        let k1 = configuration.k1
        var heap = TopHeap(capacity: limit)

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
                        frequencies: UnsafePointer(store.frequencies.pointer + start), position: 0,
                        count: store.start[t + 1] - start, firstBlock: store.blockStart[t], weight: term.weight,
                        termBound: term.upperBound))
                totalBound += term.upperBound
            }
            if let tail = tails[t], tail.count > 0 {
                cursors.append(
                    Cursor(
                        ordinals: UnsafePointer(tail.ordinals.pointer), frequencies: UnsafePointer(tail.frequencies.pointer),
                        position: 0, count: tail.count, firstBlock: -1, weight: term.weight, termBound: term.upperBound))
                totalBound += term.upperBound
            }
        }
        let n = cursors.count
        guard n > 0 else { return [] }
        let windowSize = Self.windowSize
        let prefetchDistance = Self.prefetchDistance
        // Keeps the store and the tails (whose buffers the cursors point into) alive while searching.
        return withExtendedLifetime((store, tails)) {
            cursors.withUnsafeMutableBufferPointer { cursors in
                lengths.withUnsafeBufferPointer { lengths in
                    documentIDs.withUnsafeBufferPointer { documentIDs in
                        blockMax.withUnsafeBufferPointer { blockMax in
                            let blockLast = store.blockLast.pointer
                            let accumulator = UnsafeMutablePointer<Double>.allocate(capacity: windowSize)
                            accumulator.initialize(repeating: 0, count: windowSize)
                            let seen = UnsafeMutablePointer<UInt64>.allocate(capacity: windowSize / 64)
                            seen.initialize(repeating: 0, count: windowSize / 64)
                            let order = UnsafeMutablePointer<Int>.allocate(capacity: n)
                            let windowBound = UnsafeMutablePointer<Double>.allocate(capacity: n)
                            let prefix = UnsafeMutablePointer<Double>.allocate(capacity: n)
                            defer {
                                accumulator.deallocate()
                                seen.deallocate()
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
                                            bound = Self.bound(weight: c.weight, pseudoFrequency: maximum * growth, k1: k1)
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
                                    var lowWord = windowSize / 64
                                    var highWord = 0
                                    for j in essential..<n {
                                        let i = order[j]
                                        var c = cursors[i]
                                        let weight = c.weight
                                        var p = c.position
                                        while p < c.count {
                                            let o = c.ordinals[p]
                                            if o >= windowEnd { break }
                                            // This list's postings are read in order, their lengths scattered over the index.
                                            if p + prefetchDistance < c.count {
                                                cm_prefetch(lengths.baseAddress! + Int(c.ordinals[p + prefetchDistance]))
                                            }
                                            let x = Double(norms.pseudoFrequency32(c.frequencies[p], lengths: lengths[Int(o)]))
                                            let slot = Int(o &- windowStart)
                                            accumulator[slot] += weight * (x / (k1 + x))
                                            seen[slot >> 6] |= 1 << UInt64(slot & 63)
                                            lowWord = min(lowWord, slot >> 6)
                                            highWord = max(highWord, slot >> 6)
                                            p += 1
                                        }
                                        c.position = p
                                        cursors[i] = c
                                    }
                                    // Non-essential lists with few postings per candidate in this window are merged term at a
                                    // time too (highest bound first); the others are probed per candidate below. Candidates
                                    // that can no longer reach the k-th score are dropped by a sweep each time the remaining
                                    // lists' bounds have fallen by a quarter since the last one (a sweep after every list
                                    // cost more than it saved with a dozen lists; none at all, far more with a hundred).
                                    var probeFrom = essential - 1
                                    if probeFrom >= 0 && lowWord <= highWord {
                                        var candidates = 0
                                        for word in lowWord...highWord { candidates += seen[word].nonzeroBitCount }
                                        var sweptRest = prefix[probeFrom]
                                        while probeFrom >= 0 && candidates > 0 {
                                            let i = order[probeFrom]
                                            let c = cursors[i]
                                            var end = c
                                            end.seek(windowEnd)
                                            if end.position - c.position > Self.mergeRatio * candidates { break }
                                            for p in c.position..<end.position {
                                                let slot = Int(c.ordinals[p] &- windowStart)
                                                if seen[slot >> 6] & (1 << UInt64(slot & 63)) != 0 {
                                                    let x = Double(
                                                        norms.pseudoFrequency32(c.frequencies[p], lengths: lengths[Int(c.ordinals[p])]))
                                                    accumulator[slot] += c.weight * (x / (k1 + x))
                                                }
                                            }
                                            cursors[i].position = end.position
                                            probeFrom -= 1
                                            let rest = probeFrom >= 0 ? prefix[probeFrom] : 0
                                            if rest > 0.75 * sweptRest { continue }
                                            sweptRest = rest
                                            candidates = 0
                                            for word in lowWord...highWord {
                                                var bits = seen[word]
                                                var keep = bits
                                                while bits != 0 {
                                                    let bit = bits.trailingZeroBitCount
                                                    bits &= bits &- 1
                                                    let slot = word << 6 | bit
                                                    if accumulator[slot] + rest < threshold {
                                                        keep &= ~(1 << UInt64(bit))
                                                        accumulator[slot] = 0
                                                    }
                                                }
                                                seen[word] = keep
                                                candidates += keep.nonzeroBitCount
                                            }
                                        }
                                    }
                                    // Candidates in ordinal order.
                                    var word = lowWord
                                    while word <= highWord {
                                        var bits = seen[word]
                                        seen[word] = 0
                                        while bits != 0 {
                                            let slot = word << 6 | bits.trailingZeroBitCount
                                            bits &= bits &- 1
                                            var score = accumulator[slot]
                                            accumulator[slot] = 0
                                            if probeFrom >= 0 && score + prefix[probeFrom] < threshold { continue }
                                            let ordinal = windowStart &+ UInt32(slot)
                                            // The document's id (a load from a large array) is read only when needed:
                                            // for the filter, or once the complete score can enter the heap; its load
                                            // starts now, while the probes below run.
                                            cm_prefetch(documentIDs.baseAddress! + Int(ordinal))
                                            if let filter {
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
                                                    let x = Double(
                                                        norms.pseudoFrequency32(c.frequencies[c.position], lengths: lengths[Int(ordinal)]))
                                                    score += c.weight * (x / (k1 + x))
                                                }
                                                j -= 1
                                            }
                                            if j >= 0 || score < threshold { continue }  // pruned
                                            let id = documentIDs[Int(ordinal)]
                                            if id == Self.removedID { continue }
                                            if heap.offer(score, ordinal, id: id) { threshold = heap.threshold }
                                        }
                                        word += 1
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
    }

    /// Scores every live document against the query without pruning (the reference for tests and small sets).
    func exhaustiveTopOrdinals(_ terms: [ResolvedTerm], limit: Int, filter: SearchFilter?) -> [(UInt32, Double)] {
        guard limit > 0 else { return [] }
        let norms = FieldNorms(configuration: configuration, averages: averages)
        var weightByTerm: [Int: Double] = [:]
        for term in terms { weightByTerm[term.id, default: 0] += term.weight }
        var heap = TopHeap(capacity: limit)
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
            if matched { _ = heap.offer(score, UInt32(ordinal), id: documentIDs[ordinal]) }
        }
        return heap.elements
    }
}

/// A fixed-capacity heap keeping the best (score, document id) pairs: higher score first, then lower id, so the
/// result does not depend on the order documents were added in.
struct TopHeap {
    private(set) var scores: [Double] = []
    private(set) var ordinals: [UInt32] = []
    private(set) var ids: [Int64] = []
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        scores.reserveCapacity(capacity)
        ordinals.reserveCapacity(capacity)
        ids.reserveCapacity(capacity)
    }

    /// The worst kept score once the heap is full; a document scoring below it cannot enter.
    var threshold: Double { scores.count < capacity ? -Double.infinity : scores[0] }

    var elements: [(UInt32, Double)] { Array(zip(ordinals, scores)) }

    @inline(__always) private func isWorse(_ i: Int, _ j: Int) -> Bool {
        scores[i] < scores[j] || (scores[i] == scores[j] && ids[i] > ids[j])
    }

    private mutating func swap(_ i: Int, _ j: Int) {
        scores.swapAt(i, j)
        ordinals.swapAt(i, j)
        ids.swapAt(i, j)
    }

    /// Offers a document; returns true when the threshold may have changed.
    mutating func offer(_ score: Double, _ ordinal: UInt32, id: Int64) -> Bool {
        if scores.count < capacity {
            scores.append(score)
            ordinals.append(ordinal)
            ids.append(id)
            var i = scores.count - 1
            while i > 0 {
                let parent = (i - 1) / 2
                guard isWorse(i, parent) else { break }
                swap(i, parent)
                i = parent
            }
            return scores.count == capacity
        }
        guard score > scores[0] || (score == scores[0] && id < ids[0]) else { return false }
        scores[0] = score
        ordinals[0] = ordinal
        ids[0] = id
        var i = 0
        let n = scores.count
        while true {
            let l = 2 * i + 1
            let r = l + 1
            var worst = i
            if l < n && isWorse(l, worst) { worst = l }
            if r < n && isWorse(r, worst) { worst = r }
            if worst == i { break }
            swap(i, worst)
            i = worst
        }
        return true
    }
}
