import ArgumentParser
import Foundation
import Matching
import Testing

@testable import ClusterMatchCLI

@Suite struct EvalCommandTests {
    @Test func parsesItsOptions() throws {
        let parsed = try ClusterMatchCommand.parseAsRoot([
            "eval", "--docs", "d.jsonl", "--queries", "q.jsonl", "--qrels", "r.txt", "--run", "out.run", "--tag", "t1",
            "--json",
        ])
        let command = try #require(parsed as? EvalCommand)
        #expect(command.docs == "d.jsonl" && command.queries == "q.jsonl" && command.qrels == "r.txt")
        #expect(command.runFile == "out.run" && command.tag == "t1" && command.json)

        let minimal = try #require(try ClusterMatchCommand.parseAsRoot(["eval", "--docs", "d", "--queries", "q", "--run", "o"]) as? EvalCommand)
        #expect(minimal.qrels == nil && minimal.tag == "clustermatch" && !minimal.json)
    }

    @Test func refusesToDoNothingOrMissFiles() {
        #expect(throws: (any Error).self) { try ClusterMatchCommand.parseAsRoot(["eval", "--docs", "d", "--queries", "q"]) }
        #expect(throws: (any Error).self) { try ClusterMatchCommand.parseAsRoot(["eval", "--queries", "q", "--run", "o"]) }
        #expect(throws: (any Error).self) {
            try ClusterMatchCommand.parseAsRoot(["eval", "--docs", "d", "--queries", "q", "--run", "o", "--tag", "a b"])
        }
    }

    @Test func ranksWritesTheRunAndScoresIt() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cm-eval-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        func write(_ name: String, _ text: String) throws -> String {
            let path = folder.appendingPathComponent(name).path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
        let docs = try write(
            "docs.jsonl",
            """
            {"id": "a", "title": "solid state batteries", "text": "sulfide electrolytes for batteries"}
            {"id": "b", "title": "wing flutter", "text": "aeroelastic flutter of wings", "keywords": ["flutter"]}
            {"id": 3, "title": "protein folding", "text": "", "keywords": "biology"}

            """)
        let queries = try write(
            "queries.jsonl",
            """
            {"id": "1", "text": "batteries with sulfide electrolytes"}
            {"id": "2", "text": "flutter of wings"}
            {"id": "3", "text": "the of and"}
            """)
        let qrels = try write("qrels.txt", "1 0 a 2\n2 0 b 1\n2 0 3 0\n3 0 3 1\n")
        let runPath = folder.appendingPathComponent("out.run").path
        let command = try #require(
            try ClusterMatchCommand.parseAsRoot(["eval", "--docs", docs, "--queries", queries, "--qrels", qrels, "--run", runPath, "--tag", "t"])
                as? EvalCommand)
        let result = try command.evaluate()
        let report = try #require(result.report)
        // Queries 1 and 2 find their one relevant document first; query 3 (stopwords only) finds nothing.
        #expect(report.queryCount == 3)
        #expect(abs(report.mean.ndcg10 - 2.0 / 3) < 1e-12)
        #expect(abs(report.mean.averagePrecision - 2.0 / 3) < 1e-12)
        #expect(abs(report.mean.precision10 - 0.2 / 3) < 1e-12)
        let run = try String(contentsOfFile: runPath, encoding: .utf8)
        #expect(run.hasPrefix("1 Q0 a 1 "))
        #expect(run.split(separator: "\n").allSatisfy { $0.split(separator: " ").count == 6 && $0.hasSuffix(" t") })
        #expect(command.render(result).contains("nDCG@10     0.6667"))
        let parsedRun = try RunQueryOrder.parse(run)
        #expect(parsedRun == ["1", "2"])
    }

    @Test func reportsAMalformedLineWithItsPlace() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cm-eval-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let docs = folder.appendingPathComponent("docs.jsonl").path
        try "{\"id\": \"a\", \"text\": \"x\"}\nnot json\n".write(toFile: docs, atomically: true, encoding: .utf8)
        let command = try #require(
            try ClusterMatchCommand.parseAsRoot(["eval", "--docs", docs, "--queries", docs, "--run", "/dev/null"]) as? EvalCommand)
        #expect {
            try command.evaluate()
        } throws: { error in
            "\(error)".contains("docs.jsonl:2")
        }
    }
}

/// The query ids of a TREC run, in order of first appearance.
enum RunQueryOrder {
    static func parse(_ run: String) throws -> [String] {
        var ids: [String] = []
        for line in run.split(separator: "\n") {
            let id = String(line.split(separator: " ")[0])
            if ids.last != id { ids.append(id) }
        }
        return ids
    }
}
