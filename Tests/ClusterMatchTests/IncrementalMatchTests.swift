import ClusterMatch
import Foundation
import Matching
import Postgres
import Testing

/// The `match.item` path (MatchMaintainer) on the fixtures in a real PostgreSQL: after a seeded random sequence of
/// 2,000 posts, updates (text and profile) and withdrawals, each followed by its re-match, every stored top-10 list
/// equals what a full re-match computes from the same data at the same statistics (the snapshot of the last full
/// re-match, stored with it): the same partners in the same order with the same scores, both sides. Changes are
/// taken in one at a time or up to four together (as `match.item` takes queued jobs with it). Between updates the
/// lists they left pending are drained in slices of random size, as the worker's `match.pending` does.
@Suite struct IncrementalMatchTests {
    struct Entry: Equatable {
        var partner: Int64
        var score: Double
        var mutual: Double?

        static func == (a: Entry, b: Entry) -> Bool {
            func close(_ x: Double?, _ y: Double?) -> Bool {
                switch (x, y) {
                case (nil, nil): true
                case let (x?, y?): abs(x - y) <= 1e-9
                default: false
                }
            }
            return a.partner == b.partner && close(a.score, b.score) && close(a.mutual, b.mutual)
        }
    }

    struct Lists: Equatable {
        var needLists: [Int64: [Entry]] = [:]
        var seedLists: [Int64: [Entry]] = [:]
    }

    static func stored(on connection: Connection) async throws -> Lists {
        var result = Lists()
        for row in try await connection.query("select need_id, seed_id, score, mutual from need_matches order by need_id, rank") {
            result.needLists[try row.decode(Int64.self, at: 0), default: []].append(
                Entry(partner: try row.decode(at: 1), score: try row.decode(at: 2), mutual: try row.decode(at: 3)))
        }
        for row in try await connection.query("select seed_id, need_id, score, mutual from seed_matches order by seed_id, rank") {
            result.seedLists[try row.decode(Int64.self, at: 0), default: []].append(
                Entry(partner: try row.decode(at: 1), score: try row.decode(at: 2), mutual: try row.decode(at: 3)))
        }
        return result
    }

    /// What a full re-match computes from the database now, at the statistics of the last full re-match.
    static func full(on connection: Connection, length: Int) async throws -> Lists {
        var loaded = try await MatchLoader.load(on: connection)
        let statistics = try #require(try await MatchLists.latestStatistics(on: connection))
        loaded.matcher.freezeStatistics(seeds: statistics.seeds, needs: statistics.needs)
        let computed = MatchLists.compute(loaded.matcher, length: length)
        var result = Lists()
        for (id, list) in computed.needLists where !list.matches.isEmpty {
            result.needLists[id] = list.matches.map { Entry(partner: $0.seedID, score: $0.score.total, mutual: $0.mutual?.total) }
        }
        for (id, list) in computed.seedLists where !list.matches.isEmpty {
            result.seedLists[id] = list.matches.map { Entry(partner: $0.needID, score: $0.score.total, mutual: $0.mutual?.total) }
        }
        return result
    }

    static func write(_ update: MatchMaintainer.Update, _ maintainer: MatchMaintainer, on connection: Connection) async throws {
        let sequence = try await connection.withTransaction { connection in try await maintainer.write(update, on: connection) }
        await maintainer.committed(sequence)
    }

    @Test func incrementalListsEqualAFullRematch() async throws {
        try await StoreTest.withDatabase(references: false) { connection in
            _ = try await FixtureLoader(directory: FixtureLoader.sourceTreeFixtures).load(into: connection)
            let maintainer = MatchMaintainer(listLength: 10)
            #expect(try await maintainer.prepare(on: connection) == .ready)
            let runs = try await connection.query("select count(*) from match_runs")[0].decode(Int.self, at: 0)
            var rng = SplitMix64(state: 2026)
            let steps = 2_000
            var counts: [String: Int] = [:]
            var recomputed = 0
            var batch: [(kind: PostingKind, id: Int64)] = []
            var batches: [Int: Int] = [:]
            for step in 0..<steps {
                let kind: PostingKind = rng.next() % 2 == 0 ? .seed : .need
                let table = kind == .seed ? "seeds" : "needs"
                let published = try await connection.query("select id from \(table) where status = 'published' order by id")
                    .map { try $0.decode(Int64.self, at: 0) }
                let pick = published[Int(rng.next() % UInt64(published.count))]
                let changed: Int64
                switch rng.next() % 4 {
                case 0:  // a new posting: a copy of another with a new ref, published
                    let columns = kind == .seed
                        ? "title, summary, description, primary_field, secondary_fields, keywords, trl, ip_status, ip_scope, partnerships, visibility, organisation_id, coordinator_id"
                        : "title, summary, description, primary_field, secondary_fields, keywords, trl_min, trl_max, ip_required, partnerships, scope, target_countries, deadline, visibility, organisation_id, contact_id"
                    changed = try await connection.query(
                        """
                        insert into \(table) (ref, status, published_at, expires_at, \(columns))
                        select left(ref, 30) || '-c\(step)', 'published', now(), now() + interval '1 year', \(columns) from \(table) where id = $1
                        returning id
                        """, [pick])[0].decode(Int64.self, at: 0)
                    counts["post", default: 0] += 1
                case 1:  // new text: words of another posting appended to the summary
                    let other = published[Int(rng.next() % UInt64(published.count))]
                    try await connection.execute(
                        "update \(table) set summary = left(summary || ' ' || (select title from \(table) where id = $2), 490) where id = $1",
                        [pick, other])
                    changed = pick
                    counts["text update", default: 0] += 1
                case 2:  // a profile update: the maturity and partnership types of another posting
                    let other = published[Int(rng.next() % UInt64(published.count))]
                    let columns = kind == .seed ? "trl, partnerships" : "trl_min, trl_max, partnerships"
                    try await connection.execute(
                        "update \(table) set (\(columns)) = (select \(columns) from \(table) where id = $2) where id = $1", [pick, other])
                    changed = pick
                    counts["profile update", default: 0] += 1
                default:
                    try await PostingLifecycle.withdraw(kind, id: pick, on: connection)
                    changed = pick
                    counts["withdrawal", default: 0] += 1
                }
                // The worker takes changes one at a time or, when several are queued, together (`match.item`'s
                // companions).
                batch.append((kind, changed))
                guard batch.count > Int(rng.next() % 4) || step == steps - 1 else { continue }
                #expect(try await maintainer.prepare(on: connection) == .ready)
                try await Self.write(try await maintainer.update(for: batch, on: connection), maintainer, on: connection)
                batches[batch.count, default: 0] += 1
                batch = []
                recomputed += 1
                // The worker drains pending lists between changes, some or all of them.
                let slice = Int(rng.next() % 60)
                if slice > 0 {
                    let drained = try await maintainer.drain(limit: slice, on: connection)
                    recomputed += drained.listCount
                    try await Self.write(drained, maintainer, on: connection)
                }
            }
            while await maintainer.hasPending {
                let drained = try await maintainer.drain(limit: 100, on: connection)
                recomputed += drained.listCount
                try await Self.write(drained, maintainer, on: connection)
            }
            // No full re-match happened on the way: every list above was maintained incrementally.
            #expect(try await connection.query("select count(*) from match_runs")[0].decode(Int.self, at: 0) == runs)
            let incremental = try await Self.stored(on: connection)
            let full = try await Self.full(on: connection, length: 10)
            #expect(batches.keys.contains(1) && batches.keys.contains { $0 > 1 })
            print("incremental vs full after \(steps) changes \(counts), updates by size \(batches): \(recomputed) lists recomputed; \(full.needLists.count) need and \(full.seedLists.count) seed lists compared")
            #expect(full.needLists.count > 100 && full.seedLists.count > 100)
            var differing: [String] = []
            for id in Set(full.needLists.keys).union(incremental.needLists.keys).sorted() where full.needLists[id] != incremental.needLists[id] {
                differing.append("need \(id)")
            }
            for id in Set(full.seedLists.keys).union(incremental.seedLists.keys).sorted() where full.seedLists[id] != incremental.seedLists[id] {
                differing.append("seed \(id)")
            }
            #expect(differing.isEmpty, "\(differing.count) lists differ: \(differing.prefix(20))")
        }
    }
}
