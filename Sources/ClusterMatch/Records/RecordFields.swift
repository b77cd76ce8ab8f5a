/// The values of one input record (a JSON object or a CSV row) while a `RecordShape` reads them; every missing,
/// mistyped or not-allowed value becomes a `Problem` naming its key. Only the readers create these.
public struct RecordFields {
    private enum Source {
        case object([String: JSONValue])
        case row(cells: [String], columns: [String: Int])
    }

    /// A raw value: a JSON value, or the text of a CSV cell.
    enum Raw {
        case json(JSONValue)
        case cell(String)
    }

    private let source: Source
    let file: String?
    let line: Int?
    /// Prefix for field names of nested records (`roles[2].`).
    private let prefix: String
    /// What is wrong so far.
    public internal(set) var problems: [Problem] = []

    init(object: [String: JSONValue], file: String?, line: Int?, prefix: String = "") {
        source = .object(object)
        self.file = file
        self.line = line
        self.prefix = prefix
    }

    init(cells: [String], columns: [String: Int], file: String?, line: Int?) {
        source = .row(cells: cells, columns: columns)
        self.file = file
        self.line = line
        prefix = ""
    }

    /// Adds a problem for a key.
    mutating func report(_ key: String, _ message: String, rule: Rule? = nil) {
        problems.append(Problem(file: file, line: line, field: prefix + key, message: message, rule: rule))
    }

    /// Reports keys of a JSON object that the shape does not have (a typo must not be dropped silently).
    mutating func rejectUnknownKeys(_ keys: [String]) {
        guard case .object(let members) = source else { return }
        for key in members.keys.sorted() where !keys.contains(key) {
            report(key, RecordFields.unknownKeyMessage(key, keys: keys))
        }
    }

    /// `unknown key "titel" (did you mean "title"?)`.
    static func unknownKeyMessage(_ key: String, keys: [String], noun: String = "key") -> String {
        let near = keys.map { ($0, editDistance(key, $0)) }.min { $0.1 < $1.1 }
        if let near, near.1 <= max(2, key.count / 3) {
            return "unknown \(noun) \"\(key)\" (did you mean \"\(near.0)\"?)"
        }
        return "unknown \(noun) \"\(key)\""
    }

    private static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.utf8), b = Array(b.utf8)
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(b.count, 1) where !b.isEmpty {
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }

    /// The raw value of a key; nil when absent, JSON null, or an empty CSV cell.
    func raw(_ key: String) -> Raw? {
        switch source {
        case .object(let members):
            guard let value = members[key] else { return nil }
            if case .null = value { return nil }
            return .json(value)
        case .row(let cells, let columns):
            guard let column = columns[key], column < cells.count else { return nil }
            let cell = cells[column]
            return cell.isEmpty ? nil : .cell(cell)
        }
    }

    // MARK: strings

    /// A required string; reports `key is required` when absent.
    mutating func required(_ key: String) -> String {
        guard let value = optionalString(key, reportMissing: true) else { return "" }
        return value
    }

    /// A string with a default for absent values.
    mutating func string(_ key: String, default value: String = "") -> String { optionalString(key) ?? value }

    /// An optional string.
    mutating func optionalString(_ key: String, reportMissing: Bool = false) -> String? {
        switch raw(key) {
        case nil:
            if reportMissing { report(key, "\(key) is required") }
            return nil
        case .cell(let text): return text
        case .json(.string(let text)): return text
        case .json(let other):
            report(key, "expected a string, found \(other.typeDescription)")
            return nil
        }
    }

    // MARK: numbers and booleans

    /// An optional whole number, parsed strictly (`4.5`, `4.0`, `1e1` and `"4"` in JSON are errors).
    mutating func int(_ key: String, required: Bool = false) -> Int? {
        let text: String
        switch raw(key) {
        case nil:
            if required { report(key, "\(key) is required") }
            return nil
        case .cell(let cell): text = cell.trimmingSpaces
        case .json(.number(let literal)): text = literal
        case .json(let other):
            report(key, "expected a whole number, found \(other.typeDescription)")
            return nil
        }
        guard let value = Int(text), !text.hasPrefix("+") else {
            report(key, "\"\(text)\" is not a whole number")
            return nil
        }
        return value
    }

    /// A Boolean with a default; CSV cells must be `true` or `false`.
    mutating func bool(_ key: String, default value: Bool = false) -> Bool {
        switch raw(key) {
        case nil: return value
        case .json(.bool(let flag)): return flag
        case .cell(let cell):
            switch cell.trimmingSpaces {
            case "true": return true
            case "false": return false
            default:
                report(key, "\"\(cell)\" is not true or false")
                return value
            }
        case .json(let other):
            report(key, "expected true or false, found \(other.typeDescription)")
            return value
        }
    }

    // MARK: lists

    /// A list of strings: a JSON array, or a CSV cell split on `;` (spaces trimmed, empty items dropped). A cell
    /// that starts with `[` and ends with `]` is read as a JSON array, so any text can be written to CSV.
    mutating func list(_ key: String, required: Bool = false) -> [String] {
        switch raw(key) {
        case nil:
            if required { report(key, "\(key) is required") }
            return []
        case .cell(let cell):
            let trimmed = cell.trimmingSpaces
            if trimmed.hasPrefix("["), trimmed.hasSuffix("]") {
                do {
                    return strings(in: try JSONValue(parsing: trimmed), key: key)
                } catch {
                    report(key, "\(error.problems.first?.message ?? "invalid JSON") in a list written as a JSON array")
                    return []
                }
            }
            return cell.split(separator: ";", omittingEmptySubsequences: true).compactMap {
                let item = String($0).trimmingSpaces
                return item.isEmpty ? nil : item
            }
        case .json(let value): return strings(in: value, key: key)
        }
    }

    private mutating func strings(in value: JSONValue, key: String) -> [String] {
        guard case .array(let items) = value else {
            report(key, "expected an array of strings, found \(value.typeDescription)")
            return []
        }
        var result: [String] = []
        result.reserveCapacity(items.count)
        for item in items {
            guard case .string(let text) = item else {
                report(key, "expected an array of strings, found \(item.typeDescription) in it")
                return []
            }
            result.append(text)
        }
        return result
    }

    // MARK: vocabulary

    /// One word of a vocabulary; an unknown word is reported with the allowed ones.
    mutating func choice<V: Vocabulary>(_ key: String, _ type: V.Type = V.self, rule: Rule?, required: Bool = false) -> V? {
        guard let text = optionalString(key, reportMissing: required) else { return nil }
        let word = text.trimmingSpaces
        guard let value = V(rawValue: word) else {
            report(key, V.notOneOf(word), rule: rule)
            return nil
        }
        return value
    }

    /// A list of words of a vocabulary; each unknown word is reported with the allowed ones.
    mutating func choices<V: Vocabulary>(_ key: String, _ type: V.Type = V.self, rule: Rule?, required: Bool = false) -> [V] {
        var result: [V] = []
        for word in list(key, required: required) {
            if let value = V(rawValue: word) {
                result.append(value)
            } else {
                report(key, V.notOneOf(word), rule: rule)
            }
        }
        return result
    }

    // MARK: JSON

    /// A JSON value; a CSV cell is parsed as JSON text.
    mutating func json(_ key: String) -> JSONValue? {
        switch raw(key) {
        case nil: return nil
        case .json(let value): return value
        case .cell(let text):
            do {
                return try JSONValue(parsing: text)
            } catch {
                report(key, error.problems.first?.message ?? "invalid JSON")
                return nil
            }
        }
    }

    /// A list of nested records (an array of JSON objects; in CSV, a JSON array in one cell).
    mutating func nested<R: RecordShape>(_ key: String, _ type: R.Type) -> [R] {
        guard let value = json(key) else { return [] }
        guard case .array(let items) = value else {
            report(key, "expected an array of objects, found \(value.typeDescription)")
            return []
        }
        var result: [R] = []
        for (position, item) in items.enumerated() {
            let itemPrefix = "\(prefix)\(key)[\(position + 1)]."
            guard case .object(let members) = item else {
                report(key, "item \(position + 1): expected an object, found \(item.typeDescription)")
                continue
            }
            var inner = RecordFields(object: members, file: file, line: line, prefix: itemPrefix)
            inner.rejectUnknownKeys(R.keys)
            let record = R(reading: &inner)
            problems += inner.problems
            if let record, inner.problems.isEmpty { result.append(record) }
        }
        return result
    }
}

extension String {
    /// The string without leading and trailing ASCII spaces and tabs.
    var trimmingSpaces: String {
        let utf8 = self.utf8
        guard let first = utf8.first, let last = utf8.last,
            first == 0x20 || first == 0x09 || last == 0x20 || last == 0x09
        else { return self }
        var start = utf8.startIndex
        var end = utf8.endIndex
        while start < end, utf8[start] == 0x20 || utf8[start] == 0x09 { start = utf8.index(after: start) }
        while end > start, utf8[utf8.index(before: end)] == 0x20 || utf8[utf8.index(before: end)] == 0x09 {
            end = utf8.index(before: end)
        }
        return String(self[start..<end])
    }
}
