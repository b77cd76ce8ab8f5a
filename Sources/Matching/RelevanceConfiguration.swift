/// Ranking parameters: BM25F (k1, per-field weight and length normalisation) and pseudo-relevance feedback.
///
/// `production` is the configuration the app uses; see its documentation and `RELEVANCE.md` for how each value
/// was chosen and what it measured.
public struct RelevanceConfiguration: Sendable, Equatable, Hashable {
    /// BM25 term-frequency saturation (larger: repeated terms keep adding more).
    public var k1: Double
    /// How much one occurrence in each field counts, relative to the description.
    public var fieldWeights: PerField<Double>
    /// BM25 length normalisation per field, from 0 (none) to 1 (full).
    public var fieldB: PerField<Double>
    /// Pseudo-relevance feedback (RM3 query expansion), or nil for a single retrieval pass.
    public var feedback: Feedback?

    /// RM3 pseudo-relevance feedback: expand the query with terms of the first pass's top documents.
    public struct Feedback: Sendable, Equatable, Hashable {
        /// How many top documents of the first pass are read.
        public var documents: Int
        /// How many expansion terms are kept.
        public var terms: Int
        /// The weight of the original query in the interpolation (the expansion gets 1 minus this).
        public var originalQueryWeight: Double

        /// Creates feedback parameters.
        public init(documents: Int, terms: Int, originalQueryWeight: Double) {
            self.documents = documents
            self.terms = terms
            self.originalQueryWeight = originalQueryWeight
        }
    }

    /// Creates a configuration.
    public init(k1: Double, fieldWeights: PerField<Double>, fieldB: PerField<Double>, feedback: Feedback?) {
        self.k1 = k1
        self.fieldWeights = fieldWeights
        self.fieldB = fieldB
        self.feedback = feedback
    }

    /// Plain BM25 (Lucene variant, k1 1.2, b 0.75), every field weighted 1, no feedback: the baseline.
    public static let plainBM25 = RelevanceConfiguration(
        k1: 1.2,
        fieldWeights: PerField(repeating: 1),
        fieldB: PerField(repeating: 0.75),
        feedback: nil
    )

    /// The production configuration (placeholder until tuned; see RELEVANCE.md).
    public static let production = plainBM25
}
