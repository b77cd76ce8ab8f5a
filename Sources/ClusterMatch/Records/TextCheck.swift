/// Whole-file checks done before parsing: valid UTF-8 and no NUL bytes, reported with the line of the first bad byte.
enum TextCheck {
    /// The offset of the first byte that is not valid UTF-8 or is NUL, and which of the two it is.
    static func firstBadByte(in bytes: [UInt8], from start: Int) -> (offset: Int, isNUL: Bool)? {
        bytes.withUnsafeBufferPointer { buffer in
            var index = start
            let count = buffer.count
            while index < count {
                let byte = buffer[index]
                if byte < 0x80 {
                    if byte == 0 { return (index, true) }
                    index += 1
                    continue
                }
                let length: Int
                var lower: UInt8 = 0x80
                var upper: UInt8 = 0xBF
                switch byte {
                case 0xC2...0xDF: length = 2
                case 0xE0: length = 3; lower = 0xA0
                case 0xE1...0xEC, 0xEE...0xEF: length = 3
                case 0xED: length = 3; upper = 0x9F
                case 0xF0: length = 4; lower = 0x90
                case 0xF1...0xF3: length = 4
                case 0xF4: length = 4; upper = 0x8F
                default: return (index, false)
                }
                guard index + length <= count else { return (index, false) }
                let second = buffer[index + 1]
                guard second >= lower, second <= upper else { return (index, false) }
                for offset in 2..<length where buffer[index + offset] & 0xC0 != 0x80 { return (index, false) }
                index += length
            }
            return nil
        }
    }

    /// The 1-based line of a byte offset.
    static func line(of offset: Int, in bytes: [UInt8]) -> Int {
        var line = 1
        for byte in bytes[..<offset] where byte == 0x0A { line += 1 }
        return line
    }

    /// Throws when the bytes are not valid UTF-8 text.
    static func check(_ bytes: [UInt8], from start: Int, file: String?) throws(ValidationFailure) {
        guard let bad = firstBadByte(in: bytes, from: start) else { return }
        let message =
            bad.isNUL
            ? "the file contains a NUL byte, which text cannot hold"
            : "the file is not valid UTF-8 (byte 0x\(String(bytes[bad.offset], radix: 16, uppercase: true))); save it as UTF-8"
        throw ValidationFailure([Problem(file: file, line: line(of: bad.offset, in: bytes), field: "", message: message)])
    }
}
