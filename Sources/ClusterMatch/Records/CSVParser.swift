/// An RFC 4180 CSV parser over UTF-8 bytes: quoted cells with `""` escapes and embedded commas and newlines,
/// `\n` or `\r\n` line ends. Each row carries the line where it starts; broken quoting is reported per row and
/// parsing resumes at the next line.
struct CSVParser {
    /// One row, or why it could not be read.
    enum Row {
        case cells(line: Int, [String])
        case broken(line: Int, message: String)
    }

    private let bytes: [UInt8]
    private var index: Int
    private var line = 1

    init(_ bytes: [UInt8], from start: Int) {
        self.bytes = bytes
        index = start
    }

    private static let quote = UInt8(ascii: "\"")
    private static let comma = UInt8(ascii: ",")
    private static let newline: UInt8 = 0x0A
    private static let carriageReturn: UInt8 = 0x0D

    /// The next row, or nil at the end. Empty lines are skipped.
    mutating func next() -> Row? {
        while index < bytes.count {
            if bytes[index] == Self.newline {
                index += 1
                line += 1
                continue
            }
            if bytes[index] == Self.carriageReturn, index + 1 < bytes.count, bytes[index + 1] == Self.newline {
                index += 2
                line += 1
                continue
            }
            return readRow()
        }
        return nil
    }

    private mutating func readRow() -> Row {
        let startLine = line
        var cells: [String] = []
        cells.reserveCapacity(24)
        while true {
            if index < bytes.count, bytes[index] == Self.quote {
                guard let cell = readQuoted(rowLine: startLine) else {
                    return .broken(
                        line: startLine,
                        message:
                            "quoted cell \(cells.count + 1) is never closed, so the rest of the file was read into it; close it with '\"'"
                    )
                }
                cells.append(cell)
                if let message = afterQuoted() {
                    let errorLine = line
                    skipLine()
                    return .broken(line: startLine, message: message + (errorLine == startLine ? "" : " (line \(errorLine))"))
                }
            } else {
                let cellStart = index
                while index < bytes.count {
                    let byte = bytes[index]
                    if byte == Self.comma || byte == Self.newline { break }
                    if byte == Self.carriageReturn, index + 1 < bytes.count, bytes[index + 1] == Self.newline { break }
                    if byte == Self.quote {
                        skipLine()
                        return .broken(
                            line: startLine,
                            message: "stray '\"' in cell \(cells.count + 1); quote the whole cell and double quotes inside it (\"\")"
                        )
                    }
                    index += 1
                }
                cells.append(String(decoding: bytes[cellStart..<index], as: UTF8.self))
            }
            // At a comma, line end, or end of input.
            if index >= bytes.count { return .cells(line: startLine, cells) }
            if bytes[index] == Self.comma {
                index += 1
                continue
            }
            consumeLineEnd()
            return .cells(line: startLine, cells)
        }
    }

    /// Reads a quoted cell starting at its opening quote; nil when the input ends first.
    private mutating func readQuoted(rowLine: Int) -> String? {
        index += 1
        let contentStart = index
        var buffer: [UInt8]? = nil
        var segmentStart = contentStart
        while index < bytes.count {
            let byte = bytes[index]
            if byte == Self.quote {
                if index + 1 < bytes.count, bytes[index + 1] == Self.quote {
                    if buffer == nil { buffer = [] }
                    buffer!.append(contentsOf: bytes[segmentStart...index])
                    index += 2
                    segmentStart = index
                    continue
                }
                let text: String
                if var pieces = buffer {
                    pieces.append(contentsOf: bytes[segmentStart..<index])
                    text = String(decoding: pieces, as: UTF8.self)
                } else {
                    text = String(decoding: bytes[contentStart..<index], as: UTF8.self)
                }
                index += 1
                return text
            }
            if byte == Self.newline { line += 1 }
            index += 1
        }
        return nil
    }

    /// After a closing quote only a comma or a line end may follow; otherwise the message.
    private mutating func afterQuoted() -> String? {
        guard index < bytes.count else { return nil }
        switch bytes[index] {
        case Self.comma, Self.newline: return nil
        case Self.carriageReturn where index + 1 < bytes.count && bytes[index + 1] == Self.newline: return nil
        default: return "text after a closing quote; a quoted cell must end at ',' or the end of the line"
        }
    }

    private mutating func consumeLineEnd() {
        if index < bytes.count, bytes[index] == Self.carriageReturn { index += 1 }
        if index < bytes.count, bytes[index] == Self.newline {
            index += 1
            line += 1
        }
    }

    /// Skips to just after the next line end (used to resume after a broken row).
    private mutating func skipLine() {
        while index < bytes.count, bytes[index] != Self.newline { index += 1 }
        if index < bytes.count {
            index += 1
            line += 1
        }
    }
}
