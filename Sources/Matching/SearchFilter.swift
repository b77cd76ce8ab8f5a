/// Restricts a search to documents a caller allows (by scope, kind or field), checked before a document is scored.
///
/// Filtering keeps dynamic pruning intact: rejected documents are skipped without scoring, and the pruning
/// threshold only rises with documents that pass.
public struct SearchFilter: Sendable {
    let allows: @Sendable (Int64) -> Bool
    /// When set, a search decides from a document's tag (`SearchIndex.setTag`) alone: it allows a document whose
    /// tag indexes a true entry (a tag past the end is not allowed). `allows` agrees with it.
    let allowedTags: [Bool]?

    /// A filter that allows the documents for which `allows` returns true.
    public init(_ allows: @escaping @Sendable (Int64) -> Bool) {
        self.allows = allows
        allowedTags = nil
    }

    /// A filter that decides from documents' tags (an array load per candidate, where `allows` may hash and
    /// compare strings); `allows` must give the same answer by id, for callers that have ids.
    init(allowedTags: [Bool], allows: @escaping @Sendable (Int64) -> Bool) {
        self.allows = allows
        self.allowedTags = allowedTags
    }

    /// A filter that allows only the given document ids.
    public static func only(_ documentIDs: Set<Int64>) -> SearchFilter {
        SearchFilter { documentIDs.contains($0) }
    }

    /// A filter that allows every document except the given ids.
    public static func excluding(_ documentIDs: Set<Int64>) -> SearchFilter {
        SearchFilter { !documentIDs.contains($0) }
    }
}

/// One ranked document.
public struct Hit: Sendable, Equatable, Hashable {
    /// The document's database id.
    public var documentID: Int64
    /// The BM25F score (only comparable within one query).
    public var score: Double
    /// The score normalised to [0, 1], comparable across queries: `score / idealScore` (see `SearchIndex`).
    public var relevance: Double

    /// Creates a hit.
    public init(documentID: Int64, score: Double, relevance: Double) {
        self.documentID = documentID
        self.score = score
        self.relevance = relevance
    }
}

/// How much one query term contributed to a document's score.
public struct TermContribution: Sendable, Equatable, Hashable {
    /// The index term (stem).
    public var term: String
    /// The query's original word for the term.
    public var querySurface: String
    /// The document's original word for the term.
    public var documentSurface: String
    /// The term's frequency in each field of the document.
    public var frequencies: PerField<Int>
    /// The term's share of the score.
    public var contribution: Double
    /// True when the term came from query expansion rather than the query text.
    public var isExpansion: Bool

    /// Creates a contribution.
    public init(
        term: String, querySurface: String, documentSurface: String, frequencies: PerField<Int>, contribution: Double,
        isExpansion: Bool
    ) {
        self.term = term
        self.querySurface = querySurface
        self.documentSurface = documentSurface
        self.frequencies = frequencies
        self.contribution = contribution
        self.isExpansion = isExpansion
    }
}
