import ArgumentParser
import ClusterMatch
import Foundation
import Postgres

/// The options every database command shares.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("database-url"), help: "A libpq URI or key=value string (default: $DATABASE_URL, then the dev server, then PG* variables).")
    var databaseURL: String?

    /// The connection string these options select.
    func connectionString() throws -> ConnectionString {
        if let databaseURL { return try ConnectionString(databaseURL) }
        return try DatabaseLocation.resolve()
    }

    /// Opens one connection, checks that the schema is this binary's, runs `body` and closes the connection.
    /// - Parameter requireCurrentSchema: false only for `db migrate` and `db status`.
    @discardableResult
    func withConnection<T: Sendable>(
        requireCurrentSchema: Bool = true, _ body: (Connection) async throws -> T
    ) async throws -> T {
        let target = try connectionString()
        let connection: Connection
        do {
            connection = try await Connection.connect(to: target.with("application_name", "clustermatch"))
        } catch let error as PostgresError {
            throw CLIError("cannot connect to PostgreSQL (\(target.redacted.isEmpty ? "libpq defaults" : target.redacted)): \(error.message)")
        }
        do {
            if requireCurrentSchema { try await Migrator().requireCurrent(on: connection) }
            let value = try await body(connection)
            await connection.close()
            return value
        } catch {
            await connection.close()
            throw error
        }
    }
}

/// A failure to report as one line on stderr with exit status 1.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
