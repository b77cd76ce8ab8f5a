public import Foundation
public import Postgres
public import Shortlists

/// An organisation taking part in a forum, as stored.
public struct ForumParticipant: Sendable, Hashable {
    public var id: Int64
    public var organisation: String
    public var organisationName: String
    public var cluster: String?
    public var country: String
    public var side: ParticipantSide
    public var maxMeetings: Int
    public var minInternational: Int
    public var maxPerCluster: Int?
    public var maxPerCountry: Int?
    public var sectors: [String]
    /// Slots from 1; empty means every slot.
    public var availableSlots: [Int]
    /// "Name <email>" of the people attending.
    public var people: [String]

    /// How messages and agendas name it.
    public var label: String { organisationName }

    /// The shortlist solver's view of the participant (cluster falls back to the organisation when it has none).
    public var solverParticipant: Participant {
        Participant(
            id: Int(id), name: organisationName, organisation: organisation, cluster: cluster ?? "organisation:\(organisation)",
            country: country, side: side, maxMeetings: maxMeetings, minInternational: minInternational, maxPerCluster: maxPerCluster,
            maxPerCountry: maxPerCountry)
    }
}

/// Everything stored about one forum.
public struct ForumData: Sendable {
    public var id: Int64
    public var record: ForumRecord
    public var participants: [ForumParticipant]
    /// Pairs of participant ids.
    public var conflicts: [PairKey]
    public var forced: [PairKey]
    /// Participant pairs whose organisations met before: recorded history, or a meeting in another forum's latest
    /// schedule.
    public var metBefore: [PairKey]
    /// Sister links between the clusters of participants.
    public var sisterLinks: [ClusterLink]

    /// The start of a slot (from 1): the first slot's start, plus earlier slots, plus breaks after earlier slots.
    public func start(ofSlot slot: Int) -> Date {
        let first = ForumStore.parseInstant(record.firstSlotAt) ?? Date(timeIntervalSince1970: 0)
        let breaks = record.breaks.filter { $0.afterSlot < slot }.reduce(0) { $0 + $1.minutes }
        return first.addingTimeInterval(TimeInterval(((slot - 1) * record.slotMinutes + breaks) * 60))
    }

    /// The participant with an id.
    public func participant(_ id: Int) -> ForumParticipant? { participants.first { $0.id == Int64(id) } }
}

/// A stored run and what it decided.
public struct ForumRun: Sendable {
    public var id: Int64
    public var manifest: RunManifest
    public var createdAt: Date
    public var pairs: [ShortlistPair]
    public var meetings: [ScheduledMeeting]
    public var unplaced: [UnplacedMeeting]
    /// The run's summary figures (JSON object text).
    public var summary: String
}

extension ForumStore {
    /// Loads a forum with its participants, rules and history. Runs on the connection's thread.
    /// - Throws: `StoreError.unknown` for an unknown forum; `PostgresError`.
    public static func load(_ slug: String, on connection: Connection) async throws -> ForumData {
        try await connection.withTransaction(.repeatableRead) { connection in
            var (id, record) = try await header(slug, on: connection)
            record.sectors = try await connection.query(
                "select field, name, sister_only from forum_sectors where forum_id = $1 order by field", [id]
            ).map { ForumSectorRecord(field: try $0.decode(at: 0), name: try $0.decode(at: 1), sisterOnly: try $0.decode(at: 2)) }
            record.breaks = try await connection.query(
                "select after_slot, minutes from forum_breaks where forum_id = $1 order by after_slot", [id]
            ).map { ForumBreakRecord(afterSlot: try $0.decode(at: 0), minutes: try $0.decode(at: 1)) }
            let participants = try await connection.query(
                """
                select p.id, o.slug, o.name, c.slug, o.country, p.side, p.max_meetings, p.min_international, p.max_per_cluster,
                       p.max_per_country, p.sectors,
                       coalesce((select array_agg(a.slot order by a.slot) from forum_availability a where a.participant_id = p.id), '{}'),
                       coalesce((select array_agg(x.name || ' <' || x.email || '>' order by x.name) from forum_attendees t
                                 join people x on x.id = t.person_id where t.participant_id = p.id), '{}')
                from forum_participants p join organisations o on o.id = p.organisation_id left join clusters c on c.id = o.cluster_id
                where p.forum_id = $1 order by p.id
                """, [id]
            ).map { row in
                let sideText = try row.decode(String.self, at: 5)
                return ForumParticipant(
                    id: try row.decode(at: 0), organisation: try row.decode(at: 1), organisationName: try row.decode(at: 2),
                    cluster: try row.decode(at: 3), country: try row.decode(at: 4), side: ParticipantSide(rawValue: sideText) ?? .either,
                    maxMeetings: try row.decode(at: 6), minInternational: try row.decode(at: 7), maxPerCluster: try row.decode(at: 8),
                    maxPerCountry: try row.decode(at: 9), sectors: try row.decode(at: 10), availableSlots: try row.decode(at: 11),
                    people: try row.decode(at: 12))
            }
            func pairs(_ sql: String) async throws -> [PairKey] {
                try await connection.query(sql, [id]).map {
                    PairKey(Int(try $0.decode(Int64.self, at: 0)), Int(try $0.decode(Int64.self, at: 1)))
                }
            }
            let conflicts = try await pairs(
                "select c.participant_a, c.participant_b from forum_conflicts c join forum_participants p on p.id = c.participant_a where p.forum_id = $1 order by 1, 2"
            )
            let forced = try await pairs(
                "select f.participant_a, f.participant_b from forum_forced_pairs f join forum_participants p on p.id = f.participant_a where p.forum_id = $1 order by 1, 2"
            )
            let metBefore = try await pairs(
                """
                with met (a, b) as (
                    select organisation_a, organisation_b from forum_history
                    union
                    select least(pa.organisation_id, pb.organisation_id), greatest(pa.organisation_id, pb.organisation_id)
                    from forum_meetings m
                    join forum_runs r on r.id = m.run_id
                    join forum_participants pa on pa.id = m.participant_a join forum_participants pb on pb.id = m.participant_b
                    where r.forum_id <> $1
                      and r.id = (select max(id) from forum_runs r2 where r2.forum_id = r.forum_id and r2.kind = 'schedule'))
                select least(x.id, y.id), greatest(x.id, y.id)
                from met join forum_participants x on x.organisation_id = met.a and x.forum_id = $1
                join forum_participants y on y.organisation_id = met.b and y.forum_id = $1
                order by 1, 2
                """)
            let links = try await connection.query(
                "select a.slug, b.slug from sister_links l join clusters a on a.id = l.cluster_a join clusters b on b.id = l.cluster_b order by 1, 2"
            ).map { ClusterLink(try $0.decode(String.self, at: 0), try $0.decode(String.self, at: 1)) }
            return ForumData(
                id: id, record: record, participants: participants, conflicts: conflicts, forced: forced, metBefore: metBefore,
                sisterLinks: links)
        }
    }

    /// Stores a shortlist run: its manifest, summary and pairs, in one transaction.
    /// - Returns: the run's id.
    public static func saveShortlist(_ shortlist: Shortlist, manifest: RunManifest, forumID: Int64, on connection: Connection) async throws
        -> Int64
    {
        let summary = """
            {"pairs": \(shortlist.pairs.count), "objective": \(shortlist.objective), "lp_bound": \(shortlist.lpBound), \
            "optimality_gap": \(shortlist.optimalityGap), "bipartite": \(shortlist.isBipartite), "certified": \(shortlist.isCertified), \
            "pruned": \(shortlist.excluded.pruned), "score_total": \(shortlist.scoreTotal), "issues": \(shortlist.issues.count)}
            """
        return try await connection.withTransaction(maxAttempts: 1) { connection in
            let run = try await insertRun(manifest, forumID: forumID, summary: summary, on: connection)
            for pair in shortlist.pairs {
                try await connection.execute(
                    """
                    insert into forum_shortlist_pairs (run_id, participant_a, participant_b, score, sector, is_forced)
                    values ($1, $2, $3, $4, $5, $6)
                    """, [run, Int64(pair.pair.low), Int64(pair.pair.high), pair.score, pair.sector, pair.isForced])
            }
            return run
        }
    }

    /// Stores a schedule run: manifest, summary, meetings (slots and tables from 1) and unplaced meetings.
    /// - Parameter locked: meetings that were locked from the previous run (recorded as such).
    public static func saveSchedule(
        _ schedule: Schedule, manifest: RunManifest, locked: Set<PairKey> = [], forumID: Int64, on connection: Connection
    ) async throws -> Int64 {
        let summary = """
            {"meetings": \(schedule.meetings.count), "unplaced": \(schedule.unplaced.count), "method": "\(schedule.method.rawValue)", \
            "max_degree": \(schedule.maxDegree), "slots_used": \(schedule.slotsUsed), "released_locks": \(schedule.releasedLocks.count)}
            """
        return try await connection.withTransaction(maxAttempts: 1) { connection in
            let run = try await insertRun(manifest, forumID: forumID, summary: summary, on: connection)
            for meeting in schedule.meetings {
                try await connection.execute(
                    """
                    insert into forum_meetings (run_id, participant_a, participant_b, slot, table_number, is_locked)
                    values ($1, $2, $3, $4, $5, $6)
                    """,
                    [
                        run, Int64(meeting.pair.low), Int64(meeting.pair.high), meeting.slot + 1, meeting.table + 1,
                        locked.contains(meeting.pair),
                    ])
            }
            for meeting in schedule.unplaced {
                try await connection.execute(
                    "insert into forum_unplaced (run_id, participant_a, participant_b, reason) values ($1, $2, $3, $4)",
                    [run, Int64(meeting.pair.low), Int64(meeting.pair.high), meeting.reason])
            }
            return run
        }
    }

    private static func insertRun(_ manifest: RunManifest, forumID: Int64, summary: String, on connection: isolated Connection) async throws
        -> Int64
    {
        try await connection.query(
            """
            insert into forum_runs (forum_id, kind, input_hash, policy, parameters, seed, summary)
            values ($1, $2, $3, $4, $5, $6, $7::jsonb) returning id
            """,
            [forumID, manifest.kind, manifest.inputHash, manifest.policy, manifest.parameters, Int64(bitPattern: manifest.seed), summary]
        ).first!.decode(Int64.self, at: 0)
    }

    /// The forum's latest run of a kind, with its pairs or meetings; nil when there is none.
    public static func latestRun(_ kind: String, forumID: Int64, on connection: Connection) async throws -> ForumRun? {
        try await connection.withTransaction(.repeatableRead) { connection in
            guard
                let row = try await connection.query(
                    """
                    select id, kind, input_hash, policy, parameters, seed, created_at, summary::text from forum_runs
                    where forum_id = $1 and kind = $2 order by id desc limit 1
                    """, [forumID, kind]
                ).first
            else { return nil }
            let id = try row.decode(Int64.self, at: 0)
            let manifest = RunManifest(
                kind: try row.decode(at: 1), inputHash: try row.decode(at: 2), policy: try row.decode(at: 3),
                parameters: try row.decode(at: 4), seed: UInt64(bitPattern: try row.decode(Int64.self, at: 5)))
            let pairs = try await connection.query(
                "select participant_a, participant_b, score, sector, is_forced from forum_shortlist_pairs where run_id = $1 order by 1, 2",
                [id]
            ).map {
                ShortlistPair(
                    pair: PairKey(Int(try $0.decode(Int64.self, at: 0)), Int(try $0.decode(Int64.self, at: 1))),
                    score: try $0.decode(at: 2),
                    sector: try $0.decode(at: 3), isForced: try $0.decode(at: 4))
            }
            let meetings = try await connection.query(
                "select participant_a, participant_b, slot, table_number from forum_meetings where run_id = $1 order by slot, table_number",
                [id]
            ).map {
                ScheduledMeeting(
                    pair: PairKey(Int(try $0.decode(Int64.self, at: 0)), Int(try $0.decode(Int64.self, at: 1))),
                    slot: try $0.decode(Int.self, at: 2) - 1, table: try $0.decode(Int.self, at: 3) - 1)
            }
            let unplaced = try await connection.query(
                "select participant_a, participant_b, reason from forum_unplaced where run_id = $1 order by 1, 2", [id]
            ).map {
                UnplacedMeeting(
                    pair: PairKey(Int(try $0.decode(Int64.self, at: 0)), Int(try $0.decode(Int64.self, at: 1))),
                    reason: try $0.decode(at: 2))
            }
            return ForumRun(
                id: id, manifest: manifest, createdAt: try row.decode(at: 6), pairs: pairs, meetings: meetings, unplaced: unplaced,
                summary: try row.decode(at: 7))
        }
    }

    /// Forum slugs and names, newest first.
    public static func list(on connection: Connection) async throws -> [(slug: String, name: String, startsOn: String, participants: Int)] {
        try await connection.query(
            """
            select f.slug, f.name, f.starts_on::text, (select count(*) from forum_participants p where p.forum_id = f.id)
            from forums f order by f.starts_on desc, f.slug
            """
        ).map { (try $0.decode(at: 0), try $0.decode(at: 1), try $0.decode(at: 2), try $0.decode(at: 3)) }
    }
}
