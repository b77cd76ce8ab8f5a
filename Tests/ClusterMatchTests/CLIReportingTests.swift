@testable import ClusterMatchCLI
import ArgumentParser
import ClusterMatch
import Matching
import Postgres
import Testing

@Suite struct CLIReportingTests {
    @Test func constraintViolationsReadAsTheirRule() {
        let builtIn = PostgresError(
            code: .uniqueViolation, message: "duplicate key value violates unique constraint \"seed_ref_unique\"",
            constraint: "seed_ref_unique")
        #expect(describe(builtIn) == "ref: \(Rule.seedRefUnique.sentence)")
        let trigger = PostgresError(code: .foreignKeyViolation, message: "unknown field \"energy\"", constraint: "seed_secondary_fields_known")
        #expect(describe(trigger) == "secondary_fields: unknown field \"energy\"")
        let other = PostgresError(code: .syntaxError, message: "syntax error at or near \"selec\"")
        #expect(describe(other) == "error: syntax error at or near \"selec\" (SQLSTATE 42601)")
    }

    @Test func tablesAlignWideCharactersAndClipLongCells() {
        #expect(displayWidth("abc") == 3)
        #expect(displayWidth("日本語") == 6)
        #expect(displayWidth("e\u{301}") == 1)
        #expect(displayWidth("🚀") == 2)
        let table = renderTable(["ref", "title"], [["日本", "x"], ["abcd", "y"]]).split(separator: "\n").map(String.init)
        #expect(table.map(displayWidth) == [11, 11, 7, 7])  // "ref" padded to the 4 columns of 日本
        let clipped = clip(String(repeating: "語", count: 40), to: 60)
        #expect(displayWidth(clipped) <= 60 && clipped.hasSuffix("…"))
        #expect(clip("short", to: 60) == "short")
    }

    @Test func commandsParseAsDocumented() throws {
        let matches = try #require(try ClusterMatchCommand.parseAsRoot(["need", "matches", "42", "--limit", "5", "--scope", "sister"]) as? MatchesCommand<NeedTag>)
        #expect(matches.reference.id == "42" && matches.options.limit == 5 && matches.options.scope == .sister)
        let post = try #require(try ClusterMatchCommand.parseAsRoot(
            ["seed", "post", "--ref", "S-1", "--title", "T", "--field", "ict", "--trl", "4", "--partnership", "licence",
             "--partnership", "consulting", "--org", "kyoto-university", "--publish"]) as? SeedCommand.Post)
        #expect(post.text.partnerships == [.licence, .consulting] && post.publish && post.options.trl == 4)
        #expect(throws: (any Error).self) { try ClusterMatchCommand.parseAsRoot(["seed", "post", "--ref", "S-1", "--partnership", "licensing"]) }
        #expect(throws: (any Error).self) { try ClusterMatchCommand.parseAsRoot(["need", "matches", "1", "--scope", "galaxy"]) }
    }
}
