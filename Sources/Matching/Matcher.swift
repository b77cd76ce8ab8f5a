/// Finds the best seeds for a need, or needs for a seed: text candidates from the index, hard filters, then the
/// pair policy. Pure and in memory; the store feeds it and saves what it decides.
///
/// For a query it asks the text index for `candidateMultiplier × limit` candidates that pass the `MatchFilter`
/// (the filter runs inside the index, before scoring, so it is exact and costs no recall), scores each with the
/// policy, and returns the best `limit` by descending total (ties: higher text relevance, then lower id). A pair
/// whose text is not among the candidates is not found, however good its other factors: text proposes, the
/// policy orders.
///
/// Text relevance uses the item's whole analysed text as a weighted query (`AnalyzedQuery(document:fieldWeights:)`)
/// expanded with RM3 over the unfiltered index, so a pair's score does not depend on the filters chosen.
public struct Matcher: Sendable {
    /// All seeds.
    public var seeds: MatchCorpus<SeedProfile> { didSet { expandedQueries = Expansions() } }
    /// All needs.
    public var needs: MatchCorpus<NeedProfile> { didSet { expandedQueries = Expansions() } }
    /// Sister links between clusters.
    public var sisterLinks: SisterLinks
    /// The policy used when a query gives none.
    public var policy: MatchPolicy
    /// How many text candidates are read per result wanted (at least 1).
    public var candidateMultiplier: Int
    /// How many shared terms an explanation lists.
    public var sharedTermLimit: Int
    /// Items' expanded queries known ahead (`cachingExpandedQueries()`), used instead of computing them; emptied by
    /// any change to either corpus. Whoever sets entries must know them to be what `SearchIndex.expandedQuery`
    /// gives for the item's text now.
    public var expandedQueries = Expansions()

    /// Expanded queries by item.
    public struct Expansions: Sendable {
        /// Needs' texts, expanded against the seed index.
        public var needs: [Int64: AnalyzedQuery] = [:]
        /// Seeds' texts, expanded against the need index.
        public var seeds: [Int64: AnalyzedQuery] = [:]

        /// None known.
        public init() {}
    }

    /// Creates a matcher.
    public init(
        seeds: MatchCorpus<SeedProfile>, needs: MatchCorpus<NeedProfile>, sisterLinks: SisterLinks = SisterLinks(),
        policy: MatchPolicy = .default, candidateMultiplier: Int = 5, sharedTermLimit: Int = 5
    ) {
        self.seeds = seeds
        self.needs = needs
        self.sisterLinks = sisterLinks
        self.policy = policy
        self.candidateMultiplier = max(1, candidateMultiplier)
        self.sharedTermLimit = max(0, sharedTermLimit)
    }

    /// Scores both sides with fixed statistics from now on (`SearchIndex.freezeStatistics`): by default snapshots
    /// of their live ones.
    public mutating func freezeStatistics(seeds seedStatistics: CorpusStatistics? = nil, needs needStatistics: CorpusStatistics? = nil) {
        seeds.index.freezeStatistics(seedStatistics)
        needs.index.freezeStatistics(needStatistics)
    }

    /// A copy that has computed every item's expanded query once (one feedback pass per item), so that
    /// computing many match lists from this snapshot does not repeat them. Results are identical.
    public func cachingExpandedQueries() -> Matcher {
        func expansions<Profile>(of corpus: MatchCorpus<Profile>, in index: SearchIndex) -> [Int64: AnalyzedQuery] {
            let ids = Array(corpus.profiles.keys)
            let queries = ids.concurrentMap { id in
                corpus.document(id).map { index.expandedQuery(AnalyzedQuery(document: $0, fieldWeights: index.configuration.fieldWeights)) }
            }
            var cache: [Int64: AnalyzedQuery] = [:]
            for (id, query) in zip(ids, queries) { cache[id] = query }
            return cache
        }
        var copy = self
        copy.expandedQueries.needs = expansions(of: needs, in: seeds.index)
        copy.expandedQueries.seeds = expansions(of: seeds, in: needs.index)
        return copy
    }

    /// The current expansions of the items `started` lists match that `expandedQueries` lacks, each worked out
    /// once (on every core), with what keeps it current: the maintainer puts them in before finishing lists that
    /// would otherwise each work out those they share. Seeds' (matched by need lists) and needs'; an item the
    /// matcher does not hold, or an expansion without feedback, is left for `finishList`.
    public func lackingExpansions(of started: [StartedList]) -> (seeds: [Int64: ExpansionTracking], needs: [Int64: ExpansionTracking]) {
        func worked<Profile>(
            _ ids: some Sequence<Int64>, of corpus: MatchCorpus<Profile>, cached: [Int64: AnalyzedQuery], in index: SearchIndex
        ) -> [Int64: ExpansionTracking] {
            let lacking = Array(Set(ids.lazy.filter { cached[$0] == nil }))
            let fieldWeights = index.configuration.fieldWeights
            let work: @Sendable (Int64) -> ExpansionTracking? = { id in
                corpus.document(id).flatMap { index.trackedExpansion(AnalyzedQuery(document: $0, fieldWeights: fieldWeights)) }
            }
            var result: [Int64: ExpansionTracking] = [:]
            for (id, tracking) in zip(lacking, lacking.count >= 8 ? lacking.concurrentMap(work) : lacking.map(work)) { result[id] = tracking }
            return result
        }
        return (
            worked(started.lazy.filter(\.isNeedList).flatMap(\.matchedIDs), of: seeds, cached: expandedQueries.seeds, in: needs.index),
            worked(started.lazy.filter { !$0.isNeedList }.flatMap(\.matchedIDs), of: needs, cached: expandedQueries.needs, in: seeds.index)
        )
    }

    /// The best seeds for a need of the need corpus.
    ///
    /// - Parameters:
    ///   - needID: the need's id.
    ///   - limit: how many matches at most.
    ///   - filter: hard filters.
    ///   - policy: this query's policy, or nil for the matcher's.
    /// - Returns: matches by descending `score.total` (`score` is `fromNeed`).
    /// - Throws: `MatcherError` when the need is unknown.
    public func seeds(
        forNeed needID: Int64, limit: Int, filter: MatchFilter = MatchFilter(), policy: MatchPolicy? = nil
    ) throws(MatcherError) -> [Match] {
        try seedList(forNeed: needID, limit: limit, filter: filter, policy: policy).matches
    }

    /// `seeds(forNeed:limit:filter:policy:)` with what the list depends on (see `MatchList`).
    public func seedList(
        forNeed needID: Int64, limit: Int, filter: MatchFilter = MatchFilter(), policy: MatchPolicy? = nil
    ) throws(MatcherError) -> MatchList {
        guard let need = needs.profiles[needID], let document = needs.document(needID) else {
            throw MatcherError("need \(needID) is not in the matcher")
        }
        return finish(
            startSeeds(
                for: need, document: document, needID: needID, limit: limit, filter: filter, policy: policy,
                expanded: expandedQueries.needs[needID], withBounds: filter == MatchFilter() && policy == nil))
    }

    /// A need's stored list (`seedList(forNeed:limit:)`, default filter and policy) in two halves: this one ranks
    /// the candidates by forward score; `finishList` adds the reverse scores, reading the matched items'
    /// expansions as the matcher has them then. In between, a caller keeping expansions current can bring those
    /// of `StartedList.matchedIDs` up to date. The two halves give exactly `seedList(forNeed:limit:)`.
    public func startList(forNeed needID: Int64, limit: Int) throws(MatcherError) -> StartedList {
        guard let need = needs.profiles[needID], let document = needs.document(needID) else {
            throw MatcherError("need \(needID) is not in the matcher")
        }
        return startSeeds(
            for: need, document: document, needID: needID, limit: limit, filter: MatchFilter(), policy: nil,
            expanded: expandedQueries.needs[needID], withBounds: true)
    }

    /// A seed's stored list in two halves, like `startList(forNeed:limit:)`.
    public func startList(forSeed seedID: Int64, limit: Int) throws(MatcherError) -> StartedList {
        guard let seed = seeds.profiles[seedID], let document = seeds.document(seedID) else {
            throw MatcherError("seed \(seedID) is not in the matcher")
        }
        return startNeeds(
            for: seed, document: document, seedID: seedID, limit: limit, filter: MatchFilter(), policy: nil,
            expanded: expandedQueries.seeds[seedID], withBounds: true)
    }

    /// The second half of a list begun with `startList`, by this matcher (the same corpora, and expansions that
    /// may have been brought up to date since).
    public func finishList(_ started: StartedList) -> MatchList { finish(started) }

    /// The best seeds for a need given by its profile and text (it need not be in the need corpus).
    ///
    /// - Parameter needID: the need's id; when the need corpus does not index it, there is no seed-side score.
    /// - Returns: matches by descending `score.total`; empty when the text has no indexable words.
    public func seeds(
        for need: NeedProfile, document: AnalyzedDocument, needID: Int64, limit: Int,
        filter: MatchFilter = MatchFilter(), policy: MatchPolicy? = nil
    ) -> [Match] {
        finish(
            startSeeds(for: need, document: document, needID: needID, limit: limit, filter: filter, policy: policy, expanded: nil, withBounds: false)
        ).matches
    }

    /// A need's list, first half: the seeds it may match (by tag under a filter that reads only the seed's
    /// location and openness), ranked by forward score.
    private func startSeeds(
        for need: NeedProfile, document: AnalyzedDocument, needID: Int64, limit: Int,
        filter: MatchFilter, policy: MatchPolicy?, expanded: AnalyzedQuery?, withBounds: Bool
    ) -> StartedList {
        let links = sisterLinks
        let profiles = seeds.profiles
        var forward = Side(
            corpus: seeds.index,
            allows: { seedID in
                guard let seed = profiles[seedID] else { return false }
                return filter.allows(
                    seed: seed, need: need,
                    boundary: Boundary(between: need.location, and: seed.location, sisterLinks: links))
            })
        if filter.readsOnlySeedLocation {
            // Then a seed passes by its location and openness alone, which its tag in the index holds: the search
            // decides each candidate by an array load instead of a profile lookup.
            forward.allowedTags = seeds.allowedTags { location in
                let boundary = Boundary(between: need.location, and: location, sisterLinks: links)
                return need.isOpen && need.admits(boundary, seedCountry: location.country) && filter.scope.allows(boundary)
            }
        }
        return start(
            askerID: needID, askerIsNeed: true, asker: document, askerIsConfidential: need.isConfidential, forward: forward,
            limit: limit, policy: policy ?? self.policy, expanded: expanded, withBounds: withBounds
        ) { seedID in profiles[seedID].map { ($0, need, $0.isConfidential) } }
    }

    /// The best needs for a seed of the seed corpus.
    ///
    /// - Returns: matches by descending `score.total` (`score` is `fromSeed`).
    /// - Throws: `MatcherError` when the seed is unknown.
    public func needs(
        forSeed seedID: Int64, limit: Int, filter: MatchFilter = MatchFilter(), policy: MatchPolicy? = nil
    ) throws(MatcherError) -> [Match] {
        try needList(forSeed: seedID, limit: limit, filter: filter, policy: policy).matches
    }

    /// `needs(forSeed:limit:filter:policy:)` with what the list depends on (see `MatchList`).
    public func needList(
        forSeed seedID: Int64, limit: Int, filter: MatchFilter = MatchFilter(), policy: MatchPolicy? = nil
    ) throws(MatcherError) -> MatchList {
        guard let seed = seeds.profiles[seedID], let document = seeds.document(seedID) else {
            throw MatcherError("seed \(seedID) is not in the matcher")
        }
        return finish(
            startNeeds(
                for: seed, document: document, seedID: seedID, limit: limit, filter: filter, policy: policy,
                expanded: expandedQueries.seeds[seedID], withBounds: filter == MatchFilter() && policy == nil))
    }

    /// The best needs for a seed given by its profile and text (it need not be in the seed corpus).
    ///
    /// - Parameter seedID: the seed's id; when the seed corpus does not index it, there is no need-side score.
    public func needs(
        for seed: SeedProfile, document: AnalyzedDocument, seedID: Int64, limit: Int,
        filter: MatchFilter = MatchFilter(), policy: MatchPolicy? = nil
    ) -> [Match] {
        finish(
            startNeeds(for: seed, document: document, seedID: seedID, limit: limit, filter: filter, policy: policy, expanded: nil, withBounds: false)
        ).matches
    }

    /// A seed's list, first half: the needs it may match, ranked by forward score.
    private func startNeeds(
        for seed: SeedProfile, document: AnalyzedDocument, seedID: Int64, limit: Int,
        filter: MatchFilter, policy: MatchPolicy?, expanded: AnalyzedQuery?, withBounds: Bool
    ) -> StartedList {
        let links = sisterLinks
        let profiles = needs.profiles
        let forward = Side(
            corpus: needs.index,
            allows: { needID in
                guard let need = profiles[needID] else { return false }
                return filter.allows(
                    seed: seed, need: need,
                    boundary: Boundary(between: need.location, and: seed.location, sisterLinks: links))
            })
        return start(
            askerID: seedID, askerIsNeed: false, asker: document, askerIsConfidential: seed.isConfidential, forward: forward,
            limit: limit, policy: policy ?? self.policy, expanded: expanded, withBounds: withBounds
        ) { needID in profiles[needID].map { (seed, $0, $0.isConfidential) } }
    }

    /// One pair scored from both sides (no filters), or nil when either id is unknown.
    public func pair(needID: Int64, seedID: Int64, policy: MatchPolicy? = nil) -> Match? {
        guard let need = needs.profiles[needID], let seed = seeds.profiles[seedID],
            let needDocument = needs.document(needID), seeds.index.contains(seedID)
        else { return nil }
        let side = Side(corpus: seeds.index, allows: { $0 == seedID })
        let started = start(
            askerID: needID, askerIsNeed: true, asker: needDocument, askerIsConfidential: need.isConfidential, forward: side, limit: 1,
            policy: policy ?? self.policy, expanded: expandedQueries.needs[needID], candidateLimit: 1
        ) { _ in (seed, need, seed.isConfidential) }
        return finish(started).matches.first
    }

    struct Side {
        var corpus: SearchIndex
        var allows: @Sendable (Int64) -> Bool
        /// The tags of the documents `allows` allows, when it decides by tag (`SearchFilter(allowedTags:allows:)`).
        var allowedTags: [Bool]? = nil

        /// The filter for searching this side.
        var filter: SearchFilter { allowedTags.map { SearchFilter(allowedTags: $0, allows: allows) } ?? SearchFilter(allows) }
    }

    typealias Resolved = (seed: SeedProfile, need: NeedProfile, isConfidential: Bool)

    /// A list's first half: its candidates ranked by their forward scores.
    private func start(
        askerID: Int64, askerIsNeed: Bool, asker: AnalyzedDocument, askerIsConfidential: Bool, forward: Side, limit: Int,
        policy: MatchPolicy, expanded cachedExpansion: AnalyzedQuery?, candidateLimit: Int? = nil, withBounds: Bool = false,
        resolve: @escaping @Sendable (Int64) -> Resolved?
    ) -> StartedList {
        let query = AnalyzedQuery(document: asker, fieldWeights: forward.corpus.configuration.fieldWeights)
        var started = StartedList(
            askerID: askerID, askerIsNeed: askerIsNeed, asker: asker, askerIsConfidential: askerIsConfidential, forward: forward,
            resolve: resolve, limit: limit, policy: policy, withBounds: withBounds, query: query, candidates: nil, scored: [])
        guard limit > 0, !query.isEmpty else { return started }
        // Candidates scored through their forward lists, so that a pair's relevance is the same number whichever
        // side asks and however it was found.
        let candidates = forward.corpus.candidates(
            query, limit: candidateLimit ?? limit * candidateMultiplier, filter: forward.filter, expanded: cachedExpansion,
            withBounds: withBounds)
        var scored: [(hit: Hit, pair: Resolved, score: PairScore)] = []
        for hit in candidates.hits {
            guard let pair = resolve(hit.documentID) else { continue }
            let boundary = Boundary(between: pair.need.location, and: pair.seed.location, sisterLinks: sisterLinks)
            scored.append((hit, pair, policy.score(textRelevance: hit.relevance, seed: pair.seed, need: pair.need, boundary: boundary)))
        }
        scored.sort {
            $0.score.total != $1.score.total
                ? $0.score.total > $1.score.total
                : $0.hit.relevance != $1.hit.relevance ? $0.hit.relevance > $1.hit.relevance : $0.hit.documentID < $1.hit.documentID
        }
        started.candidates = candidates
        started.scored = scored
        return started
    }

    /// A list's second half: the reverse scores, from the matched items' expansions as this matcher has them (those
    /// it lacks are worked out), and the bounds.
    private func finish(_ started: StartedList) -> MatchList {
        guard let candidates = started.candidates else {
            return MatchList(matches: [], admission: .infinity, admissionTerms: [], expansion: started.query, bounds: nil)
        }
        let (askerID, askerIsNeed, askerIsConfidential, forward, resolve) =
            (started.askerID, started.askerIsNeed, started.askerIsConfidential, started.forward, started.resolve)
        let (limit, policy, query, scored, withBounds) = (started.limit, started.policy, started.query, started.scored, started.withBounds)
        let reverseIndex = askerIsNeed ? needs.index : seeds.index
        let reverseQueries = askerIsNeed ? expandedQueries.seeds : expandedQueries.needs
        let expanded = candidates.expanded
        let explanation = SearchIndex.Explanation(forward.corpus, ranked: expanded, original: query)
        var askerFrequencies: [String: PerField<Int>] = [:]
        if askerIsConfidential { for term in started.asker.terms { askerFrequencies[term.term] = term.frequencies } }
        // The matched items' expansions that `reverseQueries` lacks, worked out here (on every core when there
        // are several: each is a first pass of its own).
        let asked = reverseIndex.contains(askerID)
        let lacking = asked ? scored.prefix(limit).map(\.hit.documentID).filter { reverseQueries[$0] == nil } : []
        // With bounds (a list kept current), each comes with what keeps it current (`ExpansionTracking`).
        let fieldWeights = reverseIndex.configuration.fieldWeights
        let expand: @Sendable (Int64) -> (AnalyzedQuery, ExpansionTracking?)? = { id in
            forward.corpus.document(id).map { document in
                let query = AnalyzedQuery(document: document, fieldWeights: fieldWeights)
                if withBounds, let tracked = reverseIndex.trackedExpansion(query) { return (tracked.expansion, tracked) }
                return (reverseIndex.expandedQuery(query), nil)
            }
        }
        var reverseExpansions: [Int64: AnalyzedQuery] = [:]
        var reverseTracking: [Int64: ExpansionTracking] = [:]
        for (id, worked) in zip(lacking, lacking.count >= 8 ? lacking.concurrentMap(expand) : lacking.map(expand)) {
            reverseExpansions[id] = worked?.0
            reverseTracking[id] = worked?.1
        }
        let matches = scored.prefix(limit).map { hit, pair, forwardScore in
            let matchedID = hit.documentID
            let terms = sharedTerms(
                explanation, matchedID: matchedID, index: forward.corpus, matchedIsConfidential: pair.isConfidential,
                askerFrequencies: askerIsConfidential ? askerFrequencies : nil)
            var score = forwardScore
            score.sharedTerms = terms
            // The reverse direction: the matched item's text as the query, against the asker in its own index.
            var reverse: PairScore?
            if asked, let reverseQuery = reverseQueries[matchedID] ?? reverseExpansions[matchedID] {
                let relevance = reverseIndex.score(reverseQuery, documentID: askerID)?.relevance ?? 0
                var values = score.values
                values[.text] = relevance
                reverse = policy.score(values: values, boundary: score.boundary, sharedTerms: terms)
            }
            var mutual: PairScore?
            if let reverse {
                var values = score.values
                values[.text] = (score.values[.text]! * reverse.values[.text]!).squareRoot()
                mutual = policy.score(values: values, boundary: score.boundary, sharedTerms: terms)
            }
            return Match(
                needID: askerIsNeed ? askerID : matchedID, seedID: askerIsNeed ? matchedID : askerID, score: score,
                fromNeed: askerIsNeed ? score : reverse, fromSeed: askerIsNeed ? reverse : score, mutual: mutual)
        }
        var bounds: ListBounds?
        if let text = candidates.bounds {
            let members = matches.map { askerIsNeed ? $0.seedID : $0.needID }
            var ceilings: [Double] = []
            var rejected = false
            for hit in forward.corpus.scores(expanded, documentIDs: text.reserve) {
                if forward.allows(hit.documentID), let pair = resolve(hit.documentID) {
                    let boundary = Boundary(between: pair.need.location, and: pair.seed.location, sisterLinks: sisterLinks)
                    let total = policy.score(textRelevance: hit.relevance, seed: pair.seed, need: pair.need, boundary: boundary).total
                    ceilings.append(max(ceilings.last ?? -.infinity, total))
                } else {
                    rejected = true
                }
            }
            bounds = ListBounds(
                text, members: Set(members), memberFloorFull: text.fullFloor(of: members, in: forward.corpus), reserveCeilings: ceilings,
                reserveHasRejected: rejected, lastTotal: matches.count == limit ? matches[limit - 1].score.total : -.infinity)
        }
        return MatchList(
            matches: matches, admission: candidates.admission, admissionTerms: candidates.admissionTerms, expansion: expanded,
            bounds: bounds, reverseExpansions: reverseExpansions, reverseTracking: reverseTracking)
    }

    /// A pair's total under the matcher's policy for a given text relevance, or nil when the default filter
    /// (`MatchFilter()`, the one stored lists use) rejects the pair or either item is unknown: what an item would
    /// score in a stored list of the other side (`ListBounds`).
    public func storedTotal(seedID: Int64, needID: Int64, relevance: Double) -> Double? {
        guard let seed = seeds.profiles[seedID], let need = needs.profiles[needID] else { return nil }
        let boundary = Boundary(between: need.location, and: seed.location, sisterLinks: sisterLinks)
        guard MatchFilter().allows(seed: seed, need: need, boundary: boundary) else { return nil }
        return policy.score(textRelevance: relevance, seed: seed, need: need, boundary: boundary).total
    }

    /// The asker's words that contributed most to the text relevance (expansion terms left out); a term from a
    /// confidential side counts only if it occurs in that side's title or summary (`askerFrequencies`: the asker's
    /// term frequencies when it is confidential).
    private func sharedTerms(
        _ explanation: SearchIndex.Explanation, matchedID: Int64, index: SearchIndex, matchedIsConfidential: Bool,
        askerFrequencies: [String: PerField<Int>]?
    ) -> [String] {
        guard sharedTermLimit > 0 else { return [] }
        func isPublic(_ f: PerField<Int>?) -> Bool { (f?.title ?? 0) > 0 || (f?.summary ?? 0) > 0 }
        var result: [String] = []
        for contribution in index.explain(explanation, documentID: matchedID) where !contribution.isExpansion {
            if matchedIsConfidential && !isPublic(contribution.frequencies) { continue }
            if let askerFrequencies, !isPublic(askerFrequencies[contribution.term]) { continue }
            if !result.contains(contribution.querySurface) { result.append(contribution.querySurface) }
            if result.count == sharedTermLimit { break }
        }
        return result
    }
}

/// One item's match list with what it depends on, for keeping it current as the other side changes.
public struct MatchList: Sendable {
    /// The matches, best first.
    public var matches: [Match]
    /// The candidates' admission (`SearchIndex.Candidates.admission`): with frozen statistics, a change to an item
    /// of the other side that scores below it under the asker's `SearchIndex.admissionTerms` (in both its old and
    /// its new form) leaves this list as it is, provided no term of the asker's text appears in or disappears from
    /// that side's index.
    public var admission: Double
    /// The asker's `SearchIndex.admissionTerms` in the other side's index.
    public var admissionTerms: [(term: Int, weight: Double)]
    /// The asker's query as ranked (its RM3 expansion): the other side's lists score this item with it.
    public var expansion: AnalyzedQuery
    /// What an admitted item must beat to change the list (see `ListBounds`): made only for a list with the
    /// default filter and the matcher's policy, as stored lists are, and when the candidates allow telling.
    public var bounds: ListBounds?
    /// The expansions (`expansion`) of matched items that the matcher's `Matcher.expandedQueries` lacked and this
    /// list worked out for their reverse scores, by item id: a caller keeping those expansions can add them.
    public var reverseExpansions: [Int64: AnalyzedQuery] = [:]
    /// For lists made with bounds: what keeps each of `reverseExpansions` current (`ExpansionTracking`).
    public var reverseTracking: [Int64: ExpansionTracking] = [:]
}

/// A list ranked by its forward scores (`Matcher.startList`), before the reverse scores, which read the matched
/// items' expansions as the matcher has them when it is finished (`Matcher.finishList`).
public struct StartedList: Sendable {
    let askerID: Int64
    let askerIsNeed: Bool
    let asker: AnalyzedDocument
    let askerIsConfidential: Bool
    let forward: Matcher.Side
    let resolve: @Sendable (Int64) -> Matcher.Resolved?
    let limit: Int
    let policy: MatchPolicy
    let withBounds: Bool
    let query: AnalyzedQuery
    /// Nil when the asker's text has no indexable words (or no entries are wanted).
    var candidates: SearchIndex.Candidates?
    var scored: [(hit: Hit, pair: Matcher.Resolved, score: PairScore)]

    /// True for a need's list (it matches seeds), false for a seed's.
    public var isNeedList: Bool { askerIsNeed }

    /// The items the list matches, best first: the reverse scores read their expansions.
    public var matchedIDs: [Int64] { scored.prefix(limit).map(\.hit.documentID) }
}

/// A matcher request that cannot be answered (an unknown id).
public struct MatcherError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, in words for a user.
    public var description: String

    init(_ description: String) { self.description = description }
}
