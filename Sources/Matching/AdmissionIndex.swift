/// The match lists of one side's items (the owners) indexed by what they depend on in the other side's search
/// index, so that a change to one document there finds exactly the lists it can change.
///
/// An owner's list is what `Matcher` ranks from the candidates its query admits (`SearchIndex.Candidates`): with
/// the other index's statistics frozen, a document changes the list only if it is admitted, i.e. scores at least
/// the list's admission under the owner's `SearchIndex.admissionTerms` (at most a cascade's worth of terms). Those
/// terms are indexed here like a tiny inverted index of queries, so that all owners admitting a document are found
/// by walking the document's own terms once.
public struct AdmissionIndex: Sendable {
    struct Entry: Sendable {
        var terms: [(term: Int, weight: Double)]
        var admission: Double
        var bounds: ListBounds?
    }

    private var entries: [Int64: Entry] = [:]
    /// Term id (in the other side's index) → owner → the term's weight in the owner's admission query.
    private var owners: [Int: [Int64: Double]] = [:]

    /// An empty index.
    public init() {}

    /// The number of owners.
    public var count: Int { entries.count }

    /// Records (or replaces) an owner's list: its admission terms, admission and bounds.
    public mutating func set(_ owner: Int64, list: MatchList) {
        set(owner, terms: list.admissionTerms, admission: list.admission, bounds: list.bounds)
    }

    /// Records (or replaces) an owner's admission terms and admission, and the list's bounds if known.
    public mutating func set(_ owner: Int64, terms: [(term: Int, weight: Double)], admission: Double, bounds: ListBounds? = nil) {
        remove(owner)
        entries[owner] = Entry(terms: terms, admission: admission, bounds: bounds)
        for (term, weight) in terms { owners[term, default: [:]][owner, default: 0] += weight }
    }

    /// Forgets an owner.
    public mutating func remove(_ owner: Int64) {
        guard let entry = entries.removeValue(forKey: owner) else { return }
        for (term, _) in entry.terms {
            owners[term]?[owner] = nil
            if owners[term]?.isEmpty == true { owners[term] = nil }
        }
    }

    /// The owners whose lists the document `documentID` of `index` (the index their admission terms refer to) is
    /// admitted to; empty when the document is not indexed.
    ///
    /// A document's score is summed here in another order than in the search, so a score within a billionth of
    /// an admission counts as reaching it.
    public func owners(admitting documentID: Int64, in index: SearchIndex) -> Set<Int64> {
        Set(admitted(index.saturations(of: documentID)).keys)
    }

    /// The owners admitting a document with these saturations, with its stage-one score for each.
    private func admitted(_ saturations: [(term: Int, saturation: Double)]) -> [Int64: Double] {
        var scores: [Int64: Double] = [:]
        for (term, saturation) in saturations {
            guard let weights = owners[term] else { continue }
            for (owner, weight) in weights { scores[owner, default: 0] += weight * saturation }
        }
        return scores.filter { owner, score in
            let admission = entries[owner]!.admission
            return score > 0 && score >= admission - 1e-9 * max(1, abs(admission))
        }
    }

    /// The owners whose lists the newly indexed document `documentID` of `index` may change, each with whether
    /// the owner's expansion may change too (`ListBounds.admit`). An owner without bounds counts as changing
    /// with its expansion; the others' bounds take the document in.
    ///
    /// - Parameters:
    ///   - isPending: whether an owner's list is to be recomputed anyway; such an owner is only tested for its
    ///     expansion (`ListBounds.admitToPending`), which the caller must have marked as moved already unless
    ///     every change since the list was made was an arrival that did not move it.
    ///   - total: the document's total in an owner's list for a text relevance, or nil when the list's filter
    ///     rejects it (`Matcher.storedTotal`).
    public mutating func arrivals(
        of documentID: Int64, in index: SearchIndex, isPending: (Int64) -> Bool, total: (_ owner: Int64, _ relevance: Double) -> Double?
    ) -> [Int64: Bool] {
        let saturations = index.saturations(of: documentID)
        let byTerm = Dictionary(saturations.map { ($0.term, $0.saturation) }, uniquingKeysWith: +)
        var result: [Int64: Bool] = [:]
        for (owner, stageOne) in admitted(saturations) {
            guard var bounds = entries[owner]!.bounds else {
                result[owner] = true
                continue
            }
            if isPending(owner) {
                result[owner] = bounds.admitToPending(stageOne: stageOne, saturations: byTerm)
                entries[owner]!.bounds = bounds
                continue
            }
            switch bounds.admit(stageOne: stageOne, saturations: byTerm, total: { total(owner, $0) }) {
            case .unchanged: entries[owner]!.bounds = bounds
            case .mayChange(let expansionMoves): result[owner] = expansionMoves
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
