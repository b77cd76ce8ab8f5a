public import Foundation

/// Where a job is in its life (the `jobs.state` column).
public enum JobState: String, Sendable, CaseIterable, Codable {
    /// Waiting for its `run_at` and a free worker slot.
    case pending
    /// Claimed by a worker process that holds its lease.
    case running
    /// Finished without error.
    case succeeded
    /// Given up: its attempts are used up, or it said it must never be retried. Its errors are kept.
    case discarded
    /// Cancelled by an operator, or superseded by a newer pending job with the same unique key.
    case cancelled

    /// Whether the job will never run again on its own.
    public var isFinal: Bool { self == .succeeded || self == .discarded || self == .cancelled }
}

/// A job to put on the queue.
public struct NewJob: Sendable, Equatable {
    /// The job kind; a handler is registered for it in the worker (`match.item`, `jobs.cleanup`, …).
    public var kind: String
    /// The queue; each worker runs a set of queues, each with its own concurrency limit.
    public var queue: String
    /// The handler's input as JSON text (an object).
    public var payload: String
    /// Higher runs first within a queue.
    public var priority: Int
    /// Not before this time (nil: now, that is the enqueuing transaction's start).
    public var runAt: Date?
    /// How many runs it gets before it is discarded.
    public var maxAttempts: Int
    /// At most one pending job per key; an enqueue while one is pending does nothing (debounce).
    public var uniqueKey: String?

    /// Describes a job; see the properties for the meaning of each value.
    public init(
        kind: String, queue: String = "default", payload: JSONValue = .object([:]), priority: Int = 0, runAt: Date? = nil,
        maxAttempts: Int = 20, uniqueKey: String? = nil
    ) {
        self.kind = kind
        self.queue = queue
        self.payload = payload.jsonText
        self.priority = priority
        self.runAt = runAt
        self.maxAttempts = maxAttempts
        self.uniqueKey = uniqueKey
    }
}

/// A job a worker has claimed: it holds the lease for this one attempt.
public struct Job: Sendable, Equatable, Identifiable {
    /// The job's id.
    public var id: Int64
    /// Its queue.
    public var queue: String
    /// Its kind, which selects the handler.
    public var kind: String
    /// The payload as JSON text.
    public var payloadText: String
    /// Its priority.
    public var priority: Int
    /// This run's attempt number, from 1; with the owner it identifies the run in every transition.
    public var attempt: Int
    /// The runs it gets in all.
    public var maxAttempts: Int
    /// Its unique key, if any.
    public var uniqueKey: String?
    /// The worker process that owns this run.
    public var owner: String
    /// When it was enqueued.
    public var createdAt: Date

    /// Creates a claimed job (the queue makes these; tests may too).
    public init(
        id: Int64, queue: String, kind: String, payloadText: String, priority: Int, attempt: Int, maxAttempts: Int,
        uniqueKey: String?, owner: String, createdAt: Date
    ) {
        self.id = id
        self.queue = queue
        self.kind = kind
        self.payloadText = payloadText
        self.priority = priority
        self.attempt = attempt
        self.maxAttempts = maxAttempts
        self.uniqueKey = uniqueKey
        self.owner = owner
        self.createdAt = createdAt
    }

    /// The payload parsed as JSON.
    /// - Throws: `ValidationFailure` when it is not JSON (it always is when it came from the database).
    public func payload() throws -> JSONValue { try JSONValue(parsing: payloadText) }

    /// The payload decoded as `T`.
    public func payload<T: Decodable>(as type: T.Type) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(payloadText.utf8))
    }
}
