import ClusterMatch
import Testing

@Suite struct DomainFileValidationTests {
    @Test func duplicateRefInOneFileReportsBothLines() throws {
        let lines = [
            Sample.seed { $0.ref = "S-1" }, Sample.seed { $0.ref = "S-2" }, Sample.seed { $0.ref = "S-1" },
            Sample.seed { $0.ref = "S-1" },
        ].map(\.jsonLine)
        let parsed = try RecordReader.read(SeedRecord.self, text: lines.joined(separator: "\n"), format: .jsonLines, file: "seeds.jsonl")
            .validated(against: Sample.known)
        #expect(parsed.records.map(\.line) == [2])
        #expect(
            parsed.problems.map(\.description) == [
                "seeds.jsonl:1: ref: ref \"S-1\" is repeated on lines 3, 4",
                "seeds.jsonl:3: ref: ref \"S-1\" is repeated on lines 1, 4",
                "seeds.jsonl:4: ref: ref \"S-1\" is repeated on lines 1, 3",
            ])
        #expect(parsed.problems.allSatisfy { $0.rule == .seedRefUnique })
    }

    @Test func readingAndRuleProblemsComeInLineOrder() throws {
        let lines = [
            Sample.seed {
                $0.ref = "S-1"; $0.trl = 0
            }.jsonLine,
            #"{"ref": "S-2", "oops": 1}"#,
            Sample.seed {
                $0.ref = "S-3"; $0.primaryField = "energy"; $0.organisation = "acme"
            }.jsonLine,
            Sample.seed { $0.ref = "S-4" }.jsonLine,
        ]
        let parsed = try RecordReader.read(SeedRecord.self, text: lines.joined(separator: "\n"), format: .jsonLines, file: "seeds.jsonl")
            .validated(against: Sample.known)
        #expect(parsed.records.map(\.line) == [4])
        #expect(parsed.badLines == [1, 2, 3])
        #expect(parsed.problems.map(\.line) == [1, 2, 2, 2, 2, 2, 2, 3, 3])
        #expect(parsed.problems.first?.description == "seeds.jsonl:1: trl: trl must be between 1 and 9")
        #expect(
            parsed.problems.suffix(2).map(\.description) == [
                "seeds.jsonl:3: primary_field: unknown field \"energy\"",
                "seeds.jsonl:3: organisation: unknown organisation \"acme\"",
            ])
        #expect(throws: ValidationFailure.self) { try parsed.get() }
    }

    @Test func unknownClusterInACSVOfOrganisations() throws {
        let text =
            "slug,name,kind,cluster,country\nosaka-university,Osaka University,university,osaka-saito,JP\nhokudai,Hokkaido University,university,sapporo,JP\n"
        let parsed = try RecordReader.read(OrganisationRecord.self, text: text, format: .csv, file: "organisations.csv")
            .validated(against: Sample.known)
        #expect(parsed.problems.map(\.description) == ["organisations.csv:2: cluster: unknown cluster \"osaka-saito\""])
        #expect(parsed.records.map(\.record.slug) == ["hokudai"])
    }

    @Test func sisterLinksRepeatedInEitherOrder() throws {
        let text = #"{"a": "gifu", "b": "criaq-quebec"}"# + "\n" + #"{"a": "criaq-quebec", "b": "gifu", "since": 2013}"#
        let parsed = try RecordReader.read(SisterLinkRecord.self, text: text, format: .jsonLines, file: "sister-links.jsonl")
            .validated(against: Sample.known)
        #expect(parsed.problems.map(\.rule) == [.sisterLinkUnique, .sisterLinkUnique])
        #expect(
            parsed.problems.first?.description == "sister-links.jsonl:1: b: the link between criaq-quebec and gifu is repeated on line 2")
    }

    @Test func validFileWithSQLMetacharacters() throws {
        let seed = Sample.seed { $0.title = "'; drop table seeds; --" }
        let bytes = RecordWriter.csv([seed])
        let parsed = try RecordReader.read(SeedRecord.self, bytes: bytes, format: .csv).validated(against: Sample.known)
        #expect(try parsed.get() == [seed])
    }
}
