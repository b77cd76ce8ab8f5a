import Foundation
public import Postgres

/// Forums, their participants and their runs in PostgreSQL. Every write runs in one transaction on the
/// connection's thread; values travel as bind parameters; bad input is rejected naming the field (and the line of
/// an imported file) with nothing written.
public enum ForumStore {
    /// Creates a forum with its sectors and breaks (and participants, conflicts and forced pairs when the record
    /// has them).
    /// - Parameter skipExisting: when a forum with the slug exists, leave it alone and return nil (fixtures).
    /// - Returns: the new forum's id, or nil when skipped.
    /// - Throws: `ValidationFailure` naming each bad field; `PostgresError`.
    @discardableResult
    public static func create(_ forum: ForumRecord, skipExisting: Bool = false, file: String? = nil, on connection: Connection) async throws
        -> Int64?
    {
        try await connection.withTransaction(maxAttempts: 1) { connection in
            try await createInTransaction(forum, skipExisting: skipExisting, file: file, on: connection)
        }
    }

    /// `create` inside the caller's transaction (the fixture loader's).
    static func createInTransaction(_ forum: ForumRecord, skipExisting: Bool, file: String?, on connection: isolated Connection)
        async throws
        -> Int64?
    {
        let invalid = validate(forum, file: file)
        guard invalid.isEmpty else { throw ValidationFailure(invalid) }
        do {
            var problems: [Problem] = []
            if skipExisting, try await !connection.query("select 1 from forums where slug = $1", [forum.slug]).isEmpty { return nil }
            let fields = Set(try await connection.query("select code from fields").map { try $0.decode(String.self, at: 0) })
            for (index, sector) in forum.sectors.enumerated() where !fields.contains(sector.field) {
                problems.append(
                    Problem(
                        file: file, field: "sectors[\(index)].field",
                        message: "unknown field \"\(sector.field)\" (fields: \(fields.sorted().joined(separator: ", ")))"))
            }
            guard problems.isEmpty else { throw ValidationFailure(problems) }
            let id = try await connection.query(
                """
                insert into forums (slug, name, starts_on, ends_on, place, first_slot_at, slot_count, slot_minutes, table_count, met_before)
                values ($1, $2, $3::date, $4::date, $5, $6::timestamptz, $7, $8, $9, $10) returning id
                """,
                [
                    forum.slug, forum.name, forum.startsOn, forum.endsOn, forum.place, forum.firstSlotAt, forum.slotCount,
                    forum.slotMinutes, forum.tableCount, forum.metBefore,
                ]
            ).first!.decode(Int64.self, at: 0)
            for sector in forum.sectors {
                try await connection.execute(
                    """
                    insert into forum_sectors (forum_id, field, name, sister_only)
                    values ($1, $2, coalesce(nullif($3, ''), (select label from fields where code = $2), $2), $4)
                    """,
                    [id, sector.field, sector.name, sector.sisterOnly ?? false])
            }
            for pause in forum.breaks {
                try await connection.execute(
                    "insert into forum_breaks (forum_id, after_slot, minutes) values ($1, $2, $3)", [id, pause.afterSlot, pause.minutes])
            }
            for (index, participant) in (forum.participants ?? []).enumerated() {
                problems += try await insert(
                    participant, forum: forum, forumID: id, file: file, line: nil, field: "participants[\(index)]", on: connection)
            }
            for (label, pairs, table) in [
                ("conflicts", forum.conflicts, "forum_conflicts"), ("forced", forum.forced, "forum_forced_pairs"),
            ] {
                for (index, pair) in (pairs ?? []).enumerated() {
                    problems += try await insertPair(
                        pair, forumID: id, table: table, field: "\(label)[\(index)]", file: file, on: connection)
                }
            }
            guard problems.isEmpty else { throw ValidationFailure(problems) }
            return id
        }
    }

    /// Adds one participant to a forum.
    /// - Throws: `ValidationFailure` naming each bad field; `StoreError.unknown` for an unknown forum.
    public static func addParticipant(_ participant: ForumParticipantRecord, to forumSlug: String, on connection: Connection) async throws {
        try await importParticipants([(0, participant)], to: forumSlug, file: nil, on: connection)
    }

    /// Adds participants read from a file, all or nothing.
    /// - Throws: `ValidationFailure` naming the file, line and field of every problem (nothing is written).
    public static func importParticipants(
        _ participants: [(line: Int, record: ForumParticipantRecord)], to forumSlug: String, file: String?, on connection: Connection
    ) async throws {
        try await connection.withTransaction(maxAttempts: 1) { connection in
            let forum = try await header(forumSlug, on: connection)
            var problems: [Problem] = []
            for (line, record) in participants {
                problems += try await insert(
                    record, forum: forum.record, forumID: forum.id, file: file, line: line == 0 ? nil : line, field: "", on: connection)
            }
            guard problems.isEmpty else { throw ValidationFailure(problems) }
        }
    }

    /// Records that two organisations met before (at a forum not recorded here).
    public static func recordHistory(_ first: String, _ second: String, note: String = "", on connection: Connection) async throws {
        let rows = try await connection.query("select id, slug from organisations where slug = any($1::text[])", [[first, second]])
        let ids = Dictionary(uniqueKeysWithValues: try rows.map { (try $0.decode(String.self, at: 1), try $0.decode(Int64.self, at: 0)) })
        for slug in [first, second] where ids[slug] == nil { throw StoreError.unknown("organisation", slug) }
        let (a, b) = (min(ids[first]!, ids[second]!), max(ids[first]!, ids[second]!))
        try await connection.execute(
            "insert into forum_history (organisation_a, organisation_b, note) values ($1, $2, $3) on conflict do nothing", [a, b, note])
    }

    static func validate(_ forum: ForumRecord, file: String?) -> [Problem] {
        var problems: [Problem] = []
        func fail(_ field: String, _ message: String) { problems.append(Problem(file: file, field: field, message: message)) }
        if forum.slug.range(of: "^[a-z0-9][a-z0-9-]{1,63}$", options: .regularExpression) == nil {
            fail("slug", "slug must be 2–64 lowercase letters, digits or '-' (got \"\(forum.slug)\")")
        }
        if forum.name.isEmpty || forum.name.count > 200 { fail("name", "name must be 1–200 characters") }
        let day = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
        if forum.startsOn.range(of: day, options: .regularExpression) == nil {
            fail("starts_on", "starts_on must be YYYY-MM-DD (got \"\(forum.startsOn)\")")
        }
        if forum.endsOn.range(of: day, options: .regularExpression) == nil {
            fail("ends_on", "ends_on must be YYYY-MM-DD (got \"\(forum.endsOn)\")")
        }
        if forum.endsOn < forum.startsOn { fail("ends_on", "ends_on must not be before starts_on") }
        if parseInstant(forum.firstSlotAt) == nil {
            fail("first_slot_at", "first_slot_at must be ISO 8601 with a zone, e.g. 2026-10-06T13:00:00Z (got \"\(forum.firstSlotAt)\")")
        }
        if !(1...200).contains(forum.slotCount) { fail("slot_count", "slot_count must be between 1 and 200 (got \(forum.slotCount))") }
        if !(5...240).contains(forum.slotMinutes) {
            fail("slot_minutes", "slot_minutes must be between 5 and 240 (got \(forum.slotMinutes))")
        }
        if let tables = forum.tableCount, !(1...10000).contains(tables) {
            fail("table_count", "table_count must be between 1 and 10000 (got \(tables))")
        }
        if !["skip", "follow-up", "ignore"].contains(forum.metBefore) {
            fail("met_before", "met_before must be skip, follow-up or ignore (got \"\(forum.metBefore)\")")
        }
        for (index, pause) in forum.breaks.enumerated()
        where !(1..<max(forum.slotCount, 1)).contains(pause.afterSlot) || !(1...600).contains(pause.minutes) {
            fail("breaks[\(index)]", "a break comes after slot 1 … \(forum.slotCount - 1) and lasts 1–600 minutes")
        }
        if Set(forum.sectors.map(\.field)).count != forum.sectors.count { fail("sectors", "each sector field may appear once") }
        return problems
    }

    /// Parses an ISO 8601 instant with a zone.
    static func parseInstant(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }

    /// The forum's id and settings, by slug.
    static func header(_ slug: String, on connection: isolated Connection) async throws -> (id: Int64, record: ForumRecord) {
        guard
            let row = try await connection.query(
                """
                select id, slug, name, starts_on::text, ends_on::text, place, to_char(first_slot_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
                       slot_count, slot_minutes, table_count, met_before
                from forums where slug = $1
                """, [slug]
            ).first
        else { throw StoreError.unknown("forum", slug) }
        let record = ForumRecord(
            slug: try row.decode(at: 1), name: try row.decode(at: 2), startsOn: try row.decode(at: 3), endsOn: try row.decode(at: 4),
            place: try row.decode(at: 5), firstSlotAt: try row.decode(at: 6), slotCount: try row.decode(at: 7),
            slotMinutes: try row.decode(at: 8), tableCount: try row.decode(at: 9), metBefore: try row.decode(at: 10))
        return (try row.decode(at: 0), record)
    }

    private static func insert(
        _ participant: ForumParticipantRecord, forum: ForumRecord, forumID: Int64, file: String?, line: Int?, field prefix: String,
        on connection: isolated Connection
    ) async throws -> [Problem] {
        var problems: [Problem] = []
        func fail(_ field: String, _ message: String) {
            let name = prefix.isEmpty ? field : "\(prefix).\(field)"
            problems.append(Problem(file: file, line: line, field: name, message: message))
        }
        guard
            let organisation = try await connection.query("select id from organisations where slug = $1", [participant.organisation])
                .first?.decode(Int64.self, at: 0)
        else {
            fail("organisation", "unknown organisation \"\(participant.organisation)\"")
            return problems
        }
        let side = participant.side ?? "either"
        if !["seed-holder", "need-holder", "either"].contains(side) {
            fail("side", "side must be seed-holder, need-holder or either (got \"\(side)\")")
        }
        if !(0...100).contains(participant.maxMeetings) {
            fail("max_meetings", "max_meetings must be between 0 and 100 (got \(participant.maxMeetings))")
        }
        let minimum = participant.minInternational ?? 0
        if minimum < 0 || minimum > participant.maxMeetings {
            fail("min_international", "min_international must be between 0 and max_meetings (got \(minimum))")
        }
        for (name, value) in [("max_per_cluster", participant.maxPerCluster), ("max_per_country", participant.maxPerCountry)] {
            if let value, value < 1 { fail(name, "\(name) must be at least 1 (got \(value))") }
        }
        let fields: Set<String> = Set(
            try await connection.query("select field from forum_sectors where forum_id = $1", [forumID]).map {
                try $0.decode(String.self, at: 0)
            })
        for sector in participant.sectors ?? [] where !fields.contains(sector) {
            fail("sectors", "\"\(sector)\" is not a sector of forum \(forum.slug) (sectors: \(fields.sorted().joined(separator: ", ")))")
        }
        for slot in participant.availableSlots ?? [] where !(1...forum.slotCount).contains(slot) {
            fail("available_slots", "slot \(slot) is outside 1 … \(forum.slotCount)")
        }
        var people: [Int64] = []
        for email in participant.people ?? [] {
            if let id = try await connection.query("select id from people where email = $1", [email]).first?.decode(Int64.self, at: 0) {
                people.append(id)
            } else {
                fail("people", "unknown person \"\(email)\"")
            }
        }
        if try await !connection.query(
            "select 1 from forum_participants where forum_id = $1 and organisation_id = $2", [forumID, organisation]
        ).isEmpty {
            fail("organisation", "\(participant.organisation) already takes part in forum \(forum.slug)")
        }
        guard problems.isEmpty else { return problems }
        let id = try await connection.query(
            """
            insert into forum_participants (forum_id, organisation_id, side, max_meetings, min_international, max_per_cluster, max_per_country, sectors)
            values ($1, $2, $3, $4, $5, $6, $7, $8::text[]) returning id
            """,
            [
                forumID, organisation, side, participant.maxMeetings, minimum, participant.maxPerCluster, participant.maxPerCountry,
                participant.sectors ?? [],
            ]
        ).first!.decode(Int64.self, at: 0)
        for person in Set(people).sorted() {
            try await connection.execute("insert into forum_attendees (participant_id, person_id) values ($1, $2)", [id, person])
        }
        for slot in Set(participant.availableSlots ?? []).sorted() {
            try await connection.execute("insert into forum_availability (participant_id, slot) values ($1, $2)", [id, slot])
        }
        return problems
    }

    private static func insertPair(
        _ pair: [String], forumID: Int64, table: String, field: String, file: String?, on connection: isolated Connection
    ) async throws -> [Problem] {
        guard pair.count == 2, pair[0] != pair[1] else {
            return [Problem(file: file, field: field, message: "\(field) must name two different organisations")]
        }
        let rows = try await connection.query(
            """
            select o.slug, p.id from forum_participants p join organisations o on o.id = p.organisation_id
            where p.forum_id = $1 and o.slug = any($2::text[])
            """, [forumID, pair])
        let ids = Dictionary(uniqueKeysWithValues: try rows.map { (try $0.decode(String.self, at: 0), try $0.decode(Int64.self, at: 1)) })
        var problems: [Problem] = []
        for slug in pair where ids[slug] == nil {
            problems.append(Problem(file: file, field: field, message: "\(slug) does not take part in the forum"))
        }
        guard problems.isEmpty else { return problems }
        let (a, b) = (min(ids[pair[0]]!, ids[pair[1]]!), max(ids[pair[0]]!, ids[pair[1]]!))
        // `table` is one of two names fixed above, never input.
        try await connection.execute("insert into \(table) (participant_a, participant_b) values ($1, $2) on conflict do nothing", [a, b])
        return []
    }
}
