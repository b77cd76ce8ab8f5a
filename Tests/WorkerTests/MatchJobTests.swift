import ClusterMatch
import Foundation
import Matching
import Postgres
import Testing
import TestSupport

/// The matcher's jobs on a real `clustermatch-worker` process: a need published by plain SQL gets its match list,
/// equal to what a fresh matcher computes at the same statistics; withdrawn by plain SQL, it leaves every list.
@Suite("worker processes: match.item") struct MatchJobTests {
    @Test func aNeedPublishedByPlainSQLGetsItsMatchesAndLeavesThemWhenWithdrawn() async throws {
        try await WorkerTestBed.with { bed in
            _ = try await FixtureLoader(directory: FixtureLoader.sourceTreeFixtures).load(into: bed.connection)
            _ = try await MatchLists.recomputeAll(on: bed.connection)
            // Loading the fixtures enqueued a re-match of every published posting; the full re-match covers them.
            try await bed.connection.execute("delete from jobs where kind = 'match.item'")
            _ = try bed.start("w", ["CLUSTERMATCH_WORKER_POLL": "100ms", "CLUSTERMATCH_WORKER_QUEUES": "default=1,match=2", "CLUSTERMATCH_WORKER_LEASE": "10s"])
            try await bed.waitForWorkers(["w"])

            let columns = "title, summary, description, primary_field, secondary_fields, keywords, trl_min, trl_max, ip_required, partnerships, scope, target_countries, deadline, visibility, organisation_id, contact_id"
            let id = try await bed.connection.query(
                """
                insert into needs (ref, status, published_at, expires_at, \(columns))
                select ref || '-SQL', 'published', now(), now() + interval '1 year', \(columns)
                from needs where status = 'published' order by id limit 1
                returning id
                """)[0].decode(Int64.self, at: 0)
            try await bed.waitUntil("the new need's list is stored", timeout: .seconds(120)) {
                try await bed.count("select count(*)::int from need_matches where need_id = $1", [id]) > 0
            }
            let stored = try await bed.connection.query("select seed_id, score from need_matches where need_id = $1 order by rank", [id])
                .map { (try $0.decode(Int64.self, at: 0), try $0.decode(Double.self, at: 1)) }
            // A fresh matcher at the statistics of the worker's last full re-match (lists keep them until the next).
            var matcher = try await MatchLoader.load(on: bed.connection).matcher
            let statistics = try #require(try await MatchLists.latestStatistics(on: bed.connection))
            matcher.freezeStatistics(seeds: statistics.seeds, needs: statistics.needs)
            let fresh = try matcher.seeds(forNeed: id, limit: MatchLists.defaultLength)
            #expect(stored.map(\.0) == fresh.map(\.seedID))
            for (entry, match) in zip(stored, fresh) { #expect(abs(entry.1 - match.score.total) < 1e-9) }
            // The seeds it now fits list it in turn, where it ranks in their top 50, once `match.pending` has
            // recomputed the lists the post reached.
            try await bed.waitUntil("seeds list the new need", timeout: .seconds(120)) {
                try await bed.count("select count(*)::int from seed_matches where need_id = $1", [id]) > 0
            }

            try await bed.connection.execute("update needs set status = 'withdrawn' where id = $1", [id])
            try await bed.waitUntil("the withdrawn need leaves every list", timeout: .seconds(60)) {
                try await bed.count(
                    "select (select count(*) from need_matches where need_id = $1) + (select count(*) from seed_matches where need_id = $1)",
                    [id]) == 0
            }
            #expect(try await bed.count("select count(*)::int from jobs where kind like 'match.%' and (state = 'discarded' or errors <> '[]'::jsonb)") == 0)
        }
    }
}
