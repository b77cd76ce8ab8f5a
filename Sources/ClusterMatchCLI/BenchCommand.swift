import ArgumentParser
import ClusterMatch
import Foundation
import Postgres
import SampleData
import Shortlists

/// `clustermatch bench import`: measures bulk import on a scratch database.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Measure performance on a scratch database.",
        subcommands: [Import.self, MatchBench.self, Worker.self, ForumBench.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Time `import seeds` of generated seeds (parse, validate, COPY, insert; end to end).",
            discussion: """
                Generates the seeds into a temporary JSON Lines file, creates a scratch database cm_bench_<random> on \
                the server the database options point to, migrates it and imports the generated clusters and \
                organisations, then imports the seeds --runs times (emptying the seeds table between runs) and \
                prints each run and the median. Then checks that the same file with one bad line in the middle is \
                rejected, naming that line, with zero rows written. The scratch database is dropped at the end.
                """)

        @Option(help: "How many seeds.") var seeds = 100_000
        @Option(help: "The generator's random seed.") var seed: UInt64 = 42
        @Option(help: "How many timed runs.") var runs = 3
        @Flag(help: "Print one JSON object.") var json = false
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            guard seeds > 0 else { throw ValidationError("--seeds must be at least 1") }
            guard runs > 0 else { throw ValidationError("--runs must be at least 1") }
        }

        func run() async throws {
            try await reportingFailures {
                let folder = FileManager.default.temporaryDirectory.appending(path: "cm-bench-\(UUID().uuidString)")
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                defer { try? FileManager.default.removeItem(at: folder) }
                let generateStart = ContinuousClock.now
                let files = try generate(into: folder)
                let generateSeconds = seconds(ContinuousClock.now - generateStart)
                if !json { printError("generated \(seeds) seeds (\(files.bytes / 1_000_000) MB) in \(format(generateSeconds)) s") }

                let result = try await database.withScratchDatabase { target in try await measure(on: target, files: files) }
                report(result, generateSeconds: generateSeconds, bytes: files.bytes)
            }
        }

        struct Files {
            var clusters, organisations, seeds, badSeeds: String
            var badLine: Int
            var bytes: Int
        }

        struct Result {
            var runs: [Double]
            var rejectSeconds: Double
            var rejectMessage: String
            var rowsAfterReject: Int
        }

        /// Writes clusters, organisations, the seeds, and the seeds with the middle line broken (TRL 12).
        func generate(into folder: URL) throws -> Files {
            let generator = Generator(seed: seed)
            try generator.writeJSONL(to: folder, seeds: 0, needs: 0)
            let seedsURL = folder.appending(path: "seeds.jsonl")
            let badURL = folder.appending(path: "seeds-bad.jsonl")
            let good = try JSONLFileWriter(url: seedsURL)
            let bad = try JSONLFileWriter(url: badURL)
            let badIndex = seeds / 2
            var index = 0
            try generator.forEachSeed(count: seeds) { record in
                try good.write(record)
                if index == badIndex {
                    var broken = record
                    broken.trl = 12
                    try bad.write(broken)
                } else {
                    try bad.write(record)
                }
                index += 1
            }
            try good.close()
            try bad.close()
            let bytes = (try? FileManager.default.attributesOfItem(atPath: seedsURL.path)[.size] as? Int) ?? 0
            return Files(
                clusters: folder.appending(path: "clusters.jsonl").path,
                organisations: folder.appending(path: "organisations.jsonl").path, seeds: seedsURL.path,
                badSeeds: badURL.path, badLine: badIndex + 1, bytes: bytes)
        }

        func measure(on target: ConnectionString, files: Files) async throws -> Result {
            let connection = try await Connection.connect(to: target.with("application_name", "clustermatch-bench"))
            do {
                try await Migrator().migrate(on: connection)
                _ = try await Importer().importFile(.clusters, path: files.clusters, into: connection)
                _ = try await Importer().importFile(.organisations, path: files.organisations, into: connection)
                var runs: [Double] = []
                for run in 1...self.runs {
                    if run > 1 { try await connection.execute("truncate seeds cascade") }
                    let start = ContinuousClock.now
                    let summary = try await Importer().importFile(.seeds, path: files.seeds, into: connection)
                    let elapsed = seconds(ContinuousClock.now - start)
                    guard summary.inserted == seeds else {
                        throw CLIError("run \(run) wrote \(summary.inserted) seeds, expected \(seeds)")
                    }
                    runs.append(elapsed)
                    if !json { printError("run \(run): \(format(elapsed)) s") }
                }
                try await connection.execute("truncate seeds cascade")
                let start = ContinuousClock.now
                var message = "accepted (expected a rejection)"
                do {
                    _ = try await Importer().importFile(.seeds, path: files.badSeeds, into: connection)
                } catch let failure as ValidationFailure {
                    message = failure.description
                }
                let rejectSeconds = seconds(ContinuousClock.now - start)
                let rows = try await connection.query("select count(*) from seeds").first?.decode(Int.self, at: 0) ?? -1
                await connection.close()
                return Result(runs: runs, rejectSeconds: rejectSeconds, rejectMessage: message, rowsAfterReject: rows)
            } catch {
                await connection.close()
                throw error
            }
        }

        func report(_ result: Result, generateSeconds: Double, bytes: Int) {
            let sorted = result.runs.sorted()
            let median =
                sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
            let rate = Double(seeds) / median
            if json {
                let object: JSONValue = .object([
                    "seeds": .integer(seeds), "seed": .number(String(seed)), "file_bytes": .integer(bytes),
                    "generate_seconds": .number(format(generateSeconds)),
                    "runs_seconds": .array(result.runs.map { .number(format($0)) }),
                    "median_seconds": .number(format(median)), "rows_per_second": .integer(Int(rate.rounded())),
                    "bad_line_rejected_seconds": .number(format(result.rejectSeconds)),
                    "bad_line_message": .string(result.rejectMessage),
                    "rows_after_rejection": .integer(result.rowsAfterReject),
                ])
                print(object.jsonText)
                return
            }
            print("import seeds: \(seeds) seeds, \(bytes / 1_000_000) MB of JSON Lines")
            for (index, run) in result.runs.enumerated() {
                print("  run \(index + 1): \(format(run)) s (\(Int((Double(seeds) / run).rounded())) rows/s)")
            }
            print("  median: \(format(median)) s (\(Int(rate.rounded())) rows/s)")
            print("one bad line: rejected in \(format(result.rejectSeconds)) s, \(result.rowsAfterReject) rows written")
            print("  " + result.rejectMessage.replacingOccurrences(of: "\n", with: "\n  "))
        }

        private func seconds(_ duration: Duration) -> Double {
            duration.inSeconds
        }

        private func format(_ value: Double) -> String { String(format: "%.3f", value) }
    }
}

/// `clustermatch bench forum`: shortlist plus schedule on a generated forum, in memory, on one thread.
struct ForumBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forum",
        abstract: "Time shortlist + schedule on a generated forum (no database; one thread; medians).",
        discussion: """
            Generates participants in 3 countries and 12 clusters (two per organisation; caps of 4 per cluster and 8 per \
            country; every fifth needs 2 international partners), each with about --candidates scored candidates, then \
            solves the shortlist (min-cost flow; anyone meets anyone unless --bipartite) and schedules it into \
            --meetings + 2 slots, --runs times. Build with -c release for meaningful numbers.
            """)
    @Option(help: "How many participants.") var participants = 2000
    @Option(help: "Meetings per participant (k).") var meetings = 10
    @Option(help: "Candidates per participant (L).") var candidates = 50
    @Option(help: "How many timed runs.") var runs = 3
    @Option(help: "The generator's random seed.") var seed: UInt64 = 42
    @Flag(help: "Seed holders meet need holders only (the exact bipartite case).") var bipartite = false
    @Flag(help: "Print one JSON object.") var json = false

    func validate() throws {
        guard participants >= 2 else { throw ValidationError("--participants must be at least 2") }
        guard meetings >= 1 else { throw ValidationError("--meetings must be at least 1") }
        guard candidates >= 1 else { throw ValidationError("--candidates must be at least 1") }
        guard runs >= 1 else { throw ValidationError("--runs must be at least 1") }
    }

    func run() throws {
        let benchmark = Shortlists.ForumBenchmark(
            participants: participants, meetings: meetings, candidates: candidates, runs: runs, seed: seed, isBipartite: bipartite)
        let result: Shortlists.ForumBenchmark.Result
        do { result = try benchmark.run() } catch {
            printError("error: \(error)")
            throw ExitCode.failure
        }
        if json {
            let encoder = JSONEncoder()
            encoder.keyEncodingStrategy = .convertToSnakeCase
            encoder.outputFormatting = [.sortedKeys]
            print(String(decoding: try encoder.encode(result), as: UTF8.self))
            return
        }
        print("bench forum: \(result.participants) participants, k = \(result.meetings), L = \(result.candidates), \(result.isBipartite ? "bipartite" : "anyone meets anyone")")
        print("  candidates: \(result.candidatePairs) pairs, \(result.pruned) pruned; network \(result.nodes) nodes, \(result.arcs) arcs")
        print("  shortlist: \(result.acceptedPairs) pairs, \(result.participantsBelowCap) participants below k, certified: \(result.isCertified), gap \(result.optimalityGap)")
        print("  schedule: \(result.slotsUsed) slots (Δ = \(result.maxDegree)), \(result.unplaced) unplaced")
        print("  median of \(result.runs): shortlist \(format(result.shortlistSeconds)) s + schedule \(format(result.scheduleSeconds)) s = \(format(result.totalSeconds)) s")
    }

    private func format(_ value: Double) -> String { String(format: "%.3f", value) }
}
