import Foundation
public import Postgres

/// Real PostgreSQL for tests: `TEST_DATABASE_URL` when set, otherwise one throwaway server per test process
/// (initdb into a temporary folder, Unix socket only), stopped and deleted when the process exits.
///
/// Each test gets a database of its own (`test_<uuid>`), so tests can run in parallel. There is no skipping: when
/// no server can be had, the test fails with the reason.
public enum TestDatabase {
    /// The server-level connection string (its `postgres` database), starting the throwaway server on first use.
    /// - Throws: `TestDatabaseError` saying why no server is available.
    public static func server() throws -> ConnectionString {
        try serverResult.get()
    }

    /// The throwaway server, when the tests started one (nil with `TEST_DATABASE_URL`).
    public static var localServer: LocalServer? { localServerInstance }

    /// Creates an empty database for one test and returns its connection string.
    public static func create(prefix: String = "test") async throws -> ConnectionString {
        let server = try server()
        let name = "\(prefix)_\(UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: ""))"
        let admin = try await Connection.connect(to: server)
        do {
            try await admin.execute("create database \(quoteIdentifier(name))")
        } catch {
            await admin.close()
            throw error
        }
        await admin.close()
        return server.with(database: name)
    }

    /// Drops a database made by ``create(prefix:)`` (ending its sessions first).
    public static func drop(_ database: ConnectionString) async throws {
        guard let name = database.database else { return }
        let admin = try await Connection.connect(to: try server())
        try await admin.execute("drop database if exists \(quoteIdentifier(name)) with (force)")
        await admin.close()
    }

    /// Runs `body` with a fresh database and drops it afterwards, on every exit path.
    @discardableResult
    public static func withDatabase<T: Sendable>(
        prefix: String = "test", _ body: (ConnectionString) async throws -> T
    ) async throws -> T {
        let database = try await create(prefix: prefix)
        do {
            let value = try await body(database)
            try await drop(database)
            return value
        } catch {
            try? await drop(database)
            throw error
        }
    }

    nonisolated(unsafe) private static var localServerInstance: LocalServer?

    private static let serverResult: Result<ConnectionString, any Error> = {
        let environment = ProcessInfo.processInfo.environment
        if let url = environment["TEST_DATABASE_URL"], !url.isEmpty {
            return Result { try ConnectionString(url) }
        }
        do {
            let server = try LocalServer.throwaway()
            try server.start()
            localServerInstance = server
            atexit { try? TestDatabase.localServer?.destroy() }
            return .success(server.connectionString)
        } catch {
            return .failure(
                TestDatabaseError(
                    message: "no PostgreSQL for the tests: TEST_DATABASE_URL is not set and a throwaway server could not "
                        + "be started: \(error)"))
        }
    }()
}

/// Why the tests have no database.
public struct TestDatabaseError: Error, CustomStringConvertible {
    /// The reason, with what to do.
    public var message: String
    public var description: String { message }
}
