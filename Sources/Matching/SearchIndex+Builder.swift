extension SearchIndex {
    /// Builds an index in bulk from documents fed one at a time, so a caller streaming them (from a database, in
    /// batches) never holds them all: the same result as `SearchIndex(configuration:documents:)`.
    public struct Builder: Sendable {
        private var index: SearchIndex

        /// An empty builder.
        public init(configuration: RelevanceConfiguration = .production) { index = SearchIndex(configuration: configuration) }

        /// Reserves room for about `documents` documents of `terms` distinct terms in all, so that the flat arrays
        /// grow once instead of doubling (which briefly holds the old and the new copy).
        public mutating func reserveCapacity(documents: Int, terms: Int) {
            index.documentIDs.reserveCapacity(documents)
            index.lengths.reserveCapacity(documents)
            index.forwardStart.reserveCapacity(documents + 1)
            index.forwardTerms.reserveCapacity(terms)
            index.forwardFrequencies.reserveCapacity(terms)
            index.ordinalByID.reserveCapacity(documents)
        }

        /// Adds a document; a later document with the same id replaces an earlier one.
        public mutating func add(_ documentID: Int64, _ document: AnalyzedDocument) {
            if let previous = index.ordinalByID[documentID] { index.markRemoved(previous) }
            _ = index.appendDocument(documentID, document)
        }

        /// The finished index.
        public consuming func build() -> SearchIndex {
            index.compact()
            return index
        }
    }

    /// A document's analysed form as the index holds it: its terms with per-field frequencies (each capped at
    /// 255) and its field lengths. A term's original word is the first one the index saw for it, which may be
    /// another inflection than this document's. Nil when the document is not indexed.
    public func document(_ documentID: Int64) -> AnalyzedDocument? {
        guard let ordinal = ordinalByID[documentID] else { return nil }
        let o = Int(ordinal)
        let terms = (forwardStart[o]..<forwardStart[o + 1]).map { i in
            let t = Int(forwardTerms[i])
            return AnalyzedDocument.Term(term: termStrings[t], surface: termSurfaces[t], frequencies: Self.unpack(forwardFrequencies[i]))
        }
        let lengths = lengths[o]
        return AnalyzedDocument(
            terms: terms,
            fieldLengths: PerField(title: Int(lengths[0]), summary: Int(lengths[1]), description: Int(lengths[2]), keywords: Int(lengths[3])))
    }
}
