import Synchronization
import Foundation
public import Matching
public import Postgres

/// How the loader reads one item kind: its table, its analysis table and how a row becomes a profile.
public protocol ItemSource<Profile>: Sendable {
    /// The matcher profile of this kind.
    associatedtype Profile: Sendable
    /// The posting kind.
    var kind: PostingKind { get }
    /// The columns after the common ones (`profileColumns` of `t`, the posting, `o`, its organisation), each as
    /// text (the loader reads its rows in binary form, where only text columns decode).
    var profileColumns: String { get }
    /// Builds the profile from a row whose profile columns start at `offset`.
    func profile(_ row: Row, at offset: Int, label: MatchLoader.Label, isConfidential: Bool, isOpen: Bool) throws -> Profile
}

/// Seeds for the matcher.
public struct SeedSource: ItemSource {
    private let sets = StringSetInterner()
    /// Creates the seed source.
    public init() {}
    public var kind: PostingKind { .seed }
    public var profileColumns: String { "t.primary_field, t.secondary_fields::text, t.trl::text, t.partnerships::text, t.ip_status" }
    public func profile(
        _ row: Row, at i: Int, label: MatchLoader.Label, isConfidential: Bool, isOpen: Bool
    ) throws -> SeedProfile {
        SeedProfile(
            clusterID: label.clusterID, country: label.country, primaryField: try row.decode(at: i),
            secondaryFields: sets.intern(try row.decode([String].self, at: i + 1)), trl: try row.decode(at: i + 2),
            partnerships: sets.intern(try row.decode([String].self, at: i + 3)), ipStatus: try row.decode(at: i + 4),
            isConfidential: isConfidential, isOpen: isOpen)
    }
}

/// Needs for the matcher.
public struct NeedSource: ItemSource {
    private let sets = StringSetInterner()
    /// Creates the need source.
    public init() {}
    public var kind: PostingKind { .need }
    public var profileColumns: String {
        "t.primary_field, t.secondary_fields::text, t.trl_min::text, t.trl_max::text, t.partnerships::text, t.ip_required::text, t.scope, t.target_countries::text"
    }
    public func profile(
        _ row: Row, at i: Int, label: MatchLoader.Label, isConfidential: Bool, isOpen: Bool
    ) throws -> NeedProfile {
        let scopeText = try row.decode(String.self, at: i + 6)
        guard let scope = NeedProfile.Scope(rawValue: scopeText) else {
            throw PostgresDecodingError(column: "scope", type: "NeedProfile.Scope", reason: .invalidText(scopeText))
        }
        return NeedProfile(
            clusterID: label.clusterID, country: label.country, primaryField: try row.decode(at: i),
            secondaryFields: sets.intern(try row.decode([String].self, at: i + 1)),
            trlRange: try row.decode(Int.self, at: i + 2)...row.decode(Int.self, at: i + 3),
            partnerships: sets.intern(try row.decode([String].self, at: i + 4)), acceptedIP: sets.intern(try row.decode([String].self, at: i + 5)),
            scope: scope, targetCountries: sets.intern(try row.decode([String].self, at: i + 7)), isConfidential: isConfidential, isOpen: isOpen)
    }
}

extension ItemSource {
    var table: String { kind == .seed ? "seeds" : "needs" }
    var analysisTable: String { kind == .seed ? "seed_analysis" : "need_analysis" }
    var analysisKey: String { kind == .seed ? "seed_id" : "need_id" }

    /// Every draft and published item, in id order, in keyset batches; the next batch is fetched while this one
    /// is decoded and indexed.
    func load(on connection: Connection, batchSize: Int, counts: inout MatchLoader.AnalysisCounts) async throws -> LoadedKind<Profile> {
        var loaded = LoadedKind<Profile>()
        let condition = "t.status in ('draft', 'published') and t.id > $1 order by t.id limit \(batchSize)"
        let total = try await connection.query("select count(*) from \(table) t where t.status in ('draft', 'published')")[0]
            .decode(Int.self, at: 0)
        var rows = try await fetch(condition: condition, [Int64.min], on: connection)
        var isFirstBatch = true
        while !rows.isEmpty {
            let lastID = try rows[rows.count - 1].decode(Int64.self, at: 0)
            let isFull = rows.count == batchSize
            async let following = isFull ? fetch(condition: condition, [lastID], on: connection) : nil
            if isFirstBatch {
                // Room for everything, estimated from the first batch's stored analyses (5% spare).
                let sample = rows.prefix(200)
                var terms = 0
                for row in sample { if let bytes = row.bytes(at: 8) { terms += AnalyzedDocument.termCount(ofEncoded: Array(bytes)) ?? 0 } }
                loaded.index.reserveCapacity(documents: total, terms: Int(Double(terms) / Double(max(1, sample.count)) * Double(total) * 1.05))
                loaded.profiles.reserveCapacity(total)
                loaded.labels.reserveCapacity(total)
                isFirstBatch = false
            }
            // Each item goes into the index as it is decoded, so a batch's analysed texts are never all held at once.
            try await process(rows, on: connection, counts: &counts) { item in
                loaded.index.add(item.id, item.document)
                loaded.profiles[item.id] = item.profile
                loaded.labels[item.id] = item.label
            }
            guard let next = try await following else { break }
            rows = next
        }
        return loaded
    }

    /// Reads the items a condition on `t` selects, analysing (and storing) those without a current analysis.
    func read(
        condition: String, _ parameters: [any PostgresEncodable], on connection: Connection,
        counts: inout MatchLoader.AnalysisCounts
    ) async throws -> [LoadedItem<Profile>] {
        var items: [LoadedItem<Profile>] = []
        try await process(fetch(condition: condition, parameters, on: connection), on: connection, counts: &counts) { items.append($0) }
        return items
    }

    /// Columns: 0 id, 1 ref, 2 title, 3 visibility, 4 status, 5 org slug, 6 cluster slug, 7 country, 8 stored
    /// analysis (null when missing or stale), 9–12 summary, description, keywords, text hash (only when the analysis
    /// is missing), then the profile columns. The rows come in binary form, so the analysis arrives as its raw bytes
    /// (not as hex text twice its size); every other column is text (cast where it is not, as `profileColumns` are)
    /// and decodes as usual.
    func fetch(condition: String, _ parameters: [any PostgresEncodable], on connection: Connection) async throws -> QueryResult {
        return try await connection.query(
            """
            select t.id::text, t.ref, t.title, t.visibility, t.status, o.slug, c.slug, o.country, a.document,
                   case when a.document is null then t.summary end, case when a.document is null then t.description end,
                   case when a.document is null then t.keywords::text end, case when a.document is null then t.text_hash end,
                   \(profileColumns)
            from \(table) t join organisations o on o.id = t.organisation_id left join clusters c on c.id = o.cluster_id
            left join \(analysisTable) a on a.\(analysisKey) = t.id and a.analyzer_version = \(Analyzer.version) and a.source_hash = t.text_hash
            where \(condition)
            """, parameters, format: .binary)
    }

    /// Decodes fetched rows, analysing (and storing) those without a current analysis.
    func process(
        _ rows: QueryResult, on connection: Connection, counts: inout MatchLoader.AnalysisCounts, _ each: (LoadedItem<Profile>) -> Void
    ) async throws {
        let analyzer = Analyzer()
        var fresh = CopyTextWriter()
        var freshCount = 0
        for row in rows {
            let id = try row.decode(Int64.self, at: 0)
            let label = MatchLoader.Label(
                ref: try row.decode(at: 1), title: try row.decode(at: 2), organisation: try row.decode(at: 5),
                cluster: try row.decode(at: 6), country: try row.decode(at: 7))
            let status = try row.decode(String.self, at: 4)
            let profile = try self.profile(
                row, at: 13, label: label, isConfidential: try row.decode(String.self, at: 3) == "confidential",
                isOpen: status == "published")
            let document: AnalyzedDocument
            if let stored = row.bytes(at: 8) {
                document = try AnalyzedDocument(encoded: Array(stored))
                counts.reused += 1
            } else {
                document = analyzer.analyze(
                    DocumentText(
                        title: label.title, summary: try row.decode(at: 9), description: try row.decode(String?.self, at: 10) ?? "",
                        keywords: try row.decode(at: 11)))
                fresh.append(id)
                fresh.append(try row.decode(String.self, at: 12))
                fresh.append(Data(document.encoded()))
                fresh.endRow()
                freshCount += 1
            }
            each(LoadedItem(
                id: id, profile: profile, document: document, label: label, isCurrent: status == "draft" || status == "published"))
        }
        if freshCount > 0 {
            try await store(fresh.bytes, on: connection)
            counts.made += freshCount
        }
    }

    /// Writes analyses (COPY rows: id, source hash, encoded document) over any older ones, in one transaction.
    private func store(_ copyRows: [UInt8], on connection: Connection) async throws {
        let table = analysisTable, key = analysisKey
        try await connection.withTransaction { connection in
            try await connection.execute("create temporary table analysis_in (id bigint, source_hash text, document bytea) on commit drop")
            _ = try await connection.copyIn("copy analysis_in from stdin", data: copyRows)
            try await connection.execute(
                """
                insert into \(table) (\(key), analyzer_version, source_hash, document)
                select i.id, \(Analyzer.version), i.source_hash, i.document from analysis_in i
                on conflict (\(key)) do update
                set analyzer_version = excluded.analyzer_version, source_hash = excluded.source_hash, document = excluded.document
                """)
        }
    }
}

/// Shares one copy of each distinct set of strings among all profiles of a load (a million seeds have only a few
/// hundred distinct field and partnership sets; separate copies cost a few hundred MB).
final class StringSetInterner: Sendable {
    private let known = Mutex<Set<Set<String>>>([])

    func intern(_ values: [String]) -> Set<String> {
        let set = Set(values)
        return known.withLock { known in
            if let index = known.firstIndex(of: set) { return known[index] }
            known.insert(set)
            return set
        }
    }
}
