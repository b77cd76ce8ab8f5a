/// Schedules meetings under availability limits and locks: most constrained first, least loaded slot, Kempe-chain
/// repair when both participants are available but one is busy, and a report for what cannot be placed.
struct ConstrainedScheduler {
    let problem: ScheduleProblem
    let pairs: [PairKey]
    let ids: [Int]
    let index: [Int: Int]
    let edges: [(Int, Int)]
    private(set) var board: SlotBoard
    private var isLocked: [Bool]
    private let allowed: [[Bool]]
    private(set) var releasedLocks: [UnplacedMeeting] = []

    init(problem: ScheduleProblem, pairs: [PairKey], ids: [Int], index: [Int: Int], edges: [(Int, Int)]) {
        self.problem = problem
        self.pairs = pairs
        self.ids = ids
        self.index = index
        self.edges = edges
        board = SlotBoard(nodeCount: ids.count, slotCount: problem.slotCount, tableCount: problem.tableCount, meetingCount: pairs.count)
        isLocked = Array(repeating: false, count: pairs.count)
        allowed = ids.map { id in
            let slots = problem.availability[id]
            return (0..<problem.slotCount).map { slots?.contains($0) ?? true }
        }
    }

    private func common(_ meeting: Int) -> [Int] {
        let (u, v) = edges[meeting]
        return (0..<problem.slotCount).filter { allowed[u][$0] && allowed[v][$0] }
    }

    mutating func run() -> [UnplacedMeeting] {
        var unplaced: [UnplacedMeeting] = []
        var meetingOf: [PairKey: Int] = [:]
        for (at, pair) in pairs.enumerated() { meetingOf[pair] = at }
        for lock in problem.locked.sorted(by: { $0.pair < $1.pair }) {
            guard let meeting = meetingOf[lock.pair] else {
                releasedLocks.append(UnplacedMeeting(pair: lock.pair, reason: "locked meeting is not among the accepted pairs"))
                continue
            }
            let (u, v) = edges[meeting]
            let slot = lock.slot
            var reason: String?
            if slot < 0 || slot >= problem.slotCount {
                reason = "locked slot \(slot + 1) is outside the grid of \(problem.slotCount) slots"
            } else if !allowed[u][slot] || !allowed[v][slot] {
                reason = "a participant is no longer available in locked slot \(slot + 1)"
            } else if !board.isFree(u, slot) || !board.isFree(v, slot) {
                reason = "another locked meeting uses slot \(slot + 1) for the same participant"
            } else if !board.hasTable(slot) || (problem.tableCount.map { lock.table >= $0 } ?? false) {
                reason = "locked table \(lock.table + 1) is beyond the tables of slot \(slot + 1)"
            }
            if let reason {
                releasedLocks.append(UnplacedMeeting(pair: lock.pair, reason: reason + "; rescheduled"))
                continue
            }
            board.place(meeting, edges[meeting], slot)
            isLocked[meeting] = true
        }
        var degree = [Int](repeating: 0, count: ids.count)
        for (u, v) in edges {
            degree[u] += 1
            degree[v] += 1
        }
        let options = pairs.indices.map { common($0).count }
        let order = pairs.indices.filter { !isLocked[$0] }.sorted { a, b in
            if options[a] != options[b] { return options[a] < options[b] }
            let (da, db) = (degree[edges[a].0] + degree[edges[a].1], degree[edges[b].0] + degree[edges[b].1])
            if da != db { return da > db }
            return pairs[a] < pairs[b]
        }
        for meeting in order {
            let (u, v) = edges[meeting]
            let slots = common(meeting)
            if let slot = slots.filter({ board.isFree(u, $0) && board.isFree(v, $0) && board.hasTable($0) })
                .min(by: { (board.load[$0], $0) < (board.load[$1], $1) })
            {
                board.place(meeting, edges[meeting], slot)
            } else if !repair(meeting, slots: slots) {
                unplaced.append(UnplacedMeeting(pair: pairs[meeting], reason: explain(meeting, slots: slots)))
            }
        }
        rebalance()
        return unplaced
    }

    private func explain(_ meeting: Int, slots: [Int]) -> String {
        let (u, v) = edges[meeting]
        func list(_ node: Int) -> String {
            let own = (0..<problem.slotCount).filter { allowed[node][$0] }.map { String($0 + 1) }
            return own.isEmpty ? "none" : own.joined(separator: ",")
        }
        if slots.isEmpty {
            return "participants \(ids[u]) and \(ids[v]) have no common available slot (\(ids[u]): \(list(u)); \(ids[v]): \(list(v)))"
        }
        let names = slots.map { String($0 + 1) }.joined(separator: ",")
        if slots.allSatisfy({ board.isFree(u, $0) && board.isFree(v, $0) }) {
            return "every slot both can attend (\(names)) has all \(problem.tableCount ?? 0) tables taken"
        }
        return
            "in every slot both can attend (\(names)) one of them already has a meeting, and no Kempe-chain swap frees it without breaking availability, locks or table limits"
    }

    /// Tries to free one end of the meeting in a common slot by swapping a two-slot Kempe chain.
    private mutating func repair(_ meeting: Int, slots: [Int]) -> Bool {
        let (u, v) = edges[meeting]
        for s in slots.sorted(by: { (board.load[$0], $0) < (board.load[$1], $1) }) {
            for (free, busy) in [(u, v), (v, u)] where board.isFree(free, s) && !board.isFree(busy, s) {
                for t in 0..<problem.slotCount where t != s && board.isFree(busy, t) {
                    if let chain = kempeChain(from: busy, first: s, second: t, avoiding: free) {
                        swap(chain, s, t)
                        if board.isFree(u, s) && board.isFree(v, s) && board.hasTable(s) {
                            board.place(meeting, edges[meeting], s)
                            return true
                        }
                        swap(chain, s, t)  // undo
                    }
                }
            }
        }
        return false
    }

    /// The alternating s/t chain leaving `start` by its s meeting, if swapping it keeps every constraint.
    private func kempeChain(from start: Int, first s: Int, second t: Int, avoiding node: Int) -> [Int]? {
        var chain: [Int] = []
        var cursor = start
        var slot = s
        var counts = (s: 0, t: 0)
        while case let next = board.meeting(of: cursor, in: slot), next >= 0 {
            if isLocked[next] { return nil }
            let (a, b) = edges[next]
            let target = slot == s ? t : s
            if !allowed[a][target] || !allowed[b][target] { return nil }
            chain.append(next)
            if slot == s { counts.s += 1 } else { counts.t += 1 }
            cursor = a == cursor ? b : a
            if cursor == node { return nil }
            slot = target
            if chain.count > pairs.count { return nil }
        }
        if let limit = problem.tableCount {
            if board.load[s] - counts.s + counts.t + 1 > limit || board.load[t] - counts.t + counts.s > limit { return nil }
        }
        return chain
    }

    private mutating func swap(_ chain: [Int], _ s: Int, _ t: Int) {
        let current = chain.map { board.slotOf[$0] }
        for (meeting, slot) in zip(chain, current) { board.remove(meeting, edges[meeting], slot) }
        for (meeting, slot) in zip(chain, current) { board.place(meeting, edges[meeting], slot == s ? t : s) }
    }

    /// Moves unlocked meetings from crowded slots to less crowded ones they can use, while that lowers the spread.
    private mutating func rebalance() {
        var moved = true
        var rounds = 0
        while moved && rounds < 8 {
            moved = false
            rounds += 1
            for meeting in pairs.indices where !isLocked[meeting] {
                let slot = board.slotOf[meeting]
                guard slot >= 0 else { continue }
                let (u, v) = edges[meeting]
                let target = common(meeting).filter { board.isFree(u, $0) && board.isFree(v, $0) && board.hasTable($0) }
                    .min(by: { (board.load[$0], $0) < (board.load[$1], $1) })
                if let target, board.load[target] + 1 < board.load[slot] {
                    board.remove(meeting, edges[meeting], slot)
                    board.place(meeting, edges[meeting], target)
                    moved = true
                }
            }
        }
    }
}
