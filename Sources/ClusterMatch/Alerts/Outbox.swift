public import Foundation
public import Postgres

/// Where a notification goes.
public enum NotificationChannel: String, Sendable, CaseIterable, Codable {
    /// Only `clustermatch inbox` shows it.
    case inbox
    /// The worker writes it as one JSON line to its sink (a file, or standard output).
    case sink
    /// The worker POSTs it to the subscription's URL.
    case webhook
}

/// One notification of the outbox (`notifications`).
public struct AlertNotification: Sendable, Equatable {
    /// The notification's id.
    public var id: Int64
    /// Who it is for (an email address, or `org:<slug>`).
    public var recipient: String
    /// `expiry-notice`, `expired`, `archived`, `new-match` or `digest`.
    public var kind: String
    /// One line saying what happened.
    public var subject: String
    /// The details as JSON text.
    public var body: String
    /// Where it goes.
    public var channel: NotificationChannel
    /// The webhook (channel `webhook`).
    public var webhookURL: String?
    /// The subscription that caused it, if any.
    public var subscriptionID: Int64?
    /// When it was written.
    public var createdAt: Date
    /// When it was delivered (sink or webhook).
    public var deliveredAt: Date?
    /// Delivery attempts so far.
    public var deliveryAttempts: Int
    /// The last delivery error.
    public var lastError: String?
    /// When its recipient marked it read.
    public var readAt: Date?

    /// The key a receiver uses to drop duplicates (a delivery may be repeated if the worker dies after sending).
    public var idempotencyKey: String { "clustermatch-notification-\(id)" }

    /// What is delivered: one JSON object with the id, idempotency key, recipient, kind, subject, body and time.
    public var deliveryJSON: JSONValue {
        .object([
            "id": .number("\(id)"), "idempotency_key": .string(idempotencyKey), "recipient": .string(recipient),
            "kind": .string(kind), "subject": .string(subject), "body": (try? JSONValue(parsing: body)) ?? .string(body),
            "created_at": .string(PostgresTimeText.iso8601(createdAt)),
        ])
    }
}

/// ISO 8601 text for JSON documents.
enum PostgresTimeText {
    static func iso8601(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}

/// Reading and updating the notification outbox. Each function runs one statement on the connection's thread.
public enum Outbox {
    static let columns = """
        id, recipient, kind, subject, body::text, channel, webhook_url, subscription_id, created_at, delivered_at,
        delivery_attempts, last_error, read_at
        """

    static func decode(_ row: Row) throws -> AlertNotification {
        AlertNotification(
            id: try row.decode(at: 0), recipient: try row.decode(at: 1), kind: try row.decode(at: 2), subject: try row.decode(at: 3),
            body: try row.decode(at: 4), channel: NotificationChannel(rawValue: try row.decode(String.self, at: 5)) ?? .inbox,
            webhookURL: try row.decode(at: 6), subscriptionID: try row.decode(at: 7), createdAt: try row.decode(at: 8),
            deliveredAt: try row.decode(at: 9), deliveryAttempts: try row.decode(at: 10), lastError: try row.decode(at: 11),
            readAt: try row.decode(at: 12))
    }

    /// A recipient's notifications, newest first.
    public static func inbox(
        for recipient: String, unreadOnly: Bool = false, limit: Int = 50, on connection: Connection
    ) async throws -> [AlertNotification] {
        try await connection.query(
            "select \(columns) from notifications where recipient = $1 and (not $2 or read_at is null) order by id desc limit $3",
            [recipient, unreadOnly, limit]
        ).map(decode)
    }

    /// Marks notifications read; returns how many changed.
    @discardableResult
    public static func markRead(_ ids: [Int64], on connection: Connection) async throws -> Int {
        try await connection.execute("update notifications set read_at = now() where id = any($1::bigint[]) and read_at is null", [ids])
    }

    /// One notification, or nil.
    public static func notification(_ id: Int64, on connection: Connection) async throws -> AlertNotification? {
        try await connection.query("select \(columns) from notifications where id = $1", [id]).first.map(decode)
    }

    /// Records a failed delivery attempt (the job queue retries it).
    public static func recordFailure(_ id: Int64, attempt: Int, error: String, on connection: Connection) async throws {
        try await connection.execute(
            "update notifications set delivery_attempts = greatest(delivery_attempts, $2), last_error = $3 where id = $1",
            [id, attempt, error])
    }
}
