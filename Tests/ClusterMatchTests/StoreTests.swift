import ClusterMatch
import Postgres
import Testing
import TestSupport

@Suite("migrations")
struct MigrationTests {
    @Test func migratingTwiceIsANoOpAndConcurrentRunsLeaveOneCorrectSchema() async throws {
        try await TestDatabase.withDatabase(prefix: "migrate") { database in
            let migrator = Migrator()
            #expect(migrator.latestVersion >= 2)
            // Four concurrent runs: the advisory lock serialises them; exactly one applies each migration.
            let applied = try await withThrowingTaskGroup(of: [Int].self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        let connection = try await Connection.connect(to: database)
                        let applied = try await migrator.migrate(on: connection)
                        await connection.close()
                        return applied
                    }
                }
                return try await group.reduce(into: [Int]()) { $0 += $1 }
            }
            #expect(applied.sorted() == migrator.migrations.map(\.version))
            let connection = try await Connection.connect(to: database)
            #expect(try await migrator.migrate(on: connection).isEmpty)
            let status = try await migrator.status(on: connection)
            #expect(status.pending.isEmpty && status.changed.isEmpty && status.current == migrator.latestVersion)
            #expect(try await connection.query("select count(*) from fields").first?.decode(Int.self, at: 0) == 4)
            #expect(try await connection.query("select count(*) from countries").first?.decode(Int.self, at: 0) == 249)
            try await migrator.requireCurrent(on: connection)
            await connection.close()
        }
    }

    @Test func aDatabaseNewerThanTheBinaryIsRefused() async throws {
        try await TestDatabase.withDatabase(prefix: "migrate") { database in
            let connection = try await Connection.connect(to: database)
            try await Migrator().migrate(on: connection)
            try await connection.execute("insert into schema_migrations (version, name, checksum) values (9999, '9999_future.sql', 'x')")
            let error = await #expect(throws: MigrationError.self) { try await Migrator().migrate(on: connection) }
            #expect(error?.description.contains("newer") == true)
            await #expect(throws: MigrationError.self) { try await Migrator().requireCurrent(on: connection) }
            await connection.close()
        }
    }

    @Test func anOlderBinaryStopsAtPendingMigrations() async throws {
        try await TestDatabase.withDatabase(prefix: "migrate") { database in
            let connection = try await Connection.connect(to: database)
            let first = Migrator(migrations: Array(Migrator().migrations.prefix(1)))
            try await first.migrate(on: connection)
            let error = await #expect(throws: MigrationError.self) { try await Migrator().requireCurrent(on: connection) }
            #expect(error?.description.contains("db migrate") == true)
            await connection.close()
        }
    }
}

@Suite("seeds and needs in the store")
struct PostingStoreTests {
    @Test func aSeedGoesThroughItsLifecycle() async throws {
        try await withMigratedDatabase { connection in
            let posted = try await SeedStore.post(sampleSeed(), on: connection)
            #expect(posted.status == .draft && posted.publishedAt == nil)
            #expect(posted.title == sampleSeed().title)  // quotes, Japanese and emoji byte for byte
            #expect(posted.cluster == "gifu" && posted.country == "JP")
            let id = try #require(posted.id)
            try await PostingLifecycle.publish(.seed, id: id, on: connection)
            var seed = try await SeedStore.show("S-GIF-001", viewer: nil, on: connection)
            #expect(seed.status == .published && seed.publishedAt != nil && seed.expiresAt != nil)
            try await PostingLifecycle.renew(.seed, id: id, days: 30, on: connection)
            let renewalError = await #expect(throws: StoreError.self) { try await PostingLifecycle.renew(.seed, id: id, on: connection) }
            #expect(renewalError?.description == "a seed can be renewed only once")
            try await PostingLifecycle.withdraw(.seed, id: id, on: connection)
            let error = await #expect(throws: StoreError.self) { try await PostingLifecycle.publish(.seed, id: id, on: connection) }
            #expect(error?.description == "a seed cannot go from withdrawn to published")
            seed = try await SeedStore.show(String(id), viewer: nil, on: connection)
            #expect(seed.status == .withdrawn && seed.renewals == 1)
            // The SQL trigger enforces the same lifecycle for plain SQL.
            let sqlError = await #expect(throws: PostgresError.self) {
                try await connection.execute("update seeds set status = 'draft' where id = $1", [id])
            }
            #expect(sqlError?.constraint == "seed_status_transition")
        }
    }

    @Test func plainSQLMeetsTheSameRulesAsTheCLI() async throws {
        try await withMigratedDatabase { connection in
            func violation(_ assignments: String) async -> String? {
                let error = await #expect(throws: PostgresError.self) {
                    try await connection.execute(
                        """
                        insert into seeds (ref, title, primary_field, trl, partnerships, organisation_id, secondary_fields, keywords)
                        select 'S-SQL-1', 'Title', 'nano', 5, '{licence}', id, \(assignments) from organisations where slug = 'gifu-university'
                        """)
                }
                return error?.constraint
            }
            #expect(await violation("'{nano}', '{}'") == "seed_secondary_fields_distinct")
            #expect(await violation("'{energy}', '{}'") == "seed_secondary_fields_known")
            #expect(await violation("'{}', array['ok', ' ']") == "seed_keyword_length")
            #expect(await violation("'{}', array[repeat('k', 65)]") == "seed_keyword_length")
            #expect(await violation("'{}', array['1','2','3','4','5','6','7','8','9','10','11']") == "seed_keywords_count")
            let firm = await #expect(throws: PostgresError.self) {
                try await connection.execute(
                    """
                    insert into needs (ref, title, primary_field, partnerships, organisation_id, target_countries)
                    select 'N-SQL-1', 'Title', 'nano', '{licence}', id, '{}' from organisations where slug = 'gifu-university'
                    """)
            }
            #expect(firm?.constraint == "need_organisation_firm")
            let country = await #expect(throws: PostgresError.self) {
                try await connection.execute(
                    """
                    insert into needs (ref, title, primary_field, partnerships, organisation_id, target_countries)
                    select 'N-SQL-2', 'Title', 'nano', '{licence}', id, '{ZZ}' from organisations where slug = 'laurentian-aero'
                    """)
            }
            #expect(country?.constraint == "need_target_countries_known")
            let written = try await connection.query("select (select count(*) from seeds) + (select count(*) from needs)")
            #expect(try written.first?.decode(Int.self, at: 0) == 0)
        }
    }

    @Test func confidentialDetailsShowOnlyToTheOwningCoordinators() async throws {
        try await withMigratedDatabase { connection in
            _ = try await SeedStore.post(sampleSeed(visibility: .confidential), on: connection)
            let anonymous = try await SeedStore.show("S-GIF-001", viewer: nil, on: connection)
            #expect(anonymous.description.isEmpty && anonymous.keywords.isEmpty && anonymous.summary == sampleSeed().summary)
            let stranger = try await SeedStore.list(PostingFilter(), viewer: "else@example.org", on: connection)
            #expect(stranger.map(\.description) == [""])
            let owner = try await SeedStore.show("S-GIF-001", viewer: "y.fujita@example.jp", on: connection)
            #expect(owner.description == sampleSeed().description)
            // An update that changes only the title keeps the hidden description.
            var changed = try await SeedStore.show("S-GIF-001", viewer: nil, on: connection, revealing: true)
            changed.title = "New title"
            try await SeedStore.update(id: try #require(changed.id), to: changed, on: connection)
            #expect(try await SeedStore.show("S-GIF-001", viewer: "y.fujita@example.jp", on: connection).description == sampleSeed().description)
        }
    }

    @Test func badPostsAreRejectedWithTheRulesWordingAndWriteNothing() async throws {
        try await withMigratedDatabase { connection in
            var seed = sampleSeed()
            seed.trl = 12
            seed.primaryField = "energy"
            seed.summary = String(repeating: "x", count: 5_000)
            seed.title = "'; drop table seeds; --"
            let failure = await #expect(throws: ValidationFailure.self) { try await SeedStore.post(seed, on: connection) }
            let messages = failure?.problems.map(\.description) ?? []
            #expect(messages.contains("trl: trl must be between 1 and 9"))
            #expect(messages.contains { $0.contains("unknown field \"energy\"") })
            #expect(messages.contains { $0.hasPrefix("summary:") })
            #expect(!messages.contains { $0.hasPrefix("title:") })
            _ = try await SeedStore.post(sampleSeed(), on: connection)
            let duplicate = await #expect(throws: PostgresError.self) { try await SeedStore.post(sampleSeed(), on: connection) }
            #expect(duplicate?.constraint == "seed_ref_unique")
            #expect(try await connection.query("select count(*) from seeds").first?.decode(Int.self, at: 0) == 1)
            // A need must belong to a firm.
            let need = NeedRecord(ref: "N-1", title: "Need", primaryField: "aerospace", partnerships: [.licence], organisation: "gifu-university")
            let needFailure = await #expect(throws: ValidationFailure.self) { try await NeedStore.post(need, on: connection) }
            #expect(needFailure?.problems.map(\.message) == ["a need must be owned by a firm"])
        }
    }

    @Test func needsArePostedListedAndUpdated() async throws {
        try await withMigratedDatabase { connection in
            var need = NeedRecord(
                ref: "N-CA-001", title: "Repair of fan blisks", summary: "Looking for cold spray know-how.", description: "Details",
                primaryField: "aerospace", keywords: ["blisk"], trlMin: 4, trlMax: 7, partnerships: [.licence], scope: .internationalOnly,
                targetCountries: ["JP"], deadline: "2027-03-31", organisation: "laurentian-aero", contact: "m.roy@example.ca", status: .published)
            let stored = try await NeedStore.post(need, on: connection)
            #expect(stored.status == .published && stored.deadline == "2027-03-31" && stored.targetCountries == ["JP"])
            need.trlMin = 8
            need.trlMax = 3
            let failure = await #expect(throws: ValidationFailure.self) { try await NeedStore.update(id: try #require(stored.id), to: need, on: connection) }
            #expect(failure?.problems.contains { $0.rule == .needTRLOrder } == true)
            let listed = try await NeedStore.list(PostingFilter(status: .published, field: "aerospace", cluster: "criaq-quebec"), viewer: nil, on: connection)
            #expect(listed.map(\.ref) == ["N-CA-001"])
            #expect(try await NeedStore.list(PostingFilter(status: .draft), viewer: nil, on: connection).isEmpty)
        }
    }

    @Test func clustersAndSisterLinks() async throws {
        try await withMigratedDatabase { connection in
            try await ClusterStore.add(ClusterRecord(slug: "aerospace-valley", name: "Aerospace Valley", country: "FR", programme: .foreign, mainFields: ["aerospace"]), on: connection)
            try await ClusterStore.link(SisterLinkRecord(a: "aerospace-valley", b: "gifu", since: 2012), on: connection)
            try await ClusterStore.link(SisterLinkRecord(a: "gifu", b: "aerospace-valley", since: 2013, note: "again"), on: connection)
            let gifu = try await ClusterStore.show("gifu", on: connection)
            #expect(gifu.sisters == ["aerospace-valley", "criaq-quebec"])
            #expect(try await connection.query("select count(*) from sister_links").first?.decode(Int.self, at: 0) == 2)
            let bad = await #expect(throws: ValidationFailure.self) {
                try await ClusterStore.add(ClusterRecord(slug: "x-cluster", name: "X", country: "ZZ", programme: .foreign), on: connection)
            }
            #expect(bad?.problems.first?.field == "country")
            #expect(try await ClusterStore.list(country: "FR", on: connection).map(\.cluster.slug) == ["aerospace-valley"])
        }
    }
}
