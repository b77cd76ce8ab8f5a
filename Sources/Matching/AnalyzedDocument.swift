/// The analysed form of one document: for each term, its frequency in each field and its first original word.
///
/// This is what the index consumes, and what the store saves (see `encoded()`) so that documents need not be
/// analysed again until `Analyzer.version` changes.
public struct AnalyzedDocument: Sendable, Equatable, Hashable {
    /// One distinct term of a document.
    public struct Term: Sendable, Equatable, Hashable {
        /// The index term (stem or CJK bigram).
        public var term: String
        /// The first original (normalised, lower-cased) word that produced the term.
        public var surface: String
        /// How often the term occurs in each field.
        public var frequencies: PerField<Int>

        /// Creates a term entry.
        public init(term: String, surface: String, frequencies: PerField<Int>) {
            self.term = term
            self.surface = surface
            self.frequencies = frequencies
        }
    }

    /// The distinct terms, sorted by `term`.
    public var terms: [Term]
    /// The number of tokens (after stopword removal) in each field.
    public var fieldLengths: PerField<Int>

    /// Creates an analysed document; `terms` is sorted by term.
    public init(terms: [Term], fieldLengths: PerField<Int>) {
        self.terms = terms.sorted { $0.term < $1.term }
        self.fieldLengths = fieldLengths
    }

    /// The total number of tokens over all fields.
    public var length: Int { Field.allCases.reduce(0) { $0 + fieldLengths[$1] } }

    /// Accumulates tokens field by field.
    struct Builder {
        private var index: [String: Int] = [:]
        private var terms: [Term] = []
        private var lengths = PerField(repeating: 0)

        mutating func add(_ token: Token, in field: Field) {
            lengths[field] += 1
            if let i = index[token.term] {
                terms[i].frequencies[field] += 1
            } else {
                index[token.term] = terms.count
                var frequencies = PerField(repeating: 0)
                frequencies[field] = 1
                terms.append(Term(term: token.term, surface: token.surface, frequencies: frequencies))
            }
        }

        func build() -> AnalyzedDocument { AnalyzedDocument(terms: terms, fieldLengths: lengths) }
    }
}

/// A weighted bag of query terms.
public struct AnalyzedQuery: Sendable, Equatable, Hashable {
    /// One query term with its weight.
    public struct Term: Sendable, Equatable, Hashable {
        /// The index term.
        public var term: String
        /// The original word, for explanations.
        public var surface: String
        /// The term's weight (its count in the query text, or an expansion weight).
        public var weight: Double

        /// Creates a query term.
        public init(term: String, surface: String, weight: Double) {
            self.term = term
            self.surface = surface
            self.weight = weight
        }
    }

    /// The distinct terms, in first-occurrence order.
    public var terms: [Term]

    /// Creates a query from terms (duplicates are merged by adding their weights).
    public init(terms: [Term]) {
        var position: [String: Int] = [:]
        var merged: [Term] = []
        for term in terms where term.weight > 0 {
            if let i = position[term.term] {
                merged[i].weight += term.weight
            } else {
                position[term.term] = merged.count
                merged.append(term)
            }
        }
        self.terms = merged
    }

    /// Uses a whole analysed document as a query, weighting each occurrence by its field's weight.
    ///
    /// This is how a need (or a seed) is matched against the other side: `weights` are normally the index's
    /// BM25F field weights, so a title word counts as much in the query as it does in the documents.
    public init(document: AnalyzedDocument, fieldWeights weights: PerField<Double>) {
        // The document's terms are distinct and sorted (a duplicate could only sit next to its twin), so they are
        // merged without hashing: this runs for every owner whose expansion is worked out or followed.
        var merged: [Term] = []
        merged.reserveCapacity(document.terms.count)
        for term in document.terms {
            let weight = Field.allCases.reduce(0.0) { $0 + weights[$1] * Double(term.frequencies[$1]) }
            guard weight > 0 else { continue }
            if let last = merged.last, last.term == term.term {
                merged[merged.count - 1].weight += weight
            } else {
                merged.append(Term(term: term.term, surface: term.surface, weight: weight))
            }
        }
        terms = merged
    }

    /// True when the query has no terms (for example stopwords only).
    public var isEmpty: Bool { terms.isEmpty }
}
