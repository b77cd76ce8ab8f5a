import Foundation
import Logging
import Postgres
import Testing
import TestSupport

@Suite("connections, errors, transactions, COPY, notifications, pool")
struct ConnectionTests {
    @Test func errorsCarrySQLStateConstraintAndQuery() async throws {
        try await TestDatabase.withDatabase { database in
            let connection = try await Connection.connect(to: database)
            try await connection.execute("create table t (id int constraint t_pk primary key, n int constraint t_n_positive check (n > 0))")
            try await connection.execute("insert into t values ($1, $2)", [1, 1])
            let duplicate = await #expect(throws: PostgresError.self) {
                try await connection.execute("insert into t values ($1, $2)", [1, 5])
            }
            #expect(duplicate?.code == .uniqueViolation)
            #expect(duplicate?.constraint == "t_pk")
            #expect(duplicate?.query?.contains("insert into t") == true)
            #expect(duplicate?.description.contains("23505") == true)
            let check = await #expect(throws: PostgresError.self) { try await connection.execute("insert into t values (2, -1)") }
            #expect(check?.code == .checkViolation)
            #expect(check?.constraint == "t_n_positive")
            let syntax = await #expect(throws: PostgresError.self) { try await connection.execute("selec 1") }
            #expect(syntax?.code == .syntaxError)
            // The connection is still usable after errors.
            #expect(try await connection.query("select count(*) from t").first?.decode(Int.self, at: 0) == 1)
            await connection.close()
        }
    }

    @Test func unreachableServerIsAnErrorNotACrash() async throws {
        let missing = try ConnectionString("host=/nonexistent-socket-dir user=postgres dbname=postgres connect_timeout=2")
        let error = await #expect(throws: PostgresError.self) { _ = try await Connection.connect(to: missing) }
        #expect(error?.code == .connectionRefused)
    }

    @Test func droppedConnectionIsReportedAsAnError() async throws {
        try await TestDatabase.withDatabase { database in
            let victim = try await Connection.connect(to: database)
            let killer = try await Connection.connect(to: database)
            let pid = await victim.backendPID
            try await killer.execute("select pg_terminate_backend($1)", [Int(pid)])
            let error = await #expect(throws: PostgresError.self) { try await victim.query("select 1") }
            #expect(error?.isConnectionFailure == true)
            #expect(await victim.isUsable == false)
            await victim.close()
            await killer.close()
        }
    }

    @Test func cancellingTheTaskCancelsTheRunningQuery() async throws {
        try await TestDatabase.withDatabase { database in
            let connection = try await Connection.connect(to: database)
            let started = ContinuousClock.now
            let task = Task { try await connection.query("select pg_sleep(30)") }
            try await Task.sleep(for: .milliseconds(300))
            task.cancel()
            let result = await task.result
            let error = try #require(result.failure as? PostgresError)
            #expect(error.code == .queryCanceled)
            #expect(ContinuousClock.now - started < .seconds(20))
            #expect(try await connection.query("select 7").first?.decode(Int.self, at: 0) == 7)
            await connection.close()
        }
    }

    @Test func transactionsCommitRollBackAndRetryTransientFailures() async throws {
        try await TestDatabase.withDatabase { database in
            let connection = try await Connection.connect(to: database)
            try await connection.execute("create table log (n int)")
            try await connection.execute("create sequence attempts")
            struct Boom: Error {}
            await #expect(throws: Boom.self) {
                try await connection.withTransaction { connection in
                    try await connection.execute("insert into log values (1)")
                    throw Boom()
                }
            }
            #expect(try await connection.query("select count(*) from log").first?.decode(Int.self, at: 0) == 0)
            // The first attempt fails with a serialization failure (the sequence is not transactional).
            let attempts = try await connection.withTransaction(.serializable) { connection in
                try await connection.execute("insert into log values (2)")
                let attempt = try #require(try await connection.query("select nextval('attempts')").first).decode(Int.self, at: 0)
                if attempt == 1 {
                    try await connection.execute("do $$ begin raise exception 'conflict' using errcode = '40001'; end $$")
                }
                return attempt
            }
            #expect(attempts == 2)
            #expect(try await connection.query("select array_agg(n) from log").first?.decode([Int].self, at: 0) == [2])
            // Attempts are bounded.
            let error = await #expect(throws: PostgresError.self) {
                try await connection.withTransaction(maxAttempts: 3) { connection in
                    try await connection.execute("do $$ begin raise exception 'deadlock' using errcode = '40P01'; end $$")
                }
            }
            #expect(error?.code == .deadlockDetected)
            #expect(try await connection.query("select nextval('attempts')").first?.decode(Int.self, at: 0) == 3)
            await connection.close()
        }
    }

    @Test func copyLoadsRowsAndReportsBadOnesAtomically() async throws {
        try await TestDatabase.withDatabase { database in
            let connection = try await Connection.connect(to: database)
            try await connection.execute("create table items (id int primary key, label text, tags text[])")
            var writer = CopyTextWriter()
            for id in 1...10_000 {
                writer.append(id)
                writer.append(id == 7 ? nil : "label \(id)\twith tab\\ and \n newline 日本")
                writer.append(["x", "y z"])
                writer.endRow()
            }
            let copied = try await connection.copyIn("copy items (id, label, tags) from stdin", data: writer.bytes)
            #expect(copied == 10_000)
            let row = try #require(try await connection.query("select label, tags from items where id = 3").first)
            #expect(try row.decode(String.self, at: 0) == "label 3\twith tab\\ and \n newline 日本")
            #expect(try row.decode([String].self, at: 1) == ["x", "y z"])
            #expect(try await connection.query("select label from items where id = 7").first?.decode(String?.self, at: 0) == nil)
            var bad = CopyTextWriter()
            bad.append(20_001)
            bad.append("fine")
            bad.append(["a"])
            bad.endRow()
            bad.append(1)  // duplicate key
            bad.append("dup")
            bad.append(["b"])
            bad.endRow()
            let error = await #expect(throws: PostgresError.self) {
                try await connection.copyIn("copy items (id, label, tags) from stdin", data: bad.bytes)
            }
            #expect(error?.code == .uniqueViolation)
            #expect(try await connection.query("select count(*) from items").first?.decode(Int.self, at: 0) == 10_000)
            await connection.close()
        }
    }

    @Test func notificationsAreDeliveredToListeners() async throws {
        try await TestDatabase.withDatabase { database in
            let listener = try await Connection.connect(to: database)
            let sender = try await Connection.connect(to: database)
            try await listener.listen("jobs")
            try await sender.notify("jobs", payload: "hello")
            try await sender.withTransaction { connection in
                try await connection.notify("jobs", payload: "after commit")
            }
            var received: [PostgresNotification] = []
            let deadline = ContinuousClock.now + .seconds(10)
            while received.count < 2 && ContinuousClock.now < deadline {
                received += try await listener.waitForNotifications(timeout: .milliseconds(200))
            }
            #expect(received.map(\.payload) == ["hello", "after commit"])
            #expect(received.first?.channel == "jobs")
            #expect(received.first?.senderPID == (await sender.backendPID))
            // A notification that arrives while another command runs is not lost.
            try await sender.notify("jobs", payload: "during query")
            _ = try await listener.query("select pg_sleep(0.1)")
            #expect(try await listener.waitForNotifications(timeout: .milliseconds(10)).map(\.payload) == ["during query"])
            await listener.close()
            await sender.close()
        }
    }

    @Test func listenerReconnectsAfterItsConnectionIsKilled() async throws {
        try await TestDatabase.withDatabase { database in
            let listener = Listener(
                connectionString: database, channels: ["wake"], reconnectDelay: .milliseconds(100),
                pollInterval: .milliseconds(50), logger: .init(label: "test"))
            let admin = try await Connection.connect(to: database)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await listener.run() }
                var iterator = listener.events.makeAsyncIterator()
                #expect(await iterator.next() == .connected)
                try await admin.execute(
                    "select pg_terminate_backend(pid) from pg_stat_activity where query ilike 'listen%' and datname = current_database() and pid <> pg_backend_pid()")
                #expect(await iterator.next() == .connected)
                try await admin.notify("wake", payload: "again")
                let next = await iterator.next()
                guard case .notification(let notification) = next else {
                    Issue.record("expected a notification, got \(String(describing: next))")
                    group.cancelAll()
                    return
                }
                #expect(notification.payload == "again")
                group.cancelAll()
            }
            await admin.close()
        }
    }

    @Test func queriesOnSeveralConnectionsRunAtTheSameTime() async throws {
        try await TestDatabase.withDatabase { database in
            let pool = ConnectionPool(connectionString: database, maxConnections: 4)
            // Each statement announces itself (sequences are not transactional) and then waits until all four have;
            // if connections blocked each other, the first would wait alone and raise after 20 s.
            _ = try await pool.withConnection { try await $0.execute("create sequence arrived") }
            let barrier = """
                do $$ begin
                  perform nextval('arrived');
                  loop
                    exit when (select last_value from arrived) >= 4;
                    perform pg_sleep(0.01);
                    if clock_timestamp() - statement_timestamp() > interval '20 seconds' then
                      raise exception 'the four statements never ran at the same time';
                    end if;
                  end loop;
                end $$
                """
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        try await pool.withConnection { connection in
                            try await connection.withTransaction { connection in try await connection.executeScript(barrier) }
                        }
                    }
                }
                try await group.waitForAll()
            }
            // More callers than connections all get served.
            let sum = try await withThrowingTaskGroup(of: Int.self) { group in
                for value in 1...20 {
                    group.addTask { try await pool.withConnection { try await $0.query("select $1::int", [value]).first!.decode(Int.self, at: 0) } }
                }
                return try await group.reduce(0, +)
            }
            #expect(sum == 210)
            await pool.close()
        }
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
