/// The match lists of one side's items (the owners) indexed by what they depend on in the other side's search
/// index, so that a change to one document there finds exactly the lists it can change.
///
/// An owner's list is what `Matcher` ranks from the candidates its query admits (`SearchIndex.Candidates`): with
/// the other index's statistics frozen, a document changes the list only if it is admitted, i.e. scores at least
/// the list's admission under the owner's `SearchIndex.admissionTerms` (at most a cascade's worth of terms). Those
/// terms are indexed here like a tiny inverted index of queries, so that all owners admitting a document are found
/// by walking the document's own terms once.
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

    private struct Postings {
        var slots: [Int32] = []
        var weights: [Double] = []
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
        if scores.count < ownerBySlot.count { scores.append(contentsOf: repeatElement(0, count: ownerBySlot.count - scores.count)) }
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
        scratch = consume scores
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

    /// The owners whose lists the newly indexed document `documentID` of `index` may change, or whose expansion
    /// it may move (each once), each with whether the owner's expansion may change too (`ListBounds.admit`). An
    /// owner without bounds counts as changing with its expansion; the others' bounds take the document in.
    ///
    /// - Parameters:
    ///   - state: where an owner's list stands; `pending` owners are reported only when their expansion may move,
    ///     `questioned` ones always, `settled` ones never.
    ///   - total: the document's total in an owner's list for a text relevance, or nil when the list's filter
    ///     rejects it (`Matcher.storedTotal`).
    public mutating func arrivals(
        of documentID: Int64, in index: SearchIndex, state: (Int64) -> OwnerState, total: (_ owner: Int64, _ relevance: Double) -> Double?
    ) -> [(owner: Int64, expansionMoves: Bool)] {
        let saturations = index.saturations(of: documentID)
        let byTerm = TermSaturations(saturations)
        let admitted = admitted(saturations)
        var result: [(owner: Int64, expansionMoves: Bool)] = []
        result.reserveCapacity(admitted.count)
        for (slot, stageOne) in admitted {
            let s = Int(slot)
            let owner = ownerBySlot[s]
            // The bounds are changed where they are stored, never through a copy (which would copy their arrays).
            switch state(owner) {
            case .settled:
                continue
            case .pending:
                if bounds[s]?.admitToPending(stageOne: stageOne, saturations: byTerm) ?? true { result.append((owner, true)) }
            case .questioned:
                result.append((owner, bounds[s]?.admitToPending(stageOne: stageOne, saturations: byTerm) ?? true))
            case .current:
                switch bounds[s]?.admit(stageOne: stageOne, saturations: byTerm, total: { total(owner, $0) }) {
                case nil: result.append((owner, true))
                case .unchanged?: break
                case .mayChange(let expansionMoves)?: result.append((owner, expansionMoves))
                }
            }
        }
        return result
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
