public import Foundation
public import Postgres

/// A job enqueued on a fixed interval, once per interval across all workers.
public struct PeriodicJob: Sendable, Equatable {
    /// The schedule's name (the `periodic_jobs` row); also the unique key `periodic:<name>` of its pending job.
    public var name: String
    /// Runs start at multiples of this interval since the Unix epoch (plus `offset`).
    public var interval: Duration
    /// Shifts the slots (for example 3 hours into each day).
    public var offset: Duration
    /// The job to enqueue at each slot.
    public var job: NewJob

    /// Describes a periodic job.
    public init(name: String, every interval: Duration, offset: Duration = .zero, job: NewJob) {
        self.name = name
        self.interval = interval
        self.offset = offset
        var job = job
        job.uniqueKey = "periodic:\(name)"
        self.job = job
    }

    /// The first slot strictly after `date`.
    public func nextSlot(after date: Date) -> Date {
        let interval = max(Double(self.interval.milliseconds) / 1000, 0.001)
        let offset = Double(self.offset.milliseconds) / 1000
        let slots = ((date.timeIntervalSince1970 - offset) / interval).rounded(.down) + 1
        return Date(timeIntervalSince1970: slots * interval + offset)
    }
}

extension JobQueue {
    /// Enqueues `periodic`'s job when its slot is due, in one statement; any number of workers may call this at
    /// the same time and exactly one of them enqueues each slot's job.
    ///
    /// A schedule seen for the first time is due at once.
    /// - Returns: the enqueued job's id, or nil when nothing was due (or its previous run is still pending).
    @discardableResult
    public static func enqueueIfDue(
        _ periodic: PeriodicJob, now: Date = Date(), on connection: Connection, file: String = #fileID, line: Int = #line
    ) async throws -> Int64? {
        let job = periodic.job
        return try await connection.query(
            """
            with due as (
                insert into periodic_jobs as p (name, next_run_at, last_enqueued_at) values ($1, $2, now())
                on conflict (name) do update set next_run_at = excluded.next_run_at, last_enqueued_at = now()
                    where p.next_run_at <= now()
                returning name
            ), enqueued as (
                insert into jobs (queue, kind, payload, priority, max_attempts, unique_key)
                select $3, $4, $5::jsonb, $6, $7, $8 from due
                on conflict (unique_key) where state = 'pending' and unique_key is not null do nothing
                returning id
            )
            select id from enqueued
            """,
            [periodic.name, periodic.nextSlot(after: now), job.queue, job.kind, job.payload, job.priority, job.maxAttempts,
             job.uniqueKey], file: file, line: line
        ).first?.decode(Int64.self, at: 0)
    }
}
