import Foundation

/// The match lists of one side's items (the owners) indexed by what they depend on in the other side's search
/// index, so that a change to one document there finds exactly the lists it can change.
///
/// An owner's list is what `Matcher` ranks from the candidates its query admits (`SearchIndex.Candidates`): with
/// the other index's statistics frozen, a document changes the list only if it is admitted, i.e. scores at least
/// the list's admission under the owner's `SearchIndex.admissionTerms` (at most a cascade's worth of terms). Those
/// terms are indexed here like a tiny inverted index of queries, so that all owners admitting a document are found
/// by walking the document's own terms once.
///
/// A document that arrives (`arrive`) is taken into the bounds of the lists admitting it later, each list taking
/// its arrivals in order: a few lists at once when something is about to read them (`catchUp`), or every list an
/// arrival reaches (`takeInOldest`).
public struct AdmissionIndex: Sendable {
    // Owners live in dense slots, so that scoring a document against every owner adds into a flat array.
    private var slotByOwner: [Int64: Int32] = [:]
    private var ownerBySlot: [Int64] = []
    private var freeSlots: [Int32] = []
    /// By slot: the owner's admission terms (each once), admission and list bounds (a free slot has no terms and
    /// an infinite admission).
    private var terms: [[(term: Int, weight: Double)]] = []
    private var admission: [Double] = []
    private var bounds: [ListBounds?] = []
    /// By slot, parallel to `terms`: where the slot stands in each of its terms' postings.
    private var positions: [[Int32]] = []
    /// By term id (in the other side's index): the slots whose admission query has the term, and its weight there,
    /// unordered (a removal moves the last posting into the hole). Flat arrays, since `admitted` walks every posting
    /// of a document's terms: tens of thousands per document at 100k owners.
    private var postings: [Postings] = []
    /// Zeros by slot, lent to `admitted` (which leaves them zero), so that it does not allocate a slot-sized array
    /// for every document.
    private var scratch: [Double] = []
    /// How many documents have arrived (`arrive`): an arrival's sequence number is the count after it.
    private var arrived = 0
    /// By slot: the arrivals its bounds have taken in, or came before its list was made (an arrival of a higher
    /// sequence number has not been taken in yet); `Int.max` for a free slot.
    private var takenIn: [Int] = []
    /// Arrivals that not every owner they are admitted to has taken in yet, oldest first.
    private var waiting: [Waiting] = []
    /// The waiting arrivals admitted to each slot, so that bringing a few owners up to date (`catchUp`) costs what
    /// they have waiting, not what every arrival reaches: per slot a chain through `admittedLog` (newest first;
    /// `lastAdmitted`: the newest, −1 for none), in one flat log so that an arrival reaching tens of thousands of
    /// owners allocates nothing per owner. An entry taken in already (its sequence number is at most the slot's
    /// `takenIn`, or its arrival is no longer waiting) is skipped; the log is emptied whenever no arrival waits.
    private var admittedLog: [(sequence: Int, stageOne: Double, previous: Int32)] = []
    private var lastAdmitted: [Int32] = []

    private struct Postings {
        var slots: [Int32] = []
        var weights: [Double] = []
    }

    /// A document that arrived, with the slots admitting it as they were then (a slot set since has taken it in).
    private struct Waiting {
        var documentID: Int64
        var sequence: Int
        var saturations: [(term: Int, saturation: Double)]
        var admitted: [(slot: Int32, stageOne: Double)]
    }

    /// An empty index.
    public init() {}

    /// The number of owners.
    public var count: Int { slotByOwner.count }

    /// Records (or replaces) an owner's list: its admission terms, admission and bounds.
    public mutating func set(_ owner: Int64, list: MatchList) {
        set(owner, terms: list.admissionTerms, admission: list.admission, bounds: list.bounds)
    }

    /// Records (or replaces) an owner's admission terms and admission, and the list's bounds if known.
    public mutating func set(_ owner: Int64, terms ownerTerms: [(term: Int, weight: Double)], admission ownerAdmission: Double, bounds ownerBounds: ListBounds? = nil) {
        remove(owner)
        let slot: Int32
        if let free = freeSlots.popLast() {
            slot = free
            ownerBySlot[Int(slot)] = owner
        } else {
            slot = Int32(ownerBySlot.count)
            ownerBySlot.append(owner)
            terms.append([])
            positions.append([])
            admission.append(.infinity)
            bounds.append(nil)
            takenIn.append(.max)
            lastAdmitted.append(-1)
        }
        let s = Int(slot)
        slotByOwner[owner] = slot
        // A term named twice counts once, with the weights summed.
        var merged: [(term: Int, weight: Double)] = []
        for (term, weight) in ownerTerms {
            if let i = merged.firstIndex(where: { $0.term == term }) { merged[i].weight += weight } else { merged.append((term, weight)) }
        }
        terms[s] = merged
        positions[s] = merged.map { term, weight in
            if term >= postings.count { postings.append(contentsOf: repeatElement(Postings(), count: term + 1 - postings.count)) }
            postings[term].slots.append(slot)
            postings[term].weights.append(weight)
            return Int32(postings[term].slots.count - 1)
        }
        admission[s] = ownerAdmission
        bounds[s] = ownerBounds
        takenIn[s] = arrived
        lastAdmitted[s] = -1
    }

    /// Forgets an owner.
    public mutating func remove(_ owner: Int64) {
        guard let slot = slotByOwner.removeValue(forKey: owner) else { return }
        let s = Int(slot)
        for ((term, _), position) in zip(terms[s], positions[s]) {
            // The term's last posting moves into the hole; its slot's record of where it stands follows.
            let p = Int(position)
            let last = postings[term].slots.count - 1
            if p != last {
                let moved = postings[term].slots[last]
                postings[term].slots[p] = moved
                postings[term].weights[p] = postings[term].weights[last]
                let m = Int(moved)
                positions[m][terms[m].firstIndex { $0.term == term }!] = position
            }
            postings[term].slots.removeLast()
            postings[term].weights.removeLast()
        }
        terms[s] = []
        positions[s] = []
        admission[s] = .infinity
        bounds[s] = nil
        takenIn[s] = .max
        lastAdmitted[s] = -1
        freeSlots.append(slot)
    }

    /// The owners whose lists the document `documentID` of `index` (the index their admission terms refer to) is
    /// admitted to; empty when the document is not indexed.
    ///
    /// A document's score is summed here in another order than in the search, so a score within a billionth of
    /// an admission counts as reaching it.
    public mutating func owners(admitting documentID: Int64, in index: SearchIndex) -> Set<Int64> {
        Set(admitted(index.saturations(of: documentID)).map { ownerBySlot[Int($0.slot)] })
    }

    /// The slots of the owners admitting a document with these saturations, with its stage-one score for each.
    private mutating func admitted(_ saturations: [(term: Int, saturation: Double)]) -> [(slot: Int32, stageOne: Double)] {
        var scores = scratch
        scratch = []
        let result = Self.admitted(saturations, postings: postings, admission: admission, scores: &scores)
        scratch = consume scores
        return result
    }

    /// `admitted` over the given postings and admissions by slot; `scores` (zeros, grown to the slot count here)
    /// is left zero.
    private static func admitted(
        _ saturations: [(term: Int, saturation: Double)], postings: [Postings], admission: [Double], scores: inout [Double]
    ) -> [(slot: Int32, stageOne: Double)] {
        if scores.count < admission.count { scores.append(contentsOf: repeatElement(0, count: admission.count - scores.count)) }
        var touched: [Int32] = []
        scores.withUnsafeMutableBufferPointer { scores in
            for (term, saturation) in saturations where term < postings.count {
                postings[term].slots.withUnsafeBufferPointer { slots in
                    postings[term].weights.withUnsafeBufferPointer { weights in
                        for i in slots.indices {
                            let slot = Int(slots[i])
                            if scores[slot] == 0 { touched.append(slots[i]) }
                            scores[slot] += weights[i] * saturation
                        }
                    }
                }
            }
        }
        // Every contribution is positive, so a slot's score is 0 only until its first one: a slot noted twice (a
        // zero contribution) is read once, since reading sets it back to 0.
        var result: [(slot: Int32, stageOne: Double)] = []
        for slot in touched {
            let s = Int(slot)
            let score = scores[s]
            guard score > 0 else { continue }
            scores[s] = 0
            let admission = admission[s]
            if score >= admission - 1e-9 * max(1, abs(admission)) { result.append((slot, score)) }
        }
        return result
    }

    /// Where an owner's list stands for `arrivals`.
    public enum OwnerState: Sendable {
        /// Current: its bounds tell whether an arrival may change it.
        case current
        /// To be recomputed anyway, its expansion standing: an arrival matters only if it may move the expansion
        /// (`ListBounds.admitToPending`), which is valid while every change since the list was made was an
        /// arrival that did not move it.
        case pending
        /// To be recomputed, its expansion standing but its bounds not following its pool: any arrival drops it.
        case questioned
        /// To be recomputed, its expansion dropped already: no arrival changes anything for it (its bounds are not
        /// used again before its list is recomputed).
        case settled
    }

    /// What an arrival does to an owner's expansion (`catchUp`, `takeInOldest`).
    public enum ExpansionChange: Sendable, Equatable {
        /// It stays.
        case stays
        /// It moves to this, which the bounds follow (the arrival joined the feedback documents).
        case moved(AnalyzedQuery)
        /// It may move: it is to be worked out again, with new bounds.
        case unknown
    }

    /// The owners whose lists the newly indexed document `documentID` of `index` may change, or whose expansion
    /// it may move (each once), each with what happens to the owner's expansion (`ListBounds.admit`). An owner
    /// without bounds counts as changing, its expansion unknown; the others' bounds take the document in.
    /// (`arrive` and `takeInOldest` at once; no other arrival may be waiting.)
    ///
    /// - Parameters:
    ///   - state: where an owner's list stands; `pending` owners are reported only when their expansion may move,
    ///     `questioned` ones always, `settled` ones never.
    ///   - query: an owner's text as a query (`OwnerQuery`).
    ///   - total: the document's total in an owner's list for a text relevance, or nil when the list's filter
    ///     rejects it (`Matcher.storedTotal`).
    public mutating func arrivals(
        of documentID: Int64, in index: SearchIndex, state: (Int64) -> OwnerState, query: @escaping OwnerQuery,
        total: @escaping @Sendable (_ owner: Int64, _ relevance: Double) -> Double?
    ) -> [(owner: Int64, expansion: ExpansionChange)] {
        precondition(waiting.isEmpty, "arrivals(of:) with older arrivals waiting")
        arrive(documentID, in: index)
        return takeInOldest(in: index, state: state, query: query) { owner, _, relevance in total(owner, relevance) }
    }

    /// Records that document `documentID` of `index` arrived (newly indexed, or indexed anew). The owners admitting
    /// it take it into their bounds later, each in the order documents arrived: all of them with `takeInOldest`,
    /// some with `catchUp`. An owner whose list is set after the arrival has it in already.
    public mutating func arrive(_ documentID: Int64, in index: SearchIndex) {
        let saturations = index.saturations(of: documentID)
        queue(documentID, saturations: saturations, admitted: admitted(saturations))
    }

    /// `arrive` for each of these documents in turn, the owners admitting them worked out on every core.
    public mutating func arrive(_ documentIDs: [Int64], in index: SearchIndex) {
        guard documentIDs.count > 1 else {
            for id in documentIDs { arrive(id, in: index) }
            return
        }
        // Only what the scan reads is shared with the other threads (nothing here changes it).
        let (postings, admission) = (postings, admission)
        let saturations = documentIDs.map { index.saturations(of: $0) }
        let cores = min(ProcessInfo.processInfo.activeProcessorCount, saturations.count)
        let slices = (0..<cores).map { saturations.count * $0 / cores..<saturations.count * ($0 + 1) / cores }
        let admitted = slices.concurrentMap { slice in
            var scores: [Double] = []
            return saturations[slice].map { Self.admitted($0, postings: postings, admission: admission, scores: &scores) }
        }.flatMap { $0 }
        for (id, (saturations, admitted)) in zip(documentIDs, zip(saturations, admitted)) {
            queue(id, saturations: saturations, admitted: admitted)
        }
    }

    /// Queues an arrival with the slots admitting it.
    private mutating func queue(_ documentID: Int64, saturations: [(term: Int, saturation: Double)], admitted: [(slot: Int32, stageOne: Double)]) {
        arrived += 1
        guard !admitted.isEmpty else { return }
        waiting.append(Waiting(documentID: documentID, sequence: arrived, saturations: saturations, admitted: admitted))
        for (slot, stageOne) in admitted {
            admittedLog.append((arrived, stageOne, lastAdmitted[Int(slot)]))
            lastAdmitted[Int(slot)] = Int32(admittedLog.count - 1)
        }
    }

    /// Forgets a waiting arrival of `documentID`: the document changed again or left, and the owners its form
    /// then is admitted to are recomputed anyway (`owners(admitting:in:)` before the change).
    public mutating func forgetArrival(of documentID: Int64) {
        waiting.removeAll { $0.documentID == documentID }
        if waiting.isEmpty { forgetAdmittedLog() }
    }

    /// How many arrivals wait to be taken in by some owner (`takeInOldest`).
    public var waitingCount: Int { waiting.count }

    /// An owner's text as a query in the index the arrivals are documents of (`AnalyzedQuery(document:fieldWeights:)`
    /// with its weights), for working out an expansion the bounds follow.
    public typealias OwnerQuery = @Sendable (_ owner: Int64) -> AnalyzedQuery?
    /// An arriving document's total in an owner's list for a text relevance, or nil when the list's filter rejects
    /// it (`Matcher.storedTotal`).
    public typealias ArrivalTotal = @Sendable (_ owner: Int64, _ documentID: Int64, _ relevance: Double) -> Double?

    /// Takes the oldest waiting arrival into the bounds of every owner admitting it that has not taken it in yet,
    /// and forgets it; returns the owners whose lists it may change, as `arrivals(of:in:state:query:total:)` does.
    ///
    /// - Parameter index: the index the arrivals are documents of (as it is now).
    public mutating func takeInOldest(
        in index: SearchIndex, state: (Int64) -> OwnerState, query: @escaping OwnerQuery, total: @escaping ArrivalTotal
    ) -> [(owner: Int64, expansion: ExpansionChange)] {
        guard !waiting.isEmpty else { return [] }
        let arrival = waiting.removeFirst()
        defer { if waiting.isEmpty { forgetAdmittedLog() } }
        let saturations = TermSaturations(arrival.saturations)
        var steps: [CatchingUp] = []
        for (slot, stageOne) in arrival.admitted where takenIn[Int(slot)] < arrival.sequence {
            steps.append(catchingUp(slot, [(arrival.sequence, stageOne)], state: state))
        }
        return takeIn(&steps, arrivals: [arrival.sequence: (arrival.documentID, saturations)], in: index, query: query, total: total)
    }

    /// Brings the bounds of `owners`' lists up to date: each takes in the arrivals waiting for it, oldest first;
    /// returns, in that order for each owner, what each arrival may change, as `arrivals(of:in:state:query:total:)`
    /// does. `state` is asked once per owner: what an arrival reports changes where the owner stands for the next
    /// one as acting on the report does (a list reported is pending; an expansion reported unknown is dropped),
    /// so act on the reports in order.
    public mutating func catchUp(
        _ owners: some Sequence<Int64>, in index: SearchIndex, state: (Int64) -> OwnerState, query: @escaping OwnerQuery,
        total: @escaping ArrivalTotal
    ) -> [(owner: Int64, expansion: ExpansionChange)] {
        // The owners' waiting arrivals, oldest first (forgotten ones are not taken in), and each of those arrivals'
        // saturations spread out once.
        let waitingBySequence = Dictionary(uniqueKeysWithValues: waiting.lazy.map { ($0.sequence, $0) })
        var arrivals: [Int: (documentID: Int64, saturations: TermSaturations)] = [:]
        var steps: [CatchingUp] = []
        var owned: [Int32] = []
        for owner in owners {
            guard let slot = slotByOwner[owner] else { continue }
            owned.append(slot)
            let s = Int(slot)
            var pending: [(sequence: Int, stageOne: Double)] = []
            var entry = lastAdmitted[s]
            while entry >= 0 {
                let (sequence, stageOne, previous) = admittedLog[Int(entry)]
                guard sequence > takenIn[s] else { break }
                if let arrival = waitingBySequence[sequence] {
                    pending.append((sequence, stageOne))
                    if arrivals[sequence] == nil { arrivals[sequence] = (arrival.documentID, TermSaturations(arrival.saturations)) }
                }
                entry = previous
            }
            lastAdmitted[s] = -1
            if !pending.isEmpty { steps.append(catchingUp(slot, pending.reversed(), state: state)) }
        }
        let result = takeIn(&steps, arrivals: arrivals, in: index, query: query, total: total)
        for slot in owned where takenIn[Int(slot)] != .max { takenIn[Int(slot)] = arrived }
        return result
    }

    /// Empties the log of admitted arrivals (when none waits).
    private mutating func forgetAdmittedLog() {
        guard !admittedLog.isEmpty else { return }
        admittedLog.removeAll(keepingCapacity: admittedLog.capacity <= 1 << 20)
        for s in lastAdmitted.indices { lastAdmitted[s] = -1 }
    }

    /// One owner taking in its waiting arrivals, oldest first: its bounds, moved out of `bounds` meanwhile (so that
    /// owners can take theirs in on several cores without copying them), and where it stands.
    private struct CatchingUp: Sendable {
        var slot: Int32
        var owner: Int64
        var bounds: ListBounds?
        var state: OwnerState
        var arrivals: [(sequence: Int, stageOne: Double)]
        /// What each arrival may change, as reported.
        var changes: [(sequence: Int, change: ExpansionChange)] = []
    }

    private mutating func catchingUp(_ slot: Int32, _ arrivals: [(sequence: Int, stageOne: Double)], state: (Int64) -> OwnerState) -> CatchingUp {
        let s = Int(slot)
        let owner = ownerBySlot[s]
        return CatchingUp(slot: slot, owner: owner, bounds: bounds[s].take(), state: state(owner), arrivals: arrivals)
    }

    /// The owners taking in their arrivals (on every core when there are many), their bounds put back; what each
    /// arrival may change, in order of arrival and then of slot.
    private mutating func takeIn(
        _ steps: inout [CatchingUp], arrivals: [Int: (documentID: Int64, saturations: TermSaturations)], in index: SearchIndex,
        query: @escaping OwnerQuery, total: @escaping ArrivalTotal
    ) -> [(owner: Int64, expansion: ExpansionChange)] {
        // Each step is changed where it is stored, never through a copy (which would copy its bounds' arrays).
        let work: @Sendable (inout CatchingUp) -> Void = { step in
            for (sequence, stageOne) in step.arrivals {
                let (documentID, saturations) = arrivals[sequence]!
                let taken = Self.take(
                    &step.bounds, owner: step.owner, documentID: documentID, saturations: saturations, stageOne: stageOne, state: step.state,
                    in: index, query: query, total: total)
                step.state = taken.after
                if let change = taken.change { step.changes.append((sequence, change)) }
            }
        }
        if steps.count >= Self.parallelCatchUp {
            steps.concurrentUpdate(work)
        } else {
            for i in steps.indices { work(&steps[i]) }
        }
        var result: [(sequence: Int, slot: Int32, owner: Int64, change: ExpansionChange)] = []
        for i in steps.indices {
            let (slot, owner) = (steps[i].slot, steps[i].owner)
            bounds[Int(slot)] = steps[i].bounds.take()
            for (sequence, change) in steps[i].changes { result.append((sequence, slot, owner, change)) }
        }
        steps = []
        result.sort { $0.sequence != $1.sequence ? $0.sequence < $1.sequence : $0.slot < $1.slot }
        return result.map { ($0.owner, $0.change) }
    }

    /// How many owners catching up at once are spread over the cores.
    static let parallelCatchUp = 64

    /// Takes an arrival into an owner's bounds (the owner standing at `state`): what it may change (nil: nothing to
    /// report), and where the owner stands after the report is acted on.
    private static func take(
        _ bounds: inout ListBounds?, owner: Int64, documentID: Int64, saturations: TermSaturations, stageOne: Double, state: OwnerState,
        in index: SearchIndex, query: OwnerQuery, total: ArrivalTotal
    ) -> (change: ExpansionChange?, after: OwnerState) {
        switch state {
        case .settled: return (nil, .settled)
        case .questioned: return (.unknown, .settled)
        case .current, .pending: break
        }
        guard bounds != nil else { return (.unknown, .settled) }
        let effect: ListBounds.ExpansionEffect
        if state == .pending {
            effect = bounds!.admitToPending(stageOne: stageOne, saturations: saturations)
            if effect == .stays { return (nil, .pending) }
        } else {
            guard case .mayChange(let change) = bounds!.admit(stageOne: stageOne, saturations: saturations, total: { total(owner, documentID, $0) })
            else { return (nil, .current) }
            effect = change
        }
        switch effect {
        case .stays: return (.stays, .pending)
        case .moves: return (.unknown, .settled)
        case .entersFeedback:
            let change = followFeedback(&bounds!, owner: owner, joinedBy: documentID, in: index, query: query)
            return (change, change == .unknown ? .settled : .pending)
        }
    }

    /// The expansion of `owner` now that document `documentID` joined its feedback documents, which its bounds take
    /// in; unknown when it cannot be worked out from them.
    private static func followFeedback(
        _ bounds: inout ListBounds, owner: Int64, joinedBy documentID: Int64, in index: SearchIndex, query: OwnerQuery
    ) -> ExpansionChange {
        guard let ownerQuery = query(owner), let documents = index.configuration.feedback?.documents,
            let joined = index.expansion(of: ownerQuery, feedback: bounds.feedbackTop, joinedBy: documentID)
        else { return .unknown }
        bounds.updateFeedback(joined.feedback, feedbackDocuments: documents)
        return .moved(joined.expansion)
    }
}

extension SearchIndex {
    /// Each term of a document with its BM25F saturation `x / (k1 + x)` (x: the field-weighted, length-normalised
    /// frequency), computed as the search computes it; a query term's contribution is its weight times this.
    func saturations(of documentID: Int64) -> [(term: Int, saturation: Double)] {
        guard let ordinal = ordinalByID[documentID] else { return [] }
        let o = Int(ordinal)
        let norms = FieldNorms(configuration: configuration, averages: averages)
        let k1 = configuration.k1
        return (forwardStart[o]..<forwardStart[o + 1]).map { i in
            let x = Double(norms.pseudoFrequency32(forwardFrequencies[i], lengths: lengths[o]))
            return (Int(forwardTerms[i]), x / (k1 + x))
        }
    }

    /// The terms (in their indexed form) of a document; empty when it is not indexed.
    public func terms(of documentID: Int64) -> [String] {
        guard let ordinal = ordinalByID[documentID] else { return [] }
        let o = Int(ordinal)
        return (forwardStart[o]..<forwardStart[o + 1]).map { termStrings[Int(forwardTerms[$0])] }
    }

    /// True when the index holds `document` under `documentID` as it would after `add(documentID, document)`:
    /// the same terms with the same (capped) field frequencies and the same field lengths.
    public func holds(_ documentID: Int64, _ document: AnalyzedDocument) -> Bool {
        guard let ordinal = ordinalByID[documentID] else { return false }
        let o = Int(ordinal)
        let fieldLengths = SIMD4<Float>(
            Float(document.fieldLengths.title), Float(document.fieldLengths.summary),
            Float(document.fieldLengths.description), Float(document.fieldLengths.keywords))
        guard lengths[o] == fieldLengths else { return false }
        var i = forwardStart[o]
        for term in document.terms {
            let packed = Self.pack(term.frequencies)
            guard packed != 0 else { continue }
            guard i < forwardStart[o + 1], termStrings[Int(forwardTerms[i])] == term.term, forwardFrequencies[i] == packed else { return false }
            i += 1
        }
        return i == forwardStart[o + 1]
    }

    /// How many live documents have a term.
    public func documentFrequency(of term: String) -> Int {
        termIDs[term].map { Int(documentFrequency[Int($0)]) } ?? 0
    }

    /// The ids of the live documents that have a term.
    public func documents(containing term: String) -> [Int64] {
        guard let t = termIDs[term].map(Int.init) else { return [] }
        var result: [Int64] = []
        if t < store.termCount {
            for p in store.start[t]..<store.start[t + 1] {
                let id = documentIDs[Int(store.ordinals[p])]
                if id != Self.removedID { result.append(id) }
            }
        }
        if let tail = tails[t] {
            for i in 0..<tail.count {
                let id = documentIDs[Int(tail.ordinals[i])]
                if id != Self.removedID { result.append(id) }
            }
        }
        return result
    }
}
