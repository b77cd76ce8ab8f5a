/// A resolved query as term ids (ascending) with weights (query weight × idf), for scoring one document from its
/// saturations (`SearchIndex.saturations(of:)`) without the index.
struct TermVector: Sendable {
    private(set) var terms: [UInt32] = []
    private(set) var weights: [Double] = []

    init() {}

    init(_ resolved: [SearchIndex.ResolvedTerm]) {
        var merged: [Int: Double] = [:]
        for term in resolved { merged[term.id, default: 0] += term.weight }
        for (id, weight) in merged.sorted(by: { $0.key < $1.key }) {
            terms.append(UInt32(id))
            weights.append(weight)
        }
    }

    /// The document's score: the sum of weight × saturation over the terms it has.
    func score(_ saturations: TermSaturations) -> Double {
        var score = 0.0
        saturations.values.withUnsafeBufferPointer { values in
            for i in terms.indices {
                let term = Int(terms[i])
                if term < values.count, values[term] != 0 { score += weights[i] * values[term] }
            }
        }
        return score
    }
}

/// One document's saturations by term id (`SearchIndex.saturations(of:)`), in a flat array (0: the document does not
/// have the term), so that scoring it against many owners' queries does no hashing.
struct TermSaturations {
    private(set) var values: [Double] = []

    init(_ saturations: [(term: Int, saturation: Double)]) {
        guard let last = saturations.map(\.term).max() else { return }
        values = [Double](repeating: 0, count: last + 1)
        for (term, saturation) in saturations { values[term] += saturation }
    }
}

/// The text side of a list's bounds, from `SearchIndex.candidates` (see `ListBounds`).
struct TextBounds {
    /// The query as resolved (the first pass orders its pool by it).
    var full: TermVector
    /// The resolved query, for scoring the list's members.
    var fullTerms: [SearchIndex.ResolvedTerm]
    /// The ranked (expanded) query as resolved, and its ideal score (`Hit.relevance` divides by it).
    var ranked = TermVector()
    var rankedIdeal = 0.0
    /// The whole-query score of the last feedback document (−∞ when the first pass has fewer).
    var feedbackBar: Double
    /// The feedback documents that make the expansion: (id, whole-query score), best first.
    var feedbackTop: [(id: Int64, score: Double)]
    /// The pool's documents of least stage-one score, ascending: (id, stage-one score, in the first pass, a
    /// feedback document); all of them when `lowIsWholePool`. The `lowCount` least, or, when those all tie the
    /// least, every document tied with it and the `lowCount` least above them.
    var low: [(id: Int64, stageOne: Double, first: Bool, feedback: Bool)]
    var lowIsWholePool: Bool
    /// How many more documents the pool would take (0: each new one pushes out its lowest).
    var poolRoom: Int
    /// The pool's documents that are not candidates, best first by whole-query score: when a candidate leaves,
    /// the best of them that passes the filter takes its place.
    var reserve: [Int64]
    /// How many more documents the first pass can take before it is full (its pool is not), and how many more
    /// filtered candidates there are than wanted (negative when fewer): the candidates are the filtered first pass
    /// while either is positive or the latter is zero (see `ListBounds.admit`).
    var room: Int
    var slack: Int
    /// For candidates taken from a filtered first pass (fewer of the unfiltered first pass than wanted pass the
    /// filter): the unfiltered pool, which makes the expansion (`low`, `lowIsWholePool` and `poolRoom` then
    /// describe the filtered pool, and `feedbackBar` the unfiltered first pass), and how many more documents of
    /// the unfiltered first pass pass the filter than are wanted (negative; at 0 the candidates would be taken
    /// from it instead).
    var unfiltered: (low: [(id: Int64, stageOne: Double, first: Bool, feedback: Bool)], lowIsWholePool: Bool, poolRoom: Int, slack: Int)?

    static let lowCount = 32

    init(
        _ index: SearchIndex, pool: SearchIndex.Pool, first: ArraySlice<(UInt32, Double)>, feedbackDocuments: Int, room: Int,
        slack: Int, candidates: ArraySlice<Int64>
    ) {
        self.init(index, pool: pool, feedback: first.prefix(feedbackDocuments), feedbackDocuments: feedbackDocuments, first: Set(first.map(\.0)))
        let chosen = Set(candidates)
        reserve = pool.ranked.map { index.documentIDs[Int($0.0)] }.filter { !chosen.contains($0) }
        self.room = room
        self.slack = slack
    }

    /// Bounds for candidates taken from a filtered first pass: the filtered pool (`filtered`, scored whole; every
    /// document passes the filter), its best `limit` (`chosen`: the candidates), and the unfiltered pool and its
    /// first pass (`first`), of which `passing` documents pass the filter.
    init(
        _ index: SearchIndex, filtered: SearchIndex.Pool, chosen: ArraySlice<(UInt32, Double)>, limit: Int, unfiltered: SearchIndex.Pool,
        first: ArraySlice<(UInt32, Double)>, passing: Int, feedbackDocuments: Int
    ) {
        let expansion = TextBounds(index, pool: unfiltered, feedback: first.prefix(feedbackDocuments), feedbackDocuments: feedbackDocuments)
        self.init(
            index, pool: filtered, first: chosen, feedbackDocuments: feedbackDocuments, room: limit - chosen.count, slack: chosen.count - limit,
            candidates: chosen.map { index.documentIDs[Int($0.0)] }[...])
        feedbackBar = expansion.feedbackBar
        feedbackTop = expansion.feedbackTop
        low = low.map { ($0.id, $0.stageOne, $0.first, false) }
        self.unfiltered = (expansion.low, expansion.lowIsWholePool, expansion.poolRoom, passing - limit)
    }

    /// The expansion part only (as `ListBounds(expansionOnly:)` needs it): from a pool and its first pass's best
    /// `feedbackDocuments` (`feedback`, best first); `first` holds the pool's documents in the first pass, when known.
    init(
        _ index: SearchIndex, pool: SearchIndex.Pool, feedback: ArraySlice<(UInt32, Double)>, feedbackDocuments: Int,
        first: Set<UInt32> = []
    ) {
        full = TermVector(pool.terms)
        fullTerms = pool.terms
        feedbackBar = feedback.count < feedbackDocuments ? -.infinity : feedback.last!.1
        feedbackTop = feedback.map { (index.documentIDs[Int($0.0)], $0.1) }
        let inFeedback = Set(feedback.map(\.0))
        let ascending: ((UInt32, Double), (UInt32, Double)) -> Bool = {
            $0.1 != $1.1 ? $0.1 < $1.1 : index.documentIDs[Int($0.0)] > index.documentIDs[Int($1.0)]
        }
        var lowest = pool.stageOneScores.smallest(Self.lowCount, by: ascending)
        if lowest.count < pool.stageOneScores.count, let least = lowest.first?.1, lowest.last!.1 <= least + margin(least) {
            // Every one tracked ties the least: take the whole tied group (the bounds follow it by its size,
            // `PoolTrack`) and the least documents above it.
            let bar = least + margin(least)
            lowest = pool.stageOneScores.filter { $0.1 <= bar }.sorted(by: ascending)
                + pool.stageOneScores.lazy.filter { $0.1 > bar }.smallest(Self.lowCount, by: ascending)
        }
        low = lowest.map { ordinal, score in (index.documentIDs[Int(ordinal)], score, first.contains(ordinal), inFeedback.contains(ordinal)) }
        lowIsWholePool = lowest.count == pool.stageOneScores.count
        poolRoom = pool.room
        reserve = []
        room = 0
        slack = 0
    }

    /// The smallest whole-query score among `members` (+∞ for none).
    func fullFloor(of members: [Int64], in index: SearchIndex) -> Double {
        let whole = ForwardScorer(index, fullTerms)
        return members.reduce(Double.infinity) { floor, id in index.ordinalByID[id].map { min(floor, whole.score($0)) } ?? floor }
    }
}

/// What one more document of the other side's index must beat to change a match list, so that the lists a new
/// item reaches can be told apart cheaply: those it cannot change, and those that must be recomputed.
///
/// A list (`Matcher`, with frozen statistics) is made in steps: the strongest query terms retrieve a pool, the whole
/// query orders it, its first `reach` documents are the first pass, whose best few are the feedback documents
/// (they make the expansion) and which, filtered, give the candidates; the expansion and the policy then pick the
/// members. A document X admitted to the list (stage-one score s; whole-query score q; total t) enters the pool
/// and, when the pool is full, pushes out the pool's document D of least stage-one score, which the bounds track
/// (`low`). X changes nothing when all of these hold:
/// - q is below the last feedback document's whole-query score, and D is not a feedback document: the expansion
///   stays;
/// - D is not a member, and q is below every member's whole-query score (X pushes no member below the first
///   pass's cut);
/// - t is below the last member's total, or X does not pass the list's filter (X does not become a member);
/// - if D was in the first pass, the reserve document that may take its place totals below the last member: when
///   m documents have been pushed out of the pool, it is among the m best of the reserve's documents that pass
///   the filter, by whole-query score (documents that entered the reserve since total below the last member),
///   hence `reserveCeilings`;
/// - the candidates stay the filtered first pass (`room`, `slack`).
/// Then the list keeps its members, and the bounds take X in (an arrival scoring below `low`'s least does not even
/// enter the pool); the admission only grows, so the stored one stays a safe lower bound. When `low` runs out the
/// list counts as changing.
public struct ListBounds: Sendable {
    var full: TermVector
    var ranked: TermVector
    var rankedIdeal: Double
    var feedbackBar: Double
    /// The feedback documents (`TextBounds.feedbackTop`), kept up to date as documents join them
    /// (`ExpansionEffect.entersFeedback`).
    var feedbackTop: [(id: Int64, score: Double)]
    /// The pool the candidates come from.
    var pool: PoolTrack
    /// For candidates taken from a filtered first pass (`TextBounds.unfiltered`): the unfiltered pool, which makes
    /// the expansion (else `pool` does), and how many more of its first pass pass the filter than wanted, at most.
    var expansionPool: PoolTrack?
    var unfilteredSlack = 0
    var memberFloorFull: Double
    /// Running maxima of the totals of the reserve's documents that pass the filter, in the reserve's order: the
    /// one that takes a candidate's place is the first of them still there.
    var reserveCeilings: [Double]
    /// How many documents arrivals have pushed out of the pool since the list was made (from the reserve or the
    /// first pass): the document that takes a first-pass place is among the reserve's `displaced` best.
    var displaced = 0
    /// Whether a first-pass document has been pushed out of the pool since the list was made: a reserve document
    /// took its place, which `low` may still mark as outside the first pass.
    var firstPassLeft = false
    /// Some reserve document does not pass the filter (so moving it in would not add a candidate).
    var reserveHasRejected: Bool
    /// The last member's total when the list is full, else −∞ (any passing candidate joins).
    var lastTotal: Double
    /// `TextBounds.room` and `TextBounds.slack`, kept up to date as documents arrive.
    var room: Int
    var slack: Int

    /// A document of a pool's least (`PoolTrack.low`), or a group of `count` whose stage-one scores tie, which
    /// carries every mark any of them has.
    struct Low: Sendable {
        var stageOne: Double
        var first: Bool
        var feedback: Bool
        var member: Bool
        var count = 1

        /// Adds another document's (or group's) marks to this one's (for documents that cannot be told apart).
        mutating func takeMarks(of other: Low) {
            first = first || other.first
            feedback = feedback || other.feedback
            member = member || other.member
        }
    }

    init(_ text: TextBounds, members: Set<Int64>, memberFloorFull: Double, reserveCeilings: [Double], reserveHasRejected: Bool, lastTotal: Double) {
        full = text.full
        ranked = text.ranked
        rankedIdeal = text.rankedIdeal
        feedbackBar = text.feedbackBar
        feedbackTop = text.feedbackTop
        pool = PoolTrack(
            low: text.low.map { Low(stageOne: $0.stageOne, first: $0.first, feedback: $0.feedback, member: members.contains($0.id)) },
            lowIsWholePool: text.lowIsWholePool, room: text.poolRoom)
        if let unfiltered = text.unfiltered {
            expansionPool = PoolTrack(
                low: unfiltered.low.map { Low(stageOne: $0.stageOne, first: $0.first, feedback: $0.feedback, member: false) },
                lowIsWholePool: unfiltered.lowIsWholePool, room: unfiltered.poolRoom)
            unfilteredSlack = unfiltered.slack
        }
        self.memberFloorFull = memberFloorFull
        self.reserveCeilings = reserveCeilings
        self.reserveHasRejected = reserveHasRejected
        self.lastTotal = lastTotal
        room = text.room
        slack = text.slack
    }

    /// Bounds that know only whether an arrival may move the owner's expansion (`admitToPending`): for an owner
    /// whose list is pending anyway. `admit` finds that any admitted document may change its list.
    init(expansionOnly text: TextBounds) {
        self.init(text, members: [], memberFloorFull: -.infinity, reserveCeilings: [], reserveHasRejected: true, lastTotal: -.infinity)
    }

    /// The effect of one admitted document.
    public enum Arrival: Sendable, Equatable {
        /// The list stays as it is.
        case unchanged
        /// The list may change, and what may happen to the owner's expansion.
        case mayChange(ExpansionEffect)
    }

    /// What an admitted document does to the owner's expansion.
    public enum ExpansionEffect: Sendable, Equatable {
        /// It stays.
        case stays
        /// The document enters the pool (surely) and scores at least the last feedback document, and no feedback
        /// document leaves the pool: the feedback documents are the best of theirs and it, and the bounds follow
        /// (`feedbackTop` is to be updated with its exact score, `updateFeedback`).
        case entersFeedback
        /// It may move in a way the bounds do not follow: the expansion must be worked out again, and the bounds
        /// are not used again before the list is made anew.
        case moves
    }

    /// Decides what an admitted document does to the list, and takes it in when it does nothing.
    ///
    /// - Parameters:
    ///   - stageOne: its score under the list's admission terms.
    ///   - saturations: its saturations by term id (`SearchIndex.saturations(of:)`).
    ///   - total: its total for the list's owner given its text relevance, or nil when the list's filter rejects it.
    mutating func admit(stageOne s: Double, saturations: TermSaturations, total: (Double) -> Double?) -> Arrival {
        // Below both pools' least, X enters neither (a filtered pool's least is at most the unfiltered one's, so
        // when only the unfiltered pool leaves X out, X may still enter the filtered one).
        if staysOut(stageOne: s) && pool.staysOut(stageOne: s) { return .unchanged }
        let q = full.score(saturations)
        switch expansionEffect(stageOne: s, full: q) {
        case .moves: return .mayChange(.moves)
        case .entersFeedback:
            // The list is recomputed; until then only its expansion part is used (`admitToPending`).
            enterExpansionPool(stageOne: s, feedback: true)
            return .mayChange(.entersFeedback)
        case .stays: break
        }
        var t: Double?? = nil
        func totalOnce() -> Double? {
            if let t { return t }
            let value = total(rankedIdeal > 0 ? min(1, ranked.score(saturations) / rankedIdeal) : 0)
            t = .some(value)
            return value
        }
        if expansionPool != nil {
            // Candidates from a filtered first pass: X joins the unfiltered pool (for the expansion); one the filter
            // rejects changes nothing else, and one it passes is taken in like any arrival, into the filtered pool,
            // unless it may bring enough of the unfiltered first pass through the filter to take the candidates
            // from there.
            _ = expansionPool!.enter(stageOne: s)
            guard totalOnce() != nil else { return .unchanged }
            unfilteredSlack += 1
            if unfilteredSlack >= 0 { return .mayChange(.stays) }
        }
        let departed: Low?
        switch pool.enter(stageOne: s) {
        case .outside: return .unchanged
        case .unknown: return .mayChange(.stays)
        case .joined: departed = nil
        case .displaced(let low):
            departed = low
            displaced += 1
        }
        if departed?.member == true || atLeast(q, memberFloorFull) { return .mayChange(.stays) }
        let total = totalOnce()
        if let total, atLeast(total, lastTotal) { return .mayChange(.stays) }
        if let departed, departed.first || firstPassLeft {
            firstPassLeft = true
            if !reserveCeilings.isEmpty, atLeast(reserveCeilings[min(displaced - 1, reserveCeilings.count - 1)], lastTotal) {
                return .mayChange(.stays)
            }
        }
        // While the first pass is not full, X just joins it (a candidate if it passes the filter); once it is,
        // X or a reserve document that the filter rejects can take the place of a candidate.
        if room > 0 {
            room -= 1
            if total != nil { slack += 1 }
        } else if total == nil || reserveHasRejected {
            slack -= 1
        }
        guard room > 0 || slack >= 0 else { return .mayChange(.stays) }
        if total == nil { reserveHasRejected = true }
        return .unchanged
    }

    /// `admit` for a list that is to be recomputed anyway: only what happens to its expansion, keeping the pool
    /// that makes it current.
    mutating func admitToPending(stageOne s: Double, saturations: TermSaturations) -> ExpansionEffect {
        if staysOut(stageOne: s) { return .stays }
        let effect = expansionEffect(stageOne: s, full: full.score(saturations))
        if effect != .moves { enterExpansionPool(stageOne: s, feedback: effect == .entersFeedback) }
        return effect
    }

    /// Takes the exact new feedback documents in after `ExpansionEffect.entersFeedback` (best first, at most the
    /// configuration's number; `feedbackDocuments`: that number).
    mutating func updateFeedback(_ top: [(id: Int64, score: Double)], feedbackDocuments: Int) {
        feedbackTop = top
        feedbackBar = top.count < feedbackDocuments ? -.infinity : top.last!.score
    }

    /// An arrival entering the pool that makes the expansion (`feedback`: as a feedback document).
    private mutating func enterExpansionPool(stageOne s: Double, feedback: Bool) {
        if expansionPool != nil { _ = expansionPool!.enter(stageOne: s, feedback: feedback) } else { _ = pool.enter(stageOne: s, feedback: feedback) }
    }

    /// Whether an arrival of stage-one score `s` stays out of the pool that makes the expansion, and so out of
    /// its first pass: it moves nothing there (the whole-query score need not be worked out).
    private func staysOut(stageOne s: Double) -> Bool {
        feedbackBar > -.infinity && (expansionPool ?? pool).staysOut(stageOne: s)
    }

    /// What an admitted document does to the owner's expansion: it may join the feedback documents, or push one
    /// out of the pool that makes it (or it cannot tell). This part of the bounds stays valid while only arrivals
    /// that leave the expansion or join its feedback documents have changed the list since it was made, even when
    /// they changed its members (`admitToPending`).
    private func expansionEffect(stageOne s: Double, full q: Double) -> ExpansionEffect {
        let expansionPool = expansionPool ?? pool
        if expansionPool.mayPushOutFeedback(stageOne: s) { return .moves }
        guard atLeast(q, feedbackBar) else { return .stays }
        // Tied with the pool's least, it may be the one that leaves (`PoolTrack.enter`).
        return expansionPool.surelyEnters(stageOne: s) ? .entersFeedback : .moves
    }
}

/// A pool's documents of least stage-one score (`TextBounds.low`, each marked as a member or not) and its room,
/// kept up to date as documents arrive.
///
/// Documents whose stage-one scores tie (within rounding: the search sums a score's terms in an order that depends
/// on the rest of the index) leave the pool in no order the bounds can know, so they are followed as a group: one
/// entry of `low` with their number (`Low.count`) and every mark any of them has (`Low.first`, `feedback`,
/// `member`). When one of the group leaves, which one is not known, so the document reported as leaving and those
/// that stay carry all those marks: a safe over-estimate, since each mark only makes a later decision more
/// cautious.
struct PoolTrack: Sendable {
    /// Ascending by stage-one score: groups of tied documents (see above; an arrival is an entry of its own, and
    /// the entries tied with the least are merged when one of them leaves). The entries tied with any one score
    /// count every document of the pool tied with it, except those past the last entry when `lowIsWholePool` is
    /// false.
    var low: [ListBounds.Low]
    var lowIsWholePool: Bool
    /// How many more documents the pool would take (0: each new one pushes out its lowest).
    var room: Int

    /// From the pool's least documents, ascending (`TextBounds.low`).
    init(low documents: [ListBounds.Low], lowIsWholePool: Bool, room: Int) {
        low = []
        for document in documents {
            if let group = low.last, document.stageOne <= group.stageOne + margin(group.stageOne) {
                low[low.count - 1].takeMarks(of: document)
                low[low.count - 1].count += document.count
            } else {
                low.append(document)
            }
        }
        self.lowIsWholePool = lowIsWholePool
        self.room = room
    }

    /// What an arrival does to the pool.
    enum Entry {
        /// It scores below the pool's least: it stays out.
        case outside
        /// The pool had room for it.
        case joined
        /// It pushed out the pool's least (one of the group tied with it, with the group's marks).
        case displaced(ListBounds.Low)
        /// It cannot tell: the pool's least are unknown, or tie with each other past those tracked.
        case unknown
    }

    /// Takes an arrival of stage-one score `s` in: one of the group tied with the pool's least leaves (the
    /// arrival joins that group when it ties it too).
    mutating func enter(stageOne s: Double, feedback: Bool = false) -> Entry {
        // X may sit in the first pass; it is not a member, and a feedback document only when said so.
        let x = ListBounds.Low(stageOne: s, first: true, feedback: feedback, member: false)
        guard room == 0 else {
            room -= 1
            if lowIsWholePool || (low.last.map { s < $0.stageOne } ?? false) {
                insert(x)
                if low.count > TextBounds.lowCount {
                    low.removeLast()
                    lowIsWholePool = false
                }
            }
            return .joined
        }
        guard let d = low.first else { return .unknown }
        // Below the pool's least, X does not enter the pool at all.
        if s < d.stageOne - margin(d.stageOne) { return .outside }
        guard let tied = tiedWithLeast() else { return .unknown }
        var group = low[0]
        for other in low[1..<tied] {
            group.takeMarks(of: other)
            group.count += other.count
        }
        low.removeSubrange(0..<tied)
        let arrivalTies = s <= d.stageOne + margin(d.stageOne)
        if arrivalTies { group.takeMarks(of: x) } else { group.count -= 1 }
        if group.count > 0 { low.insert(group, at: 0) }
        if !arrivalTies, lowIsWholePool || (low.last.map { s < $0.stageOne } ?? false) { insert(x) }
        group.count = 1
        return .displaced(group)
    }

    /// Inserts a document into `low` after those of lower or equal score.
    private mutating func insert(_ x: ListBounds.Low) {
        low.insert(x, at: low.firstIndex { $0.stageOne > x.stageOne } ?? low.endIndex)
    }

    /// How many of `low`'s entries tie the least (at least 1), or nil when they may run on past `low`.
    private func tiedWithLeast() -> Int? {
        let d = low[0].stageOne
        let tied = low.firstIndex { $0.stageOne > d + margin(d) } ?? low.count
        return tied == low.count && !lowIsWholePool ? nil : tied
    }

    /// Whether an arrival of stage-one score `s` is surely in the pool after `enter`: the pool has room, or it
    /// scores above the least and any document tied with it.
    func surelyEnters(stageOne s: Double) -> Bool {
        guard room == 0 else { return true }
        guard let d = low.first else { return false }
        return s > d.stageOne + margin(d.stageOne)
    }

    /// Whether an arrival of stage-one score `s` stays out of the pool, so that `enter` leaves it out.
    func staysOut(stageOne s: Double) -> Bool {
        guard room == 0, let d = low.first else { return false }
        return s < d.stageOne - margin(d.stageOne)
    }

    /// Whether an arrival of stage-one score `s` may push a feedback document out of the pool (or it cannot tell):
    /// the least, or a document tied with it, is one (see `enter`).
    func mayPushOutFeedback(stageOne s: Double) -> Bool {
        guard room == 0 else { return false }
        guard let d = low.first else { return true }
        if s < d.stageOne - margin(d.stageOne) { return false }
        guard let tied = tiedWithLeast() else { return true }
        return low[..<tied].contains { $0.feedback }
    }
}

/// The rounding allowed between sums of the same terms taken in another order.
private func margin(_ value: Double) -> Double { 1e-9 * max(1, abs(value)) }

/// `value ≥ bar` up to rounding.
private func atLeast(_ value: Double, _ bar: Double) -> Bool { value >= bar - margin(bar) }

/// An owner's expansion worked out at the current state, with what keeps it current while documents of the other
/// side arrive (`SearchIndex.trackedExpansion`): its admission, admission terms and expansion-only bounds.
public struct ExpansionTracking: Sendable {
    public var expansion: AnalyzedQuery
    public var admission: Double
    public var admissionTerms: [(term: Int, weight: Double)]
    public var bounds: ListBounds
}
