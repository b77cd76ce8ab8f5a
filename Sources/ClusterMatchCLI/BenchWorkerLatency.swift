import ArgumentParser
import ClusterMatch
import Foundation
import Postgres
import SampleData

/// The "post a need → its matches visible" part of `clustermatch bench worker`: generated seeds and needs imported
/// into the scratch database, one real `clustermatch-worker` keeping the match lists, and needs posted one at a time
/// (idle) and then at a steady rate (under load), each timed from its commit until its list can be read.
struct PostLatencyBench {
    /// What a post is.
    enum Posts: String, ExpressibleByArgument, CaseIterable {
        /// A need imported as a draft (its text indexed by the worker's full re-match) is published.
        case drafts
        /// A published need is inserted whose text the worker has never seen (copied from a table of its own).
        case new
    }

    var seeds: Int
    var needs: Int
    var posts: Posts
    var idlePosts: Int
    var rate: Double
    var loadSeconds: Double
    /// Most seconds to wait for the lists the posts reached to be current.
    var drainLimit: Double
    var seed: UInt64
    var binary: String
    var progress: (String) -> Void

    struct Figures {
        var posts = Posts.drafts
        var seeds = 0
        var needs = 0
        /// Seconds from the worker's start until its first full re-match was written.
        var fullRematch = 0.0
        var idle: [Double] = []
        var loaded: [Double] = []
        /// Posts made under load.
        var loadPosts = 0
        /// Seconds after the last post under load until no list was pending; nil when that took longer than the
        /// limit.
        var drain: Double?
        /// The seconds of posting under load asked for.
        var loadSeconds = 0.0

        var json: JSONValue {
            func ms(_ values: [Double], _ p: Double) -> JSONValue { .number(String(format: "%.1f", percentile(values, p) * 1000)) }
            return .object([
                "posts": .string(posts.rawValue), "seeds": .integer(seeds), "needs": .integer(needs), "full_rematch_seconds": .number(String(format: "%.1f", fullRematch)),
                "idle": .object(["posts": .integer(idle.count), "p50_ms": ms(idle, 0.5), "p99_ms": ms(idle, 0.99)]),
                "under_load": .object([
                    "posts": .integer(loaded.count), "posts_per_second": .number(String(format: "%.1f", Double(loadPosts) / max(loadSeconds, 1e-9))),
                    "p50_ms": ms(loaded, 0.5), "p99_ms": ms(loaded, 0.99),
                ]),
                "pending_current_after_seconds": drain.map { .number(String(format: "%.1f", $0)) } ?? .null,
            ])
        }

        /// The limit on the wait for `drain`.
        var drainLimit = 0.0

        var drainText: String {
            if let drain { return String(format: "every list those posts reached current %.1f s after the last post's list appeared", drain) }
            return String(format: "lists those posts reached still pending %.0f s after the last post's list appeared (--drain-seconds)", drainLimit)
        }

        var text: String {
            func ms(_ values: [Double], _ p: Double) -> String { String(format: "%.1f", percentile(values, p) * 1000) }
            return """
                post a need (\(posts == .drafts ? "a draft published" : "a new need inserted")) → its matches visible, \(seeds) seeds and \(needs) needs (full re-match by the worker: \(String(format: "%.1f", fullRematch)) s):
                  idle: \(idle.count) posts, p50 \(ms(idle, 0.5)) ms, p99 \(ms(idle, 0.99)) ms
                  under load, \(String(format: "%.0f", Double(loadPosts) / max(loadSeconds, 1e-9))) posts/s: \(loaded.count) posts, p50 \(ms(loaded, 0.5)) ms, p99 \(ms(loaded, 0.99)) ms
                  \(drainText)
                """
        }
    }

    func measure(on target: ConnectionString, connection: Connection) async throws -> Figures {
        var figures = Figures()
        let postCount = idlePosts + Int((rate * loadSeconds).rounded(.up))
        let drafts = try await importData(count: postCount, on: connection)
        figures.posts = posts
        figures.seeds = seeds
        figures.needs = needs
        figures.loadSeconds = loadSeconds

        let worker = try BenchCommand.WorkerProcess(
            binary: binary, database: target, index: 99, environment: [
                "CLUSTERMATCH_WORKER_QUEUES": "match=1", "CLUSTERMATCH_WORKER_ID": "bench-matcher",
                "CLUSTERMATCH_WORKER_POLL": "200ms",
            ])
        defer { worker.stop() }
        let started = ContinuousClock.now
        try await JobQueue.enqueue(
            NewJob(kind: StandardJobs.matchAllKind, queue: StandardJobs.matchQueue, uniqueKey: StandardJobs.matchAllKind), on: connection)
        while try await connection.query("select writer from match_state")[0].decode(String?.self, at: 0) != "bench-matcher" {
            guard worker.isRunning else { throw CLIError("the worker exited; see \(worker.logPath)") }
            guard ContinuousClock.now - started < .seconds(1800) else { throw CLIError("no full re-match within 30 minutes; see \(worker.logPath)") }
            try await Task.sleep(for: .milliseconds(500))
        }
        figures.fullRematch = (ContinuousClock.now - started).inSeconds
        // The lists are written; the job still has to finish (it frees the full re-match's lists, several GB at
        // 100k seeds, which takes seconds) before the worker is idle and the first post is not queued behind it.
        while try await Self.matchJobsOutstanding(on: connection) {
            guard worker.isRunning else { throw CLIError("the worker exited; see \(worker.logPath)") }
            try await Task.sleep(for: .milliseconds(200))
        }
        progress(String(format: "full re-match of %d seeds and %d needs by the worker: %.1f s", seeds, needs, figures.fullRematch))

        let posterConnection = try await Connection.connect(to: target.with("application_name", "clustermatch-bench-post"))
        let poster = Poster(connection: posterConnection, posts: posts)
        defer { Task { await posterConnection.close() } }
        // Idle: one post at a time, the next a moment after the previous one's list appeared.
        for id in drafts.prefix(idlePosts) {
            try await poster.post(id)
            try await watch(poster, until: { $0 == 1 }, worker: worker, on: connection, into: &figures.idle)
            try await Task.sleep(for: .milliseconds(100))
        }
        progress(String(format: "idle: %d posts, p50 %.1f ms, p99 %.1f ms", figures.idle.count, percentile(figures.idle, 0.5) * 1000, percentile(figures.idle, 0.99) * 1000))

        // Under load: posts at a steady rate from their own connection while this one watches.
        let loadIDs = Array(drafts.dropFirst(idlePosts))
        let interval = Duration.seconds(1 / rate)
        let posting = Task {
            let begin = ContinuousClock.now
            for (i, id) in loadIDs.enumerated() {
                try await Task.sleep(until: begin + interval * i, clock: .continuous)
                try await poster.post(id)
            }
        }
        try await watch(poster, until: { $0 == loadIDs.count }, worker: worker, on: connection, into: &figures.loaded)
        try await posting.value
        figures.loadPosts = loadIDs.count
        let lastPost = ContinuousClock.now
        progress(String(format: "under load: %d posts, p50 %.1f ms, p99 %.1f ms", figures.loaded.count, percentile(figures.loaded, 0.5) * 1000, percentile(figures.loaded, 0.99) * 1000))
        var drained = true
        while try await Self.matchJobsOutstanding(on: connection) {
            guard worker.isRunning else { throw CLIError("the worker exited; see \(worker.logPath)") }
            guard (ContinuousClock.now - lastPost).inSeconds < drainLimit else {
                drained = false
                break
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        figures.drain = drained ? (ContinuousClock.now - lastPost).inSeconds : nil
        figures.drainLimit = drainLimit
        progress(figures.drainText)
        worker.terminate()
        worker.waitUntilExit(timeout: 30)
        return figures
    }

    /// Whether a job of the matcher's queue is pending or running.
    static func matchJobsOutstanding(on connection: Connection) async throws -> Bool {
        try await connection.query(
            "select exists (select 1 from jobs where queue = $1 and state in ('pending', 'running'))", [StandardJobs.matchQueue]
        )[0].decode(Bool.self, at: 0)
    }

    /// Imports the generated data: `seeds` published seeds, `needs` published needs, and `posts` more needs kept
    /// as drafts to post one by one later (`Posts.new`: kept in the table `bench_posts` instead); returns the
    /// drafts' ids in posting order.
    func importData(count posts: Int, on connection: Connection) async throws -> [Int64] {
        let folder = FileManager.default.temporaryDirectory.appending(path: "cm-bench-latency-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let generator = Generator(seed: seed)
        try generator.writeJSONL(to: folder, seeds: seeds, needs: 0)
        let needWriter = try JSONLFileWriter(url: folder.appending(path: "needs.jsonl"))
        var index = 0
        try generator.forEachNeed(count: needs + posts) { record in
            var record = record
            record.status = index < needs ? "published" : "draft"
            try needWriter.write(record)
            index += 1
        }
        try needWriter.close()
        for kind in [ImportKind.clusters, .organisations, .seeds, .needs] {
            _ = try await Importer().importFile(kind, path: folder.appending(path: "\(kind.rawValue).jsonl").path, into: connection)
        }
        try await connection.execute("update seeds set status = 'published', published_at = now(), expires_at = now() + interval '1 year'")
        let drafts = try await connection.query("select id from needs where status = 'draft' order by id").map { try $0.decode(Int64.self, at: 0) }
        guard drafts.count == posts else { throw CLIError("imported \(drafts.count) draft needs, expected \(posts)") }
        if self.posts == .new {
            try await connection.execute("create table bench_posts as select * from needs where status = 'draft'")
            try await connection.execute("delete from needs where status = 'draft'")
        }
        // The imports enqueued a re-match per posting; the worker's full re-match covers them all.
        try await connection.execute("delete from jobs where kind = $1", [StandardJobs.matchItemKind])
        progress("imported \(seeds) seeds and \(needs + posts) needs (\(posts) drafts to post)")
        return drafts
    }

    /// Reads, every 5 ms, which posted needs have a stored list, appending each one's latency, until `done` holds
    /// for the number of posts seen and every one of them has its list.
    func watch(
        _ poster: Poster, until done: (Int) -> Bool, worker: BenchCommand.WorkerProcess, on connection: Connection,
        into latencies: inout [Double]
    ) async throws {
        var outstanding: [Int64: ContinuousClock.Instant] = [:]
        var total = 0
        let deadline = ContinuousClock.now + .seconds(loadSeconds + 300)
        while true {
            let new = await poster.take()
            total += new.count
            outstanding.merge(new) { a, _ in a }
            if !outstanding.isEmpty {
                let rows = try await connection.query(
                    "select distinct need_id from need_matches where need_id = any($1)", [Array(outstanding.keys)])
                let now = ContinuousClock.now
                for row in rows {
                    if let posted = outstanding.removeValue(forKey: try row.decode(Int64.self, at: 0)) { latencies.append((now - posted).inSeconds) }
                }
            }
            if done(total) && outstanding.isEmpty { return }
            guard worker.isRunning else { throw CLIError("the worker exited; see \(worker.logPath)") }
            guard ContinuousClock.now < deadline else { throw CLIError("\(outstanding.count) posted needs had no list after 5 minutes") }
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    /// Posts needs on its own connection, noting when each commit returned.
    actor Poster {
        let connection: Connection
        let posts: Posts
        private var posted: [Int64: ContinuousClock.Instant] = [:]

        init(connection: Connection, posts: Posts) {
            self.connection = connection
            self.posts = posts
        }

        /// Publishes draft `id`, or inserts a published copy of `bench_posts` row `id` (`Posts.new`).
        func post(_ id: Int64) async throws {
            switch posts {
            case .drafts:
                try await connection.execute(
                    "update needs set status = 'published', published_at = now(), expires_at = now() + interval '1 year' where id = $1", [id])
                posted[id] = ContinuousClock.now
            case .new:
                let columns = """
                    ref, title, summary, description, primary_field, secondary_fields, keywords, trl_min, trl_max, ip_required, \
                    partnerships, scope, target_countries, deadline, visibility, organisation_id, contact_id
                    """
                let row = try await connection.query(
                    """
                    insert into needs (\(columns), status, published_at, expires_at)
                    select \(columns), 'published', now(), now() + interval '1 year' from bench_posts where id = $1 returning id
                    """, [id])
                posted[try row[0].decode(Int64.self, at: 0)] = ContinuousClock.now
            }
        }

        /// The posts since the last call.
        func take() -> [Int64: ContinuousClock.Instant] {
            defer { posted = [:] }
            return posted
        }
    }
}

/// The `p` quantile (nearest rank) of `values`; 0 when empty.
private func percentile(_ values: [Double], _ p: Double) -> Double {
    guard !values.isEmpty else { return 0 }
    let sorted = values.sorted()
    return sorted[min(sorted.count - 1, max(0, Int((Double(sorted.count) * p).rounded(.up)) - 1))]
}
