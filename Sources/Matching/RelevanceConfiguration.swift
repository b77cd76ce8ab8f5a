/// Ranking parameters: BM25F (k1, per-field weight and length normalisation) and pseudo-relevance feedback.
///
/// `production` is the configuration the app uses; see its documentation and `Matching.docc/Relevance.md` for how each value
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
    /// With feedback: how many of the first pass's best documents the expanded query re-scores (at least the
    /// number of results wanted), or nil for a full second pass over the index (`SearchIndex.search`).
    public var rerankingDepth: Int?
    /// The most query terms searched (before expansion): a longer query keeps its terms of largest
    /// weight × idf (`SearchIndex.reduced(_:)`); nil keeps every term.
    public var queryTermLimit: Int?
    /// A cascade for long queries, or nil to rank every first pass exactly: the first pass retrieves the best
    /// `pool` documents for the query's `terms` strongest terms (weight × idf), then scores those with the whole
    /// query through their forward lists (`SearchIndex.firstPass`).
    public var cascade: Cascade?

    /// The first-pass cascade's sizes.
    public struct Cascade: Sendable, Equatable, Hashable {
        /// How many of the query's strongest terms retrieve the pool.
        public var terms: Int
        /// How many documents the pool holds (at least the number wanted).
        public var pool: Int

        /// Creates cascade sizes.
        public init(terms: Int, pool: Int) {
            self.terms = max(1, terms)
            self.pool = max(1, pool)
        }
    }

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
    public init(k1: Double, fieldWeights: PerField<Double>, fieldB: PerField<Double>, feedback: Feedback?, rerankingDepth: Int? = nil,
        queryTermLimit: Int? = nil, cascade: Cascade? = nil
    ) {
        self.k1 = k1
        self.fieldWeights = fieldWeights
        self.fieldB = fieldB
        self.feedback = feedback
        self.rerankingDepth = rerankingDepth.map { max(1, $0) }
        self.queryTermLimit = queryTermLimit.map { max(1, $0) }
        self.cascade = cascade
    }

    /// Plain BM25 (Lucene variant, k1 1.2, b 0.75), every field weighted 1, no feedback: the baseline.
    public static let plainBM25 = RelevanceConfiguration(
        k1: 1.2,
        fieldWeights: PerField(repeating: 1),
        fieldB: PerField(repeating: 0.75),
        feedback: nil
    )

    /// The production configuration: BM25F (k1 1.2, b 0.75 in every field, title weight 2) with RM3 feedback
    /// (5 documents, 10 terms, original query weight 0.5) re-scoring the first pass's best 100 documents (or as
    /// many as are wanted, if more).
    ///
    /// Why each value (numbers in `Sources/Matching/Matching.docc/Relevance.md`):
    /// - k1 1.2 and b 0.75 are the standard BM25 values (Robertson; Lucene and Anserini defaults). On Cranfield,
    ///   k1 0.9–1.5 and b 0.6–0.9 all land within ±0.005 nDCG@10, well inside the ±0.018 standard error, so
    ///   there is no evidence to move away from the values known to be safe on other collections.
    /// - Title weight 2 (other fields 1): a title is a dense, author-written summary, and BM25F with an up-weighted
    ///   title is a standard, collection-independent gain; 1.5–3 behave alike, 2 is the middle.
    /// - RM3 (Lavrenko & Croft; Anserini defaults are 10 docs, 10 terms, 0.5): expansion is the largest gain
    ///   and helps on both halves of the query split. The number of feedback documents was chosen on the odd
    ///   queries only (3, 5, 7, 10, 20 tried; 5 best) and confirmed on the even queries. Fewer feedback documents
    ///   also means less topic drift, the usual way RM3 hurts on other collections.
    /// - Re-ranking depth 100: a full second pass over a large index costs several times the first, because the
    ///   expanded query has more (and commoner) terms; re-scoring the first pass's best 100 through their forward
    ///   lists costs almost nothing. Expansion still changes the order within those 100 (where its gain is), and
    ///   on Cranfield the policy scores the same as the full second pass (Relevance.md). The matcher reads 5 × k
    ///   candidates, so for k = 20 it reads exactly those 100.
    /// - At most 32 query terms, those of largest weight × idf: the matcher's queries are whole postings (a
    ///   hundred and more distinct terms), and their common terms add cost on every long posting list but
    ///   almost nothing to the ranking. Keeping the most characteristic terms of a document used as a query is
    ///   the standard "more like this" practice (Lucene's MoreLikeThis keeps 25 by tf·idf). 32 leaves every
    ///   Cranfield query whole (the longest has fewer terms), so the relevance figures there are unchanged.
    /// - A cascade for queries of more than 12 terms: the 12 strongest retrieve a pool of 300, which the whole
    ///   query then scores. This is the one approximation in ranking: a document that matches few of the strongest
    ///   terms can be missed. `bench match` measures how much of the exact first pass the cascade finds
    ///   (README). Cranfield queries are shorter, so its figures are untouched.
    public static let production = RelevanceConfiguration(
        k1: 1.2,
        fieldWeights: PerField(title: 2, summary: 1, description: 1, keywords: 1),
        fieldB: PerField(repeating: 0.75),
        feedback: Feedback(documents: 5, terms: 10, originalQueryWeight: 0.5),
        rerankingDepth: 100,
        queryTermLimit: 32,
        cascade: Cascade(terms: 12, pool: 300)
    )
}
