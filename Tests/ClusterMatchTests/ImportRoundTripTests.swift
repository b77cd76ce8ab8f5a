import ClusterMatch
import Foundation
import Postgres
import Testing

/// import → export → import gives the same records, byte for byte, in both formats.
@Suite struct ImportRoundTripTests {
    /// Seeds and needs full of text that breaks naive code: quotes, backslashes, tabs, line breaks, emoji with
    /// modifiers, Japanese, CSV and SQL metacharacters.
    static let awkward = [
        "She said \"hello\", then left; 'quoted' too",
        "Robert'); drop table seeds; --",
        "絵文字 👍🏽 and 日本語のテキスト、「引用」",
        "back\\slash \\N tab\there\nnew line\r\nwindows line",
        "  leading and trailing spaces  ",
        "e\u{301} combining, zero\u{200B}width, ‘curly’ — dash",
    ]

    static func seeds() -> [SeedRecord] {
        awkward.enumerated().map { index, text in
            Sample.seed {
                $0.ref = "S-RT-\(index)"
                $0.title = text
                $0.summary = text + " summary"
                $0.description = text + "\n" + text
                $0.keywords = [text.count > 64 ? String(text.prefix(60)) : text, "plain", "a;b", "[bracket"]
                $0.status = index % 2 == 0 ? .published : .draft
                $0.coordinator = index % 3 == 0 ? nil : "a.tanaka@example.jp"
                $0.ipStatus = index % 2 == 0 ? .none : .patentGranted
                $0.ipScope = index % 2 == 0 ? nil : .international
            }
        }
    }

    static func needs() -> [NeedRecord] {
        awkward.enumerated().map { index, text in
            Sample.need {
                $0.ref = "N-RT-\(index)"
                $0.title = text
                $0.summary = text
                $0.description = text
                $0.keywords = [String(text.prefix(60))]
                $0.deadline = index % 2 == 0 ? nil : "2028-02-29"
                $0.status = index % 2 == 0 ? .published : .draft
                $0.targetCountries = index % 2 == 0 ? [] : ["CA", "FR"]
            }
        }
    }

    /// The records with the output-only fields cleared, as JSON Lines bytes.
    static func inputShape(_ bytes: [UInt8], _ type: SeedRecord.Type) throws -> [UInt8] {
        let records = try RecordReader.read(type, bytes: bytes, format: .jsonLines).get().map { record in
            var record = record
            record.id = nil
            record.cluster = nil
            record.country = nil
            record.publishedAt = nil
            record.expiresAt = nil
            record.renewals = nil
            record.createdAt = nil
            record.updatedAt = nil
            return record
        }
        return RecordWriter.jsonLines(records)
    }

    static func inputShape(_ bytes: [UInt8], _ type: NeedRecord.Type) throws -> [UInt8] {
        let records = try RecordReader.read(type, bytes: bytes, format: .jsonLines).get().map { record in
            var record = record
            record.id = nil
            record.cluster = nil
            record.country = nil
            record.publishedAt = nil
            record.expiresAt = nil
            record.renewals = nil
            record.createdAt = nil
            record.updatedAt = nil
            return record
        }
        return RecordWriter.jsonLines(records)
    }

    @Test(arguments: [RecordFormat.jsonLines, .csv])
    func seedsComeBackByteForByte(format: RecordFormat) async throws {
        let original = Self.seeds()
        let extensionName = format == .csv ? "csv" : "jsonl"
        let first = try TempFile.write(RecordWriter.write(original, format: format), name: "seeds.\(extensionName)")
        let exported = try await StoreTest.withDatabase { connection async throws in
            let summary = try await Importer().importFile(.seeds, path: first, into: connection)
            #expect(summary.inserted == original.count)
            return try await StoreTest.export(.seeds, format: format, from: connection)
        }
        let second = try TempFile.write(exported, name: "again.\(extensionName)")
        let again = try await StoreTest.withDatabase { connection async throws in
            try await Importer().importFile(.seeds, path: second, into: connection)
            return try await StoreTest.export(.seeds, format: .jsonLines, from: connection)
        }
        let firstExport = format == .csv
            ? RecordWriter.jsonLines(try RecordReader.read(SeedRecord.self, bytes: exported, format: .csv).get())
            : exported
        #expect(try Self.inputShape(again, SeedRecord.self) == Self.inputShape(firstExport, SeedRecord.self))
        #expect(try Self.inputShape(again, SeedRecord.self) == RecordWriter.jsonLines(original))
        let text = String(decoding: again, as: UTF8.self)
        #expect(text.contains("絵文字 👍🏽 and 日本語のテキスト、「引用」"))
        #expect(text.contains("Robert'); drop table seeds; --"))
    }

    @Test(arguments: [RecordFormat.jsonLines, .csv])
    func needsComeBackByteForByte(format: RecordFormat) async throws {
        let original = Self.needs()
        let extensionName = format == .csv ? "csv" : "jsonl"
        let first = try TempFile.write(RecordWriter.write(original, format: format), name: "needs.\(extensionName)")
        let exported = try await StoreTest.withDatabase { connection async throws in
            try await Importer().importFile(.needs, path: first, into: connection)
            return try await StoreTest.export(.needs, format: format, from: connection)
        }
        let second = try TempFile.write(exported, name: "again.\(extensionName)")
        let again = try await StoreTest.withDatabase { connection async throws in
            try await Importer().importFile(.needs, path: second, into: connection)
            return try await StoreTest.export(.needs, format: .jsonLines, from: connection)
        }
        #expect(try Self.inputShape(again, NeedRecord.self) == RecordWriter.jsonLines(original))
    }
}
