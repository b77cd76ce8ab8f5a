import Foundation
import Testing

@testable import SampleData

@Suite struct JSONLTests {
    let generator = Generator(seed: 5)

    @Test func generatedLinesDecodeToTheSameRecords() throws {
        let decoder = JSONDecoder()
        for index in 0..<200 {
            let seed = generator.seedRecord(at: index)
            #expect(try decoder.decode(SeedRecord.self, from: Data(seed.jsonLine.utf8)) == seed)
            let need = generator.needRecord(at: index)
            #expect(try decoder.decode(NeedRecord.self, from: Data(need.jsonLine.utf8)) == need)
        }
        for cluster in generator.clusters() {
            #expect(try decoder.decode(ClusterRecord.self, from: Data(cluster.jsonLine.utf8)) == cluster)
        }
        for organisation in generator.organisations() {
            #expect(try decoder.decode(OrganisationRecord.self, from: Data(organisation.jsonLine.utf8)) == organisation)
        }
    }

    @Test func keysAreSnakeCaseAndNullsAreExplicit() throws {
        let seed = try #require(
            JSONSerialization.jsonObject(with: Data(generator.seedRecord(at: 0).jsonLine.utf8))
                as? [String: Any])
        #expect(
            Set(seed.keys) == [
                "ref", "title", "summary", "description", "primary_field", "secondary_fields", "keywords", "trl",
                "ip_status", "ip_scope", "partnerships", "visibility", "organisation", "coordinator", "status",
            ])
        #expect(seed["coordinator"] is NSNull)
        let need = try #require(
            JSONSerialization.jsonObject(with: Data(generator.needRecord(at: 0).jsonLine.utf8))
                as? [String: Any])
        #expect(
            Set(need.keys) == [
                "ref", "title", "summary", "description", "primary_field", "secondary_fields", "keywords", "trl_min",
                "trl_max", "ip_required", "partnerships", "scope", "target_countries", "deadline", "visibility",
                "organisation", "contact", "status",
            ])
        #expect(need["contact"] is NSNull)
        let cluster = try #require(
            JSONSerialization.jsonObject(with: Data(generator.clusters()[0].jsonLine.utf8))
                as? [String: Any])
        #expect(
            Set(cluster.keys) == [
                "slug", "name", "country", "region", "programme", "main_fields", "start_year", "outcomes", "is_sample",
                "note",
            ])
        #expect(cluster["is_sample"] as? Bool == true)
        let organisation = generator.organisations()[0].jsonLine
        #expect(organisation.contains(#""is_sample":true"#) && organisation.contains(#""cluster":"gen-"#))
    }

    @Test(arguments: [
        "plain", "quote \" inside", "back\\slash", "new\nline", "tab\tand\rreturn", "\u{08}\u{0C}", "\u{01}\u{1F}\u{7F}",
        "Zürich Île-de-France 東京 🚀", "line\u{2028}separator", "\\\"\\n", "",
    ])
    func escapingRoundTrips(_ text: String) throws {
        let seed = SeedRecord(
            ref: "X-1", title: text, summary: text, description: text, primaryField: "ict", secondaryFields: [text],
            keywords: [text, "k"], trl: 3, ipStatus: "none", ipScope: nil, partnerships: ["licence"],
            visibility: "public", organisation: text, coordinator: text, status: "published")
        let line = seed.jsonLine
        #expect(!line.utf8.contains { $0 < 0x20 }, "raw control characters must be escaped")
        let object = try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["title"] as? String == text)
        #expect(object["coordinator"] as? String == text)
        #expect(object["keywords"] as? [String] == [text, "k"])
        #expect(try JSONDecoder().decode(SeedRecord.self, from: Data(line.utf8)) == seed)
    }

    @Test func controlCharactersUseShortOrUnicodeEscapes() {
        var buffer: [UInt8] = []
        JSONObjectWriter.appendString("a\"b\\c\nd\u{01}e\u{1F}", to: &buffer)
        #expect(String(decoding: buffer, as: UTF8.self) == #""a\"b\\c\nd\u0001e\u001f""#)
    }

    @Test func writeJSONLWritesFourImportableFiles() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sampledata-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try generator.writeJSONL(to: directory, seeds: 120, needs: 80)

        func lines(_ name: String) throws -> [Substring] {
            let data = try Data(contentsOf: directory.appendingPathComponent(name))
            #expect(data.last == UInt8(ascii: "\n"))
            return String(decoding: data, as: UTF8.self).split(separator: "\n")
        }
        #expect(try lines("clusters.jsonl").count == generator.clusters().count)
        #expect(try lines("organisations.jsonl").count == generator.organisations().count)
        let seeds = try lines("seeds.jsonl")
        #expect(seeds.count == 120)
        #expect(try lines("needs.jsonl").count == 80)
        #expect(String(seeds[119]) == generator.seedRecord(at: 119).jsonLine)
        for line in seeds {
            #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil)
        }
    }
}
