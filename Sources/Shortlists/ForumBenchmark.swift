/// A deterministic forum-sized workload for `clustermatch bench forum`: generated participants and candidates,
/// then shortlist plus schedule, timed on the calling thread.
public struct ForumBenchmark: Sendable {
    public var participants: Int
    public var meetings: Int
    public var candidates: Int
    public var runs: Int
    public var seed: UInt64
    /// Seed holders meet need holders only (exact bipartite case) instead of anyone meeting anyone.
    public var isBipartite: Bool

    /// Creates a benchmark.
    public init(
        participants: Int = 2000, meetings: Int = 10, candidates: Int = 50, runs: Int = 3, seed: UInt64 = 42, isBipartite: Bool = false
    ) {
        self.participants = participants
        self.meetings = meetings
        self.candidates = candidates
        self.runs = runs
        self.seed = seed
        self.isBipartite = isBipartite
    }

    /// The measured figures (seconds are medians over the runs).
    public struct Result: Sendable, Hashable, Codable {
        public var participants: Int
        public var meetings: Int
        public var candidates: Int
        public var runs: Int
        public var isBipartite: Bool
        public var candidatePairs: Int
        public var pruned: Int
        public var acceptedPairs: Int
        public var participantsBelowCap: Int
        public var nodes: Int
        public var arcs: Int
        public var isCertified: Bool
        public var optimalityGap: Double
        public var slotsUsed: Int
        public var maxDegree: Int
        public var unplaced: Int
        public var shortlistSeconds: Double
        public var scheduleSeconds: Double
        public var totalSeconds: Double
    }

    /// Generates the forum: participants spread over 3 countries and 12 clusters, two per organisation; each
    /// participant proposes `candidates / 2` random partners (so each has about `candidates`), scores 0–1000.
    public func problem() -> ShortlistProblem {
        var random = SplitMix64(seed: seed)
        let countries = ["JP", "CA", "FR"]
        var people: [Participant] = []
        for id in 0..<participants {
            let cluster = Int(random.next() % 12)
            let side: ParticipantSide = isBipartite ? (id % 2 == 0 ? .seedHolder : .needHolder) : .either
            people.append(
                Participant(
                    id: id, name: "P\(id)", organisation: "org-\(id / 2)", cluster: "cluster-\(cluster)",
                    country: countries[cluster % 3], side: side, maxMeetings: meetings,
                    minInternational: id % 5 == 0 ? 2 : 0, maxPerCluster: 4, maxPerCountry: 8))
        }
        var pairs: [CandidatePair] = []
        let proposals = max(1, candidates / 2)
        for id in 0..<participants where participants > 1 {
            var chosen: Set<Int> = []
            while chosen.count < min(proposals, participants - 1) {
                var other = Int(random.next() % UInt64(participants))
                if isBipartite && other % 2 == id % 2 { other = (other + 1) % participants }
                if other != id { chosen.insert(other) }
            }
            for other in chosen.sorted() { pairs.append(CandidatePair(id, other, score: Int(random.next() % 1001))) }
        }
        return ShortlistProblem(participants: people, candidates: pairs)
    }

    /// Runs shortlist + schedule `runs` times and reports medians.
    /// - Throws: what the solver throws (a generated problem is always feasible).
    public func run() throws -> Result {
        let problem = problem()
        let policy = ShortlistPolicy(candidateLimit: candidates)
        var shortlistTimes: [Double] = []
        var scheduleTimes: [Double] = []
        var totals: [Double] = []
        var last: (Shortlist, Schedule)?
        let clock = ContinuousClock()
        for _ in 0..<max(runs, 1) {
            let start = clock.now
            let shortlist = try ShortlistSolver(problem: problem, policy: policy).solve()
            let middle = clock.now
            let schedule = MeetingScheduler.schedule(
                ScheduleProblem(meetings: shortlist.pairs.map(\.pair), slotCount: meetings + 2))
            let end = clock.now
            shortlistTimes.append(Self.seconds(middle - start))
            scheduleTimes.append(Self.seconds(end - middle))
            totals.append(Self.seconds(end - start))
            last = (shortlist, schedule)
        }
        let (shortlist, schedule) = last!
        let degrees = Dictionary(grouping: shortlist.pairs.flatMap { [$0.pair.low, $0.pair.high] }, by: { $0 }).mapValues(\.count)
        return Result(
            participants: participants, meetings: meetings, candidates: candidates, runs: max(runs, 1), isBipartite: isBipartite,
            candidatePairs: problem.candidates.count, pruned: shortlist.excluded.pruned, acceptedPairs: shortlist.pairs.count,
            participantsBelowCap: (0..<participants).filter { (degrees[$0] ?? 0) < meetings }.count,
            nodes: shortlist.nodeCount, arcs: shortlist.arcCount, isCertified: shortlist.isCertified,
            optimalityGap: shortlist.optimalityGap, slotsUsed: schedule.slotsUsed, maxDegree: schedule.maxDegree,
            unplaced: schedule.unplaced.count, shortlistSeconds: Self.median(shortlistTimes),
            scheduleSeconds: Self.median(scheduleTimes), totalSeconds: Self.median(totals))
    }

    static func seconds(_ duration: Duration) -> Double {
        let (whole, fraction) = duration.components
        return Double(whole) + Double(fraction) / 1e18
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
}

/// A small, fast, seedable random generator (SplitMix64), so generated data is the same on every run.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// Creates the generator.
    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
