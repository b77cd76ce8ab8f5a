public import Postgres

/// One numbered schema change from `sql/`, compiled into the binary.
public struct Migration: Sendable, Equatable {
    /// The number before the first underscore of the file name (`0001_foundation.sql` → 1).
    public let version: Int
    /// The file name.
    public let name: String
    /// The SQL script.
    public let sql: String
    /// A short fingerprint of `sql`, recorded when applied, so an edited migration is noticed.
    public var checksum: String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in sql.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

/// Applies the migrations compiled into this binary, each in its own transaction, under an advisory lock so that
/// concurrent runs cannot race (the second waits, then finds nothing to do).
public struct Migrator: Sendable {
    /// The migrations this binary knows, in order.
    public let migrations: [Migration]

    /// The embedded migrations from `sql/`.
    public init() {
        self.init(migrations: EmbeddedMigrations.files.compactMap { file in
            guard let prefix = file.name.split(separator: "_").first, let version = Int(prefix) else { return nil }
            return Migration(version: version, name: file.name, sql: file.sql)
        }.sorted { $0.version < $1.version })
    }

    /// A migrator over explicit migrations (tests).
    public init(migrations: [Migration]) { self.migrations = migrations }

    /// The newest version this binary knows.
    public var latestVersion: Int { migrations.last?.version ?? 0 }

    /// What the database has, compared with this binary.
    public struct Status: Sendable, Equatable {
        /// Versions applied, in order.
        public var applied: [Int]
        /// Versions this binary would apply.
        public var pending: [Int]
        /// The newest version this binary knows.
        public var latest: Int
        /// Applied versions whose SQL differs from this binary's copy.
        public var changed: [Int]
        /// The database's newest version, 0 when none.
        public var current: Int { applied.last ?? 0 }
    }

    static let lockKey = 7_424_116_381  // "clustermatch migrate"

    /// Reads the migration state without changing anything.
    public func status(on connection: Connection) async throws -> Status {
        let exists = try await connection.query("select to_regclass('schema_migrations') is not null").first?.decode(Bool.self, at: 0) ?? false
        var applied: [(Int, String)] = []
        if exists {
            applied = try await connection.query("select version, checksum from schema_migrations order by version").map {
                (try $0.decode(Int.self, at: 0), try $0.decode(String.self, at: 1))
            }
        }
        let known = Dictionary(uniqueKeysWithValues: migrations.map { ($0.version, $0) })
        let appliedVersions = Set(applied.map(\.0))
        return Status(
            applied: applied.map(\.0),
            pending: migrations.map(\.version).filter { !appliedVersions.contains($0) },
            latest: latestVersion,
            changed: applied.filter { version, checksum in known[version].map { $0.checksum != checksum } ?? false }.map(\.0))
    }

    /// Applies every pending migration and returns the versions applied (empty when the database is up to date).
    ///
    /// Holds a session advisory lock for the whole run. Runs on the connection's thread.
    /// - Throws: ``MigrationError`` when the database is newer than this binary; `PostgresError` from a failing
    ///   migration (that migration is rolled back, earlier ones stay).
    @discardableResult
    public func migrate(on connection: Connection) async throws -> [Int] {
        try await connection.execute("select pg_advisory_lock($1)", [Self.lockKey])
        do {
            let applied = try await migrateLocked(on: connection)
            try await connection.execute("select pg_advisory_unlock($1)", [Self.lockKey])
            return applied
        } catch {
            _ = try? await connection.execute("select pg_advisory_unlock($1)", [Self.lockKey])
            throw error
        }
    }

    private func migrateLocked(on connection: Connection) async throws -> [Int] {
        try await connection.execute(
            """
            create table if not exists schema_migrations (
                version integer primary key, name text not null, checksum text not null,
                applied_at timestamptz not null default now())
            """)
        let status = try await status(on: connection)
        if status.current > latestVersion {
            throw MigrationError.databaseIsNewer(database: status.current, binary: latestVersion)
        }
        var done: [Int] = []
        for migration in migrations where status.pending.contains(migration.version) {
            try await connection.withTransaction(maxAttempts: 1) { connection in
                try await connection.executeScript(migration.sql)
                try await connection.execute(
                    "insert into schema_migrations (version, name, checksum) values ($1, $2, $3)",
                    [migration.version, migration.name, migration.checksum])
            }
            done.append(migration.version)
        }
        return done
    }

    /// Throws unless the database is at exactly this binary's version (commands other than `db migrate` call it).
    public func requireCurrent(on connection: Connection) async throws {
        let status = try await status(on: connection)
        if status.current > latestVersion {
            throw MigrationError.databaseIsNewer(database: status.current, binary: latestVersion)
        }
        if !status.pending.isEmpty { throw MigrationError.pending(status.pending) }
    }
}

/// The database's schema does not fit this binary.
public enum MigrationError: Error, Equatable, CustomStringConvertible {
    /// The database has migrations this binary does not know: upgrade the binary.
    case databaseIsNewer(database: Int, binary: Int)
    /// Migrations are pending: run `clustermatch db migrate`.
    case pending([Int])

    public var description: String {
        switch self {
        case .databaseIsNewer(let database, let binary):
            "the database schema (version \(database)) is newer than this clustermatch (version \(binary)); use a newer clustermatch"
        case .pending(let versions):
            "the database schema is not up to date (pending: \(versions.map(String.init).joined(separator: ", "))); run `clustermatch db migrate`"
        }
    }
}
