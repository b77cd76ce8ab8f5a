import Testing

@testable import SampleData

@Suite struct VocabularyTests {
    let generator = Generator(seed: 11)

    @Test func handWrittenVocabularyIsTopicStructured() {
        for field in FieldVocabulary.all {
            #expect((15...30).contains(field.topics.count), "\(field.code)")
            let terms = field.topics.flatMap(\.terms)
            #expect(terms.count >= 200, "\(field.code) has \(terms.count) terms")
            #expect(Set(terms).count == terms.count, "\(field.code) repeats a term")
            #expect(terms.allSatisfy { (1...64).contains($0.count) })
        }
        #expect(FieldVocabulary.all.map(\.code) == Generator.fieldCodes)
    }

    @Test func everyFieldAndPartOfTheWorldIsUsed() {
        var primary: [String: Int] = [:]
        var owners = Set<String>()
        generator.forEachSeed(count: 2000) { seed in
            primary[seed.primaryField, default: 0] += 1
            owners.insert(seed.organisation)
        }
        generator.forEachNeed(count: 2000) { need in primary[need.primaryField, default: 0] += 1 }
        for field in Generator.fieldCodes {
            #expect((primary[field] ?? 0) > 4000 / 10, "\(field): \(primary[field] ?? 0)")
        }
        #expect(owners.count > 100)
    }

    @Test func keywordsComeFromTheTopicPools() {
        let handWritten = Set(FieldVocabulary.all.flatMap { $0.topics.flatMap(\.terms) })
        generator.forEachSeed(count: 500) { seed in
            let known = seed.keywords.filter { handWritten.contains($0) }
            #expect(known.count >= seed.keywords.count - 1, "\(seed.keywords)")
            #expect(known.count >= 2)
        }
    }

    @Test func vocabularyGrowsWithTheLongTail() {
        var terms = Set<UInt64>()
        var tokens = 0
        var descriptions = 0
        generator.forEachSeed(count: 5000) { seed in
            tokens += TestSupport.addTokens(of: seed.description, into: &terms)
            _ = TestSupport.addTokens(of: seed.title, into: &terms)
            descriptions += 1
        }
        let atFiveThousand = terms.count
        generator.forEachNeed(count: 5000) { need in
            _ = TestSupport.addTokens(of: need.description, into: &terms)
        }
        #expect(atFiveThousand > 8000, "distinct terms at 5k seeds: \(atFiveThousand)")
        #expect(terms.count > max(15_000, atFiveThousand + 2000), "distinct terms at 10k documents: \(terms.count)")
        let average = Double(tokens) / Double(descriptions)
        #expect((110...200).contains(average), "average description tokens \(average)")
    }

    @Test func textsVaryInShapeAndLength() {
        var openings = Set<String>()
        var lengths: [Int] = []
        generator.forEachSeed(count: 1000) { seed in
            openings.insert(String(seed.description.split(separator: " ").prefix(2).joined(separator: " ")))
            lengths.append(seed.description.split(separator: " ").count)
        }
        #expect(openings.count > 20)
        lengths.sort()
        #expect(lengths[100] < 100 && lengths[500] > 100 && lengths[990] > 250)
        let titles = (0..<300).map { generator.seedRecord(at: $0).title.split(separator: " ").count }
        let average = Double(titles.reduce(0, +)) / Double(titles.count)
        #expect((8...15).contains(average), "average title words \(average)")
    }

    @Test func queryTextIsTheNeedsText() {
        let need = generator.needRecord(at: 3)
        let query = generator.queryText(forNeed: 3)
        #expect(query.contains(need.title) && query.contains(need.description))
    }

    @Test(.timeLimit(.minutes(1))) func tenThousandSeedsGenerateQuickly() {
        let clock = ContinuousClock()
        var bytes = 0
        let elapsed = clock.measure {
            var buffer: [UInt8] = []
            generator.forEachSeed(count: 10_000) { seed in
                seed.appendJSONLine(to: &buffer)
                bytes += buffer.count
                buffer.removeAll(keepingCapacity: true)
            }
        }
        #expect(bytes > 10_000 * 800)
        // Release builds take about 0.15 s; the bound leaves room for debug builds on a busy machine.
        #expect(elapsed < .seconds(20), "10k seeds took \(elapsed)")
    }
}
