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
    public func search(_ query: AnalyzedQuery, limit: Int, filter: SearchFilter? = nil) -> [Hit] {
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

    /// The score of a document that matches every query term with unbounded frequency: the bound that
    /// `Hit.relevance` divides by.
    func idealScore(_ terms: [ResolvedTerm]) -> Double {
        terms.reduce(0) { $0 + $1.weight }
    }

    func resolve(_ query: AnalyzedQuery) -> [ResolvedTerm] {
        let growth = Float(boundGrowth(of: averages))
        let k1 = configuration.k1
        var result: [ResolvedTerm] = []
        for (queryIndex, term) in query.terms.enumerated() where term.weight > 0 {
            guard let t = termIDs[term.term], !postings[Int(t)].ordinals.isEmpty else { continue }
            let list = postings[Int(t)]
            let weight = term.weight * idf(documentFrequency: list.ordinals.count)
            let x = Double(list.maxPseudoFrequency * growth)
            // Slightly inflated so that Float rounding can never make a real contribution exceed its bound.
            let bound = weight * (x / (k1 + x)) * 1.0001 + 1e-12
            result.append(ResolvedTerm(id: Int(t), queryIndex: queryIndex, weight: weight, upperBound: bound))
        }
        return result
    }

    /// The best `limit` (ordinal, score) pairs, found with MaxScore: terms whose bounds together cannot lift a
    /// document over the current k-th score are only probed for documents found through the other terms.
    func topOrdinals(_ unsorted: [ResolvedTerm], limit: Int, filter: SearchFilter?) -> [(UInt32, Double)] {
        guard limit > 0, !unsorted.isEmpty else { return [] }
        let terms = unsorted.sorted { $0.upperBound < $1.upperBound }
        let n = terms.count
        var prefixBound = [Double](repeating: 0, count: n)
        var running = 0.0
        for i in 0..<n {
            running += terms[i].upperBound
            prefixBound[i] = running
        }
        let lists = terms.map { postings[$0.id].ordinals }
        let frequencies = terms.map { postings[$0.id].frequencies }
        let norms = FieldNorms(configuration: configuration, averages: averages)
        let k1 = configuration.k1
        var heap = TopHeap(capacity: limit)
        var threshold = -Double.infinity
        var firstEssential = 0

        // Raw buffers for the hot loop (no bounds or uniqueness checks). The posting arrays are kept alive by
        // `lists` and `frequencies` (see withExtendedLifetime below) and nothing mutates them during a search.
        let docs = UnsafeMutablePointer<UnsafeBufferPointer<UInt32>>.allocate(capacity: n)
        let tfs = UnsafeMutablePointer<UnsafePointer<UInt32>>.allocate(capacity: n)
        let position = UnsafeMutablePointer<Int>.allocate(capacity: n)
        let weight = UnsafeMutablePointer<Double>.allocate(capacity: n)
        let bound = UnsafeMutablePointer<Double>.allocate(capacity: n)
        defer {
            docs.deallocate()
            tfs.deallocate()
            position.deallocate()
            weight.deallocate()
            bound.deallocate()
        }
        for i in 0..<n {
            docs[i] = lists[i].withUnsafeBufferPointer { $0 }
            tfs[i] = frequencies[i].withUnsafeBufferPointer { $0.baseAddress ?? UnsafePointer(bitPattern: 8)! }
            position[i] = 0
            weight[i] = terms[i].weight
            bound[i] = prefixBound[i]
        }

        withExtendedLifetime((lists, frequencies)) {
            lengths.withUnsafeBufferPointer { lengthBuffer in
                let lengthOf = lengthBuffer.baseAddress!
                while true {
                    // The next candidate: the smallest current ordinal among essential terms.
                    var candidate = UInt32.max
                    for i in firstEssential..<n {
                        let p = position[i]
                        if p < docs[i].count {
                            let o = docs[i][p]
                            if o < candidate { candidate = o }
                        }
                    }
                    if candidate == UInt32.max { break }
                    if let filter, !filter.allows(documentIDs[Int(candidate)]) {
                        for i in firstEssential..<n where position[i] < docs[i].count && docs[i][position[i]] == candidate {
                            position[i] += 1
                        }
                        continue
                    }
                    let documentLengths = lengthOf[Int(candidate)]
                    var score = 0.0
                    for i in firstEssential..<n {
                        let p = position[i]
                        if p < docs[i].count && docs[i][p] == candidate {
                            let x = norms.pseudoFrequency(tfs[i][p], lengths: documentLengths)
                            score += weight[i] * (x / (k1 + x))
                            position[i] = p + 1
                        }
                    }
                    var i = firstEssential - 1
                    while i >= 0 {
                        if score + bound[i] < threshold { break }
                        let p = Self.seek(docs[i], from: position[i], to: candidate)
                        position[i] = p
                        if p < docs[i].count && docs[i][p] == candidate {
                            let x = norms.pseudoFrequency(tfs[i][p], lengths: documentLengths)
                            score += weight[i] * (x / (k1 + x))
                        }
                        i -= 1
                    }
                    if i >= 0 { continue }  // pruned
                    if heap.offer(score, candidate, id: documentIDs[Int(candidate)]) {
                        threshold = heap.threshold
                        while firstEssential < n && bound[firstEssential] < threshold { firstEssential += 1 }
                        if firstEssential == n { break }
                    }
                }
            }
        }
        return heap.elements
    }

    /// The first position at or after `start` whose ordinal is at least `target` (galloping search).
    @inline(__always)
    static func seek(_ list: UnsafeBufferPointer<UInt32>, from start: Int, to target: UInt32) -> Int {
        let count = list.count
        guard start < count, list[start] < target else { return start }
        var lo = start
        var step = 1
        var hi = start + step
        while hi < count && list[hi] < target {
            lo = hi
            step <<= 1
            hi = lo + step
        }
        if hi > count { hi = count }
        // list[lo] < target, and list[hi] >= target or hi == count.
        var l = lo + 1
        var h = hi
        while l < h {
            let mid = (l + h) >> 1
            if list[mid] < target { l = mid + 1 } else { h = mid }
        }
        return l
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
            for entry in forward[ordinal] {
                guard let weight = weightByTerm[Int(entry >> 32)] else { continue }
                let x = norms.pseudoFrequency(UInt32(truncatingIfNeeded: entry), lengths: lengths[ordinal])
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
