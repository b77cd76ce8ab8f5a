import Foundation
import Testing

@testable import Matching

/// Parameter exploration on Cranfield; runs only with CRANFIELD_EXPERIMENTS=1 (prints, asserts nothing).
@Suite struct CranfieldExperiments {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["CRANFIELD_EXPERIMENTS"] == "1"))
    func sweep() throws {
        let collection = try Evaluation.Collection.load(from: TestResources.cranfield)
        let odd = Set(collection.queries.map(\.id).filter { Int($0)! % 2 == 1 })
        let even = Set(collection.queries.map(\.id).filter { Int($0)! % 2 == 0 })
        func report(_ name: String, _ c: RelevanceConfiguration) {
            let run = Evaluation.retrieve(collection, configuration: c)
            func m(_ ids: Set<String>) -> Evaluation.Measures {
                Evaluation.evaluate(run, judgments: collection.judgments.filter { ids.contains($0.key) }).mean
            }
            let all = Evaluation.evaluate(run, judgments: collection.judgments).mean
            let o = m(odd), e = m(even)
            print(String(format: "%@ all %.4f/%.4f  odd %.4f/%.4f  even %.4f/%.4f", name, all.ndcg10, all.averagePrecision, o.ndcg10, o.averagePrecision, e.ndcg10, e.averagePrecision))
        }
        report("plain", .plainBM25)
        report("production", .production)
        if let out = ProcessInfo.processInfo.environment["RUN_OUT"] {
            let text = Evaluation.retrieve(collection, configuration: .production).trecText(tag: "clustermatch")
            try text.write(toFile: out, atomically: true, encoding: .utf8)
            let plain = Evaluation.retrieve(collection, configuration: .plainBM25).trecText(tag: "plain")
            try plain.write(toFile: out + ".plain", atomically: true, encoding: .utf8)
        }
        let spec = ProcessInfo.processInfo.environment["SWEEP"] ?? ""
        for item in spec.split(separator: ";") {
            // k1,b,titleWeight,fbDocs,fbTerms,origWeight
            let v = item.split(separator: ",").map { Double($0)! }
            var c = RelevanceConfiguration.plainBM25
            c.k1 = v[0]
            c.fieldB = PerField(repeating: v[1])
            c.fieldWeights.title = v[2]
            c.feedback = v[3] > 0 ? .init(documents: Int(v[3]), terms: Int(v[4]), originalQueryWeight: v[5]) : nil
            report(String(item), c)
        }
    }
}

/// The RM3 re-ranking policy (`search(_:limit:filter:rerankingDepth:)`) on Cranfield; runs only with
/// CRANFIELD_EXPERIMENTS=1. Below the depth, the first pass's order follows (as a deployment would page on).
@Suite struct CranfieldRerankingExperiments {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["CRANFIELD_EXPERIMENTS"] == "1"))
    func rerankingDepths() throws {
        let collection = try Evaluation.Collection.load(from: TestResources.cranfield)
        let analyzer = Analyzer()
        let index = SearchIndex(
            configuration: .production,
            documents: collection.documents.enumerated().map { (Int64($0.offset), analyzer.analyze($0.element.text)) })
        for depth in [20, 50, 100, 200, 1000] {
            var results: [String: [(documentID: String, score: Double)]] = [:]
            for (id, text) in collection.queries {
                let query = analyzer.analyzeQuery(text)
                let reranked = index.search(query, limit: depth, rerankingDepth: depth)
                let seen = Set(reranked.map(\.documentID))
                let rest = index.rank(query, limit: 1_000).filter { !seen.contains($0.documentID) }.prefix(1_000 - reranked.count)
                let bump = (rest.first?.score ?? 0) + 1
                results[id] = reranked.map { (collection.documents[Int($0.documentID)].id, $0.score + bump) }
                    + rest.map { (collection.documents[Int($0.documentID)].id, $0.score) }
            }
            let report = Evaluation.evaluate(Evaluation.Run(results: results), judgments: collection.judgments).mean
            print(String(format: "rerank depth %d: nDCG@10 %.4f MAP %.4f", depth, report.ndcg10, report.averagePrecision))
        }
    }
}
