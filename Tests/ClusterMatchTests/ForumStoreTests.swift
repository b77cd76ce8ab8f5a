import ArgumentParser
import Foundation
import Postgres
import Shortlists
import TestSupport
import Testing

@testable import ClusterMatch
@testable import ClusterMatchCLI

/// Forums against a real PostgreSQL: the fixture forum end to end (load, shortlist, schedule, re-run with locks,
/// exports), bad input, infeasibility and the double-booking rule.
@Suite struct ForumStoreTests {
    static let loader = FixtureLoader(directory: FixtureLoader.sourceTreeFixtures)
    static let slug = "japan-canada-2026"

    @Test func theFixtureForumShortlistsSchedulesAndExports() async throws {
        try await StoreTest.withDatabase(references: false) { connection async throws in
            let first = try await Self.loader.loadWithForums(into: connection)
            #expect(first.forums.loaded == 1 && first.forums.alreadyPresent == 0)
            let second = try await Self.loader.loadWithForums(into: connection)
            #expect(second.forums.loaded == 0 && second.forums.alreadyPresent == 1)

            let forum = try await ForumStore.load(Self.slug, on: connection)
            #expect(forum.participants.count == 18)
            #expect(Set(forum.record.sectors.map(\.field)) == ["aerospace", "biotech", "ict"])
            #expect(forum.conflicts.count == 1 && forum.forced.count == 1)

            // Shortlist: exact, certified, stored with its manifest; every rule holds.
            let outcome = try await ForumRuns.shortlist(forum: Self.slug, on: connection)
            let shortlist = outcome.shortlist
            #expect(shortlist.isBipartite && shortlist.isCertified)
            let pairs = Set(shortlist.pairs.map(\.pair))
            #expect(pairs.isSuperset(of: forum.forced))
            #expect(pairs.isDisjoint(with: forum.conflicts))
            for participant in forum.participants {
                let partners = shortlist.partners(of: Int(participant.id)).compactMap { forum.participant($0) }
                #expect(partners.count <= participant.maxMeetings)
                #expect(!partners.contains { $0.organisation == participant.organisation })
                if let cap = participant.maxPerCountry {
                    #expect(Dictionary(grouping: partners, by: \.country).values.allSatisfy { $0.count <= cap })
                }
                if let cap = participant.maxPerCluster {
                    #expect(Dictionary(grouping: partners, by: \.cluster).values.allSatisfy { $0.count <= cap })
                }
                #expect(
                    partners.filter { $0.country != participant.country }.count >= participant.minInternational,
                    "\(participant.organisation)")
            }
            let stored = try #require(try await ForumStore.latestRun("shortlist", forumID: forum.id, on: connection))
            #expect(stored.pairs == shortlist.pairs)
            #expect(stored.manifest == outcome.manifest)
            // The same inputs give the same run.
            let again = try await ForumRuns.shortlist(forum: Self.slug, on: connection)
            #expect(again.manifest.inputHash == outcome.manifest.inputHash && again.shortlist.pairs == shortlist.pairs)

            // Schedule: nobody double-booked, availability respected, nothing lost.
            let scheduled = try await ForumRuns.schedule(forum: Self.slug, on: connection)
            let schedule = scheduled.schedule
            #expect(Set(schedule.meetings.map(\.pair)).union(schedule.unplaced.map(\.pair)) == pairs)
            var busy: Set<[Int]> = []
            for meeting in schedule.meetings {
                for id in [meeting.pair.low, meeting.pair.high] {
                    #expect(busy.insert([id, meeting.slot]).inserted)
                    let slots = try #require(forum.participant(id)).availableSlots
                    #expect(slots.isEmpty || slots.contains(meeting.slot + 1))
                }
            }
            // A re-run keeps the previous meetings where they were.
            let kept = try await ForumRuns.schedule(forum: Self.slug, keep: true, on: connection)
            #expect(kept.locked.count == schedule.meetings.count)
            #expect(Set(kept.schedule.meetings) == Set(schedule.meetings))
            let lockedRows = try await connection.query("select count(*) from forum_meetings where run_id = $1 and is_locked", [kept.runID])
            #expect(try lockedRows[0].decode(Int.self, at: 0) == schedule.meetings.count)

            // A shortlist re-run can keep the scheduled pairs (as forced pairs) and re-solve the rest.
            let rerun = try await ForumRuns.shortlist(forum: Self.slug, keepScheduled: true, on: connection)
            let scheduledPairs = Set(schedule.meetings.map(\.pair))
            #expect(rerun.shortlist.pairs.filter { scheduledPairs.contains($0.pair) }.allSatisfy { $0.isForced })
            #expect(Set(rerun.shortlist.pairs.map(\.pair)).isSuperset(of: scheduledPairs))

            // Exports.
            let export = try await ForumRuns.export(forum: Self.slug, on: connection)
            let csv = export.csv()
            #expect(csv.hasPrefix("slot,start_utc,end_utc,table,participant_a,participant_b,sector,score\r\n"))
            #expect(csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == schedule.meetings.count + 1)
            let gifu = try #require(forum.participants.first { $0.organisation == "gifu-university" })
            let calendar = export.iCalendar(for: Int(gifu.id))
            #expect(calendar.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") && calendar.hasSuffix("END:VCALENDAR\r\n"))
            #expect(!calendar.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
            #expect(calendar.components(separatedBy: "BEGIN:VEVENT").count - 1 == export.agenda(of: Int(gifu.id)).count)
            #expect(calendar.contains("LOCATION:Montréal\\, Palais des congrès\\, table "))
            #expect(calendar.contains("DTSTART:20261006T"))
            for line in calendar.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 75) }
            let markdown = export.markdown(for: Int(gifu.id))
            #expect(markdown.contains("agenda of Gifu University") && markdown.contains("| slot | time | table | partner | sector |"))
            let html = export.html()
            #expect(html.contains("<h2>Aerospace</h2>") && html.contains("Gifu University"))
        }
    }

    @Test func slotTimesCountBreaks() {
        let record = ForumRecord(
            slug: "f", name: "F", startsOn: "2026-10-06", endsOn: "2026-10-06", place: "", firstSlotAt: "2026-10-06T17:00:00Z",
            slotCount: 8, slotMinutes: 25, breaks: [ForumBreakRecord(afterSlot: 4, minutes: 20)])
        let forum = ForumData(id: 1, record: record, participants: [], conflicts: [], forced: [], metBefore: [], sisterLinks: [])
        let first = forum.start(ofSlot: 1)
        #expect(forum.start(ofSlot: 4).timeIntervalSince(first) == 75 * 60)
        #expect(forum.start(ofSlot: 5).timeIntervalSince(first) == (100 + 20) * 60)
    }

    @Test func icsTextIsEscapedAndFolded() {
        #expect(ForumExport.icsEscape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne")
        let folded = ForumExport.fold("SUMMARY:" + String(repeating: "é", count: 60))
        let lines = folded.components(separatedBy: "\r\n")
        #expect(lines.count == 2 && lines.allSatisfy { $0.utf8.count <= 75 } && lines[1].hasPrefix(" "))
    }

    private func smallForum(on connection: Connection) async throws {
        try await ForumStore.create(
            ForumRecord(
                slug: "tiny", name: "Tiny forum", startsOn: "2026-05-01", endsOn: "2026-05-01", place: "Gifu",
                firstSlotAt: "2026-05-01T01:00:00Z", slotCount: 4, slotMinutes: 20,
                sectors: [ForumSectorRecord(field: "aerospace", name: "Aerospace")]),
            on: connection)
    }

    @Test func badParticipantLinesAreRejectedByFileLineAndField() async throws {
        try await StoreTest.withDatabase { connection async throws in
            try await smallForum(on: connection)
            let file = FileManager.default.temporaryDirectory.appending(path: "participants-\(UUID().uuidString).jsonl")
            defer { try? FileManager.default.removeItem(at: file) }
            try """
            {"organisation": "hokkaido-university", "max_meetings": 3}
            {"organisation": "gifu-aero-firm", "max_meetings": 3, "available_slots": [1, 9]}
            {"organisation": "no-such-org", "max_meetings": 2}
            {"organisation": "sapporo-tlo", "max_meetings": "three"}
            {"organisation": "sapporo-tlo", "max_meetings": 2, "min_international": 5, "sectors": ["nano"]}
            """.write(to: file, atomically: true, encoding: .utf8)
            do {
                let records = try ForumParticipantRecord.readLines(path: file.path)
                try await ForumStore.importParticipants(records, to: "tiny", file: file.path, on: connection)
                Issue.record("bad participants were imported")
            } catch let failure as ValidationFailure {
                #expect(failure.problems.map(\.line) == [4])
                #expect(failure.problems.map(\.field) == ["max_meetings"])
            }
            // Without the unparseable line, every remaining problem is reported with its line and field.
            var lines = try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n")
            lines.remove(at: 3)
            try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
            do {
                let records = try ForumParticipantRecord.readLines(path: file.path)
                try await ForumStore.importParticipants(records, to: "tiny", file: file.path, on: connection)
                Issue.record("bad participants were imported")
            } catch let failure as ValidationFailure {
                let found = failure.problems.map { "\($0.line ?? 0):\($0.field)" }
                #expect(found == ["2:available_slots", "3:organisation", "4:min_international", "4:sectors"])
                #expect(failure.problems.allSatisfy { $0.file == file.path })
            }
            #expect(try await StoreTest.count("forum_participants", on: connection) == 0)
        }
    }

    @Test func badForumsAreRejectedNamingTheField() async throws {
        try await StoreTest.withDatabase { connection async throws in
            let bad = ForumRecord(
                slug: "Bad Slug", name: "X", startsOn: "2026-05-02", endsOn: "2026-05-01", place: "", firstSlotAt: "tomorrow", slotCount: 0,
                slotMinutes: 20, metBefore: "maybe")
            do {
                try await ForumStore.create(bad, on: connection)
                Issue.record("a bad forum was created")
            } catch let failure as ValidationFailure {
                #expect(Set(failure.problems.map(\.field)) == ["slug", "ends_on", "first_slot_at", "slot_count", "met_before"])
            }
            #expect(try await StoreTest.count("forums", on: connection) == 0)
        }
    }

    @Test func infeasibleForumsAreExplainedAndNothingIsStored() async throws {
        try await StoreTest.withDatabase { connection async throws in
            try await smallForum(on: connection)
            try await ForumStore.addParticipant(
                ForumParticipantRecord(organisation: "hokkaido-university", maxMeetings: 2, minInternational: 2), to: "tiny", on: connection
            )
            try await ForumStore.addParticipant(
                ForumParticipantRecord(organisation: "gifu-aero-firm", maxMeetings: 2), to: "tiny", on: connection)
            do {
                _ = try await ForumRuns.shortlist(forum: "tiny", on: connection)
                Issue.record("an infeasible forum was solved")
            } catch let error as ShortlistError {
                let issue = try #require(error.report?.blocking.first { $0.constraint == "min-international" })
                #expect(issue.message.contains("needs 2 international partners but has 0 international candidates"))
                #expect(issue.suggestion.contains("lower its minimum"))
            }
            #expect(try await StoreTest.count("forum_runs", on: connection) == 0)
        }
    }

    @Test func theDatabaseRefusesDoubleBooking() async throws {
        try await StoreTest.withDatabase { connection async throws in
            try await smallForum(on: connection)
            for org in ["hokkaido-university", "gifu-aero-firm", "sapporo-tlo"] {
                try await ForumStore.addParticipant(ForumParticipantRecord(organisation: org, maxMeetings: 2), to: "tiny", on: connection)
            }
            let ids = try await connection.query("select id from forum_participants order by id").map { try $0.decode(Int64.self, at: 0) }
            let run = try await connection.query(
                "insert into forum_runs (forum_id, kind, input_hash, policy, parameters) select id, 'schedule', '0123456789abcdef', '', '' from forums returning id"
            )[0].decode(Int64.self, at: 0)
            try await connection.execute(
                "insert into forum_meetings (run_id, participant_a, participant_b, slot, table_number) values ($1, $2, $3, 1, 1)",
                [run, ids[0], ids[1]])
            do {
                try await connection.execute(
                    "insert into forum_meetings (run_id, participant_a, participant_b, slot, table_number) values ($1, $2, $3, 1, 2)",
                    [run, ids[0], ids[2]])
                Issue.record("a participant was double-booked")
            } catch let error as PostgresError {
                #expect(error.constraint == "forum_meeting_no_double_booking")
            }
        }
    }

    @Test func forumCommandsParse() throws {
        let shortlist = try #require(
            try ClusterMatchCommand.parseAsRoot(["forum", "shortlist", "jc", "--candidates", "30"]) as? ForumShortlistCommand)
        #expect(shortlist.candidates == 30 && shortlist.forum == "jc")
        #expect(throws: (any Error).self) { try ClusterMatchCommand.parseAsRoot(["forum", "export", "jc", "--format", "pdf"]) }
        let bench = try #require(try ClusterMatchCommand.parseAsRoot(["bench", "forum", "--participants", "50", "--json"]) as? ForumBench)
        #expect(bench.participants == 50 && bench.json)
        #expect(throws: (any Error).self) { try ClusterMatchCommand.parseAsRoot(["bench", "forum", "--runs", "0"]) }
    }

    @Test func partnerScoresTakeTheBestPairPlusSmallBonuses() {
        #expect(ForumCandidates.partnerScore([]) == 0)
        #expect(ForumCandidates.partnerScore([0.4]) == 0.4)
        #expect(abs(ForumCandidates.partnerScore([0.2, 0.8, 0.4]) - (0.8 + 0.25 * 0.4 + 0.125 * 0.2)) < 1e-12)
        #expect(ForumCandidates.partnerScore([0.9, 0.9, 0.9]) == 1)
    }
}

/// The forum commands run end to end against PostgreSQL (their output goes to stdout; the database is checked).
@Suite struct ForumCommandTests {
    private func run(_ arguments: [String]) async throws {
        var command = try ClusterMatchCommand.parseAsRoot(arguments)
        if var asyncCommand = command as? any AsyncParsableCommand {
            try await asyncCommand.run()
        } else {
            try command.run()
        }
    }

    @Test func createAddShortlistScheduleExport() async throws {
        try await TestDatabase.withDatabase(prefix: "forumcli") { target in
            let connection = try await Connection.connect(to: target)
            try await Migrator().migrate(on: connection)
            try await StoreTest.loadReferences(into: connection)
            let url = ["--database-url", target.description]
            try await run(
                [
                    "forum", "create", "--slug", "cli-forum", "--name", "CLI forum", "--starts-on", "2026-06-01", "--first-slot-at",
                    "2026-06-01T00:30:00Z", "--slots", "4", "--slot-minutes", "15", "--break", "2:10", "--sector", "aerospace",
                    "--sector", "ict:sister-only",
                ] + url)
            let sectors = try await connection.query("select field, name, sister_only from forum_sectors order by field").map {
                "\(try $0.decode(String.self, at: 0))=\(try $0.decode(String.self, at: 1))/\(try $0.decode(Bool.self, at: 2))"
            }
            #expect(sectors == ["aerospace=Aerospace/false", "ict=ICT/true"])
            try await run(
                ["forum", "add-participant", "cli-forum", "--org", "hokkaido-university", "--max-meetings", "2", "--available", "1-2,4"]
                    + url)
            try await run(
                ["forum", "add-participant", "cli-forum", "--org", "gifu-aero-firm", "--max-meetings", "2", "--side", "need-holder"] + url)
            let slots = try await connection.query("select slot from forum_availability order by slot").map {
                try $0.decode(Int.self, at: 0)
            }
            #expect(slots == [1, 2, 4])
            // Bad input: an unknown organisation fails (exit 1) and writes nothing; a malformed option is a usage error.
            await #expect(throws: ExitCode.self) {
                try await run(["forum", "add-participant", "cli-forum", "--org", "nobody", "--max-meetings", "2"] + url)
            }
            await #expect(throws: ValidationError.self) {
                try await run(
                    ["forum", "add-participant", "cli-forum", "--org", "sapporo-tlo", "--max-meetings", "2", "--available", "3-1"] + url)
            }
            #expect(try await StoreTest.count("forum_participants", on: connection) == 2)
            try await run(["forum", "shortlist", "cli-forum"] + url)
            try await run(["forum", "schedule", "cli-forum"] + url)
            #expect(try await StoreTest.count("forum_runs", on: connection) == 2)
            let folder = FileManager.default.temporaryDirectory.appending(path: "cm-forum-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            try await run(["forum", "export", "cli-forum", "--format", "ics", "--output", folder.path] + url)
            let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            #expect(files == ["gifu-aero-firm.ics", "hokkaido-university.ics"])
            await connection.close()
        }
    }
}
