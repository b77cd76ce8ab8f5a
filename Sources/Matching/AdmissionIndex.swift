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
    }

    private var entries: [Int64: Entry] = [:]
    /// Term id (in the other side's index) → owner → the term's weight in the owner's admission query.
    private var owners: [Int: [Int64: Double]] = [:]

    /// An empty index.
    public init() {}

    /// The number of owners.
    public var count: Int { entries.count }

    /// Records (or replaces) an owner's admission terms and admission.
    public mutating func set(_ owner: Int64, terms: [(term: Int, weight: Double)], admission: Double) {
        remove(owner)
        entries[owner] = Entry(terms: terms, admission: admission)
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
        var scores: [Int64: Double] = [:]
        for (term, saturation) in index.saturations(of: documentID) {
            guard let weights = owners[term] else { continue }
            for (owner, weight) in weights { scores[owner, default: 0] += weight * saturation }
        }
        var result = Set<Int64>()
        for (owner, score) in scores where score > 0 {
            let admission = entries[owner]!.admission
            if score >= admission - 1e-9 * max(1, abs(admission)) { result.insert(owner) }
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
