import ArgumentParser
import ClusterMatch
import Foundation

/// `clustermatch fixtures load`.
struct FixturesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fixtures", abstract: "Load the fixture data set.", subcommands: [Load.self])

    struct Load: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load clusters, sister links, organisations, people, seeds, needs and forums from the fixtures folder.",
            discussion: """
                One transaction; idempotent (records already present are left alone, so a second load writes \
                nothing). Default folder: ./fixtures if it exists, else the fixtures of the source tree this binary \
                was built from, else $CLUSTERMATCH_FIXTURES.
                """)

        @Option(help: "The fixtures folder.") var dir: String?
        @Flag(help: "Print one JSON object: {\"directory\", \"kinds\": [{\"kind\", \"files\", \"loaded\", \"already_present\"}]}.")
        var json = false
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            try await reportingFailures {
                guard let directory = dir.map({ URL(fileURLWithPath: $0) }) ?? FixtureLoader.defaultDirectory() else {
                    throw CLIError("no fixtures folder found: pass --dir or set CLUSTERMATCH_FIXTURES")
                }
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
                    throw CLIError("\(directory.path): no such folder")
                }
                let (counts, forums) = try await database.withConnection { connection in
                    try await FixtureLoader(directory: directory).loadWithForums(into: connection)
                }
                if json {
                    let kinds: [JSONValue] = counts.map { count in
                        .object([
                            "kind": .string(count.kind.rawValue), "files": .array(count.files.map(JSONValue.string)),
                            "loaded": .integer(count.loaded), "already_present": .integer(count.alreadyPresent),
                        ])
                    }
                    let forumCount = JSONValue.object([
                        "kind": .string("forums"), "files": .array(try FixtureLoader(directory: directory).forumFiles().map { .string($0.lastPathComponent) }),
                        "loaded": .integer(forums.loaded), "already_present": .integer(forums.alreadyPresent),
                    ])
                    print(JSONValue.object(["directory": .string(directory.path), "kinds": .array(kinds + [forumCount])]).jsonText)
                    return
                }
                print("fixtures from \(directory.path)")
                print(
                    renderTable(
                        ["kind", "loaded", "already present"],
                        counts.map { [$0.kind.rawValue, String($0.loaded), String($0.alreadyPresent)] }
                            + [["forums", String(forums.loaded), String(forums.alreadyPresent)]]))
            }
        }
    }
}
