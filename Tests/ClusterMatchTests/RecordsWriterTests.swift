import ClusterMatch
import Testing

@Suite struct RecordsWriterTests {
    /// Text that tends to break writers: quotes, commas, line breaks, emoji, Japanese, SQL metacharacters.
    static let nastyTexts = [
        "He said \"hi\", then left", "line one\nline two\r\nline three\r", "'; drop table seeds; --",
        "技術シーズ：雪道のエッジセンサー融合", "👍🏽 e\u{301} 😀 🇯🇵", "  padded  ", "\t", "a;b", "[not a list]", "\\ back \\\\ slash",
        "\u{1}\u{1F} control", "=cmd|' /C calc'!A0", "",
    ]

    static func nastySeeds() -> [SeedRecord] {
        nastyTexts.enumerated().map { index, text in
            Sample.seed {
                $0.ref = "S-\(index + 10)"
                $0.title = text.isEmpty ? "t" : text
                $0.summary = text
                $0.description = text + text
                $0.keywords = [text, "plain", "x;y", " spaced ", "[bracket"].filter { !$0.isEmpty }
                $0.coordinator = text.isEmpty ? nil : text
                $0.id = Int64(index + 1)
                $0.publishedAt = "2026-04-01T09:00:00Z"
                $0.renewals = 0
            }
        }
    }

    static func nastyNeeds() -> [NeedRecord] {
        nastyTexts.enumerated().map { index, text in
            Sample.need {
                $0.ref = "N-\(index + 10)"
                $0.title = text.isEmpty ? "t" : text
                $0.description = text
                $0.keywords = [text, ""].filter { !$0.isEmpty } + ["k"]
                $0.ipRequired = index % 2 == 0 ? [] : [.knowHow, .patentGranted]
                $0.deadline = index % 3 == 0 ? nil : "2027-03-31"
            }
        }
    }

    @Test(arguments: RecordFormat.allCases)
    func seedsRoundTrip(format: RecordFormat) throws {
        let seeds = Self.nastySeeds()
        let bytes = RecordWriter.write(seeds, format: format)
        let parsed = try RecordReader.read(SeedRecord.self, bytes: bytes, format: format)
        #expect(parsed.problems == [])
        #expect(parsed.records.map(\.record) == seeds)
        // Writing what was read gives the same bytes.
        #expect(RecordWriter.write(parsed.records.map(\.record), format: format) == bytes)
    }

    @Test(arguments: RecordFormat.allCases)
    func needsRoundTrip(format: RecordFormat) throws {
        let needs = Self.nastyNeeds()
        let bytes = RecordWriter.write(needs, format: format)
        let parsed = try RecordReader.read(NeedRecord.self, bytes: bytes, format: format)
        #expect(parsed.problems == [])
        #expect(parsed.records.map(\.record) == needs)
        #expect(RecordWriter.write(parsed.records.map(\.record), format: format) == bytes)
    }

    @Test(arguments: RecordFormat.allCases)
    func otherShapesRoundTrip(format: RecordFormat) throws {
        let clusters = [
            ClusterRecord(
                slug: "sapporo", name: "Sapporo \"IT\", 札幌", country: "JP", region: "Hokkaido", programme: .knowledgeCluster,
                mainFields: ["ict", "nano"], startYear: 2002,
                outcomes: [
                    "fy": .string("2002-2004"), "patents": .number("12"), "ratio": .number("1.5e3"), "list": .array([.null, .bool(true)]),
                ],
                isSample: true, note: "multi\nline")
        ]
        let read = try RecordReader.read(ClusterRecord.self, bytes: RecordWriter.write(clusters, format: format), format: format)
        #expect(read.records.map(\.record) == clusters)
        let people = [
            PersonRecord(
                name: "田中 愛子", email: "a.tanaka@example.jp", organisation: "osaka-university",
                roles: [RoleRecord(role: .coordinator, cluster: "osaka-saito"), RoleRecord(role: .forumOrganiser)])
        ]
        let readPeople = try RecordReader.read(PersonRecord.self, bytes: RecordWriter.write(people, format: format), format: format)
        #expect(readPeople.records.map(\.record) == people)
    }

    @Test func jsonLinesKeyOrderIsStable() {
        let line = String(decoding: RecordWriter.jsonLines([Sample.seed()]), as: UTF8.self)
        #expect(
            line
                == #"{"ref":"S-SAP-001","title":"Edge sensor fusion for snow roads","summary":"Short summary.","description":"Longer description.","primary_field":"ict","secondary_fields":["nano"],"keywords":["edge computing","sensor fusion"],"trl":4,"ip_status":"patent-applied","ip_scope":"domestic","partnerships":["licence","joint-research"],"visibility":"public","organisation":"hokkaido-university","coordinator":"a.tanaka@example.jp","status":"published"}"#
                + "\n")
        #expect(Sample.seed().jsonLine + "\n" == line)
    }

    @Test func textIsWrittenByteForByte() {
        let seed = Sample.seed { $0.title = "技術 👍🏽 \"q\" '; drop table seeds; --" }
        let line = String(decoding: RecordWriter.jsonLines([seed]), as: UTF8.self)
        #expect(line.contains(#""title":"技術 👍🏽 \"q\" '; drop table seeds; --""#))
        let csv = String(decoding: RecordWriter.csv([seed]), as: UTF8.self)
        #expect(csv.contains(#","技術 👍🏽 ""q"" '; drop table seeds; --","#))
    }

    @Test func csvColumnOrderIsStable() {
        let csv = String(decoding: RecordWriter.csv([Sample.seed()]), as: UTF8.self)
        let lines = csv.split(separator: "\n")
        #expect(lines.first.map(String.init) == SeedRecord.keys.joined(separator: ","))
        #expect(
            lines.last
                == "S-SAP-001,Edge sensor fusion for snow roads,Short summary.,Longer description.,ict,nano,edge computing;sensor fusion,4,patent-applied,domestic,licence;joint-research,public,hokkaido-university,a.tanaka@example.jp,published,,,,,,,,"
        )
        #expect(
            RecordWriter.csvHeader(NeedRecord.self) + RecordWriter.csvLine(Sample.need())
                == String(decoding: RecordWriter.csv([Sample.need()]), as: UTF8.self))
    }

    @Test func listsThatCannotBeJoinedBecomeJSONArrays() {
        let seed = Sample.seed { $0.keywords = ["a;b", " c"] }
        let csv = String(decoding: RecordWriter.csv([seed]), as: UTF8.self)
        #expect(csv.contains(#","[""a;b"","" c""]","#))
    }
}
