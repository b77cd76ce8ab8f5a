/// Rounds the double cover's half-integral solution to pairs that respect every cap.
///
/// Forced pairs and pairs used in both directions of the double cover are kept (they fit every cap, because each
/// copy of a participant respects it). Then the remaining candidates are added greedily by their marginal gain in
/// the objective (fairness bonus of each end's next partner, international bonus while below a minimum, score),
/// half pairs first among equals. Gains only fall as partners are added, so a lazily updated heap is exact.
enum ShortlistRounding {
    static func round(
        forced: [ShortlistPair], whole: [Int], halves: [Int], candidates: [CandidatePair], evaluator: ShortlistObjective
    ) -> [ShortlistPair] {
        let people = evaluator.participants
        var ledger = CapLedger(participants: people)
        var chosen = forced
        var used = [Bool](repeating: false, count: candidates.count)
        func ends(_ pair: PairKey) -> (Int, Int) { (evaluator.indexOfID[pair.low]!, evaluator.indexOfID[pair.high]!) }
        for pair in forced {
            let (p, q) = ends(pair.pair)
            ledger.add(p, q)
        }
        for c in whole {
            let (p, q) = ends(candidates[c].pair)
            guard ledger.canAdd(p, q) else { continue }
            ledger.add(p, q)
            used[c] = true
            chosen.append(
                ShortlistPair(pair: candidates[c].pair, score: candidates[c].score, sector: candidates[c].sector, isForced: false))
        }
        var isHalf = [Bool](repeating: false, count: candidates.count)
        for c in halves { isHalf[c] = true }
        func gain(_ c: Int) -> Int64 {
            let (p, q) = ends(candidates[c].pair)
            var total = Int64(candidates[c].score)
            total += evaluator.weights.bonus(forPartner: ledger.degree[p] + 1) + evaluator.weights.bonus(forPartner: ledger.degree[q] + 1)
            if people[p].country != people[q].country {
                if ledger.international[p] < people[p].minInternational { total += evaluator.weights.international }
                if ledger.international[q] < people[q].minInternational { total += evaluator.weights.international }
            }
            return total
        }
        var heap = RoundingHeap()
        for c in candidates.indices where !used[c] {
            let (p, q) = ends(candidates[c].pair)
            if ledger.canAdd(p, q) { heap.push(.init(gain: gain(c), isHalf: isHalf[c], pair: candidates[c].pair, index: c)) }
        }
        while let top = heap.pop() {
            let (p, q) = ends(top.pair)
            guard ledger.canAdd(p, q) else { continue }
            let now = gain(top.index)
            if now != top.gain {
                heap.push(.init(gain: now, isHalf: top.isHalf, pair: top.pair, index: top.index))
                continue
            }
            ledger.add(p, q)
            let candidate = candidates[top.index]
            chosen.append(ShortlistPair(pair: candidate.pair, score: candidate.score, sector: candidate.sector, isForced: false))
        }
        return augment(chosen, ledger: &ledger, candidates: candidates, evaluator: evaluator)
    }

    /// Gives participants below their cap more partners by short alternating paths u–v, v–x removed, x–y: u takes
    /// x's place with v, and x finds a new partner y. Kept only when the objective rises; forced pairs stay.
    static func augment(
        _ start: [ShortlistPair], ledger: inout CapLedger, candidates: [CandidatePair], evaluator: ShortlistObjective
    ) -> [ShortlistPair] {
        let people = evaluator.participants
        func at(_ id: Int) -> Int { evaluator.indexOfID[id]! }
        var chosen: [PairKey: ShortlistPair] = [:]
        var partners = [Set<Int>](repeating: [], count: people.count)
        for pair in start {
            chosen[pair.pair] = pair
            partners[at(pair.pair.low)].insert(at(pair.pair.high))
            partners[at(pair.pair.high)].insert(at(pair.pair.low))
        }
        var incident = [[Int]](repeating: [], count: people.count)
        for (c, candidate) in candidates.enumerated() {
            incident[at(candidate.pair.low)].append(c)
            incident[at(candidate.pair.high)].append(c)
        }
        for p in incident.indices {
            incident[p].sort { (candidates[$0].score, candidates[$1].pair) > (candidates[$1].score, candidates[$0].pair) }
        }
        func key(_ a: Int, _ b: Int) -> PairKey { PairKey(people[a].id, people[b].id) }
        func other(_ c: Int, _ p: Int) -> Int { at(candidates[c].pair.partner(of: people[p].id)) }
        var value = evaluator.value(of: Array(chosen.values))
        var budget = 20 * people.count  // bounds the work on pathological inputs
        for u in people.indices where ledger.degree[u] < people[u].maxMeetings {
            for c in incident[u] where chosen[candidates[c].pair] == nil && ledger.degree[u] < people[u].maxMeetings && budget > 0 {
                let v = other(c, u)
                if ledger.canAdd(u, v) {
                    ledger.add(u, v)
                    chosen[candidates[c].pair] = ShortlistPair(
                        pair: candidates[c].pair, score: candidates[c].score, sector: candidates[c].sector, isForced: false)
                    partners[u].insert(v)
                    partners[v].insert(u)
                    value = evaluator.value(of: Array(chosen.values))
                    continue
                }
                var done = false
                for x in partners[v].sorted() where x != u && !done && budget > 0 {
                    guard let removed = chosen[key(v, x)], !removed.isForced else { continue }
                    ledger.remove(v, x)
                    if ledger.canAdd(u, v) {
                        ledger.add(u, v)
                        for c2 in incident[x] where !done && budget > 0 {
                            let y = other(c2, x)
                            guard y != u, y != v, chosen[candidates[c2].pair] == nil, ledger.canAdd(x, y) else { continue }
                            budget -= 1
                            var trial = chosen
                            trial[removed.pair] = nil
                            trial[candidates[c].pair] = ShortlistPair(
                                pair: candidates[c].pair, score: candidates[c].score, sector: candidates[c].sector, isForced: false)
                            trial[candidates[c2].pair] = ShortlistPair(
                                pair: candidates[c2].pair, score: candidates[c2].score, sector: candidates[c2].sector, isForced: false)
                            let trialValue = evaluator.value(of: Array(trial.values))
                            if trialValue > value {
                                ledger.add(x, y)
                                chosen = trial
                                value = trialValue
                                partners[v].remove(x)
                                partners[x].remove(v)
                                for (a, b) in [(u, v), (x, y)] {
                                    partners[a].insert(b)
                                    partners[b].insert(a)
                                }
                                done = true
                            }
                        }
                        if !done { ledger.remove(u, v) }
                    }
                    if !done { ledger.add(v, x) }
                }
            }
        }
        return Array(chosen.values)
    }
}

/// A binary max-heap of candidate pairs ordered by gain, then half pairs first, then by pair.
struct RoundingHeap {
    struct Entry {
        var gain: Int64
        var isHalf: Bool
        var pair: PairKey
        var index: Int

        func precedes(_ other: Entry) -> Bool {
            if gain != other.gain { return gain > other.gain }
            if isHalf != other.isHalf { return isHalf }
            return pair < other.pair
        }
    }

    private var items: [Entry] = []

    mutating func push(_ entry: Entry) {
        items.append(entry)
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard items[child].precedes(items[parent]) else { break }
            items.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> Entry? {
        guard let top = items.first else { return nil }
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var parent = 0
            while true {
                let left = 2 * parent + 1
                let right = left + 1
                var best = parent
                if left < items.count && items[left].precedes(items[best]) { best = left }
                if right < items.count && items[right].precedes(items[best]) { best = right }
                if best == parent { break }
                items.swapAt(parent, best)
                parent = best
            }
        }
        return top
    }
}
