/// A meeting placed in the slot grid.
public struct ScheduledMeeting: Sendable, Hashable, Codable {
    public var pair: PairKey
    /// The slot, from 0.
    public var slot: Int
    /// The table within the slot, from 0.
    public var table: Int

    /// Creates a placed meeting.
    public init(pair: PairKey, slot: Int, table: Int) {
        self.pair = pair
        self.slot = slot
        self.table = table
    }
}

/// A meeting that could not be placed, and why.
public struct UnplacedMeeting: Sendable, Hashable, Codable, CustomStringConvertible {
    public var pair: PairKey
    public var reason: String

    /// Creates a report of an unplaced meeting.
    public init(pair: PairKey, reason: String) {
        self.pair = pair
        self.reason = reason
    }

    public var description: String { "meeting \(pair) not placed: \(reason)" }
}

/// What to schedule: accepted pairs, the slot grid, availability and meetings locked by an earlier run.
public struct ScheduleProblem: Sendable, Hashable, Codable {
    public var meetings: [PairKey]
    public var slotCount: Int
    /// The most tables per slot (nil: as many as needed).
    public var tableCount: Int?
    /// The slots each participant can attend; participants not listed attend every slot.
    public var availability: [Int: Set<Int>]
    /// Meetings kept where they are; they must be among `meetings`.
    public var locked: [ScheduledMeeting]

    /// Creates a problem.
    public init(
        meetings: [PairKey], slotCount: Int, tableCount: Int? = nil, availability: [Int: Set<Int>] = [:],
        locked: [ScheduledMeeting] = []
    ) {
        self.meetings = meetings
        self.slotCount = slotCount
        self.tableCount = tableCount
        self.availability = availability
        self.locked = locked
    }
}

/// A schedule: every meeting either placed with nobody double-booked, or reported with its reason.
public struct Schedule: Sendable, Hashable, Codable {
    /// How the slots were chosen.
    public enum Method: String, Sendable, Hashable, Codable {
        /// Alternating-path edge colouring of a bipartite meeting graph: exactly Δ slots.
        case bipartiteColouring = "bipartite-colouring"
        /// Misra–Gries edge colouring: at most Δ + 1 slots.
        case misraGries = "misra-gries"
        /// Most-constrained first with Kempe-chain repair (availability limits or locked meetings).
        case constrained
    }

    /// Placed meetings, sorted by slot, table.
    public var meetings: [ScheduledMeeting]
    public var unplaced: [UnplacedMeeting]
    /// Locked meetings that could not stay where they were locked (they were scheduled again), with the reason.
    public var releasedLocks: [UnplacedMeeting]
    public var method: Method
    /// The most meetings of one participant.
    public var maxDegree: Int
    /// Meetings per slot.
    public var tablesPerSlot: [Int]

    /// The number of slots with at least one meeting.
    public var slotsUsed: Int { tablesPerSlot.filter { $0 > 0 }.count }
}

/// Places accepted meetings into slots and tables so that nobody is double-booked.
public enum MeetingScheduler {
    /// Schedules the meetings.
    ///
    /// Without availability limits or locks, the meeting graph is edge-coloured (exactly Δ colours when bipartite,
    /// at most Δ + 1 otherwise) and the colour classes are balanced so that per-slot table counts differ by at most
    /// one. With limits or locks, the most constrained meetings are placed first, into the least loaded slot that
    /// both can attend, and a blocked meeting is placed by swapping a two-slot Kempe chain when that respects
    /// everyone's availability. Anything left is reported in `unplaced` with its reason, never dropped.
    public static func schedule(_ problem: ScheduleProblem) -> Schedule {
        let pairs = Array(Set(problem.meetings)).sorted()
        let ids = Array(Set(pairs.flatMap { [$0.low, $0.high] })).sorted()
        var index: [Int: Int] = [:]
        for (at, id) in ids.enumerated() { index[id] = at }
        let edges = pairs.map { (index[$0.low]!, index[$0.high]!) }
        let delta = EdgeColouring.maxDegree(nodeCount: ids.count, edges: edges)
        let isLimited =
            problem.locked.isEmpty == false
            || ids.contains { id in
                guard let slots = problem.availability[id] else { return false }
                return (0..<problem.slotCount).contains { !slots.contains($0) }
            }
        var slotOf = [Int](repeating: -1, count: pairs.count)
        var unplaced: [UnplacedMeeting] = []
        var releasedLocks: [UnplacedMeeting] = []
        let method: Schedule.Method
        if !isLimited {
            let bipartite = isBipartite(nodeCount: ids.count, edges: edges)
            var colouring =
                bipartite
                ? EdgeColouring.bipartite(nodeCount: ids.count, edges: edges)
                : EdgeColouring.misraGries(nodeCount: ids.count, edges: edges)
            colouring.balance(nodeCount: ids.count)
            method = bipartite ? .bipartiteColouring : .misraGries
            slotOf = colouring.colours
            // Colours beyond the grid: try any slot where both are free, else report.
            var board = SlotBoard(nodeCount: ids.count, slotCount: problem.slotCount, tableCount: problem.tableCount)
            var overflow: [Int] = []
            for (meeting, slot) in slotOf.enumerated() {
                if slot < problem.slotCount && board.hasTable(slot) {
                    board.place(meeting, edges[meeting], slot)
                } else {
                    overflow.append(meeting)
                }
            }
            for meeting in overflow {
                let (u, v) = edges[meeting]
                if let slot = (0..<problem.slotCount).filter({ board.isFree(u, $0) && board.isFree(v, $0) && board.hasTable($0) })
                    .min(by: { (board.load[$0], $0) < (board.load[$1], $1) })
                {
                    board.place(meeting, edges[meeting], slot)
                    slotOf[meeting] = slot
                } else {
                    slotOf[meeting] = -1
                    let reason =
                        colouring.usedColourCount > problem.slotCount
                        ? "the meetings need \(colouring.usedColourCount) slots (Δ = \(delta)) but the grid has \(problem.slotCount)"
                        : "no slot has a free table"
                    unplaced.append(UnplacedMeeting(pair: pairs[meeting], reason: reason))
                }
            }
        } else {
            method = .constrained
            var constrained = ConstrainedScheduler(problem: problem, pairs: pairs, ids: ids, index: index, edges: edges)
            unplaced = constrained.run()
            releasedLocks = constrained.releasedLocks
            slotOf = constrained.board.slotOf
        }
        var tables = [Int](repeating: 0, count: problem.slotCount)
        var lockedAt: [PairKey: ScheduledMeeting] = [:]
        for meeting in problem.locked { lockedAt[meeting.pair] = meeting }
        var placed: [ScheduledMeeting] = []
        // Locked meetings that kept their slot keep their table; the others take the lowest free table of their slot.
        var taken = [Set<Int>](repeating: [], count: problem.slotCount)
        var hasTable = [Bool](repeating: false, count: pairs.count)
        for (meeting, slot) in slotOf.enumerated() where slot >= 0 {
            tables[slot] += 1
            if let lock = lockedAt[pairs[meeting]], lock.slot == slot, lock.table >= 0, !taken[slot].contains(lock.table) {
                taken[slot].insert(lock.table)
                hasTable[meeting] = true
                placed.append(lock)
            }
        }
        for (meeting, slot) in slotOf.enumerated() where slot >= 0 && !hasTable[meeting] {
            var table = 0
            while taken[slot].contains(table) { table += 1 }
            taken[slot].insert(table)
            placed.append(ScheduledMeeting(pair: pairs[meeting], slot: slot, table: table))
        }
        placed.sort { ($0.slot, $0.table) < ($1.slot, $1.table) }
        unplaced.sort { $0.pair < $1.pair }
        return Schedule(
            meetings: placed, unplaced: unplaced, releasedLocks: releasedLocks, method: method, maxDegree: delta,
            tablesPerSlot: tables)
    }

    static func isBipartite(nodeCount: Int, edges: [(Int, Int)]) -> Bool {
        var neighbours = [[Int]](repeating: [], count: nodeCount)
        for (u, v) in edges {
            neighbours[u].append(v)
            neighbours[v].append(u)
        }
        var colour = [Int](repeating: -1, count: nodeCount)
        for start in 0..<nodeCount where colour[start] < 0 {
            colour[start] = 0
            var stack = [start]
            while let node = stack.popLast() {
                for next in neighbours[node] {
                    if colour[next] < 0 {
                        colour[next] = 1 - colour[node]
                        stack.append(next)
                    } else if colour[next] == colour[node] {
                        return false
                    }
                }
            }
        }
        return true
    }
}

/// Who is busy in which slot, and how many tables each slot uses.
struct SlotBoard {
    let slotCount: Int
    let tableCount: Int?
    /// busy[node * slotCount + slot] = the meeting there, or −1.
    private(set) var busy: [Int]
    private(set) var load: [Int]
    private(set) var slotOf: [Int]

    init(nodeCount: Int, slotCount: Int, tableCount: Int?, meetingCount: Int = 0) {
        self.slotCount = slotCount
        self.tableCount = tableCount
        busy = Array(repeating: -1, count: nodeCount * slotCount)
        load = Array(repeating: 0, count: slotCount)
        slotOf = Array(repeating: -1, count: meetingCount)
    }

    func isFree(_ node: Int, _ slot: Int) -> Bool { busy[node * slotCount + slot] < 0 }
    func meeting(of node: Int, in slot: Int) -> Int { busy[node * slotCount + slot] }
    func hasTable(_ slot: Int) -> Bool { tableCount.map { load[slot] < $0 } ?? true }

    mutating func place(_ meeting: Int, _ ends: (Int, Int), _ slot: Int) {
        busy[ends.0 * slotCount + slot] = meeting
        busy[ends.1 * slotCount + slot] = meeting
        load[slot] += 1
        if meeting < slotOf.count { slotOf[meeting] = slot }
    }

    mutating func remove(_ meeting: Int, _ ends: (Int, Int), _ slot: Int) {
        busy[ends.0 * slotCount + slot] = -1
        busy[ends.1 * slotCount + slot] = -1
        load[slot] -= 1
        if meeting < slotOf.count { slotOf[meeting] = -1 }
    }
}
