public import Postgres
public import Shortlists

/// The shortlist and schedule workflows: load the forum, compute, store the run with its manifest.
public enum ForumRuns {
    /// What a shortlist run produced.
    public struct ShortlistOutcome: Sendable {
        public var forum: ForumData
        public var candidates: [CandidatePair]
        public var shortlist: Shortlist
        public var manifest: RunManifest
        public var runID: Int64
    }

    /// Builds candidates from the matcher, checks feasibility, solves and stores the shortlist.
    /// - Parameters:
    ///   - candidateLimit: each participant's best L candidates are kept (L is raised to 3k).
    ///   - progress: solver stages, for long runs.
    /// - Throws: `ShortlistError.infeasible` with the report (nothing stored); `CancellationError` when the task is
    ///   cancelled; `PostgresError`.
    ///   - keepScheduled: the pairs of the latest schedule are kept (as forced pairs) and the rest is re-solved.
    public static func shortlist(
        forum slug: String, candidateLimit: Int = 50, keepScheduled: Bool = false, progress: (ShortlistProgress) -> Void = { _ in },
        on connection: Connection
    ) async throws -> ShortlistOutcome {
        var forum = try await ForumStore.load(slug, on: connection)
        if keepScheduled, let previous = try await ForumStore.latestRun("schedule", forumID: forum.id, on: connection) {
            let present = Set(forum.participants.map { Int($0.id) })
            let kept = previous.meetings.map(\.pair).filter { present.contains($0.low) && present.contains($0.high) }
            forum.forced = Array(Set(forum.forced).union(kept)).sorted()
        }
        let loaded = try await MatchLoader.load(on: connection)
        let candidates = ForumCandidates.build(for: forum, loaded: loaded)
        let problem = ForumCandidates.shortlistProblem(forum, candidates: candidates)
        let policy = ForumCandidates.policy(forum, candidateLimit: candidateLimit)
        let solver = ShortlistSolver(problem: problem, policy: policy)
        let shortlist = try solver.solve(progress: progress, isCancelled: { Task.isCancelled })
        let manifest = RunManifest.shortlist(problem: problem, policy: policy)
        let runID = try await ForumStore.saveShortlist(shortlist, manifest: manifest, forumID: forum.id, on: connection)
        return ShortlistOutcome(forum: forum, candidates: candidates, shortlist: shortlist, manifest: manifest, runID: runID)
    }

    /// What a schedule run produced.
    public struct ScheduleOutcome: Sendable {
        public var forum: ForumData
        public var pairs: [ShortlistPair]
        public var schedule: Schedule
        public var locked: [ScheduledMeeting]
        public var manifest: RunManifest
        public var runID: Int64
    }

    /// A failure of the schedule workflow.
    public struct NoShortlist: Error, CustomStringConvertible {
        public var forum: String
        public var description: String { "forum \(forum) has no shortlist yet: run `clustermatch forum shortlist \(forum)` first" }
    }

    /// Schedules the latest shortlist's pairs and stores the schedule.
    /// - Parameter keep: lock the meetings of the previous schedule whose pairs are still shortlisted.
    public static func schedule(forum slug: String, keep: Bool = false, on connection: Connection) async throws -> ScheduleOutcome {
        let forum = try await ForumStore.load(slug, on: connection)
        guard let shortlist = try await ForumStore.latestRun("shortlist", forumID: forum.id, on: connection) else {
            throw NoShortlist(forum: slug)
        }
        var locked: [ScheduledMeeting] = []
        if keep, let previous = try await ForumStore.latestRun("schedule", forumID: forum.id, on: connection) {
            let current = Set(shortlist.pairs.map(\.pair))
            locked = previous.meetings.filter { current.contains($0.pair) }
        }
        let problem = ForumCandidates.scheduleProblem(forum, pairs: shortlist.pairs.map(\.pair), locked: locked)
        let schedule = MeetingScheduler.schedule(problem)
        let manifest = RunManifest.schedule(problem: problem)
        let runID = try await ForumStore.saveSchedule(
            schedule, manifest: manifest, locked: Set(locked.map(\.pair)).subtracting(schedule.releasedLocks.map(\.pair)),
            forumID: forum.id,
            on: connection)
        return ScheduleOutcome(forum: forum, pairs: shortlist.pairs, schedule: schedule, locked: locked, manifest: manifest, runID: runID)
    }

    /// The export of the forum's latest schedule (with its shortlist's scores and sectors).
    public static func export(forum slug: String, on connection: Connection) async throws -> ForumExport {
        let forum = try await ForumStore.load(slug, on: connection)
        guard let schedule = try await ForumStore.latestRun("schedule", forumID: forum.id, on: connection) else {
            throw NoSchedule(forum: slug)
        }
        let shortlist = try await ForumStore.latestRun("shortlist", forumID: forum.id, on: connection)
        return ForumExport(
            forum: forum, meetings: schedule.meetings, unplaced: schedule.unplaced, pairs: shortlist?.pairs ?? [], runID: schedule.id,
            stamp: schedule.createdAt)
    }

    /// No schedule to export.
    public struct NoSchedule: Error, CustomStringConvertible {
        public var forum: String
        public var description: String { "forum \(forum) has no schedule yet: run `clustermatch forum schedule \(forum)` first" }
    }
}
