import ArgumentParser
import Foundation
import Matching

/// `clustermatch eval`: ranks a test collection with the production text relevance, writes a TREC run and
/// prints trec_eval's measures. Needs no database.
struct EvalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Score the production text ranking on a test collection (no database).",
        discussion: """
            Indexes --docs with exactly the production analysis and ranking (BM25F + RM3, text relevance only), \
            runs every query of --queries for its top 1000 documents, writes the TREC run (qid Q0 docid rank score \
            tag) to --run, and with --qrels prints nDCG@10, MAP, P@10 and Recall@100 as \
            `trec_eval -c -M1000` computes them (means over judged queries with a relevant document; a judged \
            query without results scores 0). Documents: JSON Lines {"id", "title", "summary", "text", \
            "keywords"}; queries: {"id", "text"}; qrels: `qid 0 docid gain`.
            """)

    @Option(help: ArgumentHelp("Documents, JSON Lines.", valueName: "file")) var docs: String
    @Option(help: ArgumentHelp("Queries, JSON Lines.", valueName: "file")) var queries: String
    @Option(help: ArgumentHelp("TREC qrels to score the run against.", valueName: "file")) var qrels: String?
    @Option(name: .customLong("run"), help: ArgumentHelp("Write the TREC run here.", valueName: "file")) var runFile: String?
    @Option(help: "The run tag (last column).") var tag = "clustermatch"
    @Flag(help: "Print one JSON object.") var json = false

    /// How many results per query are kept (trec_eval reads 1000).
    static let depth = 1000

    func validate() throws {
        guard qrels != nil || runFile != nil else {
            throw ValidationError("nothing to do: give --qrels to print the measures, --run to write the run, or both")
        }
        guard !tag.isEmpty, !tag.contains(where: \.isWhitespace) else {
            throw ValidationError("--tag must be one word without spaces")
        }
    }

    func run() async throws {
        try await reportingFailures {
            let result = try evaluate()
            print(render(result))
        }
    }

    /// What one evaluation produced.
    struct Result {
        var documentCount: Int
        var queryCount: Int
        var run: Evaluation.Run
        var report: Evaluation.Report?
    }

    /// Loads the files, ranks every query, writes the run when asked, and scores it when judgments are given.
    func evaluate() throws -> Result {
        let collection = try Evaluation.Collection.load(
            documents: URL(fileURLWithPath: docs), queries: URL(fileURLWithPath: queries),
            judgments: qrels.map { URL(fileURLWithPath: $0) })
        let run = Evaluation.retrieve(collection, configuration: .production, depth: Self.depth)
        if let runFile {
            do {
                try run.trecText(tag: tag, depth: Self.depth).write(toFile: runFile, atomically: true, encoding: .utf8)
            } catch {
                throw CLIError("cannot write the run to \(runFile): \(error.localizedDescription)")
            }
        }
        let report = qrels == nil ? nil : Evaluation.evaluate(run, judgments: collection.judgments, depth: Self.depth)
        return Result(
            documentCount: collection.documents.count, queryCount: collection.queries.count, run: run, report: report)
    }

    /// The text printed for a result: trec_eval.py's layout, or one JSON object.
    func render(_ result: Result) -> String {
        let answered = result.run.results.values.filter { !$0.isEmpty }.count
        if json {
            var object: [String: Any] = [
                "documents": result.documentCount, "queries": result.queryCount, "queries_answered": answered,
            ]
            if let runFile { object["run"] = runFile }
            if let report = result.report {
                object["nDCG@10"] = report.mean.ndcg10
                object["MAP"] = report.mean.averagePrecision
                object["P@10"] = report.mean.precision10
                object["Recall@100"] = report.mean.recall100
                object["queries_judged"] = report.queryCount
            }
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
            return String(decoding: data, as: UTF8.self)
        }
        var lines: [String] = []
        if let report = result.report {
            func line(_ name: String, _ value: Double) -> String {
                name.padding(toLength: 11, withPad: " ", startingAt: 0) + " " + String(format: "%.4f", value)
            }
            lines += [
                line("nDCG@10", report.mean.ndcg10), line("MAP", report.mean.averagePrecision),
                line("P@10", report.mean.precision10), line("Recall@100", report.mean.recall100),
                "queries".padding(toLength: 11, withPad: " ", startingAt: 0) + " \(report.queryCount) judged",
            ]
        }
        lines.append(
            "ranked \(result.queryCount) queries (\(answered) with results) over \(result.documentCount) documents"
                + (runFile.map { "; run written to \($0)" } ?? ""))
        return lines.joined(separator: "\n")
    }
}
