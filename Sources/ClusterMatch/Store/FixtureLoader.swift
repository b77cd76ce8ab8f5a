public import Foundation
public import Postgres

/// Loads the fixtures folder (clusters, sister links, organisations, people, seeds and needs) in one transaction,
/// idempotently: records whose slug, ref, email or link is already stored are left alone, so a second load writes
/// nothing. A broken record still fails the whole load. Planted pairs are test data for the matcher and are not
/// loaded.
public struct FixtureLoader: Sendable {
    /// The fixtures folder.
    public var directory: URL

    /// A loader for a folder.
    public init(directory: URL) { self.directory = directory }

    /// How many records of one kind were written, and how many were already there.
    public struct Count: Sendable, Hashable {
        /// What was loaded.
        public var kind: ImportKind
        /// The files read, in order.
        public var files: [String]
        /// Records written.
        public var loaded: Int
        /// Records already in the database.
        public var alreadyPresent: Int
    }

    /// The files to load, in order: clusters, sister links, organisations, people, then `seeds-*.jsonl` and
    /// `needs-*.jsonl` (each group sorted by name; plain `seeds.jsonl`/`needs.jsonl` are included too).
    /// - Throws: an error when the folder cannot be listed.
    public func files() throws -> [(kind: ImportKind, url: URL)] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        func matching(_ stem: String) -> [String] {
            names.filter { $0 == "\(stem).jsonl" || ($0.hasPrefix("\(stem)-") && $0.hasSuffix(".jsonl")) }
        }
        let fixed: [(ImportKind, String)] = [
            (.clusters, "clusters.jsonl"), (.sisterLinks, "sister-links.jsonl"), (.organisations, "organisations.jsonl"),
            (.people, "people.jsonl"),
        ]
        var files: [(kind: ImportKind, url: URL)] = fixed.map { ($0.0, directory.appending(path: $0.1)) }
        files += matching("seeds").map { (.seeds, directory.appending(path: $0)) }
        files += matching("needs").map { (.needs, directory.appending(path: $0)) }
        return files
    }

    /// Loads every fixture file in one transaction and returns the counts per kind, in load order.
    ///
    /// Runs the SQL on the connection's thread; cancelling the task rolls everything back.
    /// - Throws: `ValidationFailure` naming every problem in a file (nothing is written); `PostgresError`.
    @discardableResult
    public func load(into connection: Connection) async throws -> [Count] {
        try await loadWithForums(into: connection).counts
    }

    /// The forum files (`forum-*.json`), sorted by name.
    public func forumFiles() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
            .filter { $0.hasPrefix("forum-") && $0.hasSuffix(".json") }.map { directory.appending(path: $0) }
    }

    /// Loads every fixture file, then the forums (`forum-*.json`, with their participants), in one transaction.
    /// - Returns: the counts per kind, and how many forums were created and how many were already there (by slug).
    public func loadWithForums(into connection: Connection) async throws -> (counts: [Count], forums: (loaded: Int, alreadyPresent: Int)) {
        let files = try files()
        let forumFiles = try forumFiles()
        return try await connection.withTransaction(maxAttempts: 1) { connection in
            var counts: [Count] = []
            let importer = Importer(skipExisting: true)
            for (kind, url) in files {
                let summary = try await importer.load(kind, path: url.path, into: connection)
                if let index = counts.firstIndex(where: { $0.kind == kind }) {
                    counts[index].files.append(url.lastPathComponent)
                    counts[index].loaded += summary.inserted
                    counts[index].alreadyPresent += summary.alreadyPresent
                } else {
                    counts.append(
                        Count(
                            kind: kind, files: [url.lastPathComponent], loaded: summary.inserted,
                            alreadyPresent: summary.alreadyPresent))
                }
            }
            var forums = (loaded: 0, alreadyPresent: 0)
            for url in forumFiles {
                let forum = try ForumRecord.read(path: url.path)
                if try await ForumStore.createInTransaction(forum, skipExisting: true, file: url.path, on: connection) == nil {
                    forums.alreadyPresent += 1
                } else {
                    forums.loaded += 1
                }
            }
            return (counts, forums)
        }
    }

    /// The planted need–seed pairs (`planted-pairs*.jsonl`), for the matcher's tests.
    /// - Throws: `ValidationFailure` for a broken file.
    public func plantedPairs() throws -> [PlantedPairRecord] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
            .filter { $0.hasPrefix("planted-pairs") && $0.hasSuffix(".jsonl") }
        var pairs: [PlantedPairRecord] = []
        for name in names {
            pairs += try RecordReader.read(PlantedPairRecord.self, path: directory.appending(path: name).path).get()
        }
        return pairs
    }

    /// The folder to load when none is given: `fixtures` under the current directory if it exists, else the
    /// `fixtures` folder of the source tree this binary was built from, else `CLUSTERMATCH_FIXTURES`.
    /// - Returns: nil when none of these exists.
    public static func defaultDirectory(
        currentDirectory: String = FileManager.default.currentDirectoryPath,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> URL? {
        let candidates: [URL?] = [
            URL(fileURLWithPath: currentDirectory).appending(path: "fixtures"),
            sourceTreeFixtures,
            environment["CLUSTERMATCH_FIXTURES"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) },
        ]
        return candidates.compactMap { $0 }.first { url in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
        }
    }

    /// `fixtures/` of the package this file was compiled from (Sources/ClusterMatch/Store/FixtureLoader.swift).
    public static var sourceTreeFixtures: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appending(path: "fixtures")
    }
}
