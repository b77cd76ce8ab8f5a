import ArgumentParser
import ClusterMatch
import Foundation
import Postgres

/// `clustermatch dev up|down|status`: the private PostgreSQL for the demo and local work.
struct DevCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dev",
        abstract: "Run a private PostgreSQL for the demo (Unix socket only; folder: $CLUSTERMATCH_DEV_DIR or a default).",
        subcommands: [Up.self, Down.self, Status.self])

    struct Up: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Initialise (once) and start the server, create the database and migrate it.")
        func run() async throws {
            try await reportingFailures {
                let target = try DevCommand.up()
                try await DevCommand.createDatabase()
                let connection = try await Connection.connect(to: target)
                try await Migrator().migrate(on: connection)
                await connection.close()
                print("PostgreSQL is running; connect with: DATABASE_URL=\"\(target)\"")
            }
        }
    }

    struct Down: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop the server (the data stays).")
        func run() async throws {
            try await reportingFailures {
                try DatabaseLocation.developmentServer().stop()
                print("stopped")
            }
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Say whether the server is running and where.")
        func run() async throws {
            let server = DatabaseLocation.developmentServer()
            print("folder: \(server.directory.path())")
            print(server.isRunning ? "running: \(server.connectionString.with(database: DatabaseLocation.developmentDatabase))"
                : server.isInitialised ? "stopped" : "not created (run `clustermatch dev up`)")
        }
    }

    /// Starts the development server and returns the connection string of its clustermatch database.
    static func up() throws -> ConnectionString {
        let server = DatabaseLocation.developmentServer()
        try server.start()
        return server.connectionString.with(database: DatabaseLocation.developmentDatabase)
    }

    /// Creates the clustermatch database on the development server unless it exists.
    static func createDatabase() async throws {
        let server = DatabaseLocation.developmentServer()
        let admin = try await Connection.connect(to: server.connectionString)
        let exists = try await admin.query("select 1 from pg_database where datname = $1", [DatabaseLocation.developmentDatabase]).first != nil
        if !exists { try await admin.execute("create database \(quoteIdentifier(DatabaseLocation.developmentDatabase))") }
        await admin.close()
    }
}
