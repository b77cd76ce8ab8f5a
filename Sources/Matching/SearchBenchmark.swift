import Foundation

/// A small benchmark kit: a synthetic corpus generator, query timing with percentiles, and peak memory.
///
/// The synthetic corpus is a stand-in for analysed text (a Zipf–Mandelbrot vocabulary, four fields, about 110–210
/// tokens per document); it is for speed and memory measurements, not for relevance.
public enum SearchBenchmark {
    /// Latency percentiles of one timed query set.
    public struct Timing: Sendable, CustomStringConvertible {
        /// The number of queries timed.
        public var queries: Int
        /// Median latency.
        public var p50: Duration
        /// 90th percentile latency.
        public var p90: Duration
        /// 99th percentile latency.
        public var p99: Duration
        /// The slowest query.
        public var maximum: Duration

        /// One line: "n queries: p50 … p90 … p99 … max …" in milliseconds.
        public var description: String {
            func ms(_ d: Duration) -> String { String(format: "%.3f ms", Double(d.components.attoseconds) / 1e15 + Double(d.components.seconds) * 1e3) }
            return "\(queries) queries: p50 \(ms(p50)), p90 \(ms(p90)), p99 \(ms(p99)), max \(ms(maximum))"
        }
    }

    /// Times `search` (with feedback when `expanding`, else one BM25F pass) for each query on one thread.
    ///
    /// With `rerankingDepth`, `search` uses the re-ranking feedback policy (`search(_:limit:filter:rerankingDepth:)`).
    /// With `cpuTime`, each query is timed by the thread's CPU clock rather than the wall clock: on a shared,
    /// oversubscribed machine that leaves out the time the thread waited for a core.
    public static func time(
        _ index: SearchIndex, queries: [AnalyzedQuery], limit: Int = 20, expanding: Bool = true, rerankingDepth: Int? = nil,
        cpuTime: Bool = false
    ) -> Timing {
        let clock = ContinuousClock()
        var durations: [Duration] = []
        durations.reserveCapacity(queries.count)
        var checksum = 0
        for query in queries {
            let start = clock.now
            let cpuStart = cpuTime ? threadCPUTime() : .zero
            let hits =
                !expanding
                ? index.rank(query, limit: limit)
                : rerankingDepth.map { index.search(query, limit: limit, rerankingDepth: $0) }
                    ?? index.search(query, limit: limit)
            durations.append(cpuTime ? threadCPUTime() - cpuStart : clock.now - start)
            checksum &+= hits.count
        }
        precondition(checksum >= 0)
        durations.sort()
        func percentile(_ p: Double) -> Duration {
            durations.isEmpty ? .zero : durations[min(durations.count - 1, Int(Double(durations.count) * p))]
        }
        return Timing(
            queries: durations.count, p50: percentile(0.5), p90: percentile(0.9), p99: percentile(0.99),
            maximum: durations.last ?? .zero)
    }

    /// The CPU time this thread has used so far (zero where unavailable).
    public static func threadCPUTime() -> Duration {
        var spec = timespec()
        guard clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec) == 0 else { return .zero }
        return .seconds(spec.tv_sec) + .nanoseconds(spec.tv_nsec)
    }

    /// The CPU time the process has used so far, user and system (zero where unavailable).
    public static func processCPUTime() -> Duration {
        var spec = timespec()
        guard clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec) == 0 else { return .zero }
        return .seconds(spec.tv_sec) + .nanoseconds(spec.tv_nsec)
    }

    /// The process's peak resident memory in bytes (Linux `VmHWM`), or nil where unavailable.
    public static func peakResidentBytes() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let kilobytes = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first.flatMap { Int($0) }
            return kilobytes.map { $0 * 1024 }
        }
        return nil
    }

    /// A lazily generated synthetic corpus of `count` analysed documents with ids 1...count.
    public static func syntheticDocuments(count: Int, vocabulary: Int = 50_000, seed: UInt64 = 1)
        -> some Sequence<(id: Int64, document: AnalyzedDocument)>
    {
        let sampler = ZipfSampler(vocabulary: vocabulary)
        return sequence(state: (rng: SplitMix64(state: seed), next: 1)) { state -> (id: Int64, document: AnalyzedDocument)? in
            guard state.next <= count else { return nil }
            defer { state.next += 1 }
            return (Int64(state.next), sampler.document(&state.rng))
        }
    }

    /// Synthetic queries of 10–30 terms drawn from the same vocabulary as `syntheticDocuments`.
    public static func syntheticQueries(count: Int, vocabulary: Int = 50_000, seed: UInt64 = 2) -> [AnalyzedQuery] {
        let sampler = ZipfSampler(vocabulary: vocabulary)
        var rng = SplitMix64(state: seed)
        return (0..<count).map { _ in
            let n = Int(rng.next() % 21) + 10
            return AnalyzedQuery(
                terms: (0..<n).map { _ in
                    let t = sampler.sample(&rng)
                    return AnalyzedQuery.Term(term: sampler.names[t], surface: sampler.names[t], weight: 1)
                })
        }
    }
}

/// SplitMix64: a tiny, seedable generator for reproducible synthetic data and seeded tests.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    /// The generator's state.
    public var state: UInt64

    /// A generator starting from `state`.
    public init(state: UInt64) { self.state = state }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Samples term ranks with probability ∝ 1 / (rank + 10) (Zipf–Mandelbrot; the offset stands for removed stopwords).
struct ZipfSampler: Sendable {
    let cumulative: [Double]
    let names: [String]

    init(vocabulary: Int) {
        var c: [Double] = []
        c.reserveCapacity(vocabulary)
        var total = 0.0
        for r in 0..<vocabulary {
            total += 1 / Double(r + 10)
            c.append(total)
        }
        cumulative = c.map { $0 / total }
        names = (0..<vocabulary).map { "t\($0)" }
    }

    func sample(_ rng: inout SplitMix64) -> Int {
        let u = Double(rng.next() >> 11) / Double(1 << 53)
        var lo = 0
        var hi = cumulative.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if cumulative[mid] < u { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    func document(_ rng: inout SplitMix64) -> AnalyzedDocument {
        var index: [Int: Int] = [:]
        var terms: [AnalyzedDocument.Term] = []
        var lengths = PerField(repeating: 0)
        let ranges: [(Field, ClosedRange<Int>)] = [(.title, 6...12), (.summary, 20...40), (.description, 80...150), (.keywords, 3...6)]
        for (field, range) in ranges {
            let length = range.lowerBound + Int(rng.next() % UInt64(range.count))
            lengths[field] = length
            for _ in 0..<length {
                let t = sample(&rng)
                if let i = index[t] {
                    terms[i].frequencies[field] += 1
                } else {
                    index[t] = terms.count
                    var f = PerField(repeating: 0)
                    f[field] = 1
                    terms.append(AnalyzedDocument.Term(term: names[t], surface: names[t], frequencies: f))
                }
            }
        }
        return AnalyzedDocument(terms: terms, fieldLengths: lengths)
    }
}
