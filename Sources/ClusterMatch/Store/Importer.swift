public import Postgres

/// What an import loads; the raw values are the CLI's words (`orgs` is accepted by the CLI for `organisations`).
public enum ImportKind: String, Sendable, Hashable, CaseIterable {
    /// `ClusterRecord`s.
    case clusters
    /// `SisterLinkRecord`s.
    case sisterLinks = "sister-links"
    /// `OrganisationRecord`s.
    case organisations
    /// `PersonRecord`s with their roles.
    case people
    /// `SeedRecord`s.
    case seeds
    /// `NeedRecord`s.
    case needs
}

/// What one import did.
public struct ImportSummary: Sendable, Hashable {
    /// What was imported.
    public var kind: ImportKind
    /// The file, as named by the caller.
    public var file: String?
    /// Records read from the file (good and bad).
    public var read: Int
    /// Rows written.
    public var inserted: Int
    /// Records left out because their ref, slug, email or link is already in the database (fixtures only).
    public var alreadyPresent: Int
    /// Records left out because they broke a rule (only with `skipInvalid`).
    public var skipped: Int
    /// Every problem found, in line order; empty unless `skipInvalid` kept the good records.
    public var problems: [Problem]
}

/// Imports records in bulk: checks them in Swift, copies the good ones into a temporary staging table with COPY,
/// checks in SQL what only the database knows (refs and slugs already used, references that do not resolve), then
/// writes them with one `insert … select` per table.
///
/// All or nothing by default: any problem rolls the import back and throws `ValidationFailure` with every problem.
/// With `skipInvalid`, good records are written and each bad one is reported in the summary. Values travel only
/// through COPY and bind parameters.
public struct Importer: Sendable {
    /// Write the good records and report the bad ones, instead of rejecting the whole file.
    public var skipInvalid: Bool
    /// Leave out, without complaint, records whose key (ref, slug, email, sister pair) is already stored; used by
    /// the idempotent fixtures loader.
    public var skipExisting: Bool
    /// About how many bytes of COPY data to send per COPY statement.
    public var copyBatchBytes: Int

    /// Creates an importer.
    public init(skipInvalid: Bool = false, skipExisting: Bool = false, copyBatchBytes: Int = 8 << 20) {
        self.skipInvalid = skipInvalid
        self.skipExisting = skipExisting
        self.copyBatchBytes = copyBatchBytes
    }

    /// Reads a CSV or JSON Lines file (by extension) and imports it in a transaction of its own.
    ///
    /// Runs its SQL on the connection's thread; parsing and checking run on the calling task. Cancelling the task
    /// cancels the running statement and rolls the transaction back.
    /// - Parameters:
    ///   - kind: What the file holds.
    ///   - path: The file; also the name used in problems.
    ///   - connection: An open connection outside any transaction.
    /// - Returns: What was written (and, with `skipInvalid`, what was left out).
    /// - Throws: `ValidationFailure` (nothing written) for a whole-file problem, or for any problem unless
    ///   `skipInvalid`; `PostgresError` for other database failures.
    @discardableResult
    public func importFile(_ kind: ImportKind, path: String, into connection: Connection) async throws -> ImportSummary {
        try await connection.withTransaction(maxAttempts: 1) { connection in
            try await self.load(kind, path: path, into: connection)
        }
    }

    /// Reads a file and imports it inside the caller's transaction (which this does not begin, commit or roll
    /// back); see ``importFile(_:path:into:)``.
    public func load(_ kind: ImportKind, path: String, into connection: Connection) async throws -> ImportSummary {
        switch kind {
        case .clusters: try await load(RecordReader.read(ClusterRecord.self, path: path), kind: kind, into: connection)
        case .sisterLinks:
            try await load(RecordReader.read(SisterLinkRecord.self, path: path), kind: kind, into: connection)
        case .organisations:
            try await load(RecordReader.read(OrganisationRecord.self, path: path), kind: kind, into: connection)
        case .people: try await load(RecordReader.read(PersonRecord.self, path: path), kind: kind, into: connection)
        case .seeds: try await load(RecordReader.read(SeedRecord.self, path: path), kind: kind, into: connection)
        case .needs: try await load(RecordReader.read(NeedRecord.self, path: path), kind: kind, into: connection)
        }
    }

    /// Imports seeds already read (with their lines) in a transaction of its own.
    /// - Throws: as ``importFile(_:path:into:)``.
    public func importSeeds(_ parsed: Parsed<SeedRecord>, into connection: Connection) async throws -> ImportSummary {
        try await inTransaction(parsed, kind: .seeds, connection)
    }

    /// Imports needs already read in a transaction of its own. - Throws: as ``importFile(_:path:into:)``.
    public func importNeeds(_ parsed: Parsed<NeedRecord>, into connection: Connection) async throws -> ImportSummary {
        try await inTransaction(parsed, kind: .needs, connection)
    }

    /// Imports clusters already read in a transaction of its own. - Throws: as ``importFile(_:path:into:)``.
    public func importClusters(
        _ parsed: Parsed<ClusterRecord>, into connection: Connection
    ) async throws -> ImportSummary {
        try await inTransaction(parsed, kind: .clusters, connection)
    }

    /// Imports organisations already read in a transaction of its own. - Throws: as ``importFile(_:path:into:)``.
    public func importOrganisations(
        _ parsed: Parsed<OrganisationRecord>, into connection: Connection
    ) async throws -> ImportSummary {
        try await inTransaction(parsed, kind: .organisations, connection)
    }

    private func inTransaction<R: StagedRecord>(
        _ parsed: Parsed<R>, kind: ImportKind, _ connection: Connection
    ) async throws -> ImportSummary {
        try await connection.withTransaction(maxAttempts: 1) { connection in
            try await self.load(parsed, kind: kind, into: connection)
        }
    }

    /// The import itself, inside the caller's transaction.
    func load<R: StagedRecord>(_ parsed: Parsed<R>, kind: ImportKind, into connection: Connection) async throws -> ImportSummary {
        let file = parsed.file
        let read = parsed.records.count + Set(parsed.problems.compactMap(\.line)).count
        let known = try await KnownReferences.load(on: connection)
        var importProblems: [Problem] = []
        var importBadLines = Set<Int>()
        for item in parsed.records {
            let found = item.record.importProblems()
            guard !found.isEmpty else { continue }
            importProblems += found.map { $0.located(file: file, line: item.line) }
            importBadLines.insert(item.line)
        }
        var checked = parsed.validated(against: known)
        var problems = checked.problems + importProblems
        if !importBadLines.isEmpty { checked.records.removeAll { importBadLines.contains($0.line) } }

        let plan = R.staging
        try await connection.execute("create temp table \(plan.table) (line integer not null, \(plan.columns)) on commit drop")
        try await copy(checked.records, plan: plan, into: connection)

        var existingLines: [Int] = []
        var badLines = Set(problems.compactMap(\.line))
        for (position, check) in ([plan.existing] + plan.checks).enumerated() {
            for row in try await connection.query(check.sql) {
                let line = try row.decode(Int.self, at: 0)
                let value = try row.decode(String?.self, at: 1)
                if position == 0 && skipExisting {
                    existingLines.append(line)
                } else {
                    badLines.insert(line)
                    let message = check.namesValue ? check.rule.message(value: value ?? "") : check.rule.sentence
                    problems.append(Problem(file: file, line: line, field: check.rule.field, message: message, rule: check.rule))
                }
            }
        }
        problems = Self.inLineOrder(problems)
        if !problems.isEmpty && !skipInvalid { throw ValidationFailure(problems) }

        let leftOut = badLines.union(existingLines)
        if !leftOut.isEmpty {
            try await connection.execute("delete from \(plan.table) where line = any($1::integer[])", [leftOut.sorted()])
        }
        var inserted = 0
        do {
            for (position, statement) in plan.insert.enumerated() {
                let count = try await connection.execute(statement)
                if position == 0 { inserted = count }
            }
        } catch let error as PostgresError {
            guard let name = error.constraint, let rule = Rule(constraintName: name) else { throw error }
            let message = error.code == .foreignKeyViolation || error.message.contains("\"") ? error.message : rule.sentence
            throw ValidationFailure([Problem(file: file, field: rule.field, message: message, rule: rule)])
        }
        try await connection.execute("drop table \(plan.table)")
        return ImportSummary(
            kind: kind, file: file, read: read, inserted: inserted, alreadyPresent: existingLines.count,
            skipped: badLines.count, problems: problems)
    }

    /// Sends the records to the staging table, several COPY statements of about `copyBatchBytes` each; while one
    /// batch travels to the server (on the connection's thread), the next is encoded on this task.
    private func copy<R: StagedRecord>(_ records: [Numbered<R>], plan: StagingPlan, into connection: Connection) async throws {
        let sql = "copy \(plan.table) from stdin"
        var previous: [UInt8] = []
        var index = 0
        repeat {
            let sending = previous
            async let sent: Int = sending.isEmpty ? 0 : connection.copyIn(sql, data: sending)
            var writer = CopyTextWriter()
            while index < records.count && writer.bytes.count < copyBatchBytes {
                let item = records[index]
                writer.append(String(item.line))
                item.record.appendStagingValues(to: &writer)
                writer.endRow()
                index += 1
            }
            _ = try await sent
            previous = writer.bytes
        } while !previous.isEmpty
    }

    /// Problems sorted by line (those without a line first), keeping the order of problems on the same line.
    static func inLineOrder(_ problems: [Problem]) -> [Problem] {
        problems.enumerated().sorted { left, right in
            let a = left.element.line ?? 0
            let b = right.element.line ?? 0
            return a != b ? a < b : left.offset < right.offset
        }.map(\.element)
    }
}
