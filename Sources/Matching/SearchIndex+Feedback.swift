import CPrefetch

/// RM3 pseudo-relevance feedback and score explanations.
extension SearchIndex {
    /// The query actually ranked by `search`: the query itself, or its RM3 expansion when the configuration has
    /// feedback.
    ///
    /// RM3: the first pass's top documents each vote for their terms with weight (score share) × (field-weighted
    /// term frequency / field-weighted length); the best terms, normalised to sum 1, are mixed with the original
    /// query (also normalised to sum 1) as `w·original + (1 − w)·expansion`.
    public func expandedQuery(_ query: AnalyzedQuery, filter: SearchFilter? = nil) -> AnalyzedQuery {
        let query = reduced(query)
        guard let feedback = configuration.feedback, feedback.documents > 0, feedback.terms > 0 else { return query }
        return expansion(of: query, top: firstPass(query, limit: feedback.documents, filter: filter))
    }

    /// `expandedQuery(query)` (unfiltered) with what keeps it current while documents arrive: the first pass's
    /// admission and admission terms, and bounds whose expansion part (`ListBounds.admitToPending`) tells which
    /// arrivals may move it; nil without feedback.
    public func trackedExpansion(_ query: AnalyzedQuery) -> ExpansionTracking? {
        let query = reduced(query)
        guard let feedback = configuration.feedback, feedback.documents > 0, feedback.terms > 0 else { return nil }
        var admission = Double.infinity
        let pass = firstPassWithPool(query, limit: feedback.documents, filter: nil, admission: &admission)
        let text = TextBounds(self, pool: pass, feedback: pass.ranked[...], feedbackDocuments: feedback.documents)
        return ExpansionTracking(
            expansion: expansion(of: query, top: pass.ranked), admission: admission, admissionTerms: pass.stageOne.map { ($0.id, $0.weight) },
            bounds: ListBounds(expansionOnly: text))
    }

    /// `expandedQuery(query)` after document `documentID` joined the pool of its first pass and scored at least its
    /// last feedback document, from those feedback documents before (`feedback`: (id, whole-query score), best
    /// first), with the feedback documents after; nil without feedback, for a query too short for the cascade, or
    /// when one of the documents is not indexed.
    /// Exactly what `expandedQuery` gives then, provided the document is in the pool and no feedback document
    /// left it (`ListBounds.ExpansionEffect.entersFeedback`): the feedback documents are the best of theirs and
    /// it, each scored as the first pass scores it.
    func expansion(
        of query: AnalyzedQuery, feedback: [(id: Int64, score: Double)], joinedBy documentID: Int64
    ) -> (expansion: AnalyzedQuery, feedback: [(id: Int64, score: Double)])? {
        guard let configuration = configuration.feedback, configuration.documents > 0, configuration.terms > 0,
            let ordinal = ordinalByID[documentID]
        else { return nil }
        let query = reduced(query)
        let terms = resolve(query)
        // Only a cascade scores its pool through forward lists, as here; a first pass of the strongest terms
        // alone sums a score in another order (which may differ in the last bit).
        guard admissionTerms(terms).count < terms.count else { return nil }
        var top = feedback.filter { $0.id != documentID }
        top.append((documentID, ForwardScorer(self, terms).score(ordinal)))
        // In rank order (ties: lower id), as the first pass has them.
        top.sort { $0.score != $1.score ? $0.score > $1.score : $0.id < $1.id }
        top = Array(top.prefix(configuration.documents))
        var ranked: [(UInt32, Double)] = []
        for (id, score) in top {
            guard let ordinal = ordinalByID[id] else { return nil }
            ranked.append((ordinal, score))
        }
        return (expansion(of: query, top: ranked), top)
    }

    /// The first pass: the query's best `limit` (ordinal, score) pairs in rank order (ties: lower id, so votes
    /// are summed in the same order however the index was built).
    ///
    /// With a `RelevanceConfiguration.cascade` and a query of more terms than it names, the pool of the strongest
    /// terms' best `max(pool, limit)` documents is scored by the whole query through forward lists and cut to
    /// `limit`; since the pool does not depend on `limit` (up to `pool`), a shorter first pass is a prefix of a
    /// longer one.
    ///
    /// - Parameter admission: lowered to the smallest score under the query's `admissionTerms` that a document
    ///   needed to be looked at here (0 when every document having one of those terms was): a document scoring
    ///   below it, or one whose removal is in question, cannot change this pass's result.
    ///
    /// When the pool is larger than `limit`, its documents are scored by the whole query best stage-one score
    /// first, and the scoring stops once a document's stage-one score plus the other terms' bounds falls below the
    /// `limit`-th whole-query score so far: no document after it can enter. The result is the same as scoring the
    /// whole pool and cutting it.
    func firstPass(_ query: AnalyzedQuery, limit: Int, filter: SearchFilter?, admission: inout Double) -> [(UInt32, Double)] {
        firstPassWithPool(query, limit: limit, filter: filter, admission: &admission).ranked
    }

    /// `firstPass` with what it looked at: the query as resolved, the pool's documents with their stage-one
    /// scores (in no particular order) and how many more the pool would have taken (`Pool.room`); `ranked` is cut
    /// to `limit`.
    private func firstPassWithPool(_ query: AnalyzedQuery, limit: Int, filter: SearchFilter?, admission: inout Double) -> Pool {
        let terms = resolve(query)
        let stageOne = admissionTerms(terms)
        guard limit > 0, stageOne.count < terms.count, limit < configuration.cascade!.pool else {
            var pass = pool(terms, stageOne: stageOne, limit: limit, filter: filter, admission: &admission)
            if pass.ranked.count > limit { pass.ranked.removeSubrange(limit...) }
            return pass
        }
        let (stageOneScores, retrieve) = stageOnePass(terms, stageOne: stageOne, limit: limit, filter: filter, admission: &admission)
        let inStageOne = Set(stageOne.map(\.queryIndex))
        let rest = terms.reduce(0.0) { inStageOne.contains($1.queryIndex) ? $0 : $0 + $1.upperBound }
        let scorer = ForwardScorer(self, terms)
        let heap = TopHeap(capacity: limit, documentIDs: documentIDs)
        let byStageOne = stageOneScores.sorted(by: { $0.1 > $1.1 })
        for (k, (ordinal, stageOneScore)) in byStageOne.enumerated() {
            let bar = heap.threshold
            if stageOneScore + rest < bar - 1e-9 * max(1, abs(bar)) { break }
            _ = heap.offer(scorer.score(byStageOne, at: k), ordinal)
        }
        let ranked = heap.elements.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : documentIDs[Int($0.0)] < documentIDs[Int($1.0)] }
        return Pool(terms: terms, stageOne: stageOne, ranked: ranked, stageOneScores: stageOneScores, room: retrieve - stageOneScores.count)
    }

    /// A first pass before it is cut to its limit.
    struct Pool {
        /// The query as resolved.
        var terms: [ResolvedTerm]
        /// The terms that retrieved the pool (`admissionTerms(terms)`).
        var stageOne: [ResolvedTerm]
        /// Every document looked at, scored by the whole query, in rank order (ties: lower id).
        var ranked: [(UInt32, Double)]
        /// The same documents with their stage-one scores (under `stageOne`), in no particular order.
        var stageOneScores: [(UInt32, Double)]
        /// How many more documents the pool would have taken: it holds every document with a stage-one term
        /// when this is positive.
        var room: Int
    }

    /// `firstPass` without the cut: with a cascade, the whole pool of the strongest terms' best documents.
    func pool(_ query: AnalyzedQuery, limit: Int, filter: SearchFilter?, admission: inout Double) -> Pool {
        let terms = resolve(query)
        return pool(terms, stageOne: admissionTerms(terms), limit: limit, filter: filter, admission: &admission)
    }

    /// The stage-one terms' best documents that a first pass of `limit` looks at (the cascade's pool, or just
    /// `limit` without one), with their stage-one scores, and how many the retrieval asked for; lowers `admission`.
    private func stageOnePass(
        _ terms: [ResolvedTerm], stageOne: [ResolvedTerm], limit: Int, filter: SearchFilter?, admission: inout Double
    ) -> (passed: [(UInt32, Double)], retrieve: Int) {
        let retrieve = stageOne.count < terms.count ? max(configuration.cascade!.pool, limit) : limit
        let passed = topOrdinals(stageOne, limit: retrieve, filter: filter)
        admission = min(admission, passed.count < retrieve ? 0 : passed.reduce(Double.infinity) { min($0, $1.1) })
        return (passed, retrieve)
    }

    private func pool(
        _ terms: [ResolvedTerm], stageOne: [ResolvedTerm], limit: Int, filter: SearchFilter?, admission: inout Double
    ) -> Pool {
        var (passed, retrieve) = stageOnePass(terms, stageOne: stageOne, limit: limit, filter: filter, admission: &admission)
        let stageOneScores = passed
        if stageOne.count < terms.count {
            let scorer = ForwardScorer(self, terms)
            for i in passed.indices { passed[i].1 = scorer.score(passed, at: i) }
        }
        passed.sort { $0.1 != $1.1 ? $0.1 > $1.1 : documentIDs[Int($0.0)] < documentIDs[Int($1.0)] }
        return Pool(terms: terms, stageOne: stageOne, ranked: passed, stageOneScores: stageOneScores, room: retrieve - passed.count)
    }

    func firstPass(_ query: AnalyzedQuery, limit: Int, filter: SearchFilter?) -> [(UInt32, Double)] {
        var admission = Double.infinity
        return firstPass(query, limit: limit, filter: filter, admission: &admission)
    }

    /// The resolved terms that retrieve a first pass: all of them, or with a cascade and more terms than it names,
    /// its strongest (weight × idf; ties: earlier in the query).
    func admissionTerms(_ terms: [ResolvedTerm]) -> [ResolvedTerm] {
        guard let cascade = configuration.cascade, terms.count > cascade.terms else { return terms }
        return Array(terms.sorted { $0.weight != $1.weight ? $0.weight > $1.weight : $0.queryIndex < $1.queryIndex }.prefix(cascade.terms))
    }

    /// The terms (index term ids) and weights whose BM25F score decides which documents a first pass for `query`
    /// looks at (see `candidates`' admission).
    public func admissionTerms(_ query: AnalyzedQuery) -> [(term: Int, weight: Double)] {
        admissionTerms(resolve(reduced(query))).map { ($0.id, $0.weight) }
    }

    /// How much of the exact first pass (`limit` best documents for the whole query) the first pass finds: 1 when
    /// there is no cascade or the query is short enough not to use it.
    public func firstPassRecall(_ query: AnalyzedQuery, limit: Int) -> Double {
        let query = reduced(query)
        let exact = Set(topOrdinals(resolve(query), limit: limit, filter: nil).map(\.0))
        guard !exact.isEmpty else { return 1 }
        let found = firstPass(query, limit: limit, filter: nil).filter { exact.contains($0.0) }.count
        return Double(found) / Double(exact.count)
    }

    /// Ranks like `search`, except that the feedback pass re-scores only the first pass's best `depth` documents
    /// (at least `limit`) instead of the whole index: the RM3 policy for large indexes, where a full second pass
    /// over the expanded query costs several times the first (see `Matching.docc/Relevance.md`).
    ///
    /// The scores are exactly those `search` gives the same documents; a document that only the expansion terms
    /// match, or that ranks below `depth` in the first pass, is not returned.
    public func search(_ query: AnalyzedQuery, limit: Int, filter: SearchFilter? = nil, rerankingDepth depth: Int) -> [Hit] {
        let query = reduced(query)
        guard let feedback = configuration.feedback, feedback.documents > 0, feedback.terms > 0 else {
            return rank(query, limit: limit, filter: filter)
        }
        guard limit > 0 else { return [] }
        let first = firstPass(query, limit: max(depth, limit, feedback.documents), filter: filter)
        let expanded = expansion(of: query, top: first.prefix(feedback.documents))
        let terms = resolve(expanded)
        let scorer = ForwardScorer(self, terms)
        let heap = TopHeap(capacity: limit, documentIDs: documentIDs)
        for (k, (ordinal, _)) in first.enumerated() {
            _ = heap.offer(scorer.score(first, at: k), ordinal)
        }
        let ideal = idealScore(terms)
        return heap.elements.map { ordinal, score in
            Hit(documentID: documentIDs[Int(ordinal)], score: score, relevance: ideal > 0 ? min(1, score / ideal) : 0)
        }
        .sorted { $0.score != $1.score ? $0.score > $1.score : $0.documentID < $1.documentID }
    }

    /// What the matcher ranks for a query under a filter.
    public struct Candidates: Sendable {
        /// The query expanded with feedback from the unfiltered index (so the expansion, and hence a pair's text
        /// relevance, does not depend on the filter).
        public var expanded: AnalyzedQuery
        /// Up to `limit` documents that pass the filter, each scored by `expanded`; best first (ties: lower id).
        public var hits: [Hit]
        /// The smallest score under the query's `admissionTerms` that a document needed to be looked at: with
        /// frozen statistics, adding or removing a document that scores below it there (or has none of those
        /// terms) leaves `expanded` and `hits` exactly as they are. 0 when every document with one of those terms
        /// was looked at.
        public var admission: Double
        /// The query's `admissionTerms`.
        public var admissionTerms: [(term: Int, weight: Double)]
        /// What an admitted document must beat to change anything ranked from these candidates (`TextBounds`); nil
        /// unless asked for, or when the candidates were found another way than from the unfiltered first pass
        /// (then any admitted document may change them).
        var bounds: TextBounds?
    }

    /// What the matcher ranks for a query under a filter (see `Candidates`).
    ///
    /// With a `RelevanceConfiguration.rerankingDepth` the candidates are the best first-pass documents for the
    /// original query that pass the filter: taken from the unfiltered first pass of depth `max(depth, limit)` when
    /// at least `limit` of it passes, else from a filtered first pass. Without a cascade these are exactly the
    /// filtered index's best `limit`. Without a re-ranking depth, the expanded query ranks the filtered index
    /// (and `admission` is 0).
    ///
    /// - Parameters:
    ///   - cached: the query's expansion when already known (`expandedQuery(query)`).
    ///   - withBounds: whether to work out `Candidates.bounds` (for lists kept current incrementally).
    public func candidates(
        _ query: AnalyzedQuery, limit: Int, filter: SearchFilter?, expanded cached: AnalyzedQuery? = nil, withBounds: Bool = false
    ) -> Candidates {
        let query = reduced(query)
        guard limit > 0 else { return Candidates(expanded: cached ?? query, hits: [], admission: .infinity, admissionTerms: [], bounds: nil) }
        var ids: [Int64]
        let expanded: AnalyzedQuery
        var admission = Double.infinity
        var bounds: TextBounds?
        if let depth = configuration.rerankingDepth, let feedback = configuration.feedback, feedback.documents > 0, feedback.terms > 0 {
            let reach = max(depth, limit, feedback.documents)
            let pool = self.pool(query, limit: reach, filter: nil, admission: &admission)
            let first = pool.ranked.prefix(reach)
            // The first pass's prefix is `expandedQuery`'s own first pass unless a cascade pool had to grow for
            // `reach`; then the expansion is made as `expandedQuery` makes it, so that it is the same everywhere.
            let isPrefix = configuration.cascade.map { reach <= $0.pool } ?? true
            expanded = cached ?? (isPrefix ? expansion(of: query, top: first.prefix(feedback.documents)) : expandedQuery(query))
            ids = first.map { documentIDs[Int($0.0)] }
            if let filter { ids = ids.filter(filter.allows) }
            if ids.count >= limit || first.count < reach {
                if withBounds && isPrefix {
                    bounds = TextBounds(
                        self, pool: pool, first: first, feedbackDocuments: feedback.documents, room: reach - first.count,
                        slack: ids.count - limit, candidates: ids.prefix(limit))
                }
                ids = Array(ids.prefix(limit))
            } else if withBounds && isPrefix {
                // The filtered first pass, from its pool scored whole (the same documents in the same order as
                // `firstPass` finds), so that the bounds know the pool.
                let passing = ids.count
                let filtered = self.pool(query, limit: limit, filter: filter, admission: &admission)
                let chosen = filtered.ranked.prefix(limit)
                ids = chosen.map { documentIDs[Int($0.0)] }
                bounds = TextBounds(
                    self, filtered: filtered, chosen: chosen, limit: limit, unfiltered: pool, first: first, passing: passing,
                    feedbackDocuments: feedback.documents)
            } else {
                ids = firstPass(query, limit: limit, filter: filter, admission: &admission).map { documentIDs[Int($0.0)] }
            }
        } else {
            expanded = cached ?? expandedQuery(query)
            ids = rank(expanded, limit: limit, filter: filter).map(\.documentID)
            admission = 0
        }
        let ranked = resolve(expanded)
        let hits = scores(ranked, documentIDs: ids).sorted {
            $0.score != $1.score ? $0.score > $1.score : $0.documentID < $1.documentID
        }
        bounds?.ranked = TermVector(ranked)
        bounds?.rankedIdeal = idealScore(ranked)
        return Candidates(expanded: expanded, hits: hits, admission: admission, admissionTerms: admissionTerms(query), bounds: bounds)
    }

    /// The RM3 expansion of `query` from first-pass results `top` (ordinal, score) in rank order.
    func expansion(of query: AnalyzedQuery, top: some Collection<(UInt32, Double)>) -> AnalyzedQuery {
        guard let feedback = configuration.feedback else { return query }
        let totalScore = top.reduce(0) { $0 + $1.1 }
        guard totalScore > 0 else { return query }
        let fieldWeights = SIMD4<Float>(
            Float(configuration.fieldWeights.title), Float(configuration.fieldWeights.summary),
            Float(configuration.fieldWeights.description), Float(configuration.fieldWeights.keywords))
        var votes: [Int: Double] = [:]
        for (ordinal, score) in top {
            let o = Int(ordinal)
            let length = Double((lengths[o] * fieldWeights).sum())
            guard length > 0 else { continue }
            let share = score / totalScore
            for i in forwardStart[o]..<forwardStart[o + 1] {
                let packed = forwardFrequencies[i]
                let tf = SIMD4<Float>(
                    Float(packed & 0xFF), Float(packed >> 8 & 0xFF), Float(packed >> 16 & 0xFF), Float(packed >> 24))
                votes[Int(forwardTerms[i]), default: 0] += share * Double((tf * fieldWeights).sum()) / length
            }
        }
        // The best `feedback.terms` votes (ties: the term that sorts first), best first: kept while reading them,
        // since sorting every term the documents have cost more than the rest of the expansion.
        let best = votes.smallest(feedback.terms) {
            $0.value != $1.value ? $0.value > $1.value : termStrings[$0.key] < termStrings[$1.key]
        }
        let expansionTotal = best.reduce(0) { $0 + $1.value }
        let originalTotal = query.terms.reduce(0) { $0 + $1.weight }
        guard expansionTotal > 0, originalTotal > 0 else { return query }
        let w = feedback.originalQueryWeight
        var terms = query.terms.map {
            AnalyzedQuery.Term(term: $0.term, surface: $0.surface, weight: w * $0.weight / originalTotal)
        }
        for (t, vote) in best {
            terms.append(
                AnalyzedQuery.Term(
                    term: termStrings[t], surface: termSurfaces[t], weight: (1 - w) * vote / expansionTotal))
        }
        return AnalyzedQuery(terms: terms)
    }

    /// How each term of the ranked query (after expansion, as in `search`) contributed to one document's score.
    ///
    /// - Parameters:
    ///   - query: the query as given to `search`.
    ///   - documentID: the document to explain.
    ///   - document: the document's analysed form, if at hand, for its own original words; otherwise the index's
    ///     first-seen original word of each term is used.
    ///   - filter: the filter given to `search` (it affects feedback).
    /// - Returns: the matched terms by descending contribution; empty when the document is not indexed.
    public func explain(
        _ query: AnalyzedQuery, documentID: Int64, document: AnalyzedDocument? = nil, filter: SearchFilter? = nil
    ) -> [TermContribution] {
        guard contains(documentID) else { return [] }
        return explain(ranked: expandedQuery(query, filter: filter), original: query, documentID: documentID, document: document)
    }

    /// Like `explain(_:documentID:document:filter:)` for a query already expanded: `ranked` is what was ranked
    /// (`expandedQuery(original)`), `original` the query before expansion.
    public func explain(
        ranked: AnalyzedQuery, original query: AnalyzedQuery, documentID: Int64, document: AnalyzedDocument? = nil
    ) -> [TermContribution] {
        explain(Explanation(self, ranked: ranked, original: query), documentID: documentID, document: document)
    }

    /// A ranked query resolved once for explaining many documents' scores.
    struct Explanation {
        let ranked: AnalyzedQuery
        let resolved: [ResolvedTerm]
        let isExpansion: [Bool]

        init(_ index: SearchIndex, ranked: AnalyzedQuery, original: AnalyzedQuery) {
            self.ranked = ranked
            resolved = index.resolve(ranked)
            let originalTerms = Set(original.terms.map(\.term))
            isExpansion = ranked.terms.map { !originalTerms.contains($0.term) }
        }
    }

    /// `explain(ranked:original:documentID:document:)` with the query resolved ahead.
    func explain(_ explanation: Explanation, documentID: Int64, document: AnalyzedDocument? = nil) -> [TermContribution] {
        guard let ordinal = ordinalByID[documentID] else { return [] }
        let o = Int(ordinal)
        var documentSurfaces: [String: String] = [:]
        if let document {
            for term in document.terms { documentSurfaces[term.term] = term.surface }
        }
        let norms = FieldNorms(configuration: configuration, averages: averages)
        var result: [TermContribution] = []
        for resolved in explanation.resolved {
            // Forward lists are short: a scan beats building a map per document.
            var packed: UInt32?
            for i in forwardStart[o]..<forwardStart[o + 1] where Int(forwardTerms[i]) == resolved.id {
                packed = forwardFrequencies[i]
                break
            }
            guard let packed else { continue }
            let term = explanation.ranked.terms[resolved.queryIndex]
            let x = norms.pseudoFrequency(packed, lengths: lengths[o])
            result.append(
                TermContribution(
                    term: term.term, querySurface: term.surface,
                    documentSurface: documentSurfaces[term.term] ?? termSurfaces[resolved.id],
                    frequencies: Self.unpack(packed), contribution: resolved.weight * (x / (configuration.k1 + x)),
                    isExpansion: explanation.isExpansion[resolved.queryIndex]))
        }
        return result.sorted { $0.contribution != $1.contribution ? $0.contribution > $1.contribution : $0.term < $1.term }
    }

    /// One document's BM25F score for the query as given (no feedback: pass `expandedQuery(q)` to score what
    /// `search(q)` ranks), with its relevance; nil when the document is not indexed.
    public func score(_ query: AnalyzedQuery, documentID: Int64) -> Hit? { scores(query, documentIDs: [documentID]).first }

    /// Several documents' scores for one query, in the given order, leaving out those not indexed. Scores are
    /// summed in each document's own term order, so a document's score does not depend on how it was found;
    /// they equal `rank`'s up to the order of floating-point additions.
    public func scores(_ query: AnalyzedQuery, documentIDs: [Int64]) -> [Hit] {
        scores(resolve(query), documentIDs: documentIDs)
    }

    func scores(_ terms: [ResolvedTerm], documentIDs: [Int64]) -> [Hit] {
        let ideal = idealScore(terms)
        let scorer = ForwardScorer(self, terms)
        return documentIDs.compactMap { id in
            guard let ordinal = ordinalByID[id] else { return nil }
            let score = scorer.score(ordinal)
            return Hit(documentID: id, score: score, relevance: ideal > 0 ? min(1, score / ideal) : 0)
        }
    }
}

/// Scores single documents through their forward lists (for re-ranking and pair scores, where walking the
/// postings of every query term would cost far more).
struct ForwardScorer {
    let index: SearchIndex
    let weightByTerm: TermWeights
    let norms: FieldNorms
    let k1: Double

    init(_ index: SearchIndex, _ terms: [SearchIndex.ResolvedTerm]) {
        self.index = index
        weightByTerm = TermWeights(terms.lazy.map { (id: $0.id, weight: $0.weight) }, capacity: terms.count)
        norms = FieldNorms(configuration: index.configuration, averages: index.averages)
        k1 = index.configuration.k1
    }

    func score(_ ordinal: UInt32) -> Double {
        let o = Int(ordinal)
        var score = 0.0
        for i in index.forwardStart[o]..<index.forwardStart[o + 1] {
            let term = Int(index.forwardTerms[i])
            guard weightByTerm.mayContain(term), let weight = weightByTerm[term] else { continue }
            let x = norms.pseudoFrequency(index.forwardFrequencies[i], lengths: index.lengths[o])
            score += weight * (x / (k1 + x))
        }
        return score
    }

    /// The score of `documents[k]`, one of a run of documents scored in turn: it first starts loading what
    /// `score` will read for the document `prefetchDistance` places later, so that the run's memory loads overlap.
    @inline(__always)
    func score(_ documents: [(UInt32, Double)], at k: Int) -> Double {
        prefetch(documents, ahead: k)
        return score(documents[k].0)
    }

    /// How many documents ahead of the one being scored `prefetch` loads the forward lists of.
    static let prefetchDistance = 4

    /// Starts loading what `score` reads for the document `prefetchDistance` places after `k` in `documents`
    /// (its lengths and the start of its forward list) and the forward-list position of the one twice as far, so
    /// that scoring a run of documents scattered over the index overlaps their memory loads.
    @inline(__always)
    private func prefetch(_ documents: [(UInt32, Double)], ahead k: Int) {
        let far = k + 2 * Self.prefetchDistance
        if far < documents.count {
            index.forwardStart.withUnsafeBufferPointer { cm_prefetch($0.baseAddress! + Int(documents[far].0)) }
        }
        let near = k + Self.prefetchDistance
        guard near < documents.count else { return }
        let o = Int(documents[near].0)
        let start = index.forwardStart[o]
        index.forwardTerms.withUnsafeBufferPointer { if let base = $0.baseAddress { cm_prefetch(base + start) } }
        index.forwardFrequencies.withUnsafeBufferPointer { if let base = $0.baseAddress { cm_prefetch(base + start) } }
        index.lengths.withUnsafeBufferPointer { cm_prefetch($0.baseAddress! + o) }
    }
}
