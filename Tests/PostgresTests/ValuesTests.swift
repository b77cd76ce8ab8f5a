import Foundation
import Postgres
import Testing
import TestSupport

@Suite("bind parameters and row decoding")
struct ValuesTests {
    @Test func everyBoundTypeRoundTrips() async throws {
        try await TestDatabase.withDatabase { database in
            let connection = try await Connection.connect(to: database)
            let date = Date(timeIntervalSince1970: 1_795_000_000.123456)
            let uuid = UUID()
            let bytes = Data([0, 1, 2, 0xFE, 0xFF])
            let text = "quote ' double \" backslash \\ tab \t newline \n emoji 🚀 日本語 ; drop table x; --"
            let row = try #require(
                try await connection.query(
                    """
                    select $1::text, $2::bigint, $3::int, $4::smallint, $5::float8, $6::bool, $7::uuid, $8::bytea,
                           $9::timestamptz, $10::text[], $11::bigint[], $12::text, $13::int, $14::date
                    """,
                    [
                        text, Int64.max, Int32.min, Int16(-7), 3.25, true, uuid, bytes, date, ["a", "b,c", "d\"e", "", "NULL"],
                        [Int64(1), Int64(-2)], String?.none, Int?.none, "2027-03-31",
                    ]
                ).first)
            #expect(try row.decode(String.self, at: 0) == text)
            #expect(try row.decode(Int64.self, at: 1) == Int64.max)
            #expect(try row.decode(Int32.self, at: 2) == Int32.min)
            #expect(try row.decode(Int16.self, at: 3) == -7)
            #expect(try row.decode(Double.self, at: 4) == 3.25)
            #expect(try row.decode(Bool.self, at: 5) == true)
            #expect(try row.decode(UUID.self, at: 6) == uuid)
            #expect(try row.decode(Data.self, at: 7) == bytes)
            let decodedDate = try row.decode(Date.self, at: 8)
            #expect(abs(decodedDate.timeIntervalSince(date)) < 0.000_001)
            #expect(try row.decode([String].self, at: 9) == ["a", "b,c", "d\"e", "", "NULL"])
            #expect(try row.decode([Int64].self, at: 10) == [1, -2])
            #expect(try row.decode(String?.self, at: 11) == nil)
            #expect(try row.decode(Int?.self, at: 12) == nil)
            #expect(row.isNull(at: 12))
            #expect(try row.decode(Date.self, at: 13) == Date(timeIntervalSince1970: 1_806_451_200))
            await connection.close()
        }
    }

    @Test func nullIntoNonOptionalIsAnErrorNamingTheColumn() async throws {
        try await TestDatabase.withDatabase { database in
            let connection = try await Connection.connect(to: database)
            let row = try #require(try await connection.query("select null::int as score").first)
            let error = #expect(throws: PostgresDecodingError.self) { try row.decode(Int.self, "score") }
            #expect(error?.reason == .unexpectedNull)
            #expect(error?.description.contains("score") == true)
            let wrong = await #expect(throws: PostgresDecodingError.self) {
                try #require(try await connection.query("select 'abc'::text as n").first).decode(Int.self, "n")
            }
            #expect(wrong?.description.contains("\"abc\"") == true)
            await connection.close()
        }
    }


    @Test func binaryResultsGiveRawByteaAndDecodeOnlyText() async throws {
        try await TestDatabase.withDatabase { database in
            let connection = try await Connection.connect(to: database)
            let bytes = Data([0, 1, 0x5C, 0x78, 0xFE, 0xFF])
            let row = try #require(
                try await connection.query(
                    "select $1::bytea as document, $2::text as title, 42::text as id, 42 as n, null::bytea as missing",
                    [bytes, "東京 \"x\""], format: .binary
                ).first)
            #expect(row.bytes(at: 0).map(Array.init) == Array(bytes))
            #expect(try row.decode(String.self, "title") == "東京 \"x\"")
            #expect(try row.decode(Int.self, "id") == 42)
            #expect(row.bytes(at: 4) == nil)
            let refused = #expect(throws: PostgresDecodingError.self) { try row.decode(Int.self, "n") }
            #expect(refused?.reason == .binaryForm)
            #expect(refused?.description.contains("column n") == true)
            #expect(throws: PostgresDecodingError.self) { try row.decode(Data.self, "document") }
            await connection.close()
        }
    }
    @Test func arrayLiteralsParseQuotingAndNull() throws {
        #expect(parse("{}") == [])
        #expect(parse("{a,\"b c\",NULL,\"NULL\"}") == ["a", "b c", nil, "NULL"])
        #expect(parse("{\"x\\\\y\",\"q\\\"\"}") == ["x\\y", "q\""])
        #expect(parse("[0:1]={a,b}") == ["a", "b"])
        #expect(throws: PostgresDecodingError.Reason.self) { try [String](postgresCell: ArraySlice(Array("{\"open".utf8))) }
    }

    private func parse(_ text: String) -> [String?]? {
        try? [String?](postgresCell: ArraySlice(Array(text.utf8)))
    }

    @Test func timestampsParseEveryOutputStyle() throws {
        func date(_ text: String) throws -> Date { try Date(postgresCell: ArraySlice(Array(text.utf8))) }
        #expect(try date("2026-11-22 15:38:26+00") == Date(timeIntervalSince1970: 1_795_361_906))
        #expect(try date("2026-11-22 16:38:26+01:00") == Date(timeIntervalSince1970: 1_795_361_906))
        #expect(try date("2026-11-22 15:38:26.5Z") == Date(timeIntervalSince1970: 1_795_361_906.5))
        #expect(throws: PostgresDecodingError.Reason.self) { try date("22/11/2026") }
    }

    @Test func connectionStringsAcceptKeyValueAndURIs() throws {
        let keyValue = try ConnectionString("host=/tmp/x user=postgres dbname='my db'")
        #expect(keyValue.options["dbname"] == "my db")
        let uri = try ConnectionString("postgresql://alice:secret@db.example:5433/cm?application_name=cm")
        #expect(uri.options["host"] == "db.example")
        #expect(uri.options["port"] == "5433")
        #expect(uri.database == "cm")
        #expect(!uri.redacted.contains("secret"))
        #expect(try ConnectionString(uri.description) == uri)
        let fromEnvironment = try ConnectionString.fromEnvironment(["DATABASE_URL": "dbname=abc"])
        #expect(fromEnvironment.database == "abc")
        #expect(try ConnectionString.fromEnvironment([:]).options.isEmpty)
        let error = #expect(throws: PostgresError.self) { try ConnectionString("host=x nonsense") }
        #expect(error?.message.isEmpty == false)
    }
}
