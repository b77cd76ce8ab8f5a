import ArgumentParser
import ClusterMatch
import Foundation
import Matching
import Postgres
import SampleData

extension BenchCommand {
    /// `clustermatch bench match`: index build time (from JSON Lines and from PostgreSQL), top-20 latency, queries
    /// per second and peak memory on generated seeds, with generated needs as the queries.
    struct MatchBench: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "match",
            abstract: "Time the matcher's index build and top-20 queries on generated seeds.",
            discussion: """
                Generates --seeds seeds (JSON Lines in a temporary folder) and --queries needs, whose whole text \
                (title, summary, description, keywords; field-weighted) is the query, as in `need matches`.

                1. JSON Lines: parse the file with the import parser, analyse, build the seed index.
                2. Queries on that index, one at a time, each timed on the process's CPU clock (on a shared machine \
                the wall clock also counts waiting for a core; the process clock also counts the reverse expansions \
                `matcher` works out on other cores): `bm25f` (one exact pass over the whole query), \
                `production` (what the matcher ranks: the 32 strongest terms, the cascade's first pass, RM3 \
                feedback re-scoring the best 100, top 20), and `matcher` (the whole need→seeds answer: 100 text \
                candidates, pair policy, reverse scores, explanations). Also how much of the exact first-pass top \
                100 the cascade finds.
                3. PostgreSQL (unless --no-database): a scratch database cm_bench_<random> on the server the \
                database options point to; import the seeds, load once (analyses made and stored), then time the \
                load that reuses the stored analyses. The scratch database is dropped at the end.
                Peak memory is the process's resident high-water mark, reset before each build; memory freed by an \
                earlier phase may still count, so for the load's own peak use --database-only with --reuse-database.
                """)

        @Option(help: "How many seeds.") var seeds = 100_000
        @Option(help: "How many queries (generated needs).") var queries = 1_000
        @Option(help: "The generator's random seed.") var seed: UInt64 = 42
        @Flag(name: .customLong("no-database"), help: "Skip the PostgreSQL part.") var noDatabase = false
        @Flag(name: .customLong("database-only"), help: "Skip the JSON Lines part (a fresh process then measures the load's own peak).")
        var databaseOnly = false
        @Flag(name: .customLong("keep-database"), help: "Keep the scratch database and print its name.") var keepDatabase = false
        @Option(name: .customLong("reuse-database"), help: "Time the load on a database kept by an earlier run (same --seeds).")
        var reuseDatabase: String?
        @Flag(help: "Print one JSON object.") var json = false
        @OptionGroup var database: DatabaseOptions

        static let limit = 20

        func validate() throws {
            guard seeds > 0 else { throw ValidationError("--seeds must be at least 1") }
            guard queries > 0 else { throw ValidationError("--queries must be at least 1") }
            guard !(databaseOnly && noDatabase) else { throw ValidationError("--database-only and --no-database exclude each other") }
        }

        func run() async throws {
            try await reportingFailures {
                let folder = FileManager.default.temporaryDirectory.appending(path: "cm-bench-\(UUID().uuidString)")
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                defer { try? FileManager.default.removeItem(at: folder) }
                let generator = Generator(seed: seed)
                let start = ContinuousClock.now
                try generator.writeJSONL(to: folder, seeds: seeds, needs: 0)
                progress("generated \(seeds) seeds in \(format(ContinuousClock.now - start)) s")
                var report = BenchReport(seeds: seeds, queries: queries)
                let asks = askingNeeds(generator)

                // The JSON Lines index lives only inside this call, so the PostgreSQL peak below is its own.
                if !databaseOnly { try measureJSONL(folder.appending(path: "seeds.jsonl").path, asks: asks, into: &report) }
                if !noDatabase {
                    try await withScratchDatabase { connection in
                        if reuseDatabase == nil {
                            for kind in [ImportKind.clusters, .organisations, .seeds] {
                                _ = try await Importer().importFile(kind, path: folder.appending(path: "\(kind.rawValue).jsonl").path, into: connection)
                            }
                            try await connection.execute("update seeds set status = 'published', published_at = now(), expires_at = now() + interval '1 year'")
                            progress("imported \(seeds) seeds")
                            let firstStart = ContinuousClock.now
                            _ = try await MatchLoader.load(on: connection)
                            report.firstLoad = seconds(ContinuousClock.now - firstStart)
                            progress("first load (analyses made and stored) in \(format(report.firstLoad!)) s")
                        }
                        MemoryPeak.reset()
                        let loadStart = ContinuousClock.now
                        let loaded = try await MatchLoader.load(on: connection)
                        report.databaseLoad = seconds(ContinuousClock.now - loadStart)
                        report.databasePeakBytes = MemoryPeak.bytes()
                        guard loaded.seeds.count == seeds else {
                            throw CLIError("the database holds \(loaded.seeds.count) seeds, not \(seeds)")
                        }
                        progress("load with stored analyses (\(loaded.analyses.reused) reused, \(loaded.analyses.made) made) in \(format(report.databaseLoad!)) s")
                        let matcher = loaded.matcher
                        report.timings["matcher"] = time(asks) {
                            matcher.seeds(for: $0.profile, document: $0.document, needID: 0, limit: Self.limit)
                        }
                    }
                }
                print(json ? report.json.jsonText : report.text)
            }
        }

        /// Builds the index from JSON Lines and times the queries on it.
        func measureJSONL(_ path: String, asks: [Ask], into report: inout BenchReport) throws {
            MemoryPeak.reset()
            let buildStart = ContinuousClock.now
            let index = try buildFromJSONL(path)
            report.jsonlBuild = seconds(ContinuousClock.now - buildStart)
            report.jsonlPeakBytes = MemoryPeak.bytes()
            progress("built the index from JSON Lines in \(format(report.jsonlBuild)) s (\(index.count) seeds)")
            report.timings["bm25f"] = time(asks) { index.rank($0.query, limit: Self.limit) }
            report.timings["production"] = time(asks) { index.search($0.query, limit: Self.limit) }
            let sample = asks.prefix(200)
            report.cascadeRecall = sample.reduce(0.0) { $0 + index.firstPassRecall($1.query, limit: 100) } / Double(sample.count)
            progress("timed \(queries) queries:\n" + report.text.split(separator: "\n").filter { $0.contains("p50") }.joined(separator: "\n"))
        }

        /// A generated need as the matcher asks with it.
        struct Ask {
            var profile: NeedProfile
            var document: AnalyzedDocument
            var query: AnalyzedQuery
        }

        func askingNeeds(_ generator: Generator) -> [Ask] {
            let organisations = Dictionary(uniqueKeysWithValues: generator.organisations().map { ($0.slug, $0) })
            let analyzer = Analyzer()
            var asks: [Ask] = []
            generator.forEachNeed(count: queries) { need in
                let organisation = organisations[need.organisation]
                let document = analyzer.analyze(
                    DocumentText(title: need.title, summary: need.summary, description: need.description, keywords: need.keywords))
                let profile = NeedProfile(
                    clusterID: organisation?.cluster ?? "organisation:\(need.organisation)", country: organisation?.country ?? "JP",
                    primaryField: need.primaryField, secondaryFields: Set(need.secondaryFields), trlRange: need.trlMin...need.trlMax,
                    partnerships: Set(need.partnerships), acceptedIP: Set(need.ipRequired),
                    scope: NeedProfile.Scope(rawValue: need.scope) ?? .internationalWelcome, targetCountries: Set(need.targetCountries),
                    isConfidential: false, isOpen: true)
                asks.append(Ask(profile: profile, document: document, query: AnalyzedQuery(document: document, fieldWeights: RelevanceConfiguration.production.fieldWeights)))
            }
            return asks
        }

        /// Parses the seeds file in chunks of lines with the import parser, analyses and indexes them.
        func buildFromJSONL(_ path: String) throws -> SearchIndex {
            guard let handle = FileHandle(forReadingAtPath: path) else { throw CLIError("cannot read \(path)") }
            defer { try? handle.close() }
            let analyzer = Analyzer()
            var builder = SearchIndex.Builder()
            var count: Int64 = 0
            var termTotal = 0
            var pending: [UInt8] = []
            var parseTime = Duration.zero, analyseTime = Duration.zero
            func parse(_ bytes: [UInt8]) throws {
                let t0 = ContinuousClock.now
                let parsed = try RecordReader.read(SeedRecord.self, bytes: bytes, format: .jsonLines, file: path)
                if let problem = parsed.problems.first { throw CLIError("\(path): \(problem)") }
                let t1 = ContinuousClock.now
                for record in parsed.records {
                    let text = DocumentText(
                        title: record.record.title, summary: record.record.summary, description: record.record.description,
                        keywords: record.record.keywords)
                    let document = analyzer.analyze(text)
                    count += 1
                    termTotal += document.terms.count
                    builder.add(count, document)
                }
                parseTime += t1 - t0
                analyseTime += ContinuousClock.now - t1
            }
            while let chunk = try handle.read(upToCount: 16 << 20), !chunk.isEmpty {
                pending.append(contentsOf: chunk)
                guard let lastNewline = pending.lastIndex(of: 0x0A) else { continue }
                try parse(Array(pending[...lastNewline]))
                pending.removeSubrange(...lastNewline)
            }
            if !pending.isEmpty { try parse(pending) }
            let t2 = ContinuousClock.now
            let index = builder.build()
            progress("  parse \(format(parseTime)) s, analyse and add \(format(analyseTime)) s, finish \(format(ContinuousClock.now - t2)) s; \(termTotal / max(1, Int(count))) distinct terms per seed, \(index.termCount) terms")
            return index
        }

        func time<R>(_ asks: [Ask], _ body: (Ask) -> [R]) -> BenchReport.Timing {
            var durations: [Duration] = []
            durations.reserveCapacity(asks.count)
            var results = 0
            let wallStart = ContinuousClock.now
            for ask in asks {
                let cpuStart = SearchBenchmark.processCPUTime()
                results += body(ask).count
                durations.append(SearchBenchmark.processCPUTime() - cpuStart)
            }
            let wall = seconds(ContinuousClock.now - wallStart)
            durations.sort()
            func percentile(_ p: Double) -> Double { seconds(durations[min(durations.count - 1, Int(Double(durations.count) * p))]) * 1000 }
            let cpuTotal = durations.reduce(Duration.zero, +)
            return BenchReport.Timing(
                p50: percentile(0.5), p99: percentile(0.99), maximum: seconds(durations.last!) * 1000,
                queriesPerSecond: Double(asks.count) / seconds(cpuTotal), wallQueriesPerSecond: Double(asks.count) / wall,
                meanResults: Double(results) / Double(asks.count))
        }

        /// Runs `body` on a migrated scratch database (or the reused one).
        func withScratchDatabase(_ body: (Connection) async throws -> Void) async throws {
            try await database.withScratchDatabase(reuse: reuseDatabase, keep: keepDatabase) { target in
                let connection = try await Connection.connect(to: target.with("application_name", "clustermatch-bench"))
                do {
                    try await Migrator().migrate(on: connection)
                    try await body(connection)
                    await connection.close()
                } catch {
                    await connection.close()
                    throw error
                }
            }
        }

        func progress(_ message: String) { if !json { printError(message) } }
    }
}

/// The figures of one `bench match` run.
struct BenchReport {
    struct Timing {
        var p50, p99, maximum: Double  // milliseconds of process CPU time
        var queriesPerSecond: Double  // one at a time, by CPU time
        var wallQueriesPerSecond: Double
        var meanResults: Double
    }

    var seeds: Int
    var queries: Int
    var jsonlBuild = 0.0
    var jsonlPeakBytes: Int?
    var firstLoad: Double?
    var databaseLoad: Double?
    var databasePeakBytes: Int?
    var timings: [String: Timing] = [:]
    /// The mean share of the exact first-pass top 100 that the production cascade finds (first 200 queries).
    var cascadeRecall: Double?

    var json: JSONValue {
        func number(_ value: Double) -> JSONValue { .number(String(format: "%.3f", value)) }
        func bytes(_ value: Int?) -> JSONValue { value.map { .integer($0) } ?? .null }
        var object: [String: JSONValue] = [
            "seeds": .integer(seeds), "queries": .integer(queries), "limit": .integer(BenchCommand.MatchBench.limit),
            "build_from_jsonl_seconds": number(jsonlBuild), "build_from_jsonl_peak_bytes": bytes(jsonlPeakBytes),
            "first_load_from_postgres_seconds": firstLoad.map(number) ?? .null,
            "load_from_postgres_seconds": databaseLoad.map(number) ?? .null,
            "load_from_postgres_peak_bytes": bytes(databasePeakBytes),
            "cascade_first_pass_recall_at_100": cascadeRecall.map(number) ?? .null,
        ]
        for (name, timing) in timings {
            object[name] = .object([
                "p50_ms": number(timing.p50), "p99_ms": number(timing.p99), "max_ms": number(timing.maximum),
                "queries_per_second": number(timing.queriesPerSecond), "wall_queries_per_second": number(timing.wallQueriesPerSecond),
                "mean_results": number(timing.meanResults),
            ])
        }
        return .object(object)
    }

    var text: String {
        func gb(_ value: Int?) -> String { value.map { String(format: "%.2f GB", Double($0) / 1e9) } ?? "n/a" }
        var lines = ["bench match: \(seeds) seeds, \(queries) queries, top \(BenchCommand.MatchBench.limit)"]
        lines.append(String(format: "  build from JSON Lines: %.1f s, peak %@", jsonlBuild, gb(jsonlPeakBytes)))
        if let firstLoad { lines.append(String(format: "  first load from PostgreSQL (analyses made and stored): %.1f s", firstLoad)) }
        if let databaseLoad {
            lines.append(String(format: "  load from PostgreSQL (stored analyses): %.1f s, peak %@", databaseLoad, gb(databasePeakBytes)))
        }
        if let cascadeRecall {
            lines.append(String(format: "  cascade: finds %.1f%% of the exact first-pass top 100 (mean of 200 queries)", cascadeRecall * 100))
        }
        for name in ["bm25f", "production", "matcher"] {
            guard let t = timings[name] else { continue }
            lines.append(
                String(format: "  %@: p50 %.2f ms, p99 %.2f ms, max %.2f ms, %.0f queries/s (CPU time), %.1f results",
                    name.padding(toLength: 10, withPad: " ", startingAt: 0), t.p50, t.p99, t.maximum, t.queriesPerSecond, t.meanResults))
        }
        return lines.joined(separator: "\n")
    }
}

/// The process's resident-memory high-water mark (Linux), resettable between phases.
enum MemoryPeak {
    /// Resets the high-water mark to the current resident size (`/proc/self/clear_refs`, value 5).
    static func reset() { try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8) }
    /// The high-water mark in bytes, or nil where unavailable.
    static func bytes() -> Int? { SearchBenchmark.peakResidentBytes() }
}

private func seconds(_ duration: Duration) -> Double { duration.inSeconds }

private func format(_ duration: Duration) -> String { String(format: "%.1f", seconds(duration)) }
private func format(_ value: Double) -> String { String(format: "%.1f", value) }
