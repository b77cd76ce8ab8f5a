import Foundation
import Testing

@testable import Matching

@Suite struct SearchBenchmarkTests {
    @Test func smallBenchmarkRunsAndPruningMatchesExhaustive() {
        let index = SearchIndex(configuration: .production, documents: SearchBenchmark.syntheticDocuments(count: 2_000))
        #expect(index.count == 2_000)
        let queries = SearchBenchmark.syntheticQueries(count: 20)
        let timing = SearchBenchmark.time(index, queries: queries)
        #expect(timing.queries == 20)
        #expect(SearchBenchmark.time(index, queries: queries, rerankingDepth: 50, cpuTime: true).queries == 20)
        for query in queries {
            let terms = index.resolve(query)
            SearchIndexTests.expectSameRanking(
                index.topOrdinals(terms, limit: 20, filter: nil), index.exhaustiveTopOrdinals(terms, limit: 20, filter: nil),
                documentIDs: { index.documentIDs[Int($0)] })
        }
    }

    /// The speed measurement; run in release with MATCHING_BENCH_DOCS=1000000 (see Matching.docc/Relevance.md).
    @Test(.enabled(if: ProcessInfo.processInfo.environment["MATCHING_BENCH_DOCS"] != nil))
    func largeBenchmark() {
        let count = Int(ProcessInfo.processInfo.environment["MATCHING_BENCH_DOCS"]!)!
        let clock = ContinuousClock()
        let generationStart = clock.now
        var tokens = 0
        for (_, d) in SearchBenchmark.syntheticDocuments(count: min(count, 100_000), seed: 9) { tokens += d.length }
        let generation = (clock.now - generationStart) * (Double(count) / Double(min(count, 100_000)))
        print("generation only (estimated for \(count) docs): \(generation), avg tokens \(tokens / min(count, 100_000))")
        let start = clock.now
        let cpuStart = SearchBenchmark.processCPUTime()
        let index = SearchIndex(configuration: .production, documents: SearchBenchmark.syntheticDocuments(count: count))
        let total = clock.now - start
        print("build incl. generation: \(total); build only ≈ \(total - generation); terms \(index.termCount)")
        print("build incl. generation, process CPU time: \(SearchBenchmark.processCPUTime() - cpuStart)")
        print("peak RSS after build: \(Double(SearchBenchmark.peakResidentBytes() ?? 0) / 1e9) GB")
        let queries = SearchBenchmark.syntheticQueries(count: 1_000)
        print("top-20 BM25F only: \(SearchBenchmark.time(index, queries: queries, expanding: false))")
        print("top-20 with RM3: \(SearchBenchmark.time(index, queries: queries, expanding: true))")
        // Thread CPU time: the shared machine is often oversubscribed, which inflates wall-clock latencies.
        print("CPU top-20 BM25F only: \(SearchBenchmark.time(index, queries: queries, expanding: false, cpuTime: true))")
        print("CPU top-20 with RM3: \(SearchBenchmark.time(index, queries: queries, expanding: true, cpuTime: true))")
        print("CPU top-20 with RM3 re-ranking the first pass's top 100: \(SearchBenchmark.time(index, queries: queries, rerankingDepth: 100, cpuTime: true))")
        print("peak RSS: \(Double(SearchBenchmark.peakResidentBytes() ?? 0) / 1e9) GB")
    }
}
