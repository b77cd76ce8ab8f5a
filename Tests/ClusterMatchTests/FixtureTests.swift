import ClusterMatch
import Foundation
import Postgres
import Testing

/// `fixtures load` against a real database: everything loads, a second load writes nothing, every planted pair's
/// refs exist, and a broken file fails the whole load.
@Suite struct FixtureTests {
    static let loader = FixtureLoader(directory: FixtureLoader.sourceTreeFixtures)

    static func tableCounts(on connection: Connection) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for table in ["clusters", "sister_links", "organisations", "people", "person_roles", "seeds", "needs"] {
            counts[table] = try await StoreTest.count(table, on: connection)
        }
        return counts
    }

    @Test func loadingTwiceWritesNothingTheSecondTime() async throws {
        try await StoreTest.withDatabase(references: false) { connection async throws in
            let first = try await Self.loader.load(into: connection)
            #expect(first.map(\.kind) == [.clusters, .sisterLinks, .organisations, .people, .seeds, .needs])
            #expect(first.allSatisfy { $0.loaded > 0 && $0.alreadyPresent == 0 })
            let seeds = try #require(first.first { $0.kind == .seeds })
            #expect(seeds.files == ["seeds-aerospace.jsonl", "seeds-biotech.jsonl", "seeds-ict.jsonl", "seeds-nano.jsonl"])
            let tables = try await Self.tableCounts(on: connection)
            #expect(tables["clusters"] == first[0].loaded)
            #expect(tables["seeds"] == seeds.loaded)

            let second = try await Self.loader.load(into: connection)
            #expect(second.map(\.loaded) == Array(repeating: 0, count: first.count))
            #expect(second.map(\.alreadyPresent) == first.map(\.loaded))
            #expect(try await Self.tableCounts(on: connection) == tables)
        }
    }

    @Test func everyPlantedPairRefExistsAfterLoading() async throws {
        let pairs = try Self.loader.plantedPairs()
        #expect(pairs.count >= 30)
        try await StoreTest.withDatabase(references: false) { connection async throws in
            try await Self.loader.load(into: connection)
            let seeds = Set(try await connection.query("select ref from seeds").map { try $0.decode(String.self, at: 0) })
            let needs = Set(try await connection.query("select ref from needs").map { try $0.decode(String.self, at: 0) })
            for pair in pairs {
                #expect(seeds.contains(pair.seed), "planted seed \(pair.seed) is missing")
                #expect(needs.contains(pair.need), "planted need \(pair.need) is missing")
            }
        }
    }

    @Test func aBrokenFixtureFileFailsTheWholeLoad() async throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "cm-fixtures-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: FixtureLoader.sourceTreeFixtures, to: folder)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appending(path: "needs-nano.jsonl")
        var lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        lines[4] = Substring(lines[4].replacingOccurrences(of: "\"trl_max\": ", with: "\"trl_max\": 1"))
        try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        try await StoreTest.withDatabase(references: false) { connection async throws in
            do {
                try await FixtureLoader(directory: folder).load(into: connection)
                Issue.record("a broken fixture file was loaded")
            } catch let failure as ValidationFailure {
                #expect(failure.problems.map(\.file) == [file.path])
                #expect(failure.problems.map(\.line) == [5])
                #expect(failure.problems.map(\.field) == ["trl_max"])
            }
            #expect(try await Self.tableCounts(on: connection).values.allSatisfy { $0 == 0 })
        }
    }

    @Test func defaultFolderIsTheCurrentDirectorysThenTheSourceTreesThenTheEnvironments() throws {
        let here = FileManager.default.temporaryDirectory.appending(path: "cm-cwd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: here.appending(path: "fixtures"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: here) }
        #expect(FixtureLoader.defaultDirectory(currentDirectory: here.path, environment: [:])?.path == here.appending(path: "fixtures").path)
        #expect(
            FixtureLoader.defaultDirectory(currentDirectory: "/nonexistent", environment: [:])?.path
                == FixtureLoader.sourceTreeFixtures.path)
        #expect(FileManager.default.fileExists(atPath: FixtureLoader.sourceTreeFixtures.appending(path: "clusters.jsonl").path))
    }
}
