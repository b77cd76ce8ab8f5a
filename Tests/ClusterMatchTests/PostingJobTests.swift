import ClusterMatch
import Foundation
import Postgres
import Testing

/// The triggers of `0011_posting_jobs.sql`: changes that matter to matching enqueue one `match.item` job per item in
/// the same transaction, from the stores and from plain SQL alike.
@Suite("posting changes enqueue match jobs in their own transaction")
struct PostingJobTests {
    func pendingMatchJobs(_ connection: Connection) async throws -> [String] {
        try await connection.query(
            "select unique_key from jobs where kind = 'match.item' and queue = 'match' and state = 'pending' order by unique_key"
        ).map { try $0.decode(String.self, at: 0) }
    }

    @Test func publishingEditingWithdrawingAndDeletingEnqueueOneJobPerItem() async throws {
        try await withMigratedDatabase { connection in
            let draft = try await SeedStore.post(sampleSeed(ref: "S-DRAFT"), on: connection)
            #expect(try await pendingMatchJobs(connection).isEmpty)  // drafts are not matched
            var published = sampleSeed(ref: "S-PUB")
            published.status = .published
            let seed = try await SeedStore.post(published, on: connection)
            let seedID = try #require(seed.id)
            #expect(try await pendingMatchJobs(connection) == ["match:seed:\(seedID)"])
            let payload = try await connection.query("select payload::text from jobs where unique_key = $1", ["match:seed:\(seedID)"])
            #expect(try payload[0].decode(String.self, at: 0) == #"{"id": \#(seedID), "item": "seed"}"#)
            // Several edits while the job is pending: still one job (debounce).
            try await connection.execute("update seeds set title = 'Cold spray v2' where id = $1", [seedID])
            try await connection.execute("update seeds set keywords = '{spray}' where id = $1", [seedID])
            #expect(try await connection.query("select count(*)::int from jobs")[0].decode(Int.self, at: 0) == 1)
            // Once it ran, a change that does not matter to matching enqueues nothing; one that does enqueues again.
            try await connection.execute("update jobs set state = 'succeeded', finished_at = now()")
            try await connection.execute("update seeds set expires_at = expires_at + interval '1 day', coordinator_id = null where id = $1", [seedID])
            #expect(try await pendingMatchJobs(connection).isEmpty)
            try await PostingLifecycle.withdraw(.seed, id: seedID, on: connection)
            #expect(try await pendingMatchJobs(connection) == ["match:seed:\(seedID)"])
            try await connection.execute("update jobs set state = 'succeeded', finished_at = now()")
            // Edits to a withdrawn or draft posting don't matter to matching; publishing does.
            try await connection.execute("update seeds set title = 'Edited while withdrawn' where id = $1", [seedID])
            try await connection.execute("update seeds set title = 'Edited draft' where id = $1", [try #require(draft.id)])
            #expect(try await pendingMatchJobs(connection).isEmpty)
            try await PostingLifecycle.publish(.seed, id: try #require(draft.id), on: connection)
            #expect(try await pendingMatchJobs(connection) == ["match:seed:\(draft.id!)"])
        }
    }

    @Test func plainSQLAndRollbacksFollowTheTransaction() async throws {
        try await withMigratedDatabase { connection in
            try await connection.executeScript(
                """
                insert into needs (ref, title, primary_field, partnerships, organisation_id, status, published_at, expires_at)
                select 'N-' || g, 'Need ' || g, 'aerospace', '{licence}', (select id from organisations where kind = 'firm'),
                       'published', now(), now() + interval '30 days'
                from generate_series(1, 300) g;
                """)
            #expect(try await pendingMatchJobs(connection).count == 300)
            struct Rollback: Error {}
            await #expect(throws: Rollback.self) {
                try await connection.withTransaction { connection in
                    try await connection.execute("update needs set status = 'expired' where ref = 'N-1'")
                    #expect(try await connection.query("select count(*)::int from jobs")[0].decode(Int.self, at: 0) == 300)
                    throw Rollback()
                }
            }
            try await connection.execute("update jobs set state = 'succeeded', finished_at = now()")
            await #expect(throws: Rollback.self) {
                try await connection.withTransaction { connection in
                    try await connection.execute("update needs set trl_max = 8 where ref in ('N-1', 'N-2')")
                    #expect(try await pendingMatchJobs(connection).count == 2)
                    throw Rollback()
                }
            }
            #expect(try await pendingMatchJobs(connection).isEmpty)
            try await connection.execute("update needs set trl_max = 8 where ref in ('N-1', 'N-2')")
            try await connection.execute("delete from needs where ref = 'N-3'")
            let ids = try await connection.query("select id from needs where ref in ('N-1', 'N-2') order by id").map { try $0.decode(Int64.self, at: 0) }
            #expect(try await pendingMatchJobs(connection).count == 3)
            #expect(try await pendingMatchJobs(connection).contains("match:need:\(ids[0])"))
        }
    }
}
