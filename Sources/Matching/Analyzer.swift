import Synchronization

/// Turns text into index terms: NFKC, lower case, words and CJK bigrams, English stopwords, Snowball English stems.
///
/// Every analysed form (`AnalyzedDocument`) is tied to `Analyzer.version`; stored analyses made with another
/// version must be redone.
public struct Analyzer: Sendable {
    /// The version of the analysis output; it changes whenever any analyser change alters the terms produced.
    public static let version = 1

    private let tokenizer = Tokenizer()
    private let stemmer = EnglishStemmer()
    /// Word → term, shared by every analyser of the process (the vocabulary of real text is small next to its
    /// word count, and stemming is the costliest step).
    private static let terms = TermCache()

    /// Creates the standard analyser.
    public init() {}

    /// The tokens of `text` in order, with stopwords removed and words stemmed.
    public func tokens(_ text: String) -> [Token] {
        var result: [Token] = []
        forEachToken(in: text) { result.append($0) }
        return result
    }

    /// Calls `body` with each token of `text` in order.
    func forEachToken(in text: String, _ body: (Token) -> Void) {
        tokenizer.forEachWord(in: text) { word, isCJK in
            if isCJK {
                body(Token(term: word, surface: word))
                return
            }
            guard let term = Self.terms.term(for: word, stemmer: stemmer) else { return }
            body(Token(term: term, surface: word))
        }
    }

    /// Analyses the fields of one document.
    public func analyze(_ text: DocumentText) -> AnalyzedDocument {
        var builder = AnalyzedDocument.Builder()
        forEachToken(in: text.title) { builder.add($0, in: .title) }
        forEachToken(in: text.summary) { builder.add($0, in: .summary) }
        forEachToken(in: text.description) { builder.add($0, in: .description) }
        for keyword in text.keywords {
            forEachToken(in: keyword) { builder.add($0, in: .keywords) }
        }
        return builder.build()
    }

    /// Analyses free text as a query; a repeated term weighs as often as it occurs.
    public func analyzeQuery(_ text: String) -> AnalyzedQuery {
        var weights: [String: (surface: String, weight: Double)] = [:]
        var order: [String] = []
        forEachToken(in: text) { token in
            if let existing = weights[token.term] {
                weights[token.term] = (existing.surface, existing.weight + 1)
            } else {
                weights[token.term] = (token.surface, 1)
                order.append(token.term)
            }
        }
        return AnalyzedQuery(terms: order.map { AnalyzedQuery.Term(term: $0, surface: weights[$0]!.surface, weight: weights[$0]!.weight) })
    }
}

/// A bounded, thread-safe memo of word → index term (nil for a stopword).
final class TermCache: Sendable {
    /// Entries kept before the memo starts over (about 30 MB at most).
    static let capacity = 200_000
    private let memo = Mutex<[String: String?]>([:])

    func term(for word: String, stemmer: EnglishStemmer) -> String? {
        if let known = memo.withLock({ $0[word] }) { return known }
        let term = Self.compute(word, stemmer: stemmer)
        memo.withLock { memo in
            if memo.count >= Self.capacity { memo.removeAll(keepingCapacity: true) }
            memo[word] = term
        }
        return term
    }

    private static func compute(_ word: String, stemmer: EnglishStemmer) -> String? {
        guard !Stopwords.english.contains(word) else { return nil }
        var term = stemmer.stem(word)
        if term.hasSuffix("'") { term.removeLast() }
        return term.isEmpty ? nil : term
    }
}
