import ArgumentParser
import ClusterMatch
import Foundation
import Postgres

/// `clustermatch demo`: everything a newcomer needs to see the service with data in it.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Bring up a private PostgreSQL (unless DATABASE_URL is set), migrate, load the fixtures and show them.")

    @Option(name: .customLong("database-url"), help: "Use this database instead of the private one (default: $DATABASE_URL).")
    var databaseURL: String?

    func run() async throws {
        try await reportingFailures {
            let target: ConnectionString
            if let url = databaseURL ?? ProcessInfo.processInfo.environment["DATABASE_URL"], !url.isEmpty {
                target = try ConnectionString(url)
                print("Using DATABASE_URL (\(target.redacted)).")
            } else {
                print("Starting a private PostgreSQL in \(DatabaseLocation.developmentDirectory().path()) …")
                target = try DevCommand.up()
                try await DevCommand.createDatabase()
            }
            guard let fixtures = FixtureLoader.defaultDirectory() else {
                throw CLIError("no fixtures folder found (run from the repository, or set CLUSTERMATCH_FIXTURES)")
            }
            let connection = try await Connection.connect(to: target.with("application_name", "clustermatch-demo"))
            do {
                let applied = try await Migrator().migrate(on: connection)
                print(applied.isEmpty ? "Schema is up to date." : "Applied migrations \(applied.map(String.init).joined(separator: ", ")).")
                let counts = try await FixtureLoader(directory: fixtures).load(into: connection)
                print("Fixtures from \(fixtures.path()): "
                    + counts.map { "\($0.kind.rawValue) \($0.loaded) new, \($0.alreadyPresent) already there" }.joined(separator: "; "))
                try await show(on: connection)
                await connection.close()
            } catch {
                await connection.close()
                throw error
            }
            print("""

                Next: clustermatch seed show S-AE-001 · clustermatch need list --field biotech · clustermatch cluster show gifu
                (the CLI finds this database by itself; elsewhere use DATABASE_URL="\(target)")
                """)
        }
    }

    private func show(on connection: Connection) async throws {
        let clusters = try await ClusterStore.list(country: nil, on: connection)
        print("\nClusters (\(clusters.count)):")
        print(renderTable(
            ["slug", "country", "programme", "fields", "sisters", "orgs", "seeds", "needs"],
            clusters.map {
                [$0.cluster.slug, $0.cluster.country, $0.cluster.programme.rawValue, $0.cluster.mainFields.joined(separator: ","),
                 $0.sisters.joined(separator: ","), "\($0.organisations)", "\($0.seeds)", "\($0.needs)"]
            }))
        let totals = try await connection.query(
            """
            select f.code, (select count(*) from seeds s where s.primary_field = f.code and s.status = 'published'),
                   (select count(*) from needs n where n.primary_field = f.code and n.status = 'published')
            from fields f order by f.code
            """)
        print("\nPublished seeds and needs by field:")
        print(renderTable(["field", "seeds", "needs"], try totals.map { [try $0.decode(String.self, at: 0), "\(try $0.decode(Int.self, at: 1))", "\(try $0.decode(Int.self, at: 2))"] }))
        let seeds = try await SeedStore.list(PostingFilter(status: .published, limit: 8), viewer: nil, on: connection)
        print("\nNewest seeds:")
        print(postingTable(seeds.map { ($0.id, $0.ref, $0.status?.rawValue ?? "", $0.primaryField, "\($0.trl)", $0.organisation, $0.title) }))
        let needs = try await NeedStore.list(PostingFilter(status: .published, limit: 8), viewer: nil, on: connection)
        print("\nNewest needs:")
        print(postingTable(needs.map { ($0.id, $0.ref, $0.status?.rawValue ?? "", $0.primaryField, "\($0.trlMin)-\($0.trlMax)", $0.organisation, $0.title) }))
    }
}
