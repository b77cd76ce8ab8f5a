public import Foundation

/// A Swift type that can be read from a result cell in text format.
public protocol PostgresDecodable: Sendable {
    /// Decodes from the cell's text bytes (nil for SQL NULL).
    /// - Throws: `PostgresDecodingError.Reason`.
    init(postgresCell: ArraySlice<UInt8>?) throws
}

/// A type decoded from non-NULL text.
public protocol PostgresTextDecodable: PostgresDecodable {
    /// Decodes from the non-NULL text, or returns nil when it does not fit.
    init?(postgresText: ArraySlice<UInt8>)
}

extension PostgresTextDecodable {
    public init(postgresCell: ArraySlice<UInt8>?) throws {
        guard let text = postgresCell else { throw PostgresDecodingError.Reason.unexpectedNull }
        guard let value = Self(postgresText: text) else {
            throw PostgresDecodingError.Reason.invalidText(String(decoding: text.prefix(40), as: UTF8.self))
        }
        self = value
    }
}

extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    public init(postgresCell: ArraySlice<UInt8>?) throws {
        guard let text = postgresCell else {
            self = nil
            return
        }
        self = try Wrapped(postgresCell: text)
    }
}

extension String: PostgresTextDecodable {
    public init?(postgresText: ArraySlice<UInt8>) { self = String(decoding: postgresText, as: UTF8.self) }
}

/// Parses a decimal integer without allocating.
func parseInteger<C: Collection<UInt8>>(_ text: C) -> Int64? {
    var iterator = text.makeIterator()
    guard var byte = iterator.next() else { return nil }
    var isNegative = false
    if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") {
        isNegative = byte == UInt8(ascii: "-")
        guard let next = iterator.next() else { return nil }
        byte = next
    }
    var value: Int64 = 0
    while true {
        guard byte >= 48 && byte <= 57 else { return nil }
        let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
        let (sum, overflow2) = times.addingReportingOverflow(Int64(byte - 48))
        guard !overflow1, !overflow2 else { return nil }
        value = sum
        guard let next = iterator.next() else { break }
        byte = next
    }
    return isNegative ? -value : value
}

extension Int: PostgresTextDecodable {
    public init?(postgresText: ArraySlice<UInt8>) {
        guard let value = parseInteger(postgresText) else { return nil }
        self = Int(value)
    }
}

extension Int64: PostgresTextDecodable {
    public init?(postgresText: ArraySlice<UInt8>) {
        guard let value = parseInteger(postgresText) else { return nil }
        self = value
    }
}

extension Int32: PostgresTextDecodable {
    public init?(postgresText: ArraySlice<UInt8>) {
        guard let value = parseInteger(postgresText), let narrowed = Int32(exactly: value) else { return nil }
        self = narrowed
    }
}

extension Int16: PostgresTextDecodable {
    public init?(postgresText: ArraySlice<UInt8>) {
        guard let value = parseInteger(postgresText), let narrowed = Int16(exactly: value) else { return nil }
        self = narrowed
    }
}

extension Double: PostgresTextDecodable {
    public init?(postgresText: ArraySlice<UInt8>) {
        guard let value = Double(String(decoding: postgresText, as: UTF8.self)) else { return nil }
        self = value
    }
}

extension Float: PostgresTextDecodable {
    public init?(postgresText: ArraySlice<UInt8>) {
        guard let value = Float(String(decoding: postgresText, as: UTF8.self)) else { return nil }
        self = value
    }
}

extension Bool: PostgresTextDecodable {
    public init?(postgresText: ArraySlice<UInt8>) {
        switch postgresText.first {
        case UInt8(ascii: "t") where postgresText.count == 1: self = true
        case UInt8(ascii: "f") where postgresText.count == 1: self = false
        default: return nil
        }
    }
}

extension UUID: PostgresTextDecodable {
    public init?(postgresText: ArraySlice<UInt8>) {
        guard let value = UUID(uuidString: String(decoding: postgresText, as: UTF8.self)) else { return nil }
        self = value
    }
}

extension Date: PostgresTextDecodable {
    /// Reads `date`, `timestamp` (as UTC) and `timestamptz` in ISO output style.
    public init?(postgresText: ArraySlice<UInt8>) {
        guard let value = PostgresTime.parse(postgresText) else { return nil }
        self = value
    }
}

extension Data: PostgresTextDecodable {
    /// Reads bytea in hex output format (`\x…`).
    public init?(postgresText: ArraySlice<UInt8>) {
        guard let bytes = ByteaText.decode(postgresText) else { return nil }
        self = Data(bytes)
    }
}

/// The bytes of a bytea value, for reading many large values without Foundation's `Data`.
public struct Bytea: PostgresTextDecodable, Sendable, Hashable {
    /// The bytes.
    public var bytes: [UInt8]

    /// Wraps bytes.
    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Reads bytea in hex output format (`\x…`).
    public init?(postgresText: ArraySlice<UInt8>) {
        guard let bytes = ByteaText.decode(postgresText) else { return nil }
        self.bytes = bytes
    }
}

/// bytea's hex text format.
enum ByteaText {
    /// Nibble values by ASCII code; 0xFF for a byte that is not a hex digit.
    static let nibbles: [UInt8] = (0..<256).map { byte in
        switch byte {
        case 48...57: UInt8(byte - 48)
        case 97...102: UInt8(byte - 87)
        case 65...70: UInt8(byte - 55)
        default: 0xFF
        }
    }

    /// Decodes `\x` followed by pairs of hex digits, or nil when the text is not that.
    static func decode(_ text: ArraySlice<UInt8>) -> [UInt8]? {
        guard text.count >= 2, text.count % 2 == 0, text.first == UInt8(ascii: "\\"),
            text[text.startIndex + 1] == UInt8(ascii: "x")
        else { return nil }
        let count = (text.count - 2) / 2
        var valid = true
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { output, initialized in
            text.withUnsafeBufferPointer { input in
                nibbles.withUnsafeBufferPointer { table in
                    var bad: UInt8 = 0
                    for i in 0..<count {
                        let high = table[Int(input[2 + 2 * i])], low = table[Int(input[3 + 2 * i])]
                        bad |= high | low
                        output[i] = high << 4 | (low & 0x0F)
                    }
                    valid = bad & 0xF0 == 0
                }
            }
            initialized = count
        }
        return valid ? bytes : nil
    }
}

extension Array: PostgresDecodable where Element: PostgresDecodable {
    /// Reads a one-dimensional array literal (`{a,"b c",NULL}`); elements decode as `Element`.
    public init(postgresCell: ArraySlice<UInt8>?) throws {
        guard let text = postgresCell else { throw PostgresDecodingError.Reason.unexpectedNull }
        guard let elements = parseArrayLiteral(text) else {
            throw PostgresDecodingError.Reason.invalidText(String(decoding: text.prefix(40), as: UTF8.self))
        }
        self = try elements.map { try Element(postgresCell: $0.map { ArraySlice($0) }) }
    }
}

/// Splits a one-dimensional array literal into its elements' text (nil for NULL).
func parseArrayLiteral(_ text: ArraySlice<UInt8>) -> [[UInt8]?]? {
    var bytes = text[...]
    // Skip an optional dimension decoration such as "[0:2]=".
    if bytes.first == UInt8(ascii: "["), let equals = bytes.firstIndex(of: UInt8(ascii: "=")) {
        bytes = bytes[(equals + 1)...]
    }
    guard bytes.first == UInt8(ascii: "{"), bytes.last == UInt8(ascii: "}") else { return nil }
    bytes = bytes.dropFirst().dropLast()
    var elements: [[UInt8]?] = []
    if bytes.isEmpty { return elements }
    var index = bytes.startIndex
    while true {
        var element: [UInt8] = []
        var isQuoted = false
        if index < bytes.endIndex, bytes[index] == UInt8(ascii: "\"") {
            isQuoted = true
            index += 1
            while true {
                guard index < bytes.endIndex else { return nil }
                let byte = bytes[index]
                if byte == UInt8(ascii: "\\") {
                    guard index + 1 < bytes.endIndex else { return nil }
                    element.append(bytes[index + 1])
                    index += 2
                } else if byte == UInt8(ascii: "\"") {
                    index += 1
                    break
                } else {
                    element.append(byte)
                    index += 1
                }
            }
        } else {
            while index < bytes.endIndex, bytes[index] != UInt8(ascii: ",") {
                element.append(bytes[index])
                index += 1
            }
        }
        if !isQuoted && element == Array("NULL".utf8) {
            elements.append(nil)
        } else {
            elements.append(element)
        }
        if index == bytes.endIndex { break }
        guard bytes[index] == UInt8(ascii: ",") else { return nil }
        index += 1
    }
    return elements
}
