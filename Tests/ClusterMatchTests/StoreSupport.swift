import ClusterMatch
import Postgres
import TestSupport

/// A fresh, migrated database with two clusters (Japan and Canada, sister-linked), a university, a firm and their people.
func withMigratedDatabase<T: Sendable>(_ body: (Connection) async throws -> T) async throws -> T {
    try await TestDatabase.withDatabase(prefix: "store") { database in
        let connection = try await Connection.connect(to: database)
        do {
            try await Migrator().migrate(on: connection)
            try await connection.executeScript(
                """
                insert into clusters (slug, name, country, region, programme, main_fields) values
                  ('gifu', 'Gifu', 'JP', 'Gifu', 'knowledge-cluster', '{aerospace}'),
                  ('criaq-quebec', 'CRIAQ', 'CA', 'Quebec', 'foreign', '{aerospace}');
                insert into sister_links (cluster_a, cluster_b, since) select min(id), max(id), 2012 from clusters;
                insert into organisations (slug, name, kind, cluster_id, country) values
                  ('gifu-university', 'Gifu University', 'university', (select id from clusters where slug = 'gifu'), 'JP'),
                  ('laurentian-aero', 'Laurentian Aero', 'firm', (select id from clusters where slug = 'criaq-quebec'), 'CA');
                insert into people (name, email, organisation_id) values
                  ('Yui Fujita', 'y.fujita@example.jp', (select id from organisations where slug = 'gifu-university')),
                  ('Marie Roy', 'm.roy@example.ca', (select id from organisations where slug = 'laurentian-aero')),
                  ('Someone Else', 'else@example.org', null);
                insert into person_roles (person_id, role, organisation_id)
                  select id, 'coordinator', organisation_id from people where email = 'y.fujita@example.jp'
                  union all select id, 'firm-contact', organisation_id from people where email = 'm.roy@example.ca';
                """)
            let value = try await body(connection)
            await connection.close()
            return value
        } catch {
            await connection.close()
            throw error
        }
    }
}

/// A valid seed owned by the fixture university.
func sampleSeed(ref: String = "S-GIF-001", visibility: Visibility = .public) -> SeedRecord {
    SeedRecord(
        ref: ref, title: "Cold-spray repair of \"titanium\" blisks — チタン補修 🚀", summary: "Repairs fan blisks without heat damage.",
        description: "Secret process window: 900 m/s particle velocity.", primaryField: "aerospace", keywords: ["cold spray", "blisk"],
        trl: 5, ipStatus: .patentApplied, ipScope: .international, partnerships: [.licence, .jointResearch], visibility: visibility,
        organisation: "gifu-university", coordinator: "y.fujita@example.jp")
}
