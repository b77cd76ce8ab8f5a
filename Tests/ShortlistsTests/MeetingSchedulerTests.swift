import Shortlists
import Testing

@Suite("Meeting schedules")
struct MeetingSchedulerTests {
    /// Nobody double-booked, slots in range, tables unique per slot, every meeting placed or reported once.
    private func checkValid(_ schedule: Schedule, _ problem: ScheduleProblem) {
        var busy: Set<[Int]> = []
        var tables: Set<[Int]> = []
        for meeting in schedule.meetings {
            #expect(meeting.slot >= 0 && meeting.slot < problem.slotCount)
            #expect(busy.insert([meeting.pair.low, meeting.slot]).inserted, "\(meeting.pair.low) double-booked")
            #expect(busy.insert([meeting.pair.high, meeting.slot]).inserted, "\(meeting.pair.high) double-booked")
            #expect(tables.insert([meeting.slot, meeting.table]).inserted)
            for id in [meeting.pair.low, meeting.pair.high] {
                if let slots = problem.availability[id] { #expect(slots.contains(meeting.slot)) }
            }
            if let limit = problem.tableCount { #expect(meeting.table < limit) }
        }
        let all = Set(problem.meetings)
        let placed = schedule.meetings.map(\.pair)
        let reported = schedule.unplaced.map(\.pair)
        #expect(Set(placed).count == placed.count && Set(placed).isDisjoint(with: reported))
        #expect(Set(placed).union(reported) == all, "a meeting was lost")
    }

    private func randomGraph(seed: UInt64, nodes: Int, edges: Int, bipartite: Bool) -> [PairKey] {
        var random = SplitMix64(seed: seed)
        var pairs: Set<PairKey> = []
        let possible = bipartite ? ((nodes + 1) / 2) * ((nodes + 1) / 2) : nodes * (nodes - 1) / 2
        while pairs.count < min(edges, possible / 2) {
            var a = Int(random.next() % UInt64(nodes))
            var b = Int(random.next() % UInt64(nodes))
            if bipartite {
                a = a - a % 2
                b = b - b % 2 + 1
            }
            if a != b { pairs.insert(PairKey(a, b)) }
        }
        return pairs.sorted()
    }

    @Test("bipartite meeting graphs use exactly Δ slots, balanced to within one table")
    func bipartiteDelta() {
        for seed in UInt64(1)...60 {
            let meetings = randomGraph(seed: seed, nodes: 10 + Int(seed % 20), edges: 15 + Int(seed % 40), bipartite: true)
            let problem = ScheduleProblem(meetings: meetings, slotCount: 40)
            let schedule = MeetingScheduler.schedule(problem)
            checkValid(schedule, problem)
            #expect(schedule.method == .bipartiteColouring)
            #expect(schedule.unplaced.isEmpty)
            #expect(schedule.slotsUsed == schedule.maxDegree, "seed \(seed)")
            let used = schedule.tablesPerSlot.filter { $0 > 0 }
            #expect(used.max()! - used.min()! <= 1, "seed \(seed): \(schedule.tablesPerSlot)")
        }
    }

    @Test("general meeting graphs use at most Δ + 1 slots, balanced to within one table")
    func generalDeltaPlusOne() {
        var nonBipartite = 0
        for seed in UInt64(100)...160 {
            let meetings = randomGraph(seed: seed, nodes: 8 + Int(seed % 15), edges: 12 + Int(seed % 30), bipartite: false)
            let problem = ScheduleProblem(meetings: meetings, slotCount: 40)
            let schedule = MeetingScheduler.schedule(problem)
            checkValid(schedule, problem)
            if schedule.method == .misraGries { nonBipartite += 1 }
            #expect(schedule.unplaced.isEmpty)
            #expect(schedule.slotsUsed <= schedule.maxDegree + 1, "seed \(seed)")
            let used = schedule.tablesPerSlot.filter { $0 > 0 }
            #expect(used.max()! - used.min()! <= 1, "seed \(seed): \(schedule.tablesPerSlot)")
        }
        #expect(nonBipartite > 30)
        // A triangle needs Δ + 1 = 3 slots.
        let triangle = MeetingScheduler.schedule(ScheduleProblem(meetings: [PairKey(1, 2), PairKey(2, 3), PairKey(1, 3)], slotCount: 5))
        #expect(triangle.slotsUsed == 3 && triangle.maxDegree == 2)
    }

    @Test("an availability conflict is reported with its reason, never lost")
    func availabilityConflict() {
        let problem = ScheduleProblem(
            meetings: [PairKey(1, 2), PairKey(1, 3), PairKey(2, 3), PairKey(4, 5)], slotCount: 4,
            availability: [1: [0], 2: [1], 3: [0, 1, 2, 3]])
        let schedule = MeetingScheduler.schedule(problem)
        checkValid(schedule, problem)
        #expect(schedule.method == .constrained)
        #expect(schedule.unplaced.map(\.pair) == [PairKey(1, 2)])
        #expect(schedule.unplaced[0].reason.contains("no common available slot"))
        #expect(schedule.unplaced[0].reason.contains("1: 1") && schedule.unplaced[0].reason.contains("2: 2"))
    }

    @Test("a blocked meeting is placed by a Kempe-chain swap")
    func kempeRepair() {
        // 1–2 can only meet in slot 0. Most-constrained first places it; 3–4 then 2–3 and 1–4 fill slots 0/1 so
        // that 1–3 (both free only after a swap) needs a chain.
        let problem = ScheduleProblem(
            meetings: [PairKey(1, 2), PairKey(2, 3), PairKey(3, 4), PairKey(1, 4), PairKey(1, 3)], slotCount: 3,
            availability: [1: [0, 1, 2], 2: [0, 1], 3: [0, 1, 2], 4: [0, 1]])
        let schedule = MeetingScheduler.schedule(problem)
        checkValid(schedule, problem)
        #expect(schedule.unplaced.isEmpty, "\(schedule.unplaced)")
    }

    @Test("random availability limits: everything placed or reported, nobody double-booked")
    func randomAvailability() {
        for seed in UInt64(300)...360 {
            var random = SplitMix64(seed: seed)
            let meetings = randomGraph(seed: seed, nodes: 12, edges: 25, bipartite: seed % 2 == 0)
            var availability: [Int: Set<Int>] = [:]
            for id in 0..<12 where random.next() % 2 == 0 {
                availability[id] = Set((0..<8).filter { _ in random.next() % 3 != 0 })
            }
            let problem = ScheduleProblem(meetings: meetings, slotCount: 8, tableCount: 5, availability: availability)
            let schedule = MeetingScheduler.schedule(problem)
            checkValid(schedule, problem)
            #expect(schedule.unplaced.allSatisfy { !$0.reason.isEmpty })
            #expect(schedule == MeetingScheduler.schedule(problem))
        }
    }

    @Test("locked meetings keep their slot and table; the rest is re-solved around them")
    func lockedMeetings() {
        let meetings = randomGraph(seed: 9, nodes: 10, edges: 20, bipartite: false)
        let first = MeetingScheduler.schedule(ScheduleProblem(meetings: meetings, slotCount: 12))
        let locked = Array(first.meetings.prefix(5))
        var more = meetings
        more.append(contentsOf: [PairKey(100, 101), PairKey(0, 100)].filter { !meetings.contains($0) })
        let problem = ScheduleProblem(meetings: more, slotCount: 12, locked: locked)
        let second = MeetingScheduler.schedule(problem)
        checkValid(second, problem)
        for meeting in locked { #expect(second.meetings.contains(meeting)) }
        #expect(second.releasedLocks.isEmpty)
        // A lock that collides with availability is released with its reason and the meeting rescheduled.
        let bad = ScheduleProblem(
            meetings: [PairKey(1, 2)], slotCount: 3, availability: [1: [1, 2]],
            locked: [ScheduledMeeting(pair: PairKey(1, 2), slot: 0, table: 0)])
        let repaired = MeetingScheduler.schedule(bad)
        checkValid(repaired, bad)
        #expect(repaired.releasedLocks.count == 1 && repaired.meetings.count == 1)
    }

    @Test("more meetings than slots: the overflow is reported")
    func tooFewSlots() {
        let meetings = (2...6).map { PairKey(1, $0) }
        let problem = ScheduleProblem(meetings: meetings, slotCount: 3)
        let schedule = MeetingScheduler.schedule(problem)
        checkValid(schedule, problem)
        #expect(schedule.meetings.count == 3 && schedule.unplaced.count == 2)
        #expect(schedule.unplaced.allSatisfy { $0.reason.contains("need 5 slots") })
    }
}
