import Foundation
import Postgres

extension DatabaseOptions {
    /// Runs `body` with a scratch database `cm_bench_<random>` created on the server these options point to, and
    /// drops it afterwards (also when `body` throws) unless `keep`. With `reuse`, runs on that existing database
    /// instead and never drops it.
    func withScratchDatabase<T: Sendable>(
        reuse: String? = nil, keep: Bool = false, _ body: (ConnectionString) async throws -> T
    ) async throws -> T {
        let server = try connectionString()
        let name = reuse ?? "cm_bench_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
        let admin: Connection
        do {
            admin = try await Connection.connect(to: server.with("application_name", "clustermatch-bench"))
        } catch let error as PostgresError {
            throw CLIError("cannot connect to PostgreSQL (\(server.redacted)): \(error.message)")
        }
        let drops = reuse == nil && !keep
        if reuse == nil { try await admin.execute("create database \(name)") }
        do {
            let value = try await body(server.with(database: name))
            if drops { try await admin.execute("drop database if exists \(name) with (force)") }
            if keep { printError("kept database \(name)") }
            await admin.close()
            return value
        } catch {
            if drops { _ = try? await admin.execute("drop database if exists \(name) with (force)") }
            await admin.close()
            throw error
        }
    }
}
