public import Foundation
import Logging
public import Postgres

/// Where the CLI and the worker find PostgreSQL: `DATABASE_URL` when set; otherwise the private development server
/// of `clustermatch dev up` when its folder exists; otherwise libpq's own defaults and `PG*` variables.
public enum DatabaseLocation {
    /// The folder of the private development server: `CLUSTERMATCH_DEV_DIR`, else `/var/tmp/clustermatch-dev` when
    /// running as root (the `postgres` user must reach it), else `~/.local/share/clustermatch/dev`.
    public static func developmentDirectory(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let folder = environment["CLUSTERMATCH_DEV_DIR"], !folder.isEmpty { return URL(fileURLWithPath: folder) }
        if geteuid() == 0 { return URL(fileURLWithPath: "/var/tmp/clustermatch-dev") }
        let home = environment["HOME"].map { URL(fileURLWithPath: $0) } ?? FileManager.default.homeDirectoryForCurrentUser
        return home.appending(path: ".local/share/clustermatch/dev")
    }

    /// The development server, with the settings the demo uses.
    public static func developmentServer(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> LocalServer {
        LocalServer(directory: developmentDirectory(environment))
    }

    /// The database name used on the development server.
    public static let developmentDatabase = "clustermatch"

    /// Resolves the connection string as described above.
    /// - Throws: `PostgresError` when `DATABASE_URL` is malformed.
    public static func resolve(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ConnectionString {
        if let url = environment["DATABASE_URL"], !url.isEmpty { return try ConnectionString(url) }
        let server = developmentServer(environment)
        if server.isInitialised { return server.connectionString.with(database: developmentDatabase) }
        return ConnectionString(options: [:])
    }
}
