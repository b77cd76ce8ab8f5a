import ArgumentParser
import ClusterMatch
import Foundation
import Postgres
import SampleData
import Testing

@testable import ClusterMatchCLI

/// `import` as a new user would try it, against a real database: every bad input gives one clear line per problem
/// (file:line: field: rule) and writes nothing.
@Suite struct ImportTests {
    /// One good seed line with a few values replaced.
    static func seedLine(_ change: (inout ClusterMatch.SeedRecord) -> Void = { _ in }) -> String {
        Sample.seed(change).jsonLine
    }

    @Test func unknownFieldIsRejectedWithItsLine() async throws {
        let path = try TempFile.write(Self.seedLine().replacingOccurrences(of: "\"title\"", with: "\"titel\"") + "\n", name: "seeds.jsonl")
        try await StoreTest.withDatabase { connection async throws in
            #expect(
                try await StoreTest.rejection(.seeds, path: path, on: connection) == [
                    "\(path):1: titel: unknown key \"titel\" (did you mean \"title\"?)",
                    "\(path):1: title: title is required",
                ])
            #expect(try await StoreTest.count("seeds", on: connection) == 0)
        }
    }

    @Test func trlZeroAndTwelveAreRejected() async throws {
        let lines = [Self.seedLine { $0.ref = "S-1"; $0.trl = 0 }, Self.seedLine { $0.ref = "S-2" }, Self.seedLine { $0.ref = "S-3"; $0.trl = 12 }]
        let path = try TempFile.write(lines.joined(separator: "\n"), name: "seeds.jsonl")
        try await StoreTest.withDatabase { connection async throws in
            #expect(
                try await StoreTest.rejection(.seeds, path: path, on: connection) == [
                    "\(path):1: trl: trl must be between 1 and 9", "\(path):3: trl: trl must be between 1 and 9",
                ])
            #expect(try await StoreTest.count("seeds", on: connection) == 0)
        }
    }

    @Test func fiveThousandCharacterSummaryIsRejected() async throws {
        let path = try TempFile.write(Self.seedLine { $0.summary = String(repeating: "あ", count: 5_000) }, name: "seeds.jsonl")
        try await StoreTest.withDatabase { connection async throws in
            #expect(
                try await StoreTest.rejection(.seeds, path: path, on: connection) == [
                    "\(path):1: summary: summary must be at most 500 characters"
                ])
            #expect(try await StoreTest.count("seeds", on: connection) == 0)
        }
    }

    @Test func invalidUTF8IsRejectedWithItsLine() async throws {
        var bytes = Array((Self.seedLine { $0.ref = "S-1" } + "\n").utf8)
        bytes += Array(Self.seedLine { $0.ref = "S-2"; $0.title = "bad here" }.utf8)
        let position = bytes.lastIndex(of: UInt8(ascii: "h"))!
        bytes[position] = 0xFF
        let path = try TempFile.write(bytes, name: "seeds.jsonl")
        try await StoreTest.withDatabase { connection async throws in
            let problems = try await StoreTest.rejection(.seeds, path: path, on: connection)
            #expect(problems == ["\(path):2: the file is not valid UTF-8 (byte 0xFF); save it as UTF-8"])
            #expect(try await StoreTest.count("seeds", on: connection) == 0)
        }
    }

    @Test func unknownClusterIsRejected() async throws {
        let path = try TempFile.write(
            #"{"slug": "new-firm", "name": "New Firm", "kind": "firm", "cluster": "atlantis", "country": "JP"}"#,
            name: "orgs.jsonl")
        try await StoreTest.withDatabase { connection async throws in
            let before = try await StoreTest.count("organisations", on: connection)
            #expect(
                try await StoreTest.rejection(.organisations, path: path, on: connection) == [
                    "\(path):1: cluster: unknown cluster \"atlantis\""
                ])
            #expect(try await StoreTest.count("organisations", on: connection) == before)
        }
    }

    @Test func duplicateRefInsideTheFileNamesBothLines() async throws {
        let lines = [Self.seedLine { $0.ref = "S-1" }, Self.seedLine { $0.ref = "S-2" }, Self.seedLine { $0.ref = "S-1" }]
        let path = try TempFile.write(lines.joined(separator: "\n"), name: "seeds.jsonl")
        try await StoreTest.withDatabase { connection async throws in
            #expect(
                try await StoreTest.rejection(.seeds, path: path, on: connection) == [
                    "\(path):1: ref: ref \"S-1\" is repeated on line 3", "\(path):3: ref: ref \"S-1\" is repeated on line 1",
                ])
            #expect(try await StoreTest.count("seeds", on: connection) == 0)
        }
    }

    @Test func duplicateRefAgainstTheDatabaseIsRejected() async throws {
        let first = try TempFile.write(Self.seedLine { $0.ref = "S-1" }, name: "first.jsonl")
        let second = try TempFile.write(
            [Self.seedLine { $0.ref = "S-2" }, Self.seedLine { $0.ref = "S-1" }].joined(separator: "\n"), name: "second.jsonl")
        try await StoreTest.withDatabase { connection async throws in
            let summary = try await Importer().importFile(.seeds, path: first, into: connection)
            #expect(summary.inserted == 1)
            #expect(
                try await StoreTest.rejection(.seeds, path: second, on: connection) == [
                    "\(second):2: ref: ref is already used by another seed"
                ])
            #expect(try await StoreTest.count("seeds", on: connection) == 1)
        }
    }

    @Test func brokenCSVQuotingIsRejected() async throws {
        let header = "ref,title,primary_field,trl,partnerships,organisation\n"
        let path = try TempFile.write(
            header + "S-1,\"bro\"ken\",ict,4,licence,hokkaido-university\nS-2,fine,ict,4,licence,hokkaido-university\n",
            name: "seeds.csv")
        let unclosed = try TempFile.write(header + "S-1,\"never closed,ict,4,licence,hokkaido-university\n", name: "seeds.csv")
        try await StoreTest.withDatabase { connection async throws in
            #expect(
                try await StoreTest.rejection(.seeds, path: path, on: connection) == [
                    "\(path):2: text after a closing quote; a quoted cell must end at ',' or the end of the line"
                ])
            #expect(
                try await StoreTest.rejection(.seeds, path: unclosed, on: connection) == [
                    "\(unclosed):2: quoted cell 2 is never closed, so the rest of the file was read into it; close it with '\"'"
                ])
            #expect(try await StoreTest.count("seeds", on: connection) == 0)
        }
    }

    @Test func emptyFilesAreRejected() async throws {
        let empty = try TempFile.write("", name: "seeds.jsonl")
        let blank = try TempFile.write("\n  \n", name: "seeds.jsonl")
        let headerOnly = try TempFile.write("ref,title,primary_field,trl,partnerships,organisation\n", name: "seeds.csv")
        try await StoreTest.withDatabase { connection async throws in
            #expect(try await StoreTest.rejection(.seeds, path: empty, on: connection) == ["\(empty): file is empty"])
            #expect(try await StoreTest.rejection(.seeds, path: blank, on: connection) == ["\(blank): file is empty"])
            #expect(
                try await StoreTest.rejection(.seeds, path: headerOnly, on: connection) == [
                    "\(headerOnly): no records after the header"
                ])
            #expect(try await StoreTest.count("seeds", on: connection) == 0)
        }
    }

    @Test func sqlMetacharactersAreStoredAsText() async throws {
        let title = "Robert'); drop table seeds; -- \\ $1 \"quoted\" \t tab"
        let path = try TempFile.write(
            [Self.seedLine { $0.ref = "S-1"; $0.title = title }, Self.seedLine { $0.ref = "S-2'; drop table seeds; --" }]
                .joined(separator: "\n"), name: "seeds.jsonl")
        let good = try TempFile.write(Self.seedLine { $0.ref = "S-1"; $0.title = title }, name: "seeds.jsonl")
        try await StoreTest.withDatabase { connection async throws in
            #expect(
                try await StoreTest.rejection(.seeds, path: path, on: connection) == [
                    "\(path):2: ref: ref must be 2 to 40 letters, digits, '.', '_' or '-', starting with a letter or digit"
                ])
            #expect(try await StoreTest.count("seeds", on: connection) == 0)
            try await Importer().importFile(.seeds, path: good, into: connection)
            let stored = try await connection.query("select title from seeds where ref = $1", ["S-1"])
            #expect(try stored.first?.decode(String.self, at: 0) == title)
        }
    }

    @Test func skipInvalidKeepsGoodRowsAndReportsEachBadOne() async throws {
        let existing = try TempFile.write(Self.seedLine { $0.ref = "S-OLD" }, name: "old.jsonl")
        let lines = [
            Self.seedLine { $0.ref = "S-1" }, Self.seedLine { $0.ref = "S-2"; $0.trl = 0 }, Self.seedLine { $0.ref = "S-OLD" },
            Self.seedLine { $0.ref = "S-3"; $0.organisation = "nowhere" }, Self.seedLine { $0.ref = "S-4" },
        ]
        let path = try TempFile.write(lines.joined(separator: "\n"), name: "seeds.jsonl")
        try await StoreTest.withDatabase { connection async throws in
            try await Importer().importFile(.seeds, path: existing, into: connection)
            let summary = try await Importer(skipInvalid: true).importFile(.seeds, path: path, into: connection)
            #expect(summary.inserted == 2)
            #expect(summary.skipped == 3)
            #expect(summary.read == 5)
            #expect(
                summary.problems.map(\.description) == [
                    "\(path):2: trl: trl must be between 1 and 9",
                    "\(path):3: ref: ref is already used by another seed",
                    "\(path):4: organisation: unknown organisation \"nowhere\"",
                ])
            #expect(summary.problems.map(\.rule) == [.seedTRLRange, .seedRefUnique, .seedOrganisationKnown])
            let refs = try await connection.query("select ref from seeds order by ref").map { try $0.decode(String.self, at: 0) }
            #expect(refs == ["S-1", "S-4", "S-OLD"])
        }
    }

    @Test func allOrNothingReportsEveryProblemFromSwiftAndSQL() async throws {
        let existing = try TempFile.write(Self.seedLine { $0.ref = "S-OLD" }, name: "old.jsonl")
        let lines = [
            Self.seedLine { $0.ref = "S-OLD" }, Self.seedLine { $0.ref = "S-1" },
            Self.seedLine { $0.ref = "S-2"; $0.coordinator = "who@example.jp"; $0.trl = 10 },
        ]
        let path = try TempFile.write(lines.joined(separator: "\n"), name: "seeds.jsonl")
        try await StoreTest.withDatabase { connection async throws in
            try await Importer().importFile(.seeds, path: existing, into: connection)
            #expect(
                try await StoreTest.rejection(.seeds, path: path, on: connection) == [
                    "\(path):1: ref: ref is already used by another seed",
                    "\(path):3: trl: trl must be between 1 and 9",
                    "\(path):3: coordinator: unknown person \"who@example.jp\"",
                ])
            #expect(try await StoreTest.count("seeds", on: connection) == 1)
        }
    }

    @Test func needsMustBeOwnedByAFirmAndStatusMustBeImportable() async throws {
        let lines = [
            Sample.need { $0.ref = "N-1"; $0.organisation = "hokkaido-university" }.jsonLine,
            Sample.need { $0.ref = "N-2"; $0.status = .expired }.jsonLine,
            Sample.need { $0.ref = "N-3"; $0.targetCountries = ["XX"] }.jsonLine,
        ]
        let path = try TempFile.write(lines.joined(separator: "\n"), name: "needs.jsonl")
        try await StoreTest.withDatabase { connection async throws in
            #expect(
                try await StoreTest.rejection(.needs, path: path, on: connection) == [
                    "\(path):1: organisation: a need must be owned by a firm",
                    "\(path):2: published_at: a need that is not a draft or withdrawn needs published_at and expires_at",
                    "\(path):2: status: status on import must be draft or published, found \"expired\"",
                    "\(path):3: target_countries: unknown country \"XX\"",
                ])
            #expect(try await StoreTest.count("needs", on: connection) == 0)
        }
    }

    @Test func publishedPostingsGetAYearAndDraftsNoDates() async throws {
        let lines = [Self.seedLine { $0.ref = "S-1"; $0.status = .published }, Self.seedLine { $0.ref = "S-2"; $0.status = nil }]
        let path = try TempFile.write(lines.joined(separator: "\n"), name: "seeds.jsonl")
        try await StoreTest.withDatabase { connection async throws in
            try await Importer().importFile(.seeds, path: path, into: connection)
            let rows = try await connection.query(
                """
                select ref, status, published_at is not null, expires_at - published_at = interval '365 days'
                from seeds order by ref
                """)
            #expect(try rows[0].decode(String.self, at: 1) == "published")
            #expect(try rows[0].decode(Bool.self, at: 2))
            #expect(try rows[0].decode(Bool.self, at: 3))
            #expect(try rows[1].decode(String.self, at: 1) == "draft")
            #expect(try !rows[1].decode(Bool.self, at: 2))
        }
    }

    @Test func twoThousandGeneratedSeedsWithOneBadLineWriteNothing() async throws {
        let generator = Generator(seed: 7)
        let folder = FileManager.default.temporaryDirectory.appending(path: "cm-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try generator.writeJSONL(to: folder, seeds: 0, needs: 0)
        let seedsURL = folder.appending(path: "seeds.jsonl")
        let writer = try JSONLFileWriter(url: seedsURL)
        var index = 0
        try generator.forEachSeed(count: 2_000) { seed in
            var seed = seed
            if index == 1_233 { seed.trl = 0 }
            try writer.write(seed)
            index += 1
        }
        try writer.close()
        try await StoreTest.withDatabase(references: false) { connection async throws in
            try await Importer().importFile(.clusters, path: folder.appending(path: "clusters.jsonl").path, into: connection)
            try await Importer().importFile(
                .organisations, path: folder.appending(path: "organisations.jsonl").path, into: connection)
            #expect(
                try await StoreTest.rejection(.seeds, path: seedsURL.path, on: connection) == [
                    "\(seedsURL.path):1234: trl: trl must be between 1 and 9"
                ])
            #expect(try await StoreTest.count("seeds", on: connection) == 0)
        }
    }

    @Test func peopleAndSisterLinksImportWithTheirReferences() async throws {
        let links = try TempFile.write(
            #"{"a": "gifu", "b": "criaq-quebec", "since": 2012}"# + "\n" + #"{"a": "criaq-quebec", "b": "atlantis"}"#,
            name: "sister-links.jsonl")
        let goodLink = try TempFile.write(#"{"a": "criaq-quebec", "b": "gifu", "since": 2012}"#, name: "sister-links.jsonl")
        let people = try TempFile.write(
            #"{"name": "New Person", "email": "new@example.jp", "roles": [{"role": "coordinator", "cluster": "nowhere"}]}"#,
            name: "people.jsonl")
        try await StoreTest.withDatabase { connection async throws in
            #expect(
                try await StoreTest.rejection(.sisterLinks, path: links, on: connection) == [
                    "\(links):2: b: unknown cluster \"atlantis\""
                ])
            #expect(try await StoreTest.count("sister_links", on: connection) == 0)
            let summary = try await Importer().importFile(.sisterLinks, path: goodLink, into: connection)
            #expect(summary.inserted == 1)
            #expect(
                try await StoreTest.rejection(.sisterLinks, path: goodLink, on: connection) == [
                    "\(goodLink):1: b: these clusters are already linked"
                ])
            #expect(
                try await StoreTest.rejection(.people, path: people, on: connection) == [
                    "\(people):1: roles: unknown cluster \"nowhere\""
                ])
            #expect(try await StoreTest.count("person_roles", on: connection) == 5)
        }
    }

    @Test func commandLineKindsAndUsageErrors() throws {
        let command = try ClusterMatchCommand.parseAsRoot(["import", "orgs", "orgs.csv", "--skip-invalid", "--json"])
        let parsed = try #require(command as? ImportCommand)
        #expect(parsed.kind.importKind == .organisations)
        #expect(parsed.skipInvalid && parsed.json)
        #expect(throws: (any Error).self) { try ClusterMatchCommand.parseAsRoot(["import", "widgets", "x.csv"]) }
        #expect(throws: (any Error).self) { try ClusterMatchCommand.parseAsRoot(["import", "seeds"]) }
        #expect(throws: (any Error).self) {
            try ClusterMatchCommand.parseAsRoot(["export", "seeds", "--format", "xml"])
        }
        #expect(throws: (any Error).self) {
            try ClusterMatchCommand.parseAsRoot(["export", "seeds", "--status", "sleeping"])
        }
        let export = try #require(
            try ClusterMatchCommand.parseAsRoot(["export", "needs", "--output", "n.csv", "--as", "k.ito@example.jp"])
                as? ExportCommand)
        #expect(export.chosenFormat == .csv)
        #expect(export.viewer == "k.ito@example.jp")
    }
}
