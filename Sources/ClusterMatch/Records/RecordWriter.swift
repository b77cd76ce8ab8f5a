/// Writes records as CSV or JSON Lines, the formats `RecordReader` reads, so exports import unchanged.
///
/// - JSON Lines: one compact object per line, members in the shape's `keys` order, absent optionals left out,
///   nested objects (cluster `outcomes`, person `roles`) with sorted keys; non-ASCII text is written as itself.
/// - CSV: a header with every one of the shape's `keys` in order, then one row per record; `\n` line ends; cells
///   quoted only when they hold `,`, `"`, a line break or surrounding spaces. Lists are joined with `;`, unless an
///   item is empty, has surrounding spaces, contains `;` or starts with `[`: then the cell is a JSON array, which
///   the reader recognises. Objects are JSON text. An absent value is an empty cell.
public enum RecordWriter {
    /// The records in a format.
    public static func write<R: RecordShape>(_ records: some Sequence<R>, format: RecordFormat) -> [UInt8] {
        switch format {
        case .csv: csv(records)
        case .jsonLines: jsonLines(records)
        }
    }

    /// The records as JSON Lines.
    public static func jsonLines<R: RecordShape>(_ records: some Sequence<R>) -> [UInt8] {
        var out: [UInt8] = []
        for record in records {
            JSONWriter.writeObject(record.jsonMembers.map { ($0.key, $0.value) }, to: &out)
            out.append(0x0A)
        }
        return out
    }

    /// The records as CSV with a header row.
    public static func csv<R: RecordShape>(_ records: some Sequence<R>) -> [UInt8] {
        var out: [UInt8] = Array(csvHeader(R.self).utf8)
        for record in records { appendCSVRow(record, to: &out) }
        return out
    }

    /// The CSV header line (with its `\n`) for a shape, for writing rows one at a time.
    public static func csvHeader<R: RecordShape>(_ type: R.Type) -> String {
        R.keys.joined(separator: ",") + "\n"
    }

    /// One record as a CSV line (with its `\n`), columns in `R.keys` order.
    public static func csvLine<R: RecordShape>(_ record: R) -> String {
        var out: [UInt8] = []
        appendCSVRow(record, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func appendCSVRow<R: RecordShape>(_ record: R, to out: inout [UInt8]) {
        let members = record.jsonMembers
        var memberIndex = 0
        for (column, key) in R.keys.enumerated() {
            if column > 0 { out.append(UInt8(ascii: ",")) }
            // Members come in key order with absent ones left out, so one forward scan finds them.
            guard memberIndex < members.count, members[memberIndex].key == key else { continue }
            appendCell(cellText(members[memberIndex].value), to: &out)
            memberIndex += 1
        }
        out.append(0x0A)
    }

    private static func cellText(_ value: JSONValue) -> String {
        switch value {
        case .null: return ""
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let text), .string(let text): return text
        case .array(let items):
            var plain: [String] = []
            for item in items {
                guard case .string(let text) = item, isPlainListItem(text) else { return value.jsonText }
                plain.append(text)
            }
            return plain.joined(separator: ";")
        case .object: return value.jsonText
        }
    }

    /// Whether a list item survives `;`-joining and the reader's splitting and trimming unchanged.
    private static func isPlainListItem(_ text: String) -> Bool {
        guard let first = text.utf8.first, let last = text.utf8.last else { return false }
        if first == UInt8(ascii: "[") || first == 0x20 || first == 0x09 || last == 0x20 || last == 0x09 { return false }
        return !text.utf8.contains(UInt8(ascii: ";"))
    }

    private static func appendCell(_ text: String, to out: inout [UInt8]) {
        let utf8 = text.utf8
        var needsQuotes = false
        if let first = utf8.first, let last = utf8.last, first == 0x20 || first == 0x09 || last == 0x20 || last == 0x09 {
            needsQuotes = true
        }
        if !needsQuotes {
            for byte in utf8 where byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == 0x0A || byte == 0x0D {
                needsQuotes = true
                break
            }
        }
        guard needsQuotes else {
            out.append(contentsOf: utf8)
            return
        }
        out.append(UInt8(ascii: "\""))
        for byte in utf8 {
            if byte == UInt8(ascii: "\"") { out.append(byte) }
            out.append(byte)
        }
        out.append(UInt8(ascii: "\""))
    }
}
