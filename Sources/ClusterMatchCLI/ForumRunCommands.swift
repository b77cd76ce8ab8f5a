import ArgumentParser
import ClusterMatch
import Foundation
import Shortlists

/// `clustermatch forum shortlist FORUM`.
struct ForumShortlistCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shortlist",
        abstract: "Choose every participant's partners: fair, globally optimal under caps and quotas; stores the run.")
    @OptionGroup var database: DatabaseOptions
    @Argument(help: "The forum's slug.") var forum: String
    @Option(help: "Keep each participant's best N candidates (raised to 3 × its maximum meetings).") var candidates = 50
    @Flag(help: "Print one JSON object per pair.") var json = false
    @Flag(help: "Report the solver's stages on stderr.") var progress = false
    @Flag(help: "Keep the pairs of the latest schedule and re-solve the rest.") var keep = false

    func run() async throws {
        try await reportingFailures {
            let outcome: ForumRuns.ShortlistOutcome
            do {
                outcome = try await database.withConnection { connection in
                    try await ForumRuns.shortlist(
                        forum: forum, candidateLimit: candidates, keepScheduled: keep,
                        progress: { stage in if progress { printError("progress: \(stage)") } }, on: connection)
                }
            } catch let error as ShortlistError {
                for issue in error.report?.blocking ?? [] { printError("infeasible: \(issue.description)") }
                if error.report == nil { printError("error: \(error)") }
                throw ExitCode.failure
            }
            let data = outcome.forum
            let shortlist = outcome.shortlist
            if json {
                for pair in shortlist.pairs {
                    let a = data.participant(pair.pair.low)?.organisation ?? ""
                    let b = data.participant(pair.pair.high)?.organisation ?? ""
                    print(
                        "{\"a\": \"\(a)\", \"b\": \"\(b)\", \"score\": \(pair.score), \"sector\": \(pair.sector.map { "\"\($0)\"" } ?? "null"), \"forced\": \(pair.isForced)}"
                    )
                }
                return
            }
            for issue in shortlist.issues { printError("warning: \(issue.description)") }
            print(
                "shortlist run \(outcome.runID): \(shortlist.pairs.count) pairs from \(outcome.candidates.count) candidates (\(shortlist.excluded.pruned) pruned), "
                    + "\(shortlist.isBipartite ? "exact (bipartite)" : "general: LP bound \(shortlist.lpBound), gap \(shortlist.optimalityGap)"), "
                    + "certified: \(shortlist.isCertified ? "yes" : "NO"), input hash \(outcome.manifest.inputHash)")
            let rows = data.participants.map { participant -> [String] in
                let partners = shortlist.partners(of: Int(participant.id)).compactMap { data.participant($0)?.organisation }
                return [
                    participant.organisation, participant.country, "\(partners.count)/\(participant.maxMeetings)",
                    partners.joined(separator: ", "),
                ]
            }
            print(renderTable(["participant", "country", "partners", "with"], rows))
        }
    }
}

/// `clustermatch forum schedule FORUM`.
struct ForumScheduleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule", abstract: "Give every shortlisted pair a slot and a table, nobody double-booked; stores the run.")
    @OptionGroup var database: DatabaseOptions
    @Argument(help: "The forum's slug.") var forum: String
    @Flag(help: "Keep the previous schedule's meetings that are still shortlisted where they are.") var keep = false

    func run() async throws {
        try await reportingFailures {
            let outcome = try await database.withConnection { try await ForumRuns.schedule(forum: forum, keep: keep, on: $0) }
            let schedule = outcome.schedule
            print(
                "schedule run \(outcome.runID): \(schedule.meetings.count) meetings in \(schedule.slotsUsed) slots (Δ = \(schedule.maxDegree), \(schedule.method.rawValue)), "
                    + "tables per slot \(schedule.tablesPerSlot.map(String.init).joined(separator: " ")), \(outcome.locked.count) locked")
            for lock in schedule.releasedLocks { printError("released lock \(lock.pair): \(lock.reason)") }
            for meeting in schedule.unplaced {
                let a = outcome.forum.participant(meeting.pair.low)?.organisation ?? "?"
                let b = outcome.forum.participant(meeting.pair.high)?.organisation ?? "?"
                printError("not placed: \(a) – \(b): \(meeting.reason)")
            }
        }
    }
}

/// `clustermatch forum show FORUM`.
struct ForumShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show a forum (or list forums), or one participant's agenda with --participant.")
    @OptionGroup var database: DatabaseOptions
    @Argument(help: "The forum's slug (omit to list forums).") var forum: String?
    @Option(help: "An organisation slug: print its agenda.") var participant: String?

    func run() async throws {
        try await reportingFailures {
            guard let forum else {
                let forums = try await database.withConnection { try await ForumStore.list(on: $0) }
                print(
                    renderTable(
                        ["forum", "starts", "participants", "name"], forums.map { [$0.slug, $0.startsOn, "\($0.participants)", $0.name] }))
                return
            }
            if let participant {
                let export = try await database.withConnection { try await ForumRuns.export(forum: forum, on: $0) }
                guard let found = export.forum.participants.first(where: { $0.organisation == participant }) else {
                    throw CLIError("\(participant) does not take part in forum \(forum)")
                }
                print(export.markdown(for: Int(found.id)), terminator: "")
                return
            }
            let (data, shortlist, schedule) = try await database.withConnection { connection in
                let data = try await ForumStore.load(forum, on: connection)
                return (
                    data, try await ForumStore.latestRun("shortlist", forumID: data.id, on: connection),
                    try await ForumStore.latestRun("schedule", forumID: data.id, on: connection)
                )
            }
            let record = data.record
            print("\(record.name) (\(record.slug))")
            print(
                "\(record.place), \(record.startsOn) – \(record.endsOn); \(record.slotCount) slots of \(record.slotMinutes) min from \(record.firstSlotAt)"
                    + "\(record.breaks.isEmpty ? "" : ", breaks " + record.breaks.map { "after \($0.afterSlot): \($0.minutes) min" }.joined(separator: ", "))"
                    + "; tables: \(record.tableCount.map(String.init) ?? "as needed"); met before: \(record.metBefore)")
            print(
                "sectors: "
                    + record.sectors.map { $0.name + ($0.sisterOnly == true ? " (sister clusters only)" : "") }.joined(separator: ", "))
            print(
                renderTable(
                    ["participant", "cluster", "country", "side", "max", "intl", "sectors", "slots"],
                    data.participants.map {
                        [
                            $0.organisation, $0.cluster ?? "-", $0.country, $0.side.rawValue, "\($0.maxMeetings)", "\($0.minInternational)",
                            $0.sectors.joined(separator: ","),
                            $0.availableSlots.isEmpty ? "all" : $0.availableSlots.map(String.init).joined(separator: ","),
                        ]
                    }))
            for run in [shortlist, schedule].compactMap({ $0 }) {
                print("latest \(run.manifest.kind) run \(run.id): inputs \(run.manifest.inputHash), \(run.manifest.policy), \(run.summary)")
            }
        }
    }
}

/// `clustermatch forum export FORUM`.
struct ForumExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the latest schedule: csv (all meetings), markdown and ics (one file per participant), html (organiser page).")
    enum Format: String, ExpressibleByArgument, CaseIterable { case csv, markdown, html, ics }
    @OptionGroup var database: DatabaseOptions
    @Argument(help: "The forum's slug.") var forum: String
    @Option(help: "csv, markdown, html or ics.") var format: Format
    @Option(help: "A folder to write into (csv and html print to stdout without it).") var output: String?

    func run() async throws {
        try await reportingFailures {
            let export = try await database.withConnection { try await ForumRuns.export(forum: forum, on: $0) }
            var files: [(String, String)] = []
            switch format {
            case .csv: files = [("\(forum).csv", export.csv())]
            case .html: files = [("\(forum).html", export.html())]
            case .markdown: files = export.forum.participants.map { ("\($0.organisation).md", export.markdown(for: Int($0.id))) }
            case .ics: files = export.forum.participants.map { ("\($0.organisation).ics", export.iCalendar(for: Int($0.id))) }
            }
            guard let output else {
                guard files.count == 1 else {
                    throw ValidationError("--output FOLDER is required for \(format.rawValue) (one file per participant)")
                }
                print(files[0].1, terminator: "")
                return
            }
            let folder = URL(fileURLWithPath: output)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for (name, text) in files { try Data(text.utf8).write(to: folder.appending(path: name)) }
            print("wrote \(files.count) file\(files.count == 1 ? "" : "s") to \(output)")
        }
    }
}
