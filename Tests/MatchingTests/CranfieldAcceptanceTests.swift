import Testing

@testable import Matching

/// The production configuration on Cranfield (shared/eval/cranfield), scored like trec_eval.
@Suite struct CranfieldAcceptanceTests {
    @Test func productionConfigurationMeetsTheAcceptanceBar() throws {
        let collection = try Evaluation.Collection.load(from: TestResources.cranfield)
        #expect(collection.documents.count == 1_400)
        #expect(collection.queries.count == 225)
        let run = Evaluation.retrieve(collection, configuration: .production)
        let report = Evaluation.evaluate(run, judgments: collection.judgments)
        #expect(report.queryCount == 225)
        #expect(report.mean.ndcg10 >= 0.400, "nDCG@10 \(report.mean.ndcg10)")
        #expect(report.mean.averagePrecision >= 0.330, "MAP \(report.mean.averagePrecision)")
        // Measured (and confirmed with trec_eval.py): nDCG@10 0.4194, MAP 0.3616.
        #expect(abs(report.mean.ndcg10 - 0.4194) < 0.0005)
    }
}
