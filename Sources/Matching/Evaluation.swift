public import Foundation

/// Relevance evaluation on test collections: loading, retrieval, TREC runs and trec_eval-equivalent metrics.
public enum Evaluation {
    /// Graded judgments: query id → document id → gain (0 = judged not relevant).
    public typealias Judgments = [String: [String: Int]]

    /// A test collection: documents, queries and judgments (the formats of `shared/eval/README.md`).
    public struct Collection: Sendable {
        /// Documents in file order.
        public var documents: [(id: String, text: DocumentText)]
        /// Queries in file order.
        public var queries: [(id: String, text: String)]
        /// The judgments.
        public var judgments: Judgments

        /// Creates a collection.
        public init(documents: [(id: String, text: DocumentText)], queries: [(id: String, text: String)], judgments: Judgments) {
            self.documents = documents
            self.queries = queries
            self.judgments = judgments
        }

        /// Loads `docs.jsonl`, `queries.jsonl` and `qrels.txt` from a folder.
        ///
        /// Document fields map as `title` → title, `summary` → summary, `text` → description,
        /// `keywords` (string or array) → keywords.
        /// - Throws: when a file is missing or a line is malformed.
        public static func load(from folder: URL) throws -> Collection {
            let decoder = JSONDecoder()
            var documents: [(id: String, text: DocumentText)] = []
            for line in try lines(of: folder.appendingPathComponent("docs.jsonl")) {
                let d = try decoder.decode(DocumentLine.self, from: Data(line.utf8))
                documents.append(
                    (d.id, DocumentText(title: d.title ?? "", summary: d.summary ?? "", description: d.text ?? "", keywords: d.keywords ?? [])))
            }
            var queries: [(id: String, text: String)] = []
            for line in try lines(of: folder.appendingPathComponent("queries.jsonl")) {
                let q = try decoder.decode(QueryLine.self, from: Data(line.utf8))
                queries.append((q.id, q.text))
            }
            let judgments = try parseJudgments(String(contentsOf: folder.appendingPathComponent("qrels.txt"), encoding: .utf8))
            return Collection(documents: documents, queries: queries, judgments: judgments)
        }
    }

    /// Parses TREC qrels lines `qid 0 docid gain`.
    /// - Throws: `FormatError` on a line without four fields or with a non-integer gain.
    public static func parseJudgments(_ text: String) throws -> Judgments {
        var judgments: Judgments = [:]
        for line in text.split(whereSeparator: \.isNewline) {
            let p = line.split(whereSeparator: \.isWhitespace)
            if p.isEmpty { continue }
            guard p.count == 4, let gain = Int(p[3]) else { throw FormatError(description: "bad qrels line: \(line)") }
            judgments[String(p[0]), default: [:]][String(p[2])] = gain
        }
        return judgments
    }

    /// A malformed input line.
    public struct FormatError: Error, Sendable, CustomStringConvertible {
        /// What was wrong.
        public var description: String
    }

    /// Indexes a collection's documents and runs every query (or the given ones), keeping `depth` results each.
    ///
    /// - Parameters:
    ///   - collection: the test collection.
    ///   - configuration: the ranking configuration.
    ///   - queryIDs: the queries to run; nil runs all.
    ///   - depth: results kept per query (trec_eval reads 1000).
    /// - Returns: the run.
    public static func retrieve(
        _ collection: Collection, configuration: RelevanceConfiguration, queryIDs: Set<String>? = nil, depth: Int = 1000
    ) -> Run {
        let analyzer = Analyzer()
        let index = SearchIndex(
            configuration: configuration,
            documents: collection.documents.enumerated().lazy.map { (Int64($0.offset), analyzer.analyze($0.element.text)) })
        var results: [String: [(documentID: String, score: Double)]] = [:]
        for (id, text) in collection.queries where queryIDs?.contains(id) ?? true {
            let hits = index.search(analyzer.analyzeQuery(text), limit: depth)
            results[id] = hits.map { (collection.documents[Int($0.documentID)].id, $0.score) }
        }
        return Run(results: results)
    }

    private struct DocumentLine: Decodable {
        var id: String
        var title: String?
        var summary: String?
        var text: String?
        var keywords: [String]?

        enum CodingKeys: String, CodingKey { case id, title, summary, text, keywords }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            id = try c.decode(String.self, forKey: .id)
            title = try c.decodeIfPresent(String.self, forKey: .title)
            summary = try c.decodeIfPresent(String.self, forKey: .summary)
            text = try c.decodeIfPresent(String.self, forKey: .text)
            if let list = try? c.decodeIfPresent([String].self, forKey: .keywords) {
                keywords = list
            } else {
                keywords = (try? c.decodeIfPresent(String.self, forKey: .keywords)).flatMap { $0.map { [$0] } }
            }
        }
    }

    private struct QueryLine: Decodable {
        var id: String
        var text: String
    }

    private static func lines(of url: URL) throws -> [Substring] {
        try String(contentsOf: url, encoding: .utf8).split(whereSeparator: \.isNewline)
    }
}
