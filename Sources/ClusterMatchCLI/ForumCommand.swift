import ArgumentParser
import ClusterMatch
import Foundation
import Postgres
import Shortlists

/// `clustermatch forum create|add-participant|import-participants|shortlist|schedule|show|export`.
struct ForumCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forum", abstract: "Brokerage forums: participants, partner shortlists and meeting schedules.",
        subcommands: [
            Create.self, AddParticipant.self, ImportParticipants.self, ForumShortlistCommand.self, ForumScheduleCommand.self,
            ForumShowCommand.self, ForumExportCommand.self,
        ])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a forum from options, or from a JSON file (the fixture shape, participants included).")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "A forum JSON file (then the other options are ignored).") var file: String?
        @Option(help: "Unique slug.") var slug: String?
        @Option(help: "Name.") var name: String?
        @Option(help: "First day, YYYY-MM-DD.") var startsOn: String?
        @Option(help: "Last day, YYYY-MM-DD (default: the first).") var endsOn: String?
        @Option(help: "Place.") var place = ""
        @Option(help: "Start of slot 1, ISO 8601 with zone (2026-10-06T13:00:00Z).") var firstSlotAt: String?
        @Option(help: "Number of slots.") var slots = 8
        @Option(help: "Minutes per slot.") var slotMinutes = 25
        @Option(help: "Tables per slot (default: as many as needed).") var tables: Int?
        @Option(help: "Pairs that met before: skip, follow-up or ignore.") var metBefore = "skip"
        @Option(help: "A break-out group: FIELD or FIELD:sister-only (repeatable).") var sector: [String] = []
        @Option(name: .customLong("break"), help: "A break AFTER_SLOT:MINUTES (repeatable).") var breaks: [String] = []

        func run() async throws {
            try await reportingFailures {
                let record: ForumRecord
                if let file {
                    record = try ForumRecord.read(path: file)
                } else {
                    guard let slug else { throw ValidationError("--slug is required (or --file)") }
                    guard let name else { throw ValidationError("--name is required") }
                    guard let startsOn else { throw ValidationError("--starts-on is required") }
                    guard let firstSlotAt else { throw ValidationError("--first-slot-at is required") }
                    let sectors = try sector.map { text -> ForumSectorRecord in
                        let parts = text.split(separator: ":").map(String.init)
                        guard parts.count == 1 || (parts.count == 2 && parts[1] == "sister-only") else {
                            throw ValidationError("--sector takes FIELD or FIELD:sister-only (got \"\(text)\")")
                        }
                        return ForumSectorRecord(field: parts[0], name: "", sisterOnly: parts.count == 2)  // named after the field
                    }
                    let pauses = try breaks.map { text -> ForumBreakRecord in
                        let parts = text.split(separator: ":").compactMap { Int($0) }
                        guard parts.count == 2 else { throw ValidationError("--break takes AFTER_SLOT:MINUTES (got \"\(text)\")") }
                        return ForumBreakRecord(afterSlot: parts[0], minutes: parts[1])
                    }
                    record = ForumRecord(
                        slug: slug, name: name, startsOn: startsOn, endsOn: endsOn ?? startsOn, place: place, firstSlotAt: firstSlotAt,
                        slotCount: slots, slotMinutes: slotMinutes, tableCount: tables, metBefore: metBefore, sectors: sectors,
                        breaks: pauses)
                }
                let id = try await database.withConnection { try await ForumStore.create(record, file: file, on: $0) }
                print("created forum \(record.slug) (id \(id ?? 0))")
            }
        }
    }

    struct ParticipantOptions: ParsableArguments {
        @Option(help: "The organisation's slug.") var org: String
        @Option(help: "Email of a person attending (repeatable).") var person: [String] = []
        @Option(help: "seed-holder, need-holder or either.") var side = "either"
        @Option(help: "The most meetings.") var maxMeetings: Int
        @Option(help: "The fewest partners from another country.") var minInternational = 0
        @Option(help: "The most partners from one cluster.") var maxPerCluster: Int?
        @Option(help: "The most partners from one country.") var maxPerCountry: Int?
        @Option(help: "A break-out group attended, a field code (repeatable; default all).") var sector: [String] = []
        @Option(help: "Slots it can attend, e.g. 1-4,6 (default all).") var available: String?

        func record() throws -> ForumParticipantRecord {
            var slots: [Int]?
            if let available {
                slots = []
                for part in available.split(separator: ",") {
                    let bounds = part.split(separator: "-").map { Int($0.trimmingCharacters(in: .whitespaces)) }
                    guard !bounds.isEmpty, bounds.count <= 2, let low = bounds.first!, let high = bounds.last!, low <= high else {
                        throw ValidationError("--available takes slots like 1-4,6 (got \"\(available)\")")
                    }
                    slots! += Array(low...high)
                }
            }
            return ForumParticipantRecord(
                organisation: org, people: person, side: side, maxMeetings: maxMeetings, minInternational: minInternational,
                maxPerCluster: maxPerCluster, maxPerCountry: maxPerCountry, sectors: sector, availableSlots: slots)
        }
    }

    struct AddParticipant: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add-participant", abstract: "Register an organisation at a forum.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The forum's slug.") var forum: String
        @OptionGroup var participant: ParticipantOptions

        func run() async throws {
            try await reportingFailures {
                let record = try participant.record()
                try await database.withConnection { try await ForumStore.addParticipant(record, to: forum, on: $0) }
                print("added \(record.organisation) to forum \(forum)")
            }
        }
    }

    struct ImportParticipants: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import-participants", abstract: "Register participants from a JSON Lines file (all or nothing).")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The forum's slug.") var forum: String
        @Argument(help: "A .jsonl file, one participant per line.") var file: String

        func run() async throws {
            try await reportingFailures {
                let records = try ForumParticipantRecord.readLines(path: file)
                try await database.withConnection { try await ForumStore.importParticipants(records, to: forum, file: file, on: $0) }
                print("imported \(records.count) participants into forum \(forum)")
            }
        }
    }
}
