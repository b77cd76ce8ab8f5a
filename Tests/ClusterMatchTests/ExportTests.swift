import ClusterMatch
import Foundation
import Postgres
import Testing

/// `export` against a real database: output-only fields, status filter, batching, and confidential redaction.
@Suite struct ExportTests {
    static let secretDescription = "SECRET-DESCRIPTION-7f3a"
    static let secretKeyword = "secret-keyword-7f3a"

    /// A public and a confidential seed of hokkaido-university, and the same for needs of gifu-aero-firm.
    static func loadPostings(into connection: Connection) async throws {
        let seeds = [
            Sample.seed { $0.ref = "S-PUB" },
            Sample.seed {
                $0.ref = "S-CONF"
                $0.visibility = .confidential
                $0.description = secretDescription
                $0.keywords = [secretKeyword]
            },
        ]
        let needs = [
            Sample.need { $0.ref = "N-PUB"; $0.status = .draft },
            Sample.need {
                $0.ref = "N-CONF"
                $0.visibility = .confidential
                $0.description = secretDescription
                $0.keywords = [secretKeyword]
            },
        ]
        _ = try await Importer().importFile(.seeds, path: try TempFile.jsonLines(seeds, name: "seeds.jsonl"), into: connection)
        _ = try await Importer().importFile(.needs, path: try TempFile.jsonLines(needs, name: "needs.jsonl"), into: connection)
    }

    static func text(_ kind: ExportKind, viewer: String?, format: RecordFormat = .jsonLines, on connection: Connection) async throws -> String {
        String(decoding: try await StoreTest.export(kind, format: format, exporter: Exporter(viewer: viewer), from: connection), as: UTF8.self)
    }

    @Test func confidentialSeedDetailsOnlyForCoordinatorsOfTheOrganisationOrItsCluster() async throws {
        try await StoreTest.withDatabase { connection async throws in
            try await Self.loadPostings(into: connection)
            for format in [RecordFormat.jsonLines, .csv] {
                for viewer in [nil, "o.outsider@example.com", "t.tlo@example.jp", "k.ito@example.jp", "u.coord@example.jp"] {
                    let text = try await Self.text(.seeds, viewer: viewer, format: format, on: connection)
                    #expect(text.contains("S-CONF"), "\(viewer ?? "nobody")")
                    #expect(!text.contains(Self.secretDescription), "\(viewer ?? "nobody") saw the description")
                    #expect(!text.contains(Self.secretKeyword), "\(viewer ?? "nobody") saw the keywords")
                }
                for viewer in ["a.tanaka@example.jp", "c.sato@example.jp"] {
                    let text = try await Self.text(.seeds, viewer: viewer, format: format, on: connection)
                    #expect(text.contains(Self.secretDescription), "\(viewer)")
                    #expect(text.contains(Self.secretKeyword), "\(viewer)")
                }
            }
            let redacted = try RecordReader.read(
                SeedRecord.self, text: try await Self.text(.seeds, viewer: nil, on: connection), format: .jsonLines
            ).get().first { $0.ref == "S-CONF" }
            #expect(redacted?.title == Sample.seed().title)
            #expect(redacted?.summary == Sample.seed().summary)
            #expect(redacted?.description == "")
            #expect(redacted?.keywords == [])
        }
    }

    @Test func confidentialNeedDetailsOnlyForTheFirmContact() async throws {
        try await StoreTest.withDatabase { connection async throws in
            try await Self.loadPostings(into: connection)
            for viewer in [nil, "o.outsider@example.com", "u.coord@example.jp", "a.tanaka@example.jp", "c.sato@example.jp"] {
                let text = try await Self.text(.needs, viewer: viewer, on: connection)
                #expect(text.contains("N-CONF"))
                #expect(!text.contains(Self.secretDescription), "\(viewer ?? "nobody") saw the description")
                #expect(!text.contains(Self.secretKeyword), "\(viewer ?? "nobody") saw the keywords")
            }
            let text = try await Self.text(.needs, viewer: "k.ito@example.jp", on: connection)
            #expect(text.contains(Self.secretDescription))
            #expect(text.contains(Self.secretKeyword))
        }
    }

    @Test func theVisibilityRuleLivesInOneSQLFunction() async throws {
        try await StoreTest.withDatabase { connection async throws in
            let organisation = try await connection.query("select id from organisations where slug = 'hokkaido-university'")
                .first!.decode(Int64.self, at: 0)
            func canSee(_ viewer: String?, _ kind: String) async throws -> Bool {
                try await connection.query("select can_see_details($1, $2, $3)", [viewer, kind, organisation]).first!
                    .decode(Bool.self, at: 0)
            }
            #expect(try await canSee("a.tanaka@example.jp", "seed"))
            #expect(try await canSee("c.sato@example.jp", "seed"))
            #expect(try await !canSee("t.tlo@example.jp", "seed"))
            #expect(try await !canSee(nil, "seed"))
            #expect(try await !canSee("a.tanaka@example.jp", "need"))
        }
    }

    @Test func unknownViewerIsAnError() async throws {
        try await StoreTest.withDatabase { connection async throws in
            await #expect(throws: ValidationFailure([Problem(field: "as", message: "unknown person \"nobody@example.jp\"")])) {
                try await StoreTest.export(.seeds, format: .csv, exporter: Exporter(viewer: "nobody@example.jp"), from: connection)
            }
        }
    }

    @Test func outputOnlyFieldsStatusFilterAndBatches() async throws {
        try await StoreTest.withDatabase { connection async throws in
            let seeds = (1...23).map { number in
                Sample.seed { $0.ref = "S-\(number)"; $0.status = number % 4 == 0 ? .draft : .published }
            }
            try await Importer().importFile(.seeds, path: try TempFile.jsonLines(seeds, name: "seeds.jsonl"), into: connection)
            let all = try RecordReader.read(
                SeedRecord.self,
                bytes: try await StoreTest.export(.seeds, format: .jsonLines, exporter: Exporter(batchSize: 5), from: connection),
                format: .jsonLines
            ).get()
            #expect(all.map(\.ref) == seeds.map(\.ref))
            #expect(all.map(\.id) == (1...23).map { Int64($0) })
            let first = try #require(all.first)
            #expect(first.cluster == "sapporo")
            #expect(first.country == "JP")
            #expect(first.renewals == 0)
            #expect(first.publishedAt?.hasSuffix("Z") == true && first.publishedAt?.count == 20)
            #expect(first.expiresAt != nil && first.createdAt != nil && first.updatedAt != nil)
            let drafts = try RecordReader.read(
                SeedRecord.self,
                bytes: try await StoreTest.export(
                    .seeds, format: .csv, exporter: Exporter(status: .draft, batchSize: 2), from: connection),
                format: .csv
            ).get()
            #expect(drafts.map(\.ref) == ["S-4", "S-8", "S-12", "S-16", "S-20"])
            #expect(drafts.allSatisfy { $0.publishedAt == nil && $0.status == .draft })
            let none = try await StoreTest.export(.seeds, format: .csv, exporter: Exporter(status: .archived), from: connection)
            #expect(String(decoding: none, as: UTF8.self) == RecordWriter.csvHeader(SeedRecord.self))
        }
    }
}
