import Foundation

/// TREC runs and trec_eval-equivalent measures.
extension Evaluation {
    /// Ranked results per query: the content of a TREC run file.
    public struct Run: Sendable {
        /// Query id → (document id, score), best first.
        public var results: [String: [(documentID: String, score: Double)]]

        /// Creates a run.
        public init(results: [String: [(documentID: String, score: Double)]]) {
            self.results = results
        }

        /// The run in TREC format, `qid Q0 docid rank score tag`, at most `depth` lines per query, queries in
        /// numeric-then-text order.
        public func trecText(tag: String, depth: Int = 1000) -> String {
            var out = ""
            for qid in results.keys.sorted(by: Evaluation.idOrder) {
                for (rank, result) in results[qid]!.prefix(depth).enumerated() {
                    out += "\(qid) Q0 \(result.documentID) \(rank + 1) \(result.score) \(tag)\n"
                }
            }
            return out
        }

        /// Parses a TREC run (`qid Q0 docid rank score tag`); the rank column is ignored, as trec_eval does.
        /// - Throws: `FormatError` on a line with fewer than five fields or a non-numeric score.
        public static func parse(_ text: String) throws -> Run {
            var results: [String: [(documentID: String, score: Double)]] = [:]
            for line in text.split(whereSeparator: \.isNewline) {
                let p = line.split(whereSeparator: \.isWhitespace)
                if p.isEmpty { continue }
                guard p.count >= 5, let score = Double(p[4]) else {
                    throw FormatError(description: "bad run line: \(line)")
                }
                results[String(p[0]), default: []].append((String(p[2]), score))
            }
            return Run(results: results)
        }
    }

    /// The four measures trec_eval reports for a query or their means.
    public struct Measures: Sendable, Equatable {
        /// nDCG at 10 (gain = judged grade, log2 discount, ideal from all judged documents).
        public var ndcg10: Double
        /// Average precision over the top 1000 (relevant: gain > 0).
        public var averagePrecision: Double
        /// Precision at 10.
        public var precision10: Double
        /// Recall at 100.
        public var recall100: Double

        /// Creates measures.
        public init(ndcg10: Double, averagePrecision: Double, precision10: Double, recall100: Double) {
            self.ndcg10 = ndcg10
            self.averagePrecision = averagePrecision
            self.precision10 = precision10
            self.recall100 = recall100
        }

        /// All zero: the score of a query the run does not answer.
        public static let zero = Measures(ndcg10: 0, averagePrecision: 0, precision10: 0, recall100: 0)
    }

    /// A run's measures: per query and averaged.
    public struct Report: Sendable {
        /// Means over every judged query with at least one relevant document (MAP is the mean average precision).
        public var mean: Measures
        /// Measures of each averaged query.
        public var perQuery: [String: Measures]
        /// How many queries were averaged.
        public var queryCount: Int
    }

    /// Scores a run exactly as `trec_eval -c -M1000 -m ndcg_cut.10 -m map -m P.10 -m recall.100` does.
    ///
    /// Each query's results are ordered by descending score, ties by descending document id (string order), and
    /// cut to 1000; queries in the judgments with no relevant document are skipped, and judged queries the run
    /// does not answer score 0.
    public static func evaluate(_ run: Run, judgments: Judgments, depth: Int = 1000) -> Report {
        var perQuery: [String: Measures] = [:]
        for (qid, judged) in judgments {
            let relevantCount = judged.values.filter { $0 > 0 }.count
            guard relevantCount > 0 else { continue }
            guard let results = run.results[qid], !results.isEmpty else {
                perQuery[qid] = .zero
                continue
            }
            var seen = Set<String>()
            let unique = results.filter { seen.insert($0.documentID).inserted }
            let ranked = unique.sorted {
                $0.score != $1.score
                    ? $0.score > $1.score : $1.documentID.utf8.lexicographicallyPrecedes($0.documentID.utf8)
            }.prefix(depth)
            var dcg = 0.0
            var hits = 0
            var precisionSum = 0.0
            var hitsAt10 = 0
            var hitsAt100 = 0
            for (i, result) in ranked.enumerated() {
                let gain = judged[result.documentID] ?? 0
                if i < 10 && gain > 0 { dcg += Double(gain) / log2(Double(i + 2)) }
                if gain > 0 {
                    hits += 1
                    precisionSum += Double(hits) / Double(i + 1)
                    if i < 10 { hitsAt10 += 1 }
                    if i < 100 { hitsAt100 += 1 }
                }
            }
            let ideal = judged.values.filter { $0 > 0 }.sorted(by: >).prefix(10).enumerated().reduce(0.0) {
                $0 + Double($1.element) / log2(Double($1.offset + 2))
            }
            perQuery[qid] = Measures(
                ndcg10: ideal > 0 ? dcg / ideal : 0, averagePrecision: precisionSum / Double(relevantCount),
                precision10: Double(hitsAt10) / 10, recall100: Double(hitsAt100) / Double(relevantCount))
        }
        let n = Double(max(perQuery.count, 1))
        let sum = perQuery.values.reduce(Measures.zero) {
            Measures(
                ndcg10: $0.ndcg10 + $1.ndcg10, averagePrecision: $0.averagePrecision + $1.averagePrecision,
                precision10: $0.precision10 + $1.precision10, recall100: $0.recall100 + $1.recall100)
        }
        let mean = Measures(
            ndcg10: sum.ndcg10 / n, averagePrecision: sum.averagePrecision / n, precision10: sum.precision10 / n,
            recall100: sum.recall100 / n)
        return Report(mean: mean, perQuery: perQuery, queryCount: perQuery.count)
    }

    /// Orders ids numerically when both are integers, otherwise as strings.
    static func idOrder(_ a: String, _ b: String) -> Bool {
        if let x = Int(a), let y = Int(b) { return x < y }
        return a < b
    }
}
