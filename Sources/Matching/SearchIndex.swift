import Foundation

/// An in-memory inverted index of one item kind, ranked with BM25F and pruned with block-max MaxScore.
///
/// Storage is compact and free of per-posting objects. Each document has its four field lengths and a forward list
/// of (term id, packed per-field frequencies — four `UInt8`, capped at 255) in two flat arrays: the source of
/// everything else, used for removal, feedback and explanations. A bulk build (or a compaction) writes every term's
/// postings into one contiguous store (`PostingStore`: document ordinals `UInt32` ascending, each posting's impact —
/// its BM25F pseudo-frequency at the scoring averages, a `Float` — and per-128-posting block maxima for pruning),
/// so a search reads only the lists themselves. Documents added later are appended to small per-term tails; a
/// replaced document gets a new ordinal, so every list stays sorted by appending. Removal only marks the ordinal
/// dead (skipped by the search) and lowers the live document frequencies; dead postings and tails are merged away
/// by a compaction once they reach a quarter of the store.
///
/// Scores use the live collection statistics (document count, document frequencies, average field lengths), so an
/// index updated document by document ranks exactly like one rebuilt from the same documents; or, once frozen
/// (`freezeStatistics`), one fixed snapshot of them, so that a change to one document changes no other document's
/// score (see `CorpusStatistics`). Impacts depend on the average field lengths, which live statistics move with
/// every change: with them, each change rebuilds the store (a compaction, linear in the postings). Frozen, a change
/// costs only the changed document's postings; that is how the matcher keeps its indexes (`MatchMaintainer`).
/// Each term (and each block of the store) keeps the largest impact of its postings, its pruning bound.
///
/// A `SearchIndex` is a value: copies share storage until one of them is changed.
public struct SearchIndex: Sendable {
    /// The ranking parameters this index was built with.
    public let configuration: RelevanceConfiguration

    var termIDs: [String: UInt32] = [:]
    var termStrings: [String] = []
    var termSurfaces: [String] = []
    /// Live document frequency of each term.
    var documentFrequency: [UInt32] = []
    /// The largest impact of each term's postings (store and tail).
    var maxImpact: [Float] = []

    /// The bulk-built postings.
    var store = PostingStore.empty
    /// The largest impact of each block of `store`.
    var blockMax: [Float] = []
    /// Postings added since the store was built, per term (nil: none).
    var tails: [PostingTail?] = []
    var tailPostings = 0
    var deadPostings = 0

    var documentIDs: [Int64] = []
    var ordinalByID: [Int64: UInt32] = [:]
    var lengths: [SIMD4<Float>] = []
    /// By ordinal: the tag the index's owner gave the document (`setTag`; 0 until then), for filters that decide
    /// from it alone (`SearchFilter(allowedTags:allows:)`) without a lookup by id.
    var tags: [UInt32] = []
    /// Forward lists: document `o`'s terms at `forwardStart[o]..<forwardStart[o + 1]`.
    var forwardTerms: [UInt32] = []
    var forwardFrequencies: [UInt32] = []
    var forwardStart: [Int] = [0]

    var totalLengths = SIMD4<Double>(repeating: 0)
    /// The average field lengths the impacts of the store and tails were computed at.
    var impactAverages = SIMD4<Double>(repeating: 0)

    /// The frozen statistics, if any, and each term's document frequency in them (0 for terms they do not know).
    var frozen: CorpusStatistics?
    var frozenDocumentFrequency: [UInt32] = []

    static let removedID = Int64.min

    /// Creates an empty index.
    public init(configuration: RelevanceConfiguration = .production) {
        self.configuration = configuration
    }

    /// Builds an index from analysed documents, much faster than adding them one by one.
    ///
    /// A later document with the same id replaces an earlier one.
    public init(
        configuration: RelevanceConfiguration = .production,
        documents: some Sequence<(id: Int64, document: AnalyzedDocument)>
    ) {
        self.configuration = configuration
        // Pass 1: term ids, lengths and the flat forward index.
        let expected = documents.underestimatedCount
        documentIDs.reserveCapacity(expected)
        lengths.reserveCapacity(expected)
        forwardStart.reserveCapacity(expected + 1)
        for (id, document) in documents {
            if let previous = ordinalByID[id] { markRemoved(previous) }
            appendDocument(id, document)
        }
        compact()
    }

    /// The number of documents in the index.
    public var count: Int { ordinalByID.count }

    /// The number of distinct terms ever indexed.
    public var termCount: Int { termStrings.count }

    /// True when a document with this id is indexed.
    public func contains(_ documentID: Int64) -> Bool { ordinalByID[documentID] != nil }

    /// Adds a document, or replaces the document with the same id.
    public mutating func add(_ documentID: Int64, _ document: AnalyzedDocument) {
        insert(documentID, document)
    }

    /// Replaces a document (adds it when absent); the same as `add`.
    public mutating func replace(_ documentID: Int64, with document: AnalyzedDocument) {
        insert(documentID, document)
    }

    /// Gives an indexed document a tag (see `SearchFilter(allowedTags:allows:)`); a document indexed anew has 0
    /// until it is given one again.
    public mutating func setTag(_ tag: UInt32, of documentID: Int64) {
        if let ordinal = ordinalByID[documentID] { tags[Int(ordinal)] = tag }
    }

    /// Removes a document; returns false when it was not indexed.
    @discardableResult
    public mutating func remove(_ documentID: Int64) -> Bool {
        guard let ordinal = ordinalByID[documentID] else { return false }
        markRemoved(ordinal)
        if !refreshImpacts() { compactIfNeeded() }
        return true
    }

    /// Marks a live ordinal dead: its postings stay (skipped by searches) until the next compaction.
    mutating func markRemoved(_ ordinal: UInt32) {
        let o = Int(ordinal)
        ordinalByID[documentIDs[o]] = nil
        for i in forwardStart[o]..<forwardStart[o + 1] {
            documentFrequency[Int(forwardTerms[i])] -= 1
        }
        deadPostings += forwardStart[o + 1] - forwardStart[o]
        totalLengths -= SIMD4<Double>(lengths[o])
        lengths[o] = .zero
        documentIDs[o] = Self.removedID
    }

    /// Appends a document's ordinal, lengths and forward list, creating term ids; returns the ordinal.
    @discardableResult
    mutating func appendDocument(_ documentID: Int64, _ document: AnalyzedDocument) -> UInt32 {
        let ordinal = UInt32(documentIDs.count)
        documentIDs.append(documentID)
        tags.append(0)
        ordinalByID[documentID] = ordinal
        let fieldLengths = SIMD4<Float>(
            Float(document.fieldLengths.title), Float(document.fieldLengths.summary),
            Float(document.fieldLengths.description), Float(document.fieldLengths.keywords))
        lengths.append(fieldLengths)
        totalLengths += SIMD4<Double>(fieldLengths)
        for term in document.terms {
            let packed = Self.pack(term.frequencies)
            guard packed != 0 else { continue }
            let t: UInt32
            if let existing = termIDs[term.term] {
                t = existing
            } else {
                t = UInt32(termStrings.count)
                termIDs[term.term] = t
                termStrings.append(term.term)
                termSurfaces.append(term.surface)
                documentFrequency.append(0)
                if frozen != nil { frozenDocumentFrequency.append(UInt32(frozen!.documentFrequencies[term.term] ?? 0)) }
                maxImpact.append(0)
                tails.append(nil)
            }
            documentFrequency[Int(t)] += 1
            forwardTerms.append(t)
            forwardFrequencies.append(packed)
        }
        forwardStart.append(forwardTerms.count)
        return ordinal
    }

    mutating func insert(_ documentID: Int64, _ document: AnalyzedDocument) {
        if let previous = ordinalByID[documentID] { markRemoved(previous) }
        let ordinal = appendDocument(documentID, document)
        if refreshImpacts() { return }
        let o = Int(ordinal)
        let fieldLengths = lengths[o]
        let norms = FieldNorms(configuration: configuration, averages: impactAverages)
        for i in forwardStart[o]..<forwardStart[o + 1] {
            let t = Int(forwardTerms[i])
            if tails[t] == nil {
                tails[t] = PostingTail()
            } else if !isKnownUniquelyReferenced(&tails[t]) {
                tails[t] = tails[t]!.copy()
            }
            let x = norms.pseudoFrequency32(forwardFrequencies[i], lengths: fieldLengths)
            tails[t]!.ordinals.append(ordinal)
            tails[t]!.impacts.append(x)
            maxImpact[t] = max(maxImpact[t], x)
        }
        tailPostings += forwardStart[o + 1] - forwardStart[o]
        compactIfNeeded()
    }

    /// Rebuilds the store (a compaction) when the scoring averages are no longer those its impacts were computed
    /// at, as after any change under live statistics; returns true when it did.
    @discardableResult
    mutating func refreshImpacts() -> Bool {
        guard averages != impactAverages else { return false }
        compact()
        return true
    }

    /// Compacts when tails and dead postings reach a quarter of the store; returns true when it did.
    @discardableResult
    mutating func compactIfNeeded() -> Bool {
        guard tailPostings + deadPostings > max(1_024, store.postingCount / 4) else { return false }
        compact()
        return true
    }

    /// Rewrites all live postings (store and tails) into a new store from the forward lists, with impacts at the
    /// current scoring averages, dropping dead ones, and recomputes the bounds.
    mutating func compact() {
        let termCount = termStrings.count
        var counts = [Int](repeating: 0, count: termCount)
        for t in 0..<termCount { counts[t] = Int(documentFrequency[t]) }
        let live = documentIDs
        let forwardTerms = self.forwardTerms
        let forwardFrequencies = self.forwardFrequencies
        let forwardStart = self.forwardStart
        let lengths = self.lengths
        impactAverages = averages
        let norms = FieldNorms(configuration: configuration, averages: impactAverages)
        // The new store is made from the forward lists alone: the old one (and the tails) can go first, so that a
        // large index never holds two stores at once unless a copy of it still shares the old one.
        store = .empty
        tails = []
        // Filling from the forward lists in ordinal order yields every list sorted, whatever the old layout.
        store = PostingStore(termCount: termCount, counts: counts) { cursor, ordinals, impacts in
            live.withUnsafeBufferPointer { live in
                forwardTerms.withUnsafeBufferPointer { terms in
                    forwardFrequencies.withUnsafeBufferPointer { packed in
                        lengths.withUnsafeBufferPointer { lengths in
                            cursor.withUnsafeMutableBufferPointer { cursor in
                                for o in 0..<live.count where live[o] != Self.removedID {
                                    let fieldLengths = lengths[o]
                                    for i in forwardStart[o]..<forwardStart[o + 1] {
                                        let t = Int(terms[i])
                                        let p = cursor[t]
                                        ordinals[p] = UInt32(o)
                                        impacts[p] = norms.pseudoFrequency32(packed[i], lengths: fieldLengths)
                                        cursor[t] = p + 1
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        tails = [PostingTail?](repeating: nil, count: termCount)
        tailPostings = 0
        deadPostings = 0
        recomputeBounds()
    }

    /// Recomputes every term's and block's bound: the largest impact of its postings.
    mutating func recomputeBounds() {
        let store = self.store
        var blockMax = [Float](repeating: 0, count: store.blockStart.last ?? 0)
        var termMax = [Float](repeating: 0, count: termStrings.count)
        blockMax.withUnsafeMutableBufferPointer { blockMax in
            let impacts = store.impacts.pointer
            for t in 0..<store.termCount {
                var termMaximum: Float = 0
                var b = store.blockStart[t]
                var p = store.start[t]
                let end = store.start[t + 1]
                while p < end {
                    let blockEnd = min(p + PostingStore.blockSize, end)
                    var maximum: Float = 0
                    while p < blockEnd {
                        maximum = max(maximum, impacts[p])
                        p += 1
                    }
                    blockMax[b] = maximum
                    termMaximum = max(termMaximum, maximum)
                    b += 1
                }
                termMax[t] = termMaximum
            }
        }
        for t in tails.indices {
            guard let tail = tails[t] else { continue }
            for i in 0..<tail.count { termMax[t] = max(termMax[t], tail.impacts[i]) }
        }
        self.blockMax = blockMax
        maxImpact = termMax
    }

    /// The average length of each field that scores use: the frozen statistics' or the live ones.
    var averages: SIMD4<Double> { frozen?.averages ?? liveAverages }

    /// The average length of each field over live documents.
    var liveAverages: SIMD4<Double> {
        let n = Double(max(count, 1))
        return totalLengths / n
    }

    static func pack(_ frequencies: PerField<Int>) -> UInt32 {
        func byte(_ v: Int) -> UInt32 { UInt32(min(max(v, 0), 255)) }
        return byte(frequencies.title) | byte(frequencies.summary) << 8 | byte(frequencies.description) << 16
            | byte(frequencies.keywords) << 24
    }

    static func unpack(_ packed: UInt32) -> PerField<Int> {
        PerField(
            title: Int(packed & 0xFF), summary: Int(packed >> 8 & 0xFF), description: Int(packed >> 16 & 0xFF),
            keywords: Int(packed >> 24))
    }

    /// The document frequency of term `t` that scores use: the frozen statistics' or the live one.
    @inline(__always)
    func scoringDocumentFrequency(_ t: Int) -> Int {
        frozen == nil ? Int(documentFrequency[t]) : Int(frozenDocumentFrequency[t])
    }

    /// Inverse document frequency (Lucene's BM25 form, always positive) at the scoring document count.
    func idf(documentFrequency df: Int) -> Double {
        let n = Double(frozen?.documentCount ?? count)
        let d = Double(df)
        return log(1 + (n - d + 0.5) / (d + 0.5))
    }
}

/// Per-field constants of BM25F at given average lengths: pseudo-tf = Σ w·tf / (1 − b + b·len/avg).
struct FieldNorms {
    let weights: SIMD4<Float>
    let constant: SIMD4<Float>
    let slope: SIMD4<Float>

    init(configuration: RelevanceConfiguration, averages: SIMD4<Double>) {
        var w = SIMD4<Float>()
        var c = SIMD4<Float>()
        var s = SIMD4<Float>()
        for field in Field.allCases {
            let f = field.rawValue
            let b = configuration.fieldB[field]
            w[f] = Float(configuration.fieldWeights[field])
            c[f] = Float(1 - b)
            s[f] = averages[f] > 0 ? Float(b / averages[f]) : 0
        }
        weights = w
        constant = c
        slope = s
    }

    @inline(__always)
    func pseudoFrequency(_ packed: UInt32, lengths: SIMD4<Float>) -> Double {
        Double(pseudoFrequency32(packed, lengths: lengths))
    }

    @inline(__always)
    func pseudoFrequency32(_ packed: UInt32, lengths: SIMD4<Float>) -> Float {
        let tf = SIMD4<Float>(
            Float(packed & 0xFF), Float(packed >> 8 & 0xFF), Float(packed >> 16 & 0xFF), Float(packed >> 24))
        let denominator = (constant + slope * lengths).replacing(with: 1, where: tf .== 0)
        return (tf * weights / denominator).sum()
    }
}
