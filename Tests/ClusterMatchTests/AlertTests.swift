import ClusterMatch
import Foundation
import Postgres
import Logging
import Testing
import TestSupport

/// Expiry, subscriptions, the outbox and its delivery, on a real PostgreSQL; job handlers run as the worker runs them
/// (claimed from the queue, with a real context).
@Suite("alerts: expiry, new-match scans, digests, delivery")
struct AlertTests {
    /// Inserts a published seed of the fixture university with the given expiry (SQL interval from now).
    func seed(_ ref: String, expiresIn interval: String, status: String = "published", on connection: Connection) async throws -> Int64 {
        try await connection.query(
            """
            insert into seeds (ref, title, primary_field, trl, partnerships, organisation_id, coordinator_id, status, published_at, expires_at)
            values ($1, 'Seed ' || $1, 'aerospace', 5, '{licence}', (select id from organisations where slug = 'gifu-university'),
                    (select id from people where email = 'y.fujita@example.jp'), $2, now() - interval '1 day', now() + $3::interval)
            returning id
            """, [ref, status, interval])[0].decode(Int64.self, at: 0)
    }

    func need(_ ref: String, on connection: Connection) async throws -> Int64 {
        try await connection.query(
            """
            insert into needs (ref, title, primary_field, partnerships, organisation_id, contact_id, status, published_at, expires_at)
            values ($1, 'Need ' || $1, 'aerospace', '{licence}', (select id from organisations where slug = 'laurentian-aero'),
                    (select id from people where email = 'm.roy@example.ca'), 'published', now(), now() + interval '300 days')
            returning id
            """, [ref])[0].decode(Int64.self, at: 0)
    }

    /// Claims the next job of `queue` and runs its standard handler as the worker would.
    func runNextJob(queue: String, database: ConnectionString, configuration: StandardJobsConfiguration = .init(), on connection: Connection) async throws -> (Job, Result<JobOutcome, any Error>) {
        var registry = JobRegistry()
        registry.registerStandardJobs(configuration)
        let job = try #require(try await JobQueue.claim(queue: queue, limit: 1, owner: "test", lease: .seconds(30), on: connection).first)
        let handler = try #require(registry.handler(for: job.kind))
        let pool = ConnectionPool(connectionString: database, maxConnections: 2)
        let result: Result<JobOutcome, any Error>
        do {
            result = .success(try await handler(JobContext(job: job, pool: pool, logger: .init(label: "test"))))
        } catch {
            result = .failure(error)
        }
        await pool.close()
        return (job, result)
    }

    @Test func expiryNoticesExpiresAndArchivesOnceEach() async throws {
        try await withMigratedDatabaseURL { database, connection in
            let soon = try await seed("S-SOON", expiresIn: "10 days", on: connection)
            _ = try await seed("S-LATER", expiresIn: "20 days", on: connection)
            let past = try await seed("S-PAST", expiresIn: "-1 hour", on: connection)
            let ancient = try await seed("S-OLD", expiresIn: "-2 years -1 day", status: "published", on: connection)
            try await connection.execute("update seeds set status = 'expired' where id = $1", [ancient])
            try await connection.execute("delete from jobs")
            try await JobQueue.enqueue(NewJob(kind: StandardJobs.expiryKind, queue: "maintenance"), on: connection)
            let (_, result) = try await runNextJob(queue: "maintenance", database: database, on: connection)
            #expect(try result.get() == .succeeded)
            let states = try await connection.query("select ref, status from seeds order by ref").map { try "\($0.decode(String.self, at: 0))=\($0.decode(String.self, at: 1))" }
            #expect(states == ["S-LATER=published", "S-OLD=archived", "S-PAST=expired", "S-SOON=published"])
            let inbox = try await Outbox.inbox(for: "y.fujita@example.jp", on: connection)
            #expect(inbox.map(\.kind).sorted() == ["expired", "expiry-notice"])
            #expect(inbox.first { $0.kind == "expiry-notice" }?.subject.hasPrefix("seed S-SOON expires on ") == true)
            #expect(inbox.first { $0.kind == "expired" }?.body.contains("\"id\": \(past)") == true)
            // The expired seed's re-match was enqueued in the same transaction; the job itself succeeded.
            #expect(try await connection.query("select 1 from jobs where unique_key = $1", ["match:seed:\(past)"]).count == 1)
            #expect(try await connection.query("select state from jobs where kind = 'postings.expiry'")[0].decode(String.self, at: 0) == "succeeded")
            // Running again changes nothing; renewing moves the date and earns a new notice.
            #expect(try await connection.withTransaction { try await Expiry.run(on: $0) } == ExpiryReport())
            try await connection.execute("update seeds set expires_at = expires_at + interval '2 days' where id = $1", [soon])
            #expect(try await connection.withTransaction { try await Expiry.run(on: $0) }.noticed == 1)
        }
    }

    @Test func newMatchScanNotifiesOncePerPairAboveTheScore() async throws {
        try await withMigratedDatabaseURL { _, connection in
            let needID = try await need("N-WATCH", on: connection)
            let seeds = try await ["S-A", "S-B", "S-C", "S-D"].asyncMap { try await seed($0, expiresIn: "100 days", on: connection) }
            let subscriptionID = try await SubscriptionStore.add(
                Subscription(subscriber: "m.roy@example.ca", kind: .needMatches, target: "N-WATCH", minScore: 0.6), on: connection)
            func list(_ pairs: [(Int64, Double)]) async throws {
                try await connection.execute("delete from need_matches where need_id = $1", [needID])
                for (rank, pair) in pairs.enumerated() {
                    try await connection.execute(
                        "insert into need_matches (need_id, rank, seed_id, score, mutual, boundary, explanation) values ($1, $2, $3, $4, $4, 'sister', '{}')",
                        [needID, rank + 1, pair.0, pair.1])
                }
            }
            try await list([(seeds[0], 0.7), (seeds[2], 0.65), (seeds[1], 0.5)])
            #expect(try await connection.withTransaction { try await AlertScans.scanNewMatches(on: $0) } == 2)
            #expect(try await connection.withTransaction { try await AlertScans.scanNewMatches(on: $0) } == 0)
            // Recomputed lists: the same pairs don't notify again; a new pair above the score does.
            try await list([(seeds[3], 0.8), (seeds[0], 0.71), (seeds[2], 0.6), (seeds[1], 0.59)])
            #expect(try await connection.withTransaction { try await AlertScans.scanNewMatches(on: $0) } == 1)
            let inbox = try await Outbox.inbox(for: "m.roy@example.ca", on: connection)
            #expect(inbox.map(\.subject) == [
                "New seed S-D for N-WATCH (score 0.80)", "New seed S-C for N-WATCH (score 0.65)", "New seed S-A for N-WATCH (score 0.70)",
            ])
            #expect(inbox.allSatisfy { $0.subscriptionID == subscriptionID && $0.channel == .inbox })
            // Inbox notifications are not delivered anywhere, so no delivery job exists.
            #expect(try await connection.query("select 1 from jobs where kind = 'notifications.deliver'").isEmpty)
        }
    }

    @Test func dueDigestsListTheClustersNewPostings() async throws {
        try await withMigratedDatabaseURL { _, connection in
            let subscription = try await SubscriptionStore.add(
                Subscription(subscriber: "y.fujita@example.jp", kind: .clusterDigest, target: "gifu", digestEverySeconds: 7 * 86_400), on: connection)
            #expect(try await connection.withTransaction { try await AlertScans.writeDigests(on: $0) } == 0)  // not due yet
            try await connection.execute("update subscriptions set last_digest_at = now() - interval '8 days' where id = $1", [subscription])
            _ = try await seed("S-NEW", expiresIn: "100 days", on: connection)
            _ = try await need("N-ELSEWHERE", on: connection)  // another cluster's
            #expect(try await connection.withTransaction { try await AlertScans.writeDigests(on: $0) } == 1)
            #expect(try await connection.withTransaction { try await AlertScans.writeDigests(on: $0) } == 0)
            let digest = try #require(try await Outbox.inbox(for: "y.fujita@example.jp", on: connection).first)
            #expect(digest.kind == "digest" && digest.subject == "Digest for gifu: 1 new seeds, 0 new needs")
            #expect(digest.body.contains("\"ref\": \"S-NEW\""))
        }
    }

    @Test func sinkAndWebhookDeliveriesRetryWithOneIdempotencyKey() async throws {
        try await withMigratedDatabaseURL { database, connection in
            let server = try LoopbackHTTPServer(statuses: [503, 200])
            defer { server.stop() }
            let sinkFile = FileManager.default.temporaryDirectory.appending(path: "cm-sink-\(UUID().uuidString).jsonl")
            defer { try? FileManager.default.removeItem(at: sinkFile) }
            var configuration = StandardJobsConfiguration()
            configuration.alertSink = sinkFile.path()
            try await connection.execute(
                """
                insert into notifications (recipient, kind, subject, body, dedup_key, channel, webhook_url) values
                  ('a@example.org', 'digest', 'to the sink', '{"n": 1}', 'k1', 'sink', null),
                  ('b@example.org', 'digest', 'to the webhook', '{"n": 2}', 'k2', 'webhook', $1)
                """, ["http://127.0.0.1:\(server.port)/hook"])
            #expect(try await connection.query("select 1 from jobs where kind = 'notifications.deliver' and queue = 'alerts'").count == 2)
            var outcomes: [String: [Bool]] = [:]
            for _ in 0..<3 {
                try await connection.execute("update jobs set run_at = now() where state = 'pending'")
                let (job, result) = try await runNextJob(queue: "alerts", database: database, configuration: configuration, on: connection)
                let id = try job.payload(as: [String: Int64].self)["id"]!
                outcomes[String(id), default: []].append((try? result.get()) != nil)
                let outcome: JobResult.Outcome = switch result {
                case .success: .succeeded
                case .failure(let error): .failed(error: "\(error)", retryIn: 0)
                }
                try await JobQueue.finish([JobResult(jobID: job.id, attempt: job.attempt, outcome: outcome)], owner: "test", on: connection)
            }
            let lines = try String(contentsOf: sinkFile, encoding: .utf8).split(separator: "\n")
            #expect(lines.count == 1)
            let delivered = try await connection.query("select id, delivered_at is not null, delivery_attempts from notifications order by id")
            #expect(try delivered.map { try $0.decode(Bool.self, at: 1) } == [true, true])
            #expect(try delivered[1].decode(Int.self, at: 2) == 2)
            let sinkID = try delivered[0].decode(Int64.self, at: 0), hookID = try delivered[1].decode(Int64.self, at: 0)
            #expect(lines[0].contains("\"idempotency_key\":\"clustermatch-notification-\(sinkID)\""))
            #expect(outcomes["\(hookID)"] == [false, true])
            let requests = server.requests
            #expect(requests.count == 2)
            #expect(requests.allSatisfy { $0.header("Idempotency-Key") == "clustermatch-notification-\(hookID)" })
            #expect(requests.map { $0.header("X-Clustermatch-Attempt") } == ["1", "2"])
            #expect(requests[1].head.hasPrefix("POST /hook HTTP/1.1") && requests[1].body.contains("\"subject\":\"to the webhook\""))
            #expect(try await connection.query("select count(*)::int from jobs where state = 'succeeded'")[0].decode(Int.self, at: 0) == 2)
        }
    }

    @Test func aWebhookThatRefusesIsNotRetried() async throws {
        try await withMigratedDatabaseURL { database, connection in
            let server = try LoopbackHTTPServer(statuses: [404])
            defer { server.stop() }
            try await connection.execute(
                "insert into notifications (recipient, kind, subject, dedup_key, channel, webhook_url) values ('b', 'digest', 's', 'k', 'webhook', $1)",
                ["http://127.0.0.1:\(server.port)/gone"])
            let (_, result) = try await runNextJob(queue: "alerts", database: database, on: connection)
            #expect(throws: JobError.self) { try result.get() }
            #expect(try await connection.query("select last_error from notifications")[0].decode(String.self, at: 0).contains("answered 404"))
        }
    }
}

/// Like `withMigratedDatabase`, also passing the database's connection string.
func withMigratedDatabaseURL<T: Sendable>(_ body: (ConnectionString, Connection) async throws -> T) async throws -> T {
    try await withMigratedDatabase { connection in
        let name = try await connection.query("select current_database()")[0].decode(String.self, at: 0)
        return try await body(try TestSupport.TestDatabase.server().with(database: name), connection)
    }
}
