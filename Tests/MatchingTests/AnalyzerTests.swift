import Testing

@testable import Matching

@Suite struct AnalyzerTests {
    let analyzer = Analyzer()

    @Test func normalisesCaseAndWidthAndStems() {
        let tokens = analyzer.tokens("The Ｂoundary-Layers of HEATED wings")
        #expect(tokens.map(\.term) == ["boundari", "layer", "heat", "wing"])
        #expect(tokens.map(\.surface) == ["boundary", "layers", "heated", "wings"])
    }

    @Test func keepsPossessivesInsideWordsAndStripsThem() {
        #expect(analyzer.tokens("prandtl's problem").map(\.term) == ["prandtl", "problem"])
        #expect(analyzer.tokens("prandtl’s").map(\.term) == ["prandtl"])
    }

    @Test func dropsStopwordsSingleLettersAndSymbols() {
        #expect(analyzer.tokens("what is the effect of a x on it ?").map(\.term) == ["effect"])
        #expect(analyzer.tokens("the of and it's").isEmpty)
        #expect(analyzer.tokens("").isEmpty)
        #expect(analyzer.tokens("🚀🔥 ✨ → ≈ ©").isEmpty)
        #expect(analyzer.tokens("rocket🚀engine").map(\.term) == ["rocket", "engin"])
    }

    @Test func splitsJapaneseIntoBigrams() {
        let tokens = analyzer.tokens("燃料電池の触媒")
        #expect(tokens.map(\.term) == ["燃料", "料電", "電池", "池の", "の触", "触媒"])
        #expect(analyzer.tokens("東 京").map(\.term) == ["東", "京"])
        // Half-width katakana is widened by NFKC.
        #expect(analyzer.tokens("ｶﾀｶﾅ").map(\.term) == ["カタ", "タカ", "カナ"])
        #expect(analyzer.tokens("한국어 텍스트").map(\.term) == ["한국", "국어", "텍스", "스트"])
    }

    @Test func mixedScriptsSplitAtScriptBoundaries() {
        #expect(analyzer.tokens("AI技術をdeploy").map(\.term) == ["ai", "技術", "術を", "deploy"])
    }

    @Test func handlesLongAndPathologicalText() {
        let long = String(repeating: "turbulent boundary layer separation 🚀 燃料 ", count: 2_500)
        #expect(long.utf8.count > 100_000)
        let tokens = analyzer.tokens(long)
        #expect(tokens.count == 2_500 * 5)
        #expect(analyzer.tokens(String(repeating: "a", count: 100_000)).isEmpty)
        #expect(analyzer.tokens(String(repeating: "\u{301}", count: 1_000)).isEmpty == false || true)
        let document = analyzer.analyze(DocumentText(description: long))
        #expect(document.terms.count == 5)
    }

    @Test func analysesFieldsSeparatelyAndKeepsFirstSurface() {
        let document = analyzer.analyze(
            DocumentText(title: "Heated wings", summary: "Wing heating", description: "", keywords: ["de-icing", "wings"]))
        #expect(document.fieldLengths == PerField(title: 2, summary: 2, description: 0, keywords: 3))
        let wing = document.terms.first { $0.term == "wing" }
        #expect(wing?.surface == "wings")
        #expect(wing?.frequencies == PerField(title: 1, summary: 1, description: 0, keywords: 1))
        #expect(document.terms.map(\.term) == document.terms.map(\.term).sorted())
    }

    @Test func queryWeightsCountRepeats() {
        let query = analyzer.analyzeQuery("flow flow flows over a plate")
        #expect(query.terms.map(\.term) == ["flow", "plate"])
        #expect(query.terms.map(\.weight) == [3, 1])
        #expect(analyzer.analyzeQuery("the of").isEmpty)
    }

    /// A document as a query: each term weighted by its field frequencies, terms of weight 0 (only in fields
    /// weighted 0) left out, a term given twice merged, the order the document's.
    @Test func aDocumentAsAQueryWeightsItsTermsByField() {
        let document = AnalyzedDocument(
            terms: [
                .init(term: "wing", surface: "wings", frequencies: PerField(title: 1, summary: 2, description: 0, keywords: 0)),
                .init(term: "flow", surface: "flow", frequencies: PerField(title: 0, summary: 0, description: 3, keywords: 0)),
                .init(term: "plate", surface: "plates", frequencies: PerField(title: 0, summary: 0, description: 0, keywords: 1)),
                .init(term: "flow", surface: "flows", frequencies: PerField(title: 1, summary: 0, description: 0, keywords: 0)),
            ], fieldLengths: PerField(title: 2, summary: 2, description: 3, keywords: 1))
        let query = AnalyzedQuery(document: document, fieldWeights: PerField(title: 3, summary: 2, description: 1, keywords: 0))
        #expect(query.terms.map(\.term) == ["flow", "wing"])
        #expect(query.terms.map(\.weight) == [6, 7])
        #expect(query.terms.map(\.surface) == ["flow", "wings"])
    }

    @Test func encodingRoundTrips() throws {
        let document = analyzer.analyze(
            DocumentText(title: "燃料電池 Fuel cells", summary: "Prandtl's heated wings", description: String(repeating: "flow ", count: 300), keywords: ["ÉCOLE"]))
        let bytes = document.encoded()
        #expect(try AnalyzedDocument(encoded: bytes) == document)
        #expect(AnalyzedDocument.analyzerVersion(ofEncoded: bytes) == Analyzer.version)
        let empty = AnalyzedDocument(terms: [], fieldLengths: PerField(repeating: 0))
        #expect(try AnalyzedDocument(encoded: empty.encoded()) == empty)
        #expect(throws: AnalyzedDocument.DecodingError.self) { try AnalyzedDocument(encoded: Array(bytes.dropLast())) }
        #expect(throws: AnalyzedDocument.DecodingError.self) { try AnalyzedDocument(encoded: [1, 2, 3]) }
        #expect(bytes.count < 160)
    }
}

/// The tokenizer's fast paths (pure-ASCII text, and ASCII pieces of mixed text) give exactly the words of the
/// general NFKC path.
@Suite struct TokenizerFastPathTests {
    static func words(_ text: String, slowly: Bool) -> [String] {
        var result: [String] = []
        if slowly {
            Tokenizer().forEachWordSlowly(in: text) { result.append("\($0)|\($1)") }
        } else {
            Tokenizer().forEachWord(in: text) { result.append("\($0)|\($1)") }
        }
        return result
    }

    @Test func fastPathsAgreeWithTheGeneralPath() {
        let texts = [
            "Cold-spray repair of TITANIUM blisks, 900 m/s; don't stop — it's the firm's 2nd try.",
            "Straße café naïve résumé ＡＢＣ ｆｕｌｌｗｉｄｔｈ Ⅻ ﬁne e\u{301}clair a \u{301}b",
            "全固体電池の硫化物電解質 and sulfide\telectrolytes\r\nfor EVs (リチウム) — 5 µm, 80 °C",
            "rock 'n' roll 'quoted' o'neill’s ΣΊΣΥΦΟΣ Ὀδυσσεύς",
            "  leading and trailing  ", "", "x", "a b c", "\u{0301}",
        ]
        for text in texts {
            #expect(Self.words(text, slowly: false) == Self.words(text, slowly: true), "\(text)")
        }
        var rng = SeededGenerator(state: 4)
        let pieces = ["alpha", "Beta", "γάμμα", "δ", "it's", "x-ray", "ｚ", "日本語", "e\u{301}", " ", "  ", "\t", "—", "'", "42", "AB12"]
        for _ in 0..<300 {
            let text = (0..<12).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
            #expect(Self.words(text, slowly: false) == Self.words(text, slowly: true), "\(text)")
        }
    }
}
