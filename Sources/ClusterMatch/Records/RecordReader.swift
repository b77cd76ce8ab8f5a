import Foundation

/// Reads record files (CSV or JSON Lines) into records with their line numbers.
///
/// Whole-file problems (unreadable, unsupported extension, not UTF-8, empty, a bad CSV header) throw; problems with
/// single records are collected in `Parsed.problems`, so a caller can reject the file or skip the bad records.
/// Reading checks shapes only (keys, types, allowed words); `Parsed.validated(against:)` applies the domain rules.
public enum RecordReader {
    /// Reads a file, choosing the format by its extension.
    /// - Parameters:
    ///   - type: The record shape, e.g. `SeedRecord.self`.
    ///   - path: The file; it is also the name used in problems.
    /// - Throws: `ValidationFailure` for whole-file problems.
    public static func read<R: RecordShape>(_ type: R.Type, path: String) throws(ValidationFailure) -> Parsed<R> {
        let format = try RecordFormat(path: path)
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot read the file" : "no such file"
            throw ValidationFailure([Problem(file: path, field: "", message: reason)])
        }
        return try read(type, bytes: [UInt8](data), format: format, file: path)
    }

    /// Reads records from bytes in memory.
    /// - Parameters:
    ///   - type: The record shape.
    ///   - bytes: The whole file.
    ///   - format: CSV or JSON Lines.
    ///   - file: The name used in problems.
    /// - Throws: `ValidationFailure` for whole-file problems.
    public static func read<R: RecordShape>(
        _ type: R.Type, bytes: [UInt8], format: RecordFormat, file: String? = nil
    ) throws(ValidationFailure) -> Parsed<R> {
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0  // a UTF-8 byte order mark
        guard bytes.count > start else { throw ValidationFailure([Problem(file: file, field: "", message: "file is empty")]) }
        try TextCheck.check(bytes, from: start, file: file)
        switch format {
        case .jsonLines: return try readJSONLines(type, bytes: bytes, from: start, file: file)
        case .csv: return try readCSV(type, bytes: bytes, from: start, file: file)
        }
    }

    /// Reads records from text in memory (tests, `--json` input).
    /// - Throws: `ValidationFailure` for whole-file problems.
    public static func read<R: RecordShape>(
        _ type: R.Type, text: String, format: RecordFormat, file: String? = nil
    ) throws(ValidationFailure) -> Parsed<R> {
        try read(type, bytes: Array(text.utf8), format: format, file: file)
    }

    private static func readJSONLines<R: RecordShape>(
        _ type: R.Type, bytes: [UInt8], from start: Int, file: String?
    ) throws(ValidationFailure) -> Parsed<R> {
        var parsed = Parsed<R>(file: file)
        var line = 1
        var lineStart = start
        let count = bytes.count
        while lineStart < count {
            var lineEnd = lineStart
            while lineEnd < count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            defer {
                lineStart = lineEnd + 1
                line += 1
            }
            var contentEnd = lineEnd
            if contentEnd > lineStart, bytes[contentEnd - 1] == 0x0D { contentEnd -= 1 }
            var isBlank = true
            for position in lineStart..<contentEnd where bytes[position] != 0x20 && bytes[position] != 0x09 {
                isBlank = false
                break
            }
            if isBlank { continue }
            var parser = JSONParser(bytes, range: lineStart..<contentEnd)
            let value: JSONValue
            do {
                value = try parser.parseDocument()
            } catch {
                parsed.problems.append(Problem(file: file, line: line, field: "", message: error.message))
                continue
            }
            guard case .object(let members) = value else {
                parsed.problems.append(
                    Problem(
                        file: file, line: line, field: "",
                        message: "expected one JSON object per line, found \(value.typeDescription)"))
                continue
            }
            var fields = RecordFields(object: members, file: file, line: line)
            fields.rejectUnknownKeys(R.keys)
            let record = R(reading: &fields)
            if let record, fields.problems.isEmpty {
                parsed.records.append(Numbered(line: line, record: record))
            } else {
                parsed.problems += fields.problems
            }
        }
        if parsed.records.isEmpty && parsed.problems.isEmpty {
            throw ValidationFailure([Problem(file: file, field: "", message: "file is empty")])
        }
        return parsed
    }

    private static func readCSV<R: RecordShape>(
        _ type: R.Type, bytes: [UInt8], from start: Int, file: String?
    ) throws(ValidationFailure) -> Parsed<R> {
        var parser = CSVParser(bytes, from: start)
        let columns: [String: Int]
        let width: Int
        switch parser.next() {
        case nil: throw ValidationFailure([Problem(file: file, field: "", message: "file is empty")])
        case .broken(let line, let message)?:
            throw ValidationFailure([Problem(file: file, line: line, field: "", message: "header row: " + message)])
        case .cells(let line, let names)?:
            columns = try header(names, shape: R.self, line: line, file: file)
            width = names.count
        }
        var parsed = Parsed<R>(file: file)
        while let row = parser.next() {
            switch row {
            case .broken(let line, let message):
                parsed.problems.append(Problem(file: file, line: line, field: "", message: message))
            case .cells(let line, let cells):
                guard cells.count == width else {
                    parsed.problems.append(
                        Problem(
                            file: file, line: line, field: "",
                            message: "expected \(width) cells as in the header, found \(cells.count)"))
                    continue
                }
                var fields = RecordFields(cells: cells, columns: columns, file: file, line: line)
                let record = R(reading: &fields)
                if let record, fields.problems.isEmpty {
                    parsed.records.append(Numbered(line: line, record: record))
                } else {
                    parsed.problems += fields.problems
                }
            }
        }
        if parsed.records.isEmpty && parsed.problems.isEmpty {
            throw ValidationFailure([Problem(file: file, field: "", message: "no records after the header")])
        }
        return parsed
    }

    /// Checks the header row: every column known, none repeated, every required one present.
    private static func header<R: RecordShape>(
        _ names: [String], shape: R.Type, line: Int, file: String?
    ) throws(ValidationFailure) -> [String: Int] {
        var columns: [String: Int] = [:]
        var problems: [Problem] = []
        for (position, raw) in names.enumerated() {
            let name = raw.trimmingSpaces
            if !R.keys.contains(name) {
                let message =
                    name.isEmpty
                    ? "header cell \(position + 1) is empty"
                    : RecordFields.unknownKeyMessage(name, keys: R.keys, noun: "column")
                problems.append(Problem(file: file, line: line, field: name, message: message))
            } else if columns.updateValue(position, forKey: name) != nil {
                problems.append(Problem(file: file, line: line, field: name, message: "column \"\(name)\" appears twice"))
            }
        }
        for key in R.requiredKeys where columns[key] == nil {
            problems.append(Problem(file: file, line: line, field: key, message: "missing required column \"\(key)\""))
        }
        guard problems.isEmpty else { throw ValidationFailure(problems) }
        return columns
    }
}
