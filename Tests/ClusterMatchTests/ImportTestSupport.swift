import ClusterMatch
import Foundation
import Postgres
import TestSupport

/// A migrated test database with a small set of clusters, organisations and people, for the import, export and
/// fixtures tests.
enum StoreTest {
    /// Runs `body` with a connection to a fresh, migrated database (with the reference set unless told otherwise),
    /// and drops the database afterwards.
    @discardableResult
    static func withDatabase<T: Sendable>(
        references: Bool = true, _ body: (Connection) async throws -> T
    ) async throws -> T {
        try await TestDatabase.withDatabase(prefix: "import") { target in
            let connection = try await Connection.connect(to: target)
            do {
                try await Migrator().migrate(on: connection)
                if references { try await loadReferences(into: connection) }
                let value = try await body(connection)
                await connection.close()
                return value
            } catch {
                await connection.close()
                throw error
            }
        }
    }

    /// Clusters sapporo, gifu (JP) and criaq-quebec (CA); organisations in them; people with roles:
    /// `a.tanaka` coordinates hokkaido-university, `c.sato` the sapporo cluster, `t.tlo` sapporo-tlo, `k.ito` is
    /// the firm-contact of gifu-aero-firm, `u.coord` coordinates gifu-aero-firm, `o.outsider` has no role.
    static func loadReferences(into connection: Connection) async throws {
        let clusters = [
            ClusterRecord(slug: "sapporo", name: "Sapporo IT Carrozzeria", country: "JP", programme: .knowledgeCluster, mainFields: ["ict"]),
            ClusterRecord(slug: "gifu", name: "Gifu aerospace", country: "JP", programme: .cityArea, mainFields: ["aerospace"]),
            ClusterRecord(slug: "criaq-quebec", name: "CRIAQ", country: "CA", programme: .foreign),
        ]
        let organisations = [
            OrganisationRecord(slug: "hokkaido-university", name: "Hokkaido University", kind: .university, cluster: "sapporo", country: "JP"),
            OrganisationRecord(slug: "sapporo-tlo", name: "Sapporo TLO", kind: .tlo, cluster: "sapporo", country: "JP"),
            OrganisationRecord(slug: "gifu-aero-firm", name: "Gifu Aero", kind: .firm, cluster: "gifu", country: "JP"),
            OrganisationRecord(slug: "quebec-firm", name: "Québec Firm", kind: .firm, cluster: "criaq-quebec", country: "CA"),
        ]
        let people = [
            PersonRecord(name: "Aiko Tanaka", email: "a.tanaka@example.jp", organisation: "hokkaido-university",
                roles: [RoleRecord(role: .coordinator, organisation: "hokkaido-university")]),
            PersonRecord(name: "Chie Sato", email: "c.sato@example.jp", roles: [RoleRecord(role: .coordinator, cluster: "sapporo")]),
            PersonRecord(name: "Taro TLO", email: "t.tlo@example.jp", organisation: "sapporo-tlo",
                roles: [RoleRecord(role: .coordinator, organisation: "sapporo-tlo")]),
            PersonRecord(name: "Kenta Ito", email: "k.ito@example.jp", organisation: "gifu-aero-firm",
                roles: [RoleRecord(role: .firmContact, organisation: "gifu-aero-firm")]),
            PersonRecord(name: "Umi Coord", email: "u.coord@example.jp", organisation: "gifu-aero-firm",
                roles: [RoleRecord(role: .coordinator, organisation: "gifu-aero-firm")]),
            PersonRecord(name: "Oscar Outsider", email: "o.outsider@example.com"),
        ]
        let importer = Importer()
        try await importer.importFile(.clusters, path: try TempFile.jsonLines(clusters, name: "clusters.jsonl"), into: connection)
        try await importer.importFile(
            .organisations, path: try TempFile.jsonLines(organisations, name: "organisations.jsonl"), into: connection)
        try await importer.importFile(.people, path: try TempFile.jsonLines(people, name: "people.jsonl"), into: connection)
    }

    /// `select count(*) from <table>`; the table name comes from the tests.
    static func count(_ table: String, on connection: Connection) async throws -> Int {
        try await connection.query("select count(*) from \(table)").first!.decode(Int.self, at: 0)
    }

    /// Runs an import that must fail and returns its problems as `file:line: field: message` lines.
    static func rejection(
        _ kind: ImportKind, path: String, on connection: Connection
    ) async throws -> [String] {
        do {
            let summary = try await Importer().importFile(kind, path: path, into: connection)
            return ["unexpectedly imported \(summary.inserted) records"]
        } catch let failure as ValidationFailure {
            return failure.problems.map(\.description)
        }
    }

    /// Exports to bytes.
    static func export(
        _ kind: ExportKind, format: RecordFormat, exporter: Exporter = Exporter(), from connection: Connection
    ) async throws -> [UInt8] {
        var out: [UInt8] = []
        try await exporter.export(kind, format: format, from: connection) { out += $0 }
        return out
    }
}

/// Files in a temporary folder of their own, removed at process exit by the OS's temp cleaning.
enum TempFile {
    /// Writes bytes to a new file called `name` in a new temporary folder and returns its path.
    static func write(_ bytes: [UInt8], name: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appending(path: "cm-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appending(path: name)
        try Data(bytes).write(to: url)
        return url.path
    }

    /// Writes text.
    static func write(_ text: String, name: String) throws -> String { try write(Array(text.utf8), name: name) }

    /// Writes records as JSON Lines.
    static func jsonLines<R: RecordShape>(_ records: [R], name: String) throws -> String {
        try write(RecordWriter.jsonLines(records), name: name)
    }
}
