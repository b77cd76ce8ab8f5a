public import Foundation

/// Loading a test collection from files named by the user (`clustermatch eval`).
extension Evaluation.Collection {
    /// Loads documents, queries and (optionally) judgments from three files.
    ///
    /// - Parameters:
    ///   - documents: JSON Lines `{"id", "title"?, "summary"?, "text"?, "keywords"?}` (`text` → description;
    ///     keywords a string or an array); ids are strings or numbers.
    ///   - queries: JSON Lines `{"id", "text"}`.
    ///   - judgments: TREC qrels `qid 0 docid gain`, or nil for none.
    /// - Throws: `Evaluation.FormatError` naming the file and line of a malformed line or a repeated id, or the
    ///   error of a file that cannot be read.
    public static func load(documents: URL, queries: URL, judgments: URL?) throws -> Evaluation.Collection {
        var documentList: [(id: String, text: DocumentText)] = []
        var seen = Set<String>()
        try forEachObject(in: documents) { object, where_ in
            let id = try identifier(object, where_)
            guard seen.insert(id).inserted else { throw Evaluation.FormatError(description: "\(where_): repeated id \(id)") }
            func string(_ key: String) throws -> String {
                switch object[key] {
                case nil, is NSNull: return ""
                case let s as String: return s
                default: throw Evaluation.FormatError(description: "\(where_): \"\(key)\" must be a string")
                }
            }
            let keywords: [String]
            switch object["keywords"] {
            case nil, is NSNull: keywords = []
            case let s as String: keywords = [s]
            case let list as [Any]:
                guard let strings = list as? [String] else {
                    throw Evaluation.FormatError(description: "\(where_): \"keywords\" must hold strings")
                }
                keywords = strings
            default: throw Evaluation.FormatError(description: "\(where_): \"keywords\" must be a string or an array")
            }
            documentList.append(
                (id, DocumentText(title: try string("title"), summary: try string("summary"), description: try string("text"), keywords: keywords)))
        }
        var queryList: [(id: String, text: String)] = []
        seen = []
        try forEachObject(in: queries) { object, where_ in
            let id = try identifier(object, where_)
            guard seen.insert(id).inserted else { throw Evaluation.FormatError(description: "\(where_): repeated id \(id)") }
            guard let text = object["text"] as? String else {
                throw Evaluation.FormatError(description: "\(where_): a query needs a string \"text\"")
            }
            queryList.append((id, text))
        }
        var judged: Evaluation.Judgments = [:]
        if let judgments {
            do {
                judged = try Evaluation.parseJudgments(readText(judgments))
            } catch let error as Evaluation.FormatError {
                throw Evaluation.FormatError(description: "\(judgments.path): \(error.description)")
            }
        }
        return Evaluation.Collection(documents: documentList, queries: queryList, judgments: judged)
    }

    private static func identifier(_ object: [String: Any], _ where_: String) throws -> String {
        switch object["id"] {
        case let s as String where !s.isEmpty && !s.contains(where: \.isWhitespace): return s
        case let n as NSNumber where n.doubleValue.rounded() == n.doubleValue: return "\(n.int64Value)"
        default:
            throw Evaluation.FormatError(description: "\(where_): \"id\" must be a string without spaces or an integer")
        }
    }

    private static func readText(_ url: URL) throws -> String {
        do {
            return try String(contentsOf: url, encoding: .utf8)
        } catch {
            let reason = FileManager.default.fileExists(atPath: url.path) ? "not readable UTF-8 text" : "no such file"
            throw Evaluation.FormatError(description: "cannot read \(url.path): \(reason)")
        }
    }

    private static func forEachObject(in url: URL, _ body: ([String: Any], String) throws -> Void) throws {
        let text = try readText(url)
        var number = 0
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            number += 1
            guard !line.allSatisfy(\.isWhitespace) else { continue }
            let where_ = "\(url.path):\(number)"
            let value: Any
            do {
                value = try JSONSerialization.jsonObject(with: Data(line.utf8))
            } catch {
                throw Evaluation.FormatError(description: "\(where_): not a JSON object")
            }
            guard let object = value as? [String: Any] else {
                throw Evaluation.FormatError(description: "\(where_): not a JSON object")
            }
            try body(object, where_)
        }
    }
}
