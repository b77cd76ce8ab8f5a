/// Writes one compact JSON object into a byte buffer; keys are written in call order.
struct JSONObjectWriter {
    private var buffer: [UInt8]
    private var isFirst = true

    /// Starts an object at the end of `buffer` (which the writer takes over until `finish()`).
    init(buffer: [UInt8]) {
        self.buffer = buffer
        self.buffer.append(UInt8(ascii: "{"))
    }

    /// Closes the object, appends a newline and returns the buffer.
    consuming func finish() -> [UInt8] {
        buffer.append(UInt8(ascii: "}"))
        buffer.append(UInt8(ascii: "\n"))
        return buffer
    }

    private mutating func startKey(_ name: StaticString) {
        if !isFirst { buffer.append(UInt8(ascii: ",")) }
        isFirst = false
        buffer.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { buffer.append(contentsOf: $0) }
        buffer.append(UInt8(ascii: "\""))
        buffer.append(UInt8(ascii: ":"))
    }

    mutating func key(_ name: StaticString, _ value: String) {
        startKey(name)
        JSONObjectWriter.appendString(value, to: &buffer)
    }

    mutating func key(_ name: StaticString, _ value: String?) {
        startKey(name)
        if let value {
            JSONObjectWriter.appendString(value, to: &buffer)
        } else {
            buffer.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])  // null
        }
    }

    mutating func key(_ name: StaticString, _ value: [String]) {
        startKey(name)
        buffer.append(UInt8(ascii: "["))
        for (i, item) in value.enumerated() {
            if i > 0 { buffer.append(UInt8(ascii: ",")) }
            JSONObjectWriter.appendString(item, to: &buffer)
        }
        buffer.append(UInt8(ascii: "]"))
    }

    mutating func key(_ name: StaticString, _ value: Int) {
        startKey(name)
        buffer.append(contentsOf: String(value).utf8)
    }

    mutating func key(_ name: StaticString, _ value: Int?) {
        if let value {
            key(name, value)
        } else {
            startKey(name)
            buffer.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
        }
    }

    mutating func key(_ name: StaticString, _ value: Bool) {
        startKey(name)
        buffer.append(contentsOf: value ? Array("true".utf8) : Array("false".utf8))
    }

    /// Writes an object of integers with keys in sorted order (never dictionary order).
    mutating func key(_ name: StaticString, _ value: [String: Int]) {
        startKey(name)
        buffer.append(UInt8(ascii: "{"))
        for (i, entry) in value.sorted(by: { $0.key < $1.key }).enumerated() {
            if i > 0 { buffer.append(UInt8(ascii: ",")) }
            JSONObjectWriter.appendString(entry.key, to: &buffer)
            buffer.append(UInt8(ascii: ":"))
            buffer.append(contentsOf: String(entry.value).utf8)
        }
        buffer.append(UInt8(ascii: "}"))
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Appends `value` as a JSON string: quotes, backslashes and control characters are escaped; other characters
    /// are copied as UTF-8.
    static func appendString(_ value: String, to buffer: inout [UInt8]) {
        buffer.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { bytes in
            var runStart = 0
            for i in 0..<bytes.count {
                let byte = bytes[i]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                if runStart < i { buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i])) }
                runStart = i + 1
                buffer.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""): buffer.append(UInt8(ascii: "\""))
                case UInt8(ascii: "\\"): buffer.append(UInt8(ascii: "\\"))
                case 0x0A: buffer.append(UInt8(ascii: "n"))
                case 0x0D: buffer.append(UInt8(ascii: "r"))
                case 0x09: buffer.append(UInt8(ascii: "t"))
                case 0x08: buffer.append(UInt8(ascii: "b"))
                case 0x0C: buffer.append(UInt8(ascii: "f"))
                default:
                    buffer.append(contentsOf: [UInt8(ascii: "u"), 0x30, 0x30])
                    buffer.append(hexDigits[Int(byte >> 4)])
                    buffer.append(hexDigits[Int(byte & 0xF)])
                }
            }
            if runStart < bytes.count {
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
            }
        }
        buffer.append(UInt8(ascii: "\""))
    }
}
