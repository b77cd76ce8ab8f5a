/// A compact, versioned binary encoding of `AnalyzedDocument`.
///
/// Layout (format 1): the bytes "CMA" and the format number, `Analyzer.version` as a varint, the four field lengths,
/// the number of terms, then per term the term's UTF-8 length and bytes, the surface as 0 (same as the term) or
/// its length + 1 and bytes, and the four field frequencies. All integers are unsigned LEB128 varints.
extension AnalyzedDocument {
    /// The encoding format written by `encoded()`.
    public static let encodingFormat: UInt8 = 1

    /// The error thrown when bytes are not a valid encoding.
    public struct DecodingError: Error, Sendable, CustomStringConvertible {
        /// What was wrong.
        public var description: String
    }

    /// The document as compact bytes, suitable for a `bytea` column.
    public func encoded() -> [UInt8] {
        var out: [UInt8] = [0x43, 0x4D, 0x41, Self.encodingFormat]
        out.reserveCapacity(16 + terms.count * 12)
        appendVarint(UInt64(Analyzer.version), to: &out)
        for field in Field.allCases { appendVarint(UInt64(fieldLengths[field]), to: &out) }
        appendVarint(UInt64(terms.count), to: &out)
        for term in terms {
            let bytes = Array(term.term.utf8)
            appendVarint(UInt64(bytes.count), to: &out)
            out.append(contentsOf: bytes)
            if term.surface == term.term {
                appendVarint(0, to: &out)
            } else {
                let surface = Array(term.surface.utf8)
                appendVarint(UInt64(surface.count + 1), to: &out)
                out.append(contentsOf: surface)
            }
            for field in Field.allCases { appendVarint(UInt64(term.frequencies[field]), to: &out) }
        }
        return out
    }

    /// The analyzer version recorded in encoded bytes, or nil when they are not an encoded document.
    public static func analyzerVersion(ofEncoded bytes: [UInt8]) -> Int? {
        var reader = ByteReader(bytes: bytes, offset: 4)
        guard bytes.count > 4, bytes[0] == 0x43, bytes[1] == 0x4D, bytes[2] == 0x41, bytes[3] == encodingFormat,
            let version = try? reader.varint()
        else { return nil }
        return Int(version)
    }

    /// The number of terms recorded in encoded bytes, or nil when they are not an encoded document.
    public static func termCount(ofEncoded bytes: [UInt8]) -> Int? {
        guard bytes.count > 4, bytes[0] == 0x43, bytes[1] == 0x4D, bytes[2] == 0x41, bytes[3] == encodingFormat else { return nil }
        var reader = ByteReader(bytes: bytes, offset: 4)
        guard (try? reader.varint()) != nil else { return nil }  // analyzer version
        for _ in Field.allCases { guard (try? reader.varint()) != nil else { return nil } }
        return (try? reader.varint()).map { Int($0) }
    }

    /// Decodes bytes written by `encoded()`.
    /// - Throws: `DecodingError` when the bytes are truncated, malformed or of an unknown format.
    public init(encoded bytes: [UInt8]) throws {
        guard bytes.count >= 4, bytes[0] == 0x43, bytes[1] == 0x4D, bytes[2] == 0x41 else {
            throw DecodingError(description: "not an encoded analysed document")
        }
        guard bytes[3] == Self.encodingFormat else {
            throw DecodingError(description: "unknown encoding format \(bytes[3])")
        }
        var reader = ByteReader(bytes: bytes, offset: 4)
        _ = try reader.varint()  // analyzer version; see analyzerVersion(ofEncoded:)
        var lengths = PerField(repeating: 0)
        for field in Field.allCases { lengths[field] = try reader.int() }
        let count = try reader.int()
        guard count <= bytes.count else { throw DecodingError(description: "term count \(count) too large") }
        var terms: [Term] = []
        terms.reserveCapacity(count)
        for _ in 0..<count {
            let term = try reader.string(count: try reader.int())
            let surfaceCount = try reader.int()
            let surface = surfaceCount == 0 ? term : try reader.string(count: surfaceCount - 1)
            var frequencies = PerField(repeating: 0)
            for field in Field.allCases { frequencies[field] = try reader.int() }
            terms.append(Term(term: term, surface: surface, frequencies: frequencies))
        }
        guard reader.offset == bytes.count else { throw DecodingError(description: "trailing bytes") }
        self.terms = terms
        self.fieldLengths = lengths
    }
}

private func appendVarint(_ value: UInt64, to out: inout [UInt8]) {
    var v = value
    while v >= 0x80 {
        out.append(UInt8(truncatingIfNeeded: v) | 0x80)
        v >>= 7
    }
    out.append(UInt8(v))
}

private struct ByteReader {
    let bytes: [UInt8]
    var offset: Int

    mutating func varint() throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < bytes.count else { throw AnalyzedDocument.DecodingError(description: "truncated") }
            let byte = bytes[offset]
            offset += 1
            guard shift < 64 else { throw AnalyzedDocument.DecodingError(description: "varint too long") }
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return result }
            shift += 7
        }
    }

    mutating func int() throws -> Int {
        let v = try varint()
        guard v <= UInt64(Int32.max) else { throw AnalyzedDocument.DecodingError(description: "value out of range") }
        return Int(v)
    }

    mutating func string(count: Int) throws -> String {
        guard count >= 0, offset + count <= bytes.count else {
            throw AnalyzedDocument.DecodingError(description: "truncated")
        }
        defer { offset += count }
        return String(decoding: bytes[offset..<(offset + count)], as: UTF8.self)
    }
}
