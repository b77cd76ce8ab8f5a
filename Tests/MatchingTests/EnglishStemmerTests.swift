import Testing

@testable import Matching

@Suite struct EnglishStemmerTests {
    @Test func matchesEverySnowballReferencePair() throws {
        let text = try TestResources.text("porter2-reference.tsv")
        let stemmer = EnglishStemmer()
        var checked = 0
        var mismatches: [String] = []
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard parts.count == 2 else { continue }
            let got = stemmer.stem(String(parts[0]))
            if got != parts[1] { mismatches.append("\(parts[0]) -> \(got), expected \(parts[1])") }
            checked += 1
        }
        #expect(checked > 90_000)
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches, e.g. \(mismatches.prefix(40).joined(separator: "; "))")
    }

    @Test func leavesShortAndNonASCIIWordsAlone() {
        let stemmer = EnglishStemmer()
        #expect(stemmer.stem("is") == "is")
        #expect(stemmer.stem("café") == "café")
        #expect(stemmer.stem("h2o") == "h2o")
        #expect(stemmer.stem("") == "")
    }
}
