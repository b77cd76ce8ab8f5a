import ClusterMatch
import Foundation
import Testing

/// Speed of reading, validating and writing 100,000 seeds. Opt-in (timings mean little in debug builds or on a
/// busy machine): `CLUSTERMATCH_PERF=1 swift test -c release --filter RecordsPerformance`.
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["CLUSTERMATCH_PERF"] != nil))
struct RecordsPerformanceTests {
    static let count = 100_000

    static func seeds() -> [SeedRecord] {
        let words = ["sensor", "fusion", "edge", "graphene", "catalyst", "雪道", "protein", "avionics", "thin-film", "robot"]
        return (0..<count).map { index in
            let text = (0..<40).map { words[($0 * 7 + index) % words.count] }.joined(separator: " ")
            return Sample.seed {
                $0.ref = "S-PERF-\(index)"
                $0.title = "Seed \(index): " + String(text.prefix(60))
                $0.summary = String(text.prefix(150))
                $0.description = text
                $0.keywords = Array(words[(index % 5)..<(index % 5 + 4)])
            }
        }
    }

    func time<T>(_ label: String, bytes: Int = 0, _ body: () throws -> T) rethrows -> T {
        let clock = ContinuousClock()
        var result: T?
        let elapsed = try clock.measure { result = try body() }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let size = bytes > 0 ? String(format: " (%.1f MB, %.0f MB/s)", Double(bytes) / 1e6, Double(bytes) / 1e6 / seconds) : ""
        print("perf: \(label): \(String(format: "%.3f", seconds)) s\(size)")
        return result!
    }

    @Test(arguments: RecordFormat.allCases)
    func hundredThousandSeeds(format: RecordFormat) throws {
        let seeds = Self.seeds()
        let bytes = time("write \(Self.count) seeds as \(format.rawValue)") { RecordWriter.write(seeds, format: format) }
        let parsed = try time("read \(Self.count) seeds from \(format.rawValue)", bytes: bytes.count) {
            try RecordReader.read(SeedRecord.self, bytes: bytes, format: format)
        }
        #expect(parsed.records.count == Self.count)
        let validated = time("validate \(Self.count) seeds (with duplicate-ref check)") { parsed.validated(against: Sample.known) }
        #expect(validated.problems.isEmpty)
        let problems = time("validate(_:known:) \(Self.count) seeds") {
            seeds.reduce(0) { $0 + validate($1, known: Sample.known).count }
        }
        #expect(problems == 0)
    }

    @Test func foundationJSONDecoderForComparison() throws {
        let seeds = Array(Self.seeds().prefix(20_000))
        let lines = RecordWriter.jsonLines(seeds).split(separator: 0x0A).map { Data($0) }
        let decoder = JSONDecoder()
        let decoded = try time("JSONDecoder, 20,000 seed lines (one decode per line)") {
            try lines.map { try decoder.decode(SeedRecord.self, from: $0) }
        }
        #expect(decoded == seeds)
    }
}
