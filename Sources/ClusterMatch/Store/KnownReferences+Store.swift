public import Postgres

extension KnownReferences {
    /// What records may refer to, as stored now: fields, countries, organisations with their kinds, clusters and
    /// people. Runs on the connection's thread.
    /// - Throws: `PostgresError`, or `PostgresDecodingError` for an organisation kind this binary does not know.
    public static func load(on connection: Connection) async throws -> KnownReferences {
        func strings(_ sql: String) async throws -> Set<String> {
            Set(try await connection.query(sql).map { try $0.decode(String.self, at: 0) })
        }
        var organisations: [String: OrganisationKind] = [:]
        for row in try await connection.query("select slug, kind from organisations") {
            organisations[try row.decode(String.self, at: 0)] = try row.word(OrganisationKind.self, at: 1)
        }
        return KnownReferences(
            fields: try await strings("select code from fields"),
            countries: try await strings("select code from countries"),
            organisations: organisations,
            clusters: try await strings("select slug from clusters"),
            people: try await strings("select email from people"))
    }
}
