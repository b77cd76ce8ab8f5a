import Foundation

/// An in-memory inverted index of one item kind, ranked with BM25F and pruned with MaxScore.
///
/// Storage is compact and free of per-posting objects: each term has two contiguous arrays, document ordinals
/// (`UInt32`, ascending) and packed per-field frequencies (four `UInt8`, capped at 255). Each document has its
/// four field lengths and a forward list of (term id, packed frequencies), used for removal, feedback and
/// explanations. Documents are updated one at a time; a replaced document gets a new ordinal, so posting lists
/// stay sorted by appending.
///
/// Scores always use the live collection statistics (document count, document frequencies, average field lengths),
/// so an index updated document by document ranks exactly like one rebuilt from the same documents. Each term
/// keeps an upper bound of its BM25F pseudo-frequency computed at reference average lengths; at query time the
/// bound is scaled by how far the averages have grown since (it stays a true bound), and all bounds are
/// recomputed when that growth passes 5%.
///
/// A `SearchIndex` is a value: copies share storage until one of them is changed.
public struct SearchIndex: Sendable {
    /// The ranking parameters this index was built with.
    public let configuration: RelevanceConfiguration

    struct PostingList: Sendable {
        var ordinals: [UInt32] = []
        var frequencies: [UInt32] = []
        /// The largest BM25F pseudo-frequency of this term at `referenceAverages`.
        var maxPseudoFrequency: Float = 0
    }

    var termIDs: [String: UInt32] = [:]
    var termStrings: [String] = []
    var termSurfaces: [String] = []
    var postings: [PostingList] = []

    var documentIDs: [Int64] = []
    var ordinalByID: [Int64: UInt32] = [:]
    var lengths: [SIMD4<Float>] = []
    var forward: [[UInt64]] = []

    var totalLengths = SIMD4<Double>(repeating: 0)
    var referenceAverages = SIMD4<Double>(repeating: 0)

    static let removedID = Int64.min
    static let rebaseGrowth = 1.05

    /// Creates an empty index.
    public init(configuration: RelevanceConfiguration = .production) {
        self.configuration = configuration
    }

    /// Builds an index from analysed documents, faster than adding them one by one.
    ///
    /// A later document with the same id replaces an earlier one.
    public init(
        configuration: RelevanceConfiguration = .production,
        documents: some Sequence<(id: Int64, document: AnalyzedDocument)>
    ) {
        self.configuration = configuration
        for (id, document) in documents { insert(id, document, updatingBounds: false) }
        for t in postings.indices {
            postings[t].ordinals = Array(unsafeUninitializedCapacity: postings[t].ordinals.count) { buffer, count in
                count = postings[t].ordinals.withUnsafeBufferPointer { buffer.initialize(fromContentsOf: $0) }
            }
            postings[t].frequencies = Array(unsafeUninitializedCapacity: postings[t].frequencies.count) {
                buffer, count in
                count = postings[t].frequencies.withUnsafeBufferPointer { buffer.initialize(fromContentsOf: $0) }
            }
        }
        rebaseBounds()
    }

    /// The number of documents in the index.
    public var count: Int { ordinalByID.count }

    /// The number of distinct terms ever indexed.
    public var termCount: Int { termStrings.count }

    /// True when a document with this id is indexed.
    public func contains(_ documentID: Int64) -> Bool { ordinalByID[documentID] != nil }

    /// Adds a document, or replaces the document with the same id.
    public mutating func add(_ documentID: Int64, _ document: AnalyzedDocument) {
        insert(documentID, document, updatingBounds: true)
    }

    /// Replaces a document (adds it when absent); the same as `add`.
    public mutating func replace(_ documentID: Int64, with document: AnalyzedDocument) {
        insert(documentID, document, updatingBounds: true)
    }

    /// Removes a document; returns false when it was not indexed.
    @discardableResult
    public mutating func remove(_ documentID: Int64) -> Bool {
        guard let ordinal = ordinalByID.removeValue(forKey: documentID) else { return false }
        let o = Int(ordinal)
        for entry in forward[o] {
            let t = Int(entry >> 32)
            let list = postings[t].ordinals
            var lo = 0
            var hi = list.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if list[mid] < ordinal { lo = mid + 1 } else { hi = mid }
            }
            if lo < list.count && list[lo] == ordinal {
                postings[t].ordinals.remove(at: lo)
                postings[t].frequencies.remove(at: lo)
            }
        }
        forward[o] = []
        totalLengths -= SIMD4<Double>(lengths[o])
        lengths[o] = .zero
        documentIDs[o] = Self.removedID
        return true
    }

    mutating func insert(_ documentID: Int64, _ document: AnalyzedDocument, updatingBounds: Bool) {
        remove(documentID)
        let ordinal = UInt32(documentIDs.count)
        documentIDs.append(documentID)
        ordinalByID[documentID] = ordinal
        let fieldLengths = SIMD4<Float>(
            Float(document.fieldLengths.title), Float(document.fieldLengths.summary),
            Float(document.fieldLengths.description), Float(document.fieldLengths.keywords))
        lengths.append(fieldLengths)
        totalLengths += SIMD4<Double>(fieldLengths)

        var entries: [UInt64] = []
        entries.reserveCapacity(document.terms.count)
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
                postings.append(PostingList())
            }
            postings[Int(t)].ordinals.append(ordinal)
            postings[Int(t)].frequencies.append(packed)
            entries.append(UInt64(t) << 32 | UInt64(packed))
        }
        forward.append(entries)

        guard updatingBounds else { return }
        if referenceAverages == .zero || boundGrowth(of: averages) > Self.rebaseGrowth {
            rebaseBounds()
        } else {
            let norms = FieldNorms(configuration: configuration, averages: referenceAverages)
            for entry in entries {
                let t = Int(entry >> 32)
                let x = Float(norms.pseudoFrequency(UInt32(truncatingIfNeeded: entry), lengths: fieldLengths))
                if x > postings[t].maxPseudoFrequency { postings[t].maxPseudoFrequency = x }
            }
        }
    }

    /// Recomputes every term's bound at the current average field lengths.
    mutating func rebaseBounds() {
        referenceAverages = averages
        let norms = FieldNorms(configuration: configuration, averages: referenceAverages)
        for t in postings.indices {
            var maximum: Float = 0
            let ordinals = postings[t].ordinals
            let frequencies = postings[t].frequencies
            for i in ordinals.indices {
                let x = Float(norms.pseudoFrequency(frequencies[i], lengths: lengths[Int(ordinals[i])]))
                if x > maximum { maximum = x }
            }
            postings[t].maxPseudoFrequency = maximum
        }
    }

    /// The average length of each field over live documents.
    var averages: SIMD4<Double> {
        let n = Double(max(count, 1))
        return totalLengths / n
    }

    /// The factor by which pseudo-frequencies can exceed their reference-time values at `current` averages.
    func boundGrowth(of current: SIMD4<Double>) -> Double {
        var growth = 1.0
        for f in 0..<4 where referenceAverages[f] > 0 && current[f] > referenceAverages[f] {
            growth = max(growth, current[f] / referenceAverages[f])
        }
        return growth
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

    /// Inverse document frequency (Lucene's BM25 form, always positive).
    func idf(documentFrequency df: Int) -> Double {
        let n = Double(count)
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
        let tf = SIMD4<Float>(
            Float(packed & 0xFF), Float(packed >> 8 & 0xFF), Float(packed >> 16 & 0xFF), Float(packed >> 24))
        let denominator = (constant + slope * lengths).replacing(with: 1, where: tf .== 0)
        return Double((tf * weights / denominator).sum())
    }
}
