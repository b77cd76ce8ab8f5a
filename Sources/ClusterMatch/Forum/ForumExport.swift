public import Foundation
public import Shortlists

/// Renders a forum's schedule: a CSV of all meetings, a Markdown agenda and an iCalendar file per participant,
/// and an HTML page for the organiser. Pure: takes the loaded forum and run, returns text.
public struct ForumExport: Sendable {
    public let forum: ForumData
    public let meetings: [ScheduledMeeting]
    public let unplaced: [UnplacedMeeting]
    /// Pair → (score, sector) from the shortlist.
    public let pairs: [PairKey: ShortlistPair]
    /// The schedule run's id and time (for UIDs and DTSTAMP).
    public let runID: Int64
    public let stamp: Date

    /// Creates an export.
    public init(
        forum: ForumData, meetings: [ScheduledMeeting], unplaced: [UnplacedMeeting], pairs: [ShortlistPair], runID: Int64, stamp: Date
    ) {
        self.forum = forum
        self.meetings = meetings.sorted { ($0.slot, $0.table) < ($1.slot, $1.table) }
        self.unplaced = unplaced
        var byPair: [PairKey: ShortlistPair] = [:]
        for pair in pairs { byPair[pair.pair] = pair }
        self.pairs = byPair
        self.runID = runID
        self.stamp = stamp
    }

    private func name(_ id: Int) -> String { forum.participant(id)?.label ?? "participant \(id)" }
    private func sectorName(_ pair: PairKey) -> String {
        guard let field = pairs[pair]?.sector else { return "" }
        return forum.record.sectors.first { $0.field == field }?.name ?? field
    }
    private func times(_ meeting: ScheduledMeeting) -> (Date, Date) {
        let start = forum.start(ofSlot: meeting.slot + 1)
        return (start, start.addingTimeInterval(TimeInterval(forum.record.slotMinutes * 60)))
    }
    private static func clock(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: date) + " UTC"
    }

    /// One participant's meetings, by slot.
    public func agenda(of id: Int) -> [ScheduledMeeting] {
        meetings.filter { $0.pair.low == id || $0.pair.high == id }.sorted { $0.slot < $1.slot }
    }

    /// All meetings as CSV (RFC 4180 quoting): slot, start, end, table, the two participants, sector, score.
    public func csv() -> String {
        func field(_ text: String) -> String {
            text.contains(where: { ",\"\n\r".contains($0) }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
        var lines = ["slot,start_utc,end_utc,table,participant_a,participant_b,sector,score"]
        for meeting in meetings {
            let (start, end) = times(meeting)
            lines.append(
                [
                    String(meeting.slot + 1), Self.iso(start), Self.iso(end), String(meeting.table + 1), name(meeting.pair.low),
                    name(meeting.pair.high), sectorName(meeting.pair), pairs[meeting.pair].map { String($0.score) } ?? "",
                ].map(field).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    private static func iso(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }

    /// A participant's agenda in Markdown.
    public func markdown(for id: Int) -> String {
        guard let participant = forum.participant(id) else { return "" }
        var lines = ["# \(forum.record.name): agenda of \(participant.label)", ""]
        lines.append("\(forum.record.place), \(forum.record.startsOn). Times in UTC.")
        if !participant.people.isEmpty { lines.append("Attending: \(participant.people.joined(separator: ", ")).") }
        lines += ["", "| slot | time | table | partner | sector |", "| --- | --- | --- | --- | --- |"]
        for meeting in agenda(of: id) {
            let (start, end) = times(meeting)
            let partner = forum.participant(meeting.pair.partner(of: id))
            let cells = [
                String(meeting.slot + 1), "\(Self.clock(start).prefix(16))–\(Self.clock(end).dropFirst(11).prefix(5))",
                String(meeting.table + 1),
                "\(partner?.label ?? "?") (\(partner?.country ?? "?"))", sectorName(meeting.pair),
            ]
            lines.append("| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |")
        }
        let missing = unplaced.filter { $0.pair.low == id || $0.pair.high == id }
        if !missing.isEmpty {
            lines += ["", "Not scheduled:"]
            for meeting in missing { lines.append("- with \(name(meeting.pair.partner(of: id))): \(meeting.reason)") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A participant's meetings as an iCalendar file (RFC 5545: CRLF lines folded at 75 octets, UTC times,
    /// escaped text).
    public func iCalendar(for id: Int) -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//clustermatch//forum agenda//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
        for meeting in agenda(of: id) {
            let (start, end) = times(meeting)
            let partner = name(meeting.pair.partner(of: id))
            let sector = sectorName(meeting.pair)
            lines += [
                "BEGIN:VEVENT",
                "UID:\(forum.record.slug)-\(meeting.pair.low)-\(meeting.pair.high)@clustermatch",
                "DTSTAMP:\(Self.icsTime(stamp))",
                "DTSTART:\(Self.icsTime(start))",
                "DTEND:\(Self.icsTime(end))",
                "SUMMARY:" + Self.icsEscape("Meeting with \(partner)"),
                "LOCATION:" + Self.icsEscape("\(forum.record.place), table \(meeting.table + 1)"),
                "DESCRIPTION:" + Self.icsEscape("\(forum.record.name)\(sector.isEmpty ? "" : "\n\(sector)")\nSlot \(meeting.slot + 1)"),
                "END:VEVENT",
            ]
        }
        lines.append("END:VCALENDAR")
        return lines.map(Self.fold).joined(separator: "\r\n") + "\r\n"
    }

    static func icsTime(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return formatter.string(from: date)
    }

    /// Escapes TEXT values: backslash, semicolon, comma and newlines.
    static func icsEscape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "\\": result += "\\\\"
            case ";": result += "\\;"
            case ",": result += "\\,"
            case "\n", "\r\n": result += "\\n"
            case "\r": continue
            default: result.append(character)
            }
        }
        return result
    }

    /// Folds a content line so no line exceeds 75 octets, never splitting a UTF-8 character.
    static func fold(_ line: String) -> String {
        var parts: [String] = []
        var current = ""
        var octets = 0
        for character in line {
            let size = String(character).utf8.count
            let limit = parts.isEmpty ? 75 : 74  // continuation lines start with a space
            if octets + size > limit {
                parts.append(current)
                current = ""
                octets = 0
            }
            current.append(character)
            octets += size
        }
        parts.append(current)
        return parts.joined(separator: "\r\n ")
    }

    /// The organiser's page: meetings per sector table, each participant's agenda, and what could not be placed.
    public func html() -> String {
        func escape(_ text: String) -> String {
            text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        }
        var html = [
            "<!DOCTYPE html>", "<html lang=\"en\"><head><meta charset=\"utf-8\">",
            "<title>\(escape(forum.record.name))</title>",
            "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin-bottom:1.5em}td,th{border:1px solid #bbb;padding:.25em .6em;text-align:left}</style>",
            "</head><body>", "<h1>\(escape(forum.record.name))</h1>",
            "<p>\(escape(forum.record.place)), \(escape(forum.record.startsOn)) – \(escape(forum.record.endsOn)). \(meetings.count) meetings, \(forum.participants.count) participants. Times in UTC.</p>",
        ]
        let groups = Dictionary(grouping: meetings) { sectorName($0.pair) }
        for sector in groups.keys.sorted() {
            html.append("<h2>\(escape(sector.isEmpty ? "Other meetings" : sector))</h2>")
            html.append("<table><tr><th>slot</th><th>time</th><th>table</th><th>participant</th><th>participant</th><th>score</th></tr>")
            for meeting in groups[sector]! {
                let (start, _) = times(meeting)
                html.append(
                    "<tr><td>\(meeting.slot + 1)</td><td>\(escape(Self.clock(start)))</td><td>\(meeting.table + 1)</td><td>\(escape(name(meeting.pair.low)))</td><td>\(escape(name(meeting.pair.high)))</td><td>\(pairs[meeting.pair].map { String($0.score) } ?? "")</td></tr>"
                )
            }
            html.append("</table>")
        }
        if !unplaced.isEmpty {
            html.append("<h2>Not scheduled</h2><ul>")
            for meeting in unplaced {
                html.append("<li>\(escape(name(meeting.pair.low))) – \(escape(name(meeting.pair.high))): \(escape(meeting.reason))</li>")
            }
            html.append("</ul>")
        }
        html.append("<h2>Agendas</h2>")
        for participant in forum.participants {
            html.append("<h3 id=\"p\(participant.id)\">\(escape(participant.label)) (\(escape(participant.country)))</h3>")
            let own = agenda(of: Int(participant.id))
            if own.isEmpty {
                html.append("<p>No meetings.</p>")
                continue
            }
            html.append("<table><tr><th>slot</th><th>time</th><th>table</th><th>partner</th><th>sector</th></tr>")
            for meeting in own {
                let (start, _) = times(meeting)
                html.append(
                    "<tr><td>\(meeting.slot + 1)</td><td>\(escape(Self.clock(start)))</td><td>\(meeting.table + 1)</td><td>\(escape(name(meeting.pair.partner(of: Int(participant.id)))))</td><td>\(escape(sectorName(meeting.pair)))</td></tr>"
                )
            }
            html.append("</table>")
        }
        html.append("</body></html>")
        return html.joined(separator: "\n") + "\n"
    }
}
