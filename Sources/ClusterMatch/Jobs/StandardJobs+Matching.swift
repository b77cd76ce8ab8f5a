import Foundation
import Logging
import Postgres

extension StandardJobs {
    /// The periodic full re-match (queue `match`): every list recomputed from fresh corpus statistics.
    public static let matchAllKind = "match.all"
    /// The lists a `match.item` left pending (queue `match`, below `match.item`'s priority), a slice at a time.
    public static let matchPendingKind = "match.pending"
    /// How many pending lists one `match.pending` run recomputes at most, and for how long: a `match.item` waits for
    /// the lock at most about that long plus the slice's write. (At 100k seeds and 50 posts per second, slices of
    /// 40 ms and 16 lists at a time left a post's p99 at 535 ms; see the README.)
    public static let matchPendingSlice = (lists: 500, budget: Duration.milliseconds(20))

    /// The most `match.item` jobs one run does together (the queued ones join the one claimed).
    public static let matchItemBatch = 64

    static var matchPending: NewJob {
        NewJob(kind: matchPendingKind, queue: matchQueue, priority: -1, maxAttempts: 25, uniqueKey: matchPendingKind)
    }
}

extension JobRegistry {
    /// Registers the matcher's jobs: `match.item` (one changed seed or need, through `maintainer`) and the periodic
    /// `match.all` (every `fullRematchInterval`).
    public mutating func registerMatchJobs(_ maintainer: MatchMaintainer, fullRematchInterval: Duration = .seconds(24 * 3600)) {
        register(StandardJobs.matchItemKind) { context in
            let item = try matchItem(context.job)
            // One re-match (or full re-match) at a time across all workers, so lists computed from an older state
            // never commit over lists computed from a newer one. The other match.item jobs queued meanwhile join
            // this run: their items are applied together and their lists written in one transaction.
            let update = try await maintainCurrent(maintainer, context) { lockConnection in
                var items = [item]
                for companion in try await context.claimCompanions(limit: StandardJobs.matchItemBatch - 1) {
                    do {
                        items.append(try matchItem(companion))
                    } catch let error as JobError {
                        try await context.finishCompanion(companion, .discarded(error: error.message))
                    }
                }
                return try await maintainer.update(for: items, on: lockConnection)
            }
            guard let update else {
                // Another live worker's matcher keeps the lists: the job waits for that worker to take it.
                return .snooze(.milliseconds(500))
            }
            context.logger.debug(
                "re-matched",
                metadata: [
                    "match.item": "\(item.kind.rawValue):\(item.id)", "match.companions": "\(context.companions.count)",
                    "match.lists": "\(update.listCount)", "match.reached": "\(update.reached)", "match.questioned": "\(update.questioned)", "match.resolved": "\(update.resolvedAnew)",
                    "match.followed": "\(update.followed)",
                    "match.expansions": "\(update.expansionsWorkedOut)", "match.ms": "\(update.milliseconds)",
                ])
            return .succeeded
        }
        register(StandardJobs.matchPendingKind) { context in
            let update = try await maintainCurrent(maintainer, context) { lockConnection in
                try await maintainer.drain(
                    limit: StandardJobs.matchPendingSlice.lists, budget: StandardJobs.matchPendingSlice.budget, on: lockConnection)
            }
            guard let update else { return .snooze(.milliseconds(500)) }
            context.logger.debug("re-matched pending lists", metadata: ["match.lists": "\(update.listCount)"])
            return .succeeded
        }
        register(StandardJobs.matchAllKind) { context in
            let requested = context.job.createdAt
            let summary = try await withMatchLock(context.pool) { connection in
                try await maintainer.rematchAll(on: connection, unlessSince: requested)
            }
            guard let summary else {
                context.logger.info("full re-match skipped: this worker's lists come from one that began after the job was enqueued")
                return .succeeded
            }
            context.logger.info(
                "full re-match",
                metadata: [
                    "match.run": "\(summary.runID)", "match.pairs": "\(summary.pairs)",
                    "match.seconds": "load \(Int(summary.seconds.load)), compute \(Int(summary.seconds.compute)), write \(Int(summary.seconds.write))",
                ])
            return .succeeded
        }
        schedule(PeriodicJob(
            name: StandardJobs.matchAllKind, every: fullRematchInterval,
            job: NewJob(kind: StandardJobs.matchAllKind, queue: StandardJobs.matchQueue, maxAttempts: 3, uniqueKey: StandardJobs.matchAllKind)))
    }
}

/// The item a `match.item` job names; throws a never-retry error for a bad payload.
private func matchItem(_ job: Job) throws(JobError) -> (kind: PostingKind, id: Int64) {
    struct Payload: Decodable {
        var item: String
        var id: Int64
    }
    guard let payload = try? job.payload(as: Payload.self) else {
        throw .neverRetry("match.item payload must be {\"item\": \"seed\"|\"need\", \"id\": N}: \(job.payloadText)")
    }
    guard let kind = PostingKind(rawValue: payload.item) else { throw .neverRetry("match.item: unknown item kind \(payload.item)") }
    return (kind, payload.id)
}

/// Under the matcher's lock: prepares `maintainer`, computes an update with `body` and writes it in the job's
/// transaction (with a `match.pending` job when lists remain pending, and an alert scan); returns the update written,
/// or nil when another live worker keeps the lists.
///
/// Waiting for the lock and computing happen outside the job's transaction, which only writes: while that
/// transaction is open it holds the job's row, and the heartbeat could not renew the lease.
private func maintainCurrent(
    _ maintainer: MatchMaintainer, _ context: JobContext, _ body: @escaping @Sendable (Connection) async throws -> MatchMaintainer.Update
) async throws -> MatchMaintainer.Update? {
    try await withMatchLock(context.pool) { lockConnection in
        if case .keptBy = try await maintainer.prepare(on: lockConnection) { return nil }
        do {
            let update = try await body(lockConnection)
            let hasPending = await maintainer.hasPending
            let sequence = try await context.completeInTransaction { connection in
                let sequence = try await maintainer.write(update, on: connection)
                if hasPending { try await JobQueue.enqueue(StandardJobs.matchPending, on: connection) }
                if update.listCount > 0 { try await JobQueue.enqueue(StandardJobs.scanAlertsNow, on: connection) }
                return sequence
            }
            await maintainer.committed(sequence)
            return update
        } catch {
            await maintainer.abandon()
            throw error
        }
    }
}

/// Runs `body` holding the matcher's session advisory lock (`MatchMaintainer.lockKey`) on a pooled connection, and
/// releases it on every exit path. If the release itself fails, the connection is closed, which releases it too.
func withMatchLock<T: Sendable>(_ pool: ConnectionPool, _ body: sending @escaping (Connection) async throws -> T) async throws -> T {
    try await pool.withConnection { connection in
        try await connection.execute("select pg_advisory_lock($1)", [MatchMaintainer.lockKey])
        let result: Result<T, any Error>
        do { result = .success(try await body(connection)) } catch { result = .failure(error) }
        do {
            try await connection.execute("select pg_advisory_unlock($1)", [MatchMaintainer.lockKey])
        } catch {
            await connection.close()
        }
        return try result.get()
    }
}
