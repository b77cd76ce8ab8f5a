import Foundation
import Testing

@testable import Matching

@Suite struct EvaluationTests {
    /// Reads a gzip file through the system `gzip`, as the reference run is stored compressed.
    static func gunzip(_ url: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-dc", url.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test func referenceRunGivesTheTrecEvalNumbers() throws {
        let judgments = try Evaluation.parseJudgments(
            String(contentsOf: TestResources.cranfield.appendingPathComponent("qrels.txt"), encoding: .utf8))
        let run = try Evaluation.Run.parse(
            Self.gunzip(TestResources.cranfield.appendingPathComponent("runs/bm25s-stem.run.gz")))
        let report = Evaluation.evaluate(run, judgments: judgments)
        #expect(report.queryCount == 225)
        // trec_eval.py on the same files: nDCG@10 0.3695, MAP 0.3062, P@10 0.2338, Recall@100 0.7354.
        #expect(abs(report.mean.ndcg10 - 0.3695) < 0.00005)
        #expect(abs(report.mean.averagePrecision - 0.3062) < 0.00005)
        #expect(abs(report.mean.precision10 - 0.2338) < 0.00005)
        #expect(abs(report.mean.recall100 - 0.7354) < 0.00005)
    }

    @Test func tiesAreBrokenByDescendingDocumentIDAndMissingQueriesScoreZero() throws {
        let judgments = try Evaluation.parseJudgments("1 0 a 2\n1 0 b 0\n2 0 c 1\n3 0 d 0\n")
        // "b" and "a" tie; trec_eval puts "b" first, so the relevant "a" is at rank 2.
        let run = try Evaluation.Run.parse("1 Q0 a 1 1.0 t\n1 Q0 b 2 1.0 t\n")
        let report = Evaluation.evaluate(run, judgments: judgments)
        #expect(report.queryCount == 2)  // query 3 has no relevant document
        #expect(report.perQuery["1"]?.averagePrecision == 0.5)
        #expect(report.perQuery["2"] == .zero)
        #expect(abs(report.perQuery["1"]!.ndcg10 - 1 / log2(3.0)) < 1e-12)
        #expect(report.perQuery["1"]?.precision10 == 0.1)
    }

    @Test func runTextRoundTrips() throws {
        let run = Evaluation.Run(results: ["2": [("7", 1.5), ("3", 0.25)], "10": [("1", 3)]])
        let text = run.trecText(tag: "cm")
        #expect(text == "2 Q0 7 1 1.5 cm\n2 Q0 3 2 0.25 cm\n10 Q0 1 1 3.0 cm\n")
        let parsed = try Evaluation.Run.parse(text)
        #expect(parsed.results["2"]?.map(\.documentID) == ["7", "3"])
    }
}
