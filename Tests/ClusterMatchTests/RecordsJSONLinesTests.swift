import ClusterMatch
import Foundation
import Testing

@Suite struct RecordsJSONLinesTests {
    func read<R: RecordShape>(_ type: R.Type, _ text: String) throws -> Parsed<R> {
        try RecordReader.read(type, text: text, format: .jsonLines, file: "seeds.jsonl")
    }

    let seedLine =
        #"{"ref": "S-SAP-001", "title": "Edge sensor fusion for snow roads", "summary": "Short summary.", "description": "Longer description.", "primary_field": "ict", "secondary_fields": ["nano"], "keywords": ["edge computing", "sensor fusion"], "trl": 4, "ip_status": "patent-applied", "ip_scope": "domestic", "partnerships": ["licence", "joint-research"], "visibility": "public", "organisation": "hokkaido-university", "coordinator": "a.tanaka@example.jp", "status": "published"}"#

    @Test func readsTheReadmeSeed() throws {
        let parsed = try read(SeedRecord.self, seedLine + "\n")
        #expect(parsed.problems == [])
        #expect(parsed.records.map(\.record) == [Sample.seed()])
        #expect(parsed.records.first?.line == 1)
    }

    @Test func blankLinesAreAllowedAndLinesCounted() throws {
        let parsed = try read(
            SeedRecord.self, "\n   \n" + seedLine + "\r\n\n" + seedLine.replacingOccurrences(of: "S-SAP-001", with: "S-SAP-002"))
        #expect(parsed.problems == [])
        #expect(parsed.records.map(\.line) == [3, 5])
    }

    @Test func defaultsForOptionalKeys() throws {
        let parsed = try read(
            SeedRecord.self,
            #"{"ref": "S1", "title": "T", "primary_field": "ict", "trl": 3, "partnerships": ["consulting"], "organisation": "o1", "coordinator": null}"#
        )
        let seed = try #require(parsed.records.first?.record)
        #expect(seed.summary == "" && seed.ipStatus == .none && seed.ipScope == nil && seed.visibility == .public)
        #expect(seed.status == nil && seed.coordinator == nil && seed.keywords == [])
    }

    @Test func unknownEnumValueNamesFieldAndAllowedValues() throws {
        let line = seedLine.replacingOccurrences(of: #"["licence", "joint-research"]"#, with: #"["licensing"]"#)
        let parsed = try read(SeedRecord.self, line)
        #expect(parsed.records.isEmpty)
        #expect(
            parsed.problems.map(\.description) == [
                "seeds.jsonl:1: partnerships: \"licensing\" is not one of licence, joint-research, sponsored-research, consulting, investment"
            ])
        #expect(parsed.problems.first?.rule == .seedPartnershipsKnown)
    }

    @Test func unknownKeysAreErrorsWithASuggestion() throws {
        let line = seedLine.replacingOccurrences(of: #""title""#, with: #""titel""#)
        let parsed = try read(SeedRecord.self, line)
        #expect(
            parsed.problems.map(\.description) == [
                "seeds.jsonl:1: titel: unknown key \"titel\" (did you mean \"title\"?)",
                "seeds.jsonl:1: title: title is required",
            ])
    }

    @Test func missingRequiredKeysAreNamed() throws {
        let parsed = try read(SeedRecord.self, #"{"title": "T"}"#)
        #expect(
            parsed.problems.map(\.description) == [
                "seeds.jsonl:1: ref: ref is required",
                "seeds.jsonl:1: primary_field: primary_field is required",
                "seeds.jsonl:1: trl: trl is required",
                "seeds.jsonl:1: partnerships: partnerships is required",
                "seeds.jsonl:1: organisation: organisation is required",
            ])
    }

    @Test func typesAreStrict() throws {
        for (value, message) in [
            ("4.5", "\"4.5\" is not a whole number"), ("4.0", "\"4.0\" is not a whole number"),
            ("1e1", "\"1e1\" is not a whole number"), (#""4""#, "expected a whole number, found a string"),
            ("99999999999999999999", "\"99999999999999999999\" is not a whole number"),
        ] {
            let parsed = try read(SeedRecord.self, seedLine.replacingOccurrences(of: #""trl": 4"#, with: #""trl": \#(value)"#))
            #expect(parsed.problems.map(\.description) == ["seeds.jsonl:1: trl: \(message)"])
        }
        let parsed = try read(
            SeedRecord.self, seedLine.replacingOccurrences(of: #""title": "Edge sensor fusion for snow roads""#, with: #""title": 7"#))
        #expect(parsed.problems.map(\.description) == ["seeds.jsonl:1: title: expected a string, found a number"])
        let list = try read(SeedRecord.self, seedLine.replacingOccurrences(of: #"["nano"]"#, with: #""nano""#))
        #expect(list.problems.map(\.description) == ["seeds.jsonl:1: secondary_fields: expected an array of strings, found a string"])
    }

    @Test func syntaxErrorsAreReportedPerLineAndOtherLinesStillRead() throws {
        let text =
            seedLine + "\n" + #"{"ref": "S2", "title": "x",}"# + "\n" + "[1, 2]\n" + #"{"ref": "S3" "title": "x"}"# + "\n"
            + #"{"ref": "S4", "ref": "S5"}"#
        let parsed = try read(SeedRecord.self, text)
        #expect(parsed.records.map(\.line) == [1])
        #expect(
            parsed.problems.map(\.description) == [
                "seeds.jsonl:2: invalid JSON at column 28: expected a key in double quotes",
                "seeds.jsonl:3: expected one JSON object per line, found an array",
                "seeds.jsonl:4: invalid JSON at column 14: expected ',' or '}'",
                "seeds.jsonl:5: invalid JSON at column 15: duplicate key \"ref\"",
            ])
        #expect(throws: ValidationFailure.self) { try parsed.get() }
    }

    @Test func emptyFile() {
        for text in ["", "\n\n  \n", "\u{FEFF}"] {
            #expect {
                try read(SeedRecord.self, text)
            } throws: { error in
                (error as? ValidationFailure)?.description == "seeds.jsonl: file is empty"
            }
        }
    }

    @Test func invalidUTF8IsRejectedWithItsLine() {
        var bytes = Array((seedLine + "\n" + seedLine + "\n").utf8)
        bytes.append(contentsOf: Array(#"{"ref": "S"#.utf8) + [0xFF, 0xFE] + Array("\"}\n".utf8))
        #expect {
            try RecordReader.read(SeedRecord.self, bytes: bytes, format: .jsonLines, file: "seeds.jsonl")
        } throws: { error in
            (error as? ValidationFailure)?.description == "seeds.jsonl:3: the file is not valid UTF-8 (byte 0xFF); save it as UTF-8"
        }
        // Overlong encodings and surrogates are not UTF-8 either.
        for bad: [UInt8] in [[0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE6, 0x8A]] {
            #expect(throws: ValidationFailure.self) {
                try RecordReader.read(SeedRecord.self, bytes: Array("{\"ref\": \"".utf8) + bad + Array("\"}".utf8), format: .jsonLines)
            }
        }
        #expect {
            try RecordReader.read(SeedRecord.self, bytes: Array("{}\n{\"ref\": \"a\u{0}\"}".utf8), format: .jsonLines)
        } throws: { error in
            (error as? ValidationFailure)?.description == "line 2: the file contains a NUL byte, which text cannot hold"
        }
    }

    @Test func escapesAndUnicode() throws {
        let line = seedLine.replacingOccurrences(
            of: #""title": "Edge sensor fusion for snow roads""#, with: #""title": "\"Q\" \u00e9\ud83d\ude00 \n 技術 👍🏽""#)
        let parsed = try read(SeedRecord.self, line)
        #expect(parsed.records.first?.record.title == "\"Q\" é😀 \n 技術 👍🏽")
        let bad = try read(SeedRecord.self, seedLine.replacingOccurrences(of: #""Short summary.""#, with: #""a\u0000b""#))
        #expect(bad.problems.first?.message == "invalid JSON at column 81: \\u0000 is not allowed in text")
        let surrogate = try read(SeedRecord.self, seedLine.replacingOccurrences(of: #""Short summary.""#, with: #""\ud800""#))
        #expect(surrogate.problems.first?.message.hasSuffix("unpaired surrogate escape") == true)
    }

    @Test func everyShapeReadsItsReadmeExample() throws {
        let cluster = try read(
            ClusterRecord.self,
            #"{"slug": "sapporo", "name": "Sapporo IT Carrozzeria", "country": "JP", "region": "Hokkaido", "programme": "knowledge-cluster", "main_fields": ["ict"], "start_year": 2002, "outcomes": {"fy": "2002-2004", "treatises_domestic": 30, "ratio": 1.5}, "is_sample": false, "note": ""}"#
        )
        #expect(cluster.problems == [])
        #expect(
            cluster.records.first?.record.outcomes == [
                "fy": .string("2002-2004"), "treatises_domestic": .number("30"), "ratio": .number("1.5"),
            ])
        let link = try read(SisterLinkRecord.self, #"{"a": "gifu", "b": "criaq-quebec", "since": 2012, "note": "Japan-Canada forum 2012"}"#)
        #expect(link.records.first?.record == SisterLinkRecord(a: "gifu", b: "criaq-quebec", since: 2012, note: "Japan-Canada forum 2012"))
        let organisation = try read(
            OrganisationRecord.self,
            #"{"slug": "osaka-university", "name": "Osaka University", "kind": "university", "cluster": "osaka-saito", "country": "JP", "is_sample": false}"#
        )
        #expect(organisation.records.first?.record.kind == .university)
        let person = try read(
            PersonRecord.self,
            #"{"name": "Aiko Tanaka", "email": "a.tanaka@example.jp", "organisation": "osaka-university", "roles": [{"role": "coordinator", "organisation": "osaka-university"}, {"role": "coordinator", "cluster": "osaka-saito"}]}"#
        )
        #expect(
            person.records.first?.record.roles == [
                RoleRecord(role: .coordinator, organisation: "osaka-university"), RoleRecord(role: .coordinator, cluster: "osaka-saito"),
            ])
        let need = try read(
            NeedRecord.self,
            #"{"ref": "N-GIF-001", "title": "…", "summary": "…", "description": "…", "primary_field": "aerospace", "secondary_fields": [], "keywords": ["…"], "trl_min": 4, "trl_max": 7, "ip_required": ["patent-granted"], "partnerships": ["licence"], "scope": "international-welcome", "target_countries": ["CA", "FR"], "deadline": "2027-03-31", "visibility": "public", "organisation": "gifu-aero-firm", "contact": "k.ito@example.jp", "status": "published"}"#
        )
        #expect(need.problems == [])
        #expect(need.records.first?.record.targetCountries == ["CA", "FR"])
        let pair = try read(PlantedPairRecord.self, #"{"need": "N-GIF-001", "seed": "S-CRIAQ-004", "kind": "sister", "why": "…"}"#)
        #expect(pair.records.first?.record.kind == .sister)
    }

    @Test func nestedProblemsNameTheirPath() throws {
        let person = try read(
            PersonRecord.self, #"{"name": "A", "email": "a@b", "roles": [{"role": "coordinator"}, {"role": "boss", "org": "x"}]}"#)
        #expect(
            person.problems.map(\.description) == [
                "seeds.jsonl:1: roles[2].org: unknown key \"org\"",
                "seeds.jsonl:1: roles[2].role: \"boss\" is not one of coordinator, firm-contact, forum-organiser",
            ])
        let cluster = try read(
            ClusterRecord.self, #"{"slug": "s1", "name": "S", "country": "JP", "programme": "knowledge-cluster", "outcomes": [1]}"#)
        #expect(cluster.problems.map(\.description) == ["seeds.jsonl:1: outcomes: outcomes must be a JSON object, found an array"])
    }

    @Test func codableGoesThroughTheSameChecks() throws {
        let decoder = JSONTestCoding.decoder
        let seed = try decoder.decode(SeedRecord.self, from: Array(seedLine.utf8))
        #expect(seed == Sample.seed())
        #expect {
            try decoder.decode(SeedRecord.self, from: Array(seedLine.replacingOccurrences(of: "\"public\"", with: "\"secret\"").utf8))
        } throws: { error in
            (error as? ValidationFailure)?.problems.map(\.description) == ["visibility: \"secret\" is not one of public, confidential"]
        }
        let encoded = try JSONTestCoding.encoder.encode(Sample.seed())
        #expect(try decoder.decode(SeedRecord.self, from: encoded) == Sample.seed())
    }
}
