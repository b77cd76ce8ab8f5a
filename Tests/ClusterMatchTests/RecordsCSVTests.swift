import ClusterMatch
import Testing

@Suite struct RecordsCSVTests {
    func read<R: RecordShape>(_ type: R.Type, _ text: String) throws -> Parsed<R> {
        try RecordReader.read(type, text: text, format: .csv, file: "seeds.csv")
    }

    static let header =
        "ref,title,summary,description,primary_field,secondary_fields,keywords,trl,ip_status,ip_scope,partnerships,visibility,organisation,coordinator,status\n"
    static let row =
        "S-SAP-001,Edge sensor fusion for snow roads,Short summary.,Longer description.,ict,nano,edge computing; sensor fusion,4,patent-applied,domestic,licence;joint-research,public,hokkaido-university,a.tanaka@example.jp,published\n"

    @Test func readsASeedRow() throws {
        let parsed = try read(SeedRecord.self, Self.header + Self.row)
        #expect(parsed.problems == [])
        #expect(parsed.records.map(\.record) == [Sample.seed()])
        #expect(parsed.records.map(\.line) == [2])
    }

    @Test func columnsMayComeInAnyOrderAndOptionalOnesMayBeLeftOut() throws {
        let parsed = try read(
            SeedRecord.self,
            "organisation,trl,partnerships,ref,title,primary_field\r\nhokkaido-university, 4 ,licence,S1,\"Title, with comma\",ict\r\n")
        #expect(parsed.problems == [])
        let seed = try #require(parsed.records.first?.record)
        #expect(seed.title == "Title, with comma" && seed.trl == 4 && seed.partnerships == [.licence] && seed.keywords == [])
    }

    @Test func quotedCellsWithEscapesAndNewlinesStartOnTheirFirstLine() throws {
        let text =
            "ref,title,summary,primary_field,trl,partnerships,organisation\n"
            + "S1,\"He said \"\"hi\"\"\",\"line one\nline two\r\nline three\",ict,4,licence,o1\n"
            + "S2,Second,,ict,5,licence,o1\n"
        let parsed = try read(SeedRecord.self, text)
        #expect(parsed.problems == [])
        #expect(parsed.records.map(\.line) == [2, 5])
        #expect(parsed.records[0].record.title == "He said \"hi\"")
        #expect(parsed.records[0].record.summary == "line one\nline two\r\nline three")
        #expect(parsed.records[1].record.summary == "")
    }

    @Test func brokenQuoting() throws {
        let text =
            "ref,title,primary_field,trl,partnerships,organisation\n"
            + "S1,ab\"c,ict,4,licence,o1\n"
            + "S2,\"ab\"c,ict,4,licence,o1\n"
            + "S3,ok,ict,4,licence,o1\n"
            + "S4,\"never closed,ict,4,licence,o1\n"
            + "S5,ok,ict,4,licence,o1\n"
        let parsed = try read(SeedRecord.self, text)
        #expect(parsed.records.map(\.line) == [4])
        #expect(
            parsed.problems.map(\.description) == [
                "seeds.csv:2: stray '\"' in cell 2; quote the whole cell and double quotes inside it (\"\")",
                "seeds.csv:3: text after a closing quote; a quoted cell must end at ',' or the end of the line",
                "seeds.csv:5: quoted cell 2 is never closed, so the rest of the file was read into it; close it with '\"'",
            ])
    }

    @Test func wrongNumberOfCells() throws {
        let parsed = try read(
            SeedRecord.self, "ref,title,primary_field,trl,partnerships,organisation\nS1,T,ict,4,licence\nS2,T,ict,4,licence,o1,extra\n")
        #expect(
            parsed.problems.map(\.description) == [
                "seeds.csv:2: expected 6 cells as in the header, found 5",
                "seeds.csv:3: expected 6 cells as in the header, found 7",
            ])
    }

    @Test func headerProblemsRejectTheFile() {
        #expect {
            try read(SeedRecord.self, "ref,titel,primary_field,trl,partnerships,organisation,ref,colour\nS1,T,ict,4,licence,o1,S1,red\n")
        } throws: { error in
            (error as? ValidationFailure)?.problems.map(\.description) == [
                "seeds.csv:1: titel: unknown column \"titel\" (did you mean \"title\"?)",
                "seeds.csv:1: ref: column \"ref\" appears twice",
                "seeds.csv:1: colour: unknown column \"colour\"",
                "seeds.csv:1: title: missing required column \"title\"",
            ]
        }
    }

    @Test func emptyFileAndHeaderOnly() {
        #expect {
            try read(SeedRecord.self, "")
        } throws: { error in (error as? ValidationFailure)?.description == "seeds.csv: file is empty" }
        #expect {
            try read(SeedRecord.self, "\n\r\n")
        } throws: { error in (error as? ValidationFailure)?.description == "seeds.csv: file is empty" }
        #expect {
            try read(SeedRecord.self, Self.header)
        } throws: { error in (error as? ValidationFailure)?.description == "seeds.csv: no records after the header" }
    }

    @Test func strictNumbersAndEmptyCells() throws {
        let parsed = try read(
            SeedRecord.self,
            "ref,title,primary_field,trl,partnerships,organisation\nS1,T,ict,4.5,licence,o1\nS2,T,ict,,licence,o1\nS3,T,ict,+4,licence,o1\nS4,T,ict,4,,o1\n"
        )
        #expect(
            parsed.problems.map(\.description) == [
                "seeds.csv:2: trl: \"4.5\" is not a whole number",
                "seeds.csv:3: trl: trl is required",
                "seeds.csv:4: trl: \"+4\" is not a whole number",
                "seeds.csv:5: partnerships: partnerships is required",
            ])
    }

    @Test func listsAreSplitOnSemicolons() throws {
        let parsed = try read(
            SeedRecord.self,
            "ref,title,primary_field,trl,partnerships,organisation,keywords\nS1,T,ict,4, licence ;; consulting ;,o1,\" a ; b;;c \"\n")
        let seed = try #require(parsed.records.first?.record)
        #expect(seed.partnerships == [.licence, .consulting])
        #expect(seed.keywords == ["a", "b", "c"])
        let bad = try read(SeedRecord.self, "ref,title,primary_field,trl,partnerships,organisation\nS1,T,ict,4,licence;licensing,o1\n")
        #expect(
            bad.problems.map(\.description) == [
                "seeds.csv:2: partnerships: \"licensing\" is not one of licence, joint-research, sponsored-research, consulting, investment"
            ])
    }

    @Test func jsonCells() throws {
        let clusters = try read(
            ClusterRecord.self,
            "slug,name,country,programme,outcomes,is_sample\nsapporo,Sapporo,JP,knowledge-cluster,\"{\"\"patents\"\": 12}\",true\ngifu,Gifu,JP,city-area,{bad,maybe\n"
        )
        #expect(clusters.records.first?.record.outcomes == ["patents": .number("12")])
        #expect(clusters.records.first?.record.isSample == true)
        #expect(
            clusters.problems.map(\.description) == [
                "seeds.csv:3: outcomes: invalid JSON at column 2: expected a key in double quotes",
                "seeds.csv:3: is_sample: \"maybe\" is not true or false",
            ])
        let people = try read(
            PersonRecord.self,
            "name,email,roles\nAiko,a@b.jp,\"[{\"\"role\"\": \"\"coordinator\"\", \"\"cluster\"\": \"\"sapporo\"\"}]\"\n")
        #expect(people.records.first?.record.roles == [RoleRecord(role: .coordinator, cluster: "sapporo")])
    }

    @Test func invalidUTF8AndByteOrderMark() throws {
        var bytes = Array((Self.header + Self.row).utf8)
        bytes.insert(contentsOf: [0xEF, 0xBB, 0xBF], at: 0)
        let parsed = try RecordReader.read(SeedRecord.self, bytes: bytes, format: .csv)
        #expect(parsed.records.count == 1)
        bytes.append(contentsOf: Array("S2,caf".utf8) + [0xE9] + Array(",x\n".utf8))  // Latin-1 é
        #expect {
            try RecordReader.read(SeedRecord.self, bytes: bytes, format: .csv, file: "seeds.csv")
        } throws: { error in
            (error as? ValidationFailure)?.description == "seeds.csv:3: the file is not valid UTF-8 (byte 0xE9); save it as UTF-8"
        }
    }

    @Test func formatByExtension() throws {
        #expect(try RecordFormat(path: "a/b/seeds.CSV") == .csv)
        #expect(try RecordFormat(path: "seeds.jsonl") == .jsonLines)
        #expect(try RecordFormat(path: "seeds.ndjson") == .jsonLines)
        #expect {
            try RecordFormat(path: "seeds.xlsx")
        } throws: { error in
            (error as? ValidationFailure)?.description == "seeds.xlsx: unsupported file extension \".xlsx\"; use .csv, .jsonl or .ndjson"
        }
        #expect(throws: ValidationFailure.self) { try RecordFormat(path: "seeds") }
        #expect {
            try RecordReader.read(SeedRecord.self, path: "/nonexistent/seeds.csv")
        } throws: { error in (error as? ValidationFailure)?.description == "/nonexistent/seeds.csv: no such file" }
    }
}
