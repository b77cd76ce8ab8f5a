import Foundation

/// A forum as the CLI and fixtures describe it (JSON, snake_case keys), optionally with its participants.
public struct ForumRecord: Codable, Sendable, Hashable {
    public var slug: String
    public var name: String
    /// `YYYY-MM-DD`.
    public var startsOn: String
    public var endsOn: String
    public var place: String
    /// ISO 8601 with a zone (`2026-10-06T13:00:00Z`): when slot 1 starts.
    public var firstSlotAt: String
    public var slotCount: Int
    public var slotMinutes: Int
    public var tableCount: Int?
    /// `skip`, `follow-up` or `ignore`.
    public var metBefore: String
    public var sectors: [ForumSectorRecord]
    public var breaks: [ForumBreakRecord]
    public var participants: [ForumParticipantRecord]?
    /// Pairs of organisation slugs that must not meet.
    public var conflicts: [[String]]?
    /// Pairs of organisation slugs that must meet.
    public var forced: [[String]]?

    /// Creates a forum record.
    public init(
        slug: String, name: String, startsOn: String, endsOn: String, place: String, firstSlotAt: String, slotCount: Int,
        slotMinutes: Int, tableCount: Int? = nil, metBefore: String = "skip", sectors: [ForumSectorRecord] = [],
        breaks: [ForumBreakRecord] = [], participants: [ForumParticipantRecord]? = nil, conflicts: [[String]]? = nil,
        forced: [[String]]? = nil
    ) {
        self.slug = slug
        self.name = name
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.place = place
        self.firstSlotAt = firstSlotAt
        self.slotCount = slotCount
        self.slotMinutes = slotMinutes
        self.tableCount = tableCount
        self.metBefore = metBefore
        self.sectors = sectors
        self.breaks = breaks
        self.participants = participants
        self.conflicts = conflicts
        self.forced = forced
    }

    /// Reads a forum from JSON.
    /// - Throws: `ValidationFailure` naming the file and the field.
    public static func read(path: String) throws -> ForumRecord {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw ValidationFailure([Problem(file: path, field: "", message: "cannot read the file: \(error.localizedDescription)")])
        }
        return try decode(data, file: path, line: nil)
    }

    static func decode<T: Decodable>(_ data: Data, file: String?, line: Int?) throws -> T {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            return try decoder.decode(T.self, from: data)
        } catch let DecodingError.keyNotFound(key, _) {
            throw ValidationFailure([
                Problem(file: file, line: line, field: snake(key.stringValue), message: "\(snake(key.stringValue)) is required")
            ])
        } catch let DecodingError.typeMismatch(type, context) {
            let field = context.codingPath.map { snake($0.stringValue) }.joined(separator: ".")
            throw ValidationFailure([Problem(file: file, line: line, field: field, message: "\(field) must be \(type)")])
        } catch let DecodingError.valueNotFound(_, context) {
            let field = context.codingPath.map { snake($0.stringValue) }.joined(separator: ".")
            throw ValidationFailure([Problem(file: file, line: line, field: field, message: "\(field) must not be null")])
        } catch {
            throw ValidationFailure([Problem(file: file, line: line, field: "", message: "not valid JSON")])
        }
    }

    private static func snake(_ key: String) -> String {
        var result = ""
        for character in key {
            if character.isUppercase {
                result += "_" + character.lowercased()
            } else {
                result.append(character)
            }
        }
        return result
    }
}

/// A break-out group of a forum.
public struct ForumSectorRecord: Codable, Sendable, Hashable {
    /// A field code (aerospace, biotech, ict, nano).
    public var field: String
    /// The group's name; empty: the field's label.
    public var name: String
    public var sisterOnly: Bool?

    /// Creates a sector.
    public init(field: String, name: String, sisterOnly: Bool? = nil) {
        self.field = field
        self.name = name
        self.sisterOnly = sisterOnly
    }
}

/// A break after a slot.
public struct ForumBreakRecord: Codable, Sendable, Hashable {
    public var afterSlot: Int
    public var minutes: Int

    /// Creates a break.
    public init(afterSlot: Int, minutes: Int) {
        self.afterSlot = afterSlot
        self.minutes = minutes
    }
}

/// An organisation taking part in a forum.
public struct ForumParticipantRecord: Codable, Sendable, Hashable {
    /// The organisation's slug.
    public var organisation: String
    /// Emails of the people attending.
    public var people: [String]?
    /// `seed-holder`, `need-holder` or `either` (default).
    public var side: String?
    public var maxMeetings: Int
    public var minInternational: Int?
    public var maxPerCluster: Int?
    public var maxPerCountry: Int?
    /// Field codes of the break-out groups attended (empty: all).
    public var sectors: [String]?
    /// The slots (from 1) it can attend (absent: all).
    public var availableSlots: [Int]?

    /// Creates a participant.
    public init(
        organisation: String, people: [String]? = nil, side: String? = nil, maxMeetings: Int, minInternational: Int? = nil,
        maxPerCluster: Int? = nil, maxPerCountry: Int? = nil, sectors: [String]? = nil, availableSlots: [Int]? = nil
    ) {
        self.organisation = organisation
        self.people = people
        self.side = side
        self.maxMeetings = maxMeetings
        self.minInternational = minInternational
        self.maxPerCluster = maxPerCluster
        self.maxPerCountry = maxPerCountry
        self.sectors = sectors
        self.availableSlots = availableSlots
    }

    /// Reads participants from a JSON Lines file, one per line.
    /// - Throws: `ValidationFailure` naming the file, line and field of every broken line.
    public static func readLines(path: String) throws -> [(line: Int, record: ForumParticipantRecord)] {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw ValidationFailure([Problem(file: path, field: "", message: "cannot read the file: \(error.localizedDescription)")])
        }
        var records: [(Int, ForumParticipantRecord)] = []
        var problems: [Problem] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            do {
                let record: ForumParticipantRecord = try ForumRecord.decode(Data(trimmed.utf8), file: path, line: index + 1)
                records.append((index + 1, record))
            } catch let failure as ValidationFailure {
                problems += failure.problems
            }
        }
        guard problems.isEmpty else { throw ValidationFailure(problems) }
        return records
    }
}
