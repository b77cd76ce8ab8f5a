/// The collection statistics BM25F scores depend on: the document count, each term's document frequency and the
/// average length of each field.
///
/// With live statistics every change to the collection moves every score a little (idf and length normalisation
/// drift), so a list of best matches can change although nothing near it did. A search index whose statistics are
/// frozen scores with one snapshot instead: a document's score then depends only on the query, the document and the
/// snapshot, and a change to one document changes no other document's score. That is what lets match lists be
/// maintained incrementally and still equal a full recomputation at the same snapshot; a periodic full re-match
/// takes a new snapshot (the drift is slow: it matters over many changes, not one).
///
/// A term the snapshot does not know (it first appeared after the snapshot) has document frequency 0 in it: the
/// largest idf, as for any very rare term.
public struct CorpusStatistics: Sendable, Equatable {
    /// The number of documents.
    public var documentCount: Int
    /// The average length of each field (title, summary, description, keywords).
    public var averageFieldLengths: PerField<Double>
    /// Each term's document frequency (terms of no document are left out).
    public var documentFrequencies: [String: Int]

    /// Creates statistics from their parts.
    public init(documentCount: Int, averageFieldLengths: PerField<Double>, documentFrequencies: [String: Int]) {
        self.documentCount = documentCount
        self.averageFieldLengths = averageFieldLengths
        self.documentFrequencies = documentFrequencies
    }

    var averages: SIMD4<Double> {
        SIMD4(averageFieldLengths.title, averageFieldLengths.summary, averageFieldLengths.description, averageFieldLengths.keywords)
    }
}

extension SearchIndex {
    /// The index's live statistics.
    public var liveStatistics: CorpusStatistics {
        var frequencies: [String: Int] = [:]
        frequencies.reserveCapacity(termStrings.count)
        for t in termStrings.indices where documentFrequency[t] > 0 { frequencies[termStrings[t]] = Int(documentFrequency[t]) }
        let a = liveAverages
        return CorpusStatistics(
            documentCount: count, averageFieldLengths: PerField(title: a[0], summary: a[1], description: a[2], keywords: a[3]),
            documentFrequencies: frequencies)
    }

    /// The statistics scores use while frozen; nil when they use the live ones.
    public var frozenStatistics: CorpusStatistics? { frozen }

    /// Scores with `statistics` (by default a snapshot of the live ones) from now on, whatever is added or removed.
    public mutating func freezeStatistics(_ statistics: CorpusStatistics? = nil) {
        let statistics = statistics ?? liveStatistics
        frozen = statistics
        frozenDocumentFrequency = termStrings.map { UInt32(statistics.documentFrequencies[$0] ?? 0) }
        refreshImpacts()
    }

    /// Scores with the live statistics again.
    public mutating func unfreezeStatistics() {
        frozen = nil
        frozenDocumentFrequency = []
        refreshImpacts()
    }
}

extension CorpusStatistics {
    /// A compact binary form (for storing a snapshot beside the match lists it produced).
    public var encoded: [UInt8] {
        var bytes: [UInt8] = []
        func append(_ value: UInt64) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
        append(UInt64(documentCount))
        for value in [averageFieldLengths.title, averageFieldLengths.summary, averageFieldLengths.description, averageFieldLengths.keywords] {
            append(value.bitPattern)
        }
        append(UInt64(documentFrequencies.count))
        for (term, frequency) in documentFrequencies.sorted(by: { $0.key < $1.key }) {
            let utf8 = Array(term.utf8)
            append(UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
            append(UInt64(frequency))
        }
        return bytes
    }

    /// Decodes `encoded`; throws when the bytes are not such an encoding.
    public init(encoded bytes: [UInt8]) throws(DecodingError) {
        var offset = 0
        func next() throws(DecodingError) -> UInt64 {
            guard offset + 8 <= bytes.count else { throw DecodingError() }
            var value: UInt64 = 0
            for i in 0..<8 { value |= UInt64(bytes[offset + i]) << (8 * UInt64(i)) }
            offset += 8
            return value
        }
        let documentCount = Int(truncatingIfNeeded: try next())
        var averages: [Double] = []
        for _ in 0..<4 { averages.append(Double(bitPattern: try next())) }
        let termCount = try next()
        guard termCount <= UInt64(bytes.count) else { throw DecodingError() }
        var frequencies: [String: Int] = [:]
        frequencies.reserveCapacity(Int(termCount))
        for _ in 0..<termCount {
            let length = try next()
            guard length <= UInt64(bytes.count - offset) else { throw DecodingError() }
            let term = String(decoding: bytes[offset..<offset + Int(length)], as: UTF8.self)
            offset += Int(length)
            frequencies[term] = Int(truncatingIfNeeded: try next())
        }
        guard offset == bytes.count, documentCount >= 0 else { throw DecodingError() }
        self.init(
            documentCount: documentCount,
            averageFieldLengths: PerField(title: averages[0], summary: averages[1], description: averages[2], keywords: averages[3]),
            documentFrequencies: frequencies)
    }

    /// Bytes that are not an encoding of corpus statistics.
    public struct DecodingError: Error, Sendable, CustomStringConvertible {
        public var description: String { "not an encoding of corpus statistics" }
    }
}
