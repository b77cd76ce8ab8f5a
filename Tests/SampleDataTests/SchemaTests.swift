import Testing

@testable import SampleData

/// Every generated record satisfies the constraints of sql/0001_foundation.sql and fixtures/README.md.
@Suite struct SchemaTests {
    let generator = Generator(seed: 2024)

    @Test func clustersAreValid() {
        let clusters = generator.clusters()
        #expect(clusters.count >= 40)
        #expect(Set(clusters.map(\.slug)).count == clusters.count)
        let countries = Set(clusters.map(\.country))
        #expect(countries.isSuperset(of: ["JP", "FR", "CA", "SE", "CH", "DE", "US", "KR", "GB"]))
        for cluster in clusters {
            #expect(cluster.slug.hasPrefix("gen-") && TestSupport.isSlug(cluster.slug), "\(cluster.slug)")
            #expect((1...200).contains(cluster.name.count))
            #expect(
                ["knowledge-cluster", "city-area", "regional-innovation", "super-cluster", "foreign"]
                    .contains(cluster.programme))
            #expect((cluster.country == "JP") == (cluster.programme != "foreign"))
            #expect(!cluster.mainFields.isEmpty && Set(cluster.mainFields).isSubset(of: TestSupport.fieldCodes))
            #expect((1950...2100).contains(cluster.startYear ?? 0))
            #expect(cluster.isSample)
        }
    }

    @Test func organisationsAreValid() {
        let clusterSlugs = Set(generator.clusters().map(\.slug))
        let organisations = generator.organisations()
        #expect(Set(organisations.map(\.slug)).count == organisations.count)
        for organisation in organisations {
            #expect(organisation.slug.hasPrefix("gen-") && TestSupport.isSlug(organisation.slug), "\(organisation.slug)")
            #expect((1...200).contains(organisation.name.count))
            #expect(["university", "research-institute", "firm", "tlo"].contains(organisation.kind))
            #expect(clusterSlugs.contains(organisation.cluster ?? ""))
            #expect(organisation.isSample)
        }
        let kinds = Set(organisations.map(\.kind))
        #expect(kinds == ["university", "research-institute", "firm", "tlo"])
    }

    @Test func seedsAreValid() {
        let owners = Dictionary(uniqueKeysWithValues: generator.organisations().map { ($0.slug, $0.kind) })
        var refs = Set<String>()
        var confidential = 0
        var patents = 0
        var secondary = 0
        let count = 2000
        generator.forEachSeed(count: count) { seed in
            refs.insert(seed.ref)
            #expect(TestSupport.isRef(seed.ref))
            #expect((1...256).contains(seed.title.unicodeScalars.count))
            #expect(seed.summary.unicodeScalars.count <= 500)
            #expect(seed.description.unicodeScalars.count <= 4000)
            #expect(TestSupport.fieldCodes.contains(seed.primaryField))
            #expect(Set(seed.secondaryFields).isSubset(of: TestSupport.fieldCodes))
            #expect(!seed.secondaryFields.contains(seed.primaryField))
            #expect(Set(seed.secondaryFields).count == seed.secondaryFields.count)
            #expect((3...8).contains(seed.keywords.count))
            #expect(Set(seed.keywords).count == seed.keywords.count)
            #expect(seed.keywords.allSatisfy { (1...64).contains($0.count) && $0 == $0.trimmingSpaces })
            #expect((1...9).contains(seed.trl))
            #expect(TestSupport.ipStatuses.contains(seed.ipStatus))
            if seed.ipStatus == "patent-applied" || seed.ipStatus == "patent-granted" {
                #expect(seed.ipScope == "domestic" || seed.ipScope == "international")
                patents += 1
            } else {
                #expect(seed.ipScope == nil)
            }
            #expect(!seed.partnerships.isEmpty && Set(seed.partnerships).isSubset(of: TestSupport.partnerships))
            #expect(Set(seed.partnerships).count == seed.partnerships.count)
            #expect(seed.visibility == "public" || seed.visibility == "confidential")
            if seed.visibility == "confidential" { confidential += 1 }
            if !seed.secondaryFields.isEmpty { secondary += 1 }
            #expect(["university", "research-institute", "tlo"].contains(owners[seed.organisation] ?? "missing"))
            #expect(seed.coordinator == nil)
            #expect(seed.status == "published")
        }
        #expect(refs.count == count)
        #expect((100...300).contains(confidential), "about 10% confidential, got \(confidential)")
        #expect(patents > count / 3 && patents < count)
        #expect(secondary > count / 5 && secondary < count)
        #expect(generator.seedRecord(at: 0).ref == "G-S-0000001")
    }

    @Test func needsAreValid() {
        let organisations = generator.organisations()
        let kinds = Dictionary(uniqueKeysWithValues: organisations.map { ($0.slug, $0.kind) })
        let countries = Set(generator.clusters().map(\.country))
        var refs = Set<String>()
        var scopes = Set<String>()
        var deadlines = 0
        let count = 2000
        generator.forEachNeed(count: count) { need in
            refs.insert(need.ref)
            #expect(TestSupport.isRef(need.ref))
            #expect((1...256).contains(need.title.unicodeScalars.count))
            #expect(need.summary.unicodeScalars.count <= 500)
            #expect(need.description.unicodeScalars.count <= 4000)
            #expect(TestSupport.fieldCodes.contains(need.primaryField))
            #expect(!need.secondaryFields.contains(need.primaryField))
            #expect(Set(need.secondaryFields).isSubset(of: TestSupport.fieldCodes))
            #expect((3...8).contains(need.keywords.count))
            #expect(need.keywords.allSatisfy { (1...64).contains($0.count) })
            #expect((1...9).contains(need.trlMin) && (1...9).contains(need.trlMax) && need.trlMin <= need.trlMax)
            #expect(Set(need.ipRequired).isSubset(of: TestSupport.ipStatuses))
            #expect(!need.partnerships.isEmpty && Set(need.partnerships).isSubset(of: TestSupport.partnerships))
            #expect(TestSupport.scopes.contains(need.scope))
            scopes.insert(need.scope)
            #expect(Set(need.targetCountries).isSubset(of: countries))
            if need.scope == "international-only" { #expect(!need.targetCountries.isEmpty) }
            if let deadline = need.deadline {
                deadlines += 1
                let parts = deadline.split(separator: "-").compactMap { Int($0) }
                #expect(
                    parts.count == 3 && (2026...2030).contains(parts[0]) && (1...12).contains(parts[1])
                        && (1...28).contains(parts[2]) && deadline.count == 10)
            }
            #expect(need.visibility == "public" || need.visibility == "confidential")
            #expect(kinds[need.organisation] == "firm")
            #expect(need.contact == nil)
            #expect(need.status == "published")
        }
        #expect(refs.count == count)
        #expect(scopes == TestSupport.scopes)
        #expect(deadlines > 0 && deadlines < count)
        #expect(generator.needRecord(at: 9_999_999).ref == "G-N-10000000")
    }

    @Test func longTextsAreClippedAtSentenceBoundaries() {
        var longest = 0
        generator.forEachSeed(count: 3000) { seed in
            longest = max(longest, seed.description.unicodeScalars.count)
            #expect(seed.description.hasSuffix("."))
            #expect(seed.summary.hasSuffix("."))
            #expect(!seed.title.hasSuffix(" ") && !seed.title.hasPrefix(" "))
        }
        #expect(longest > 2000, "the lognormal tail should produce some long descriptions")
    }

    @Test func clipNeverSplitsACharacter() {
        var text = Array("Heat to 900 °C. Then cool to 20 °C. Measure µm features.".utf8)
        Composer.clip(&text, limit: 22, atSentence: true)
        #expect(String(decoding: text, as: UTF8.self) == "Heat to 900 °C.")
        var word = Array("ééééé ééééé".utf8)
        Composer.clip(&word, limit: 8, atSentence: false)
        #expect(String(decoding: word, as: UTF8.self) == "ééééé")
        var unbroken = Array("éééééééééé".utf8)
        Composer.clip(&unbroken, limit: 3, atSentence: false)
        #expect(String(decoding: unbroken, as: UTF8.self) == "ééé")
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}
