@testable import SampleData

/// Helpers shared by the SampleData tests.
enum TestSupport {
    static let fieldCodes: Set<String> = ["aerospace", "biotech", "ict", "nano"]
    static let partnerships: Set<String> = ["licence", "joint-research", "sponsored-research", "consulting", "investment"]
    static let ipStatuses: Set<String> = ["none", "know-how", "patent-applied", "patent-granted"]
    static let scopes: Set<String> = ["same-cluster", "domestic", "international-welcome", "international-only"]

    /// All JSON lines for `seeds` seeds and `needs` needs, plus clusters and organisations, as one byte array.
    static func allBytes(seed: UInt64, seeds: Int, needs: Int) -> [UInt8] {
        let generator = Generator(seed: seed)
        var buffer: [UInt8] = []
        for cluster in generator.clusters() { cluster.appendJSONLine(to: &buffer) }
        for organisation in generator.organisations() { organisation.appendJSONLine(to: &buffer) }
        generator.forEachSeed(count: seeds) { $0.appendJSONLine(to: &buffer) }
        generator.forEachNeed(count: needs) { $0.appendJSONLine(to: &buffer) }
        return buffer
    }

    /// 64-bit FNV-1a of `bytes`.
    static func fnv1a(_ bytes: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01B3
        }
        return hash
    }

    /// Whether `value` matches `^[a-z0-9][a-z0-9-]{1,63}$` (cluster and organisation slugs).
    static func isSlug(_ value: String) -> Bool {
        let bytes = Array(value.utf8)
        guard (2...64).contains(bytes.count) else { return false }
        return bytes.enumerated().allSatisfy { i, b in
            (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || (i > 0 && b == UInt8(ascii: "-"))
        }
    }

    /// Whether `value` matches `^[A-Za-z0-9][A-Za-z0-9._-]{1,39}$` (refs).
    static func isRef(_ value: String) -> Bool {
        let bytes = Array(value.utf8)
        guard (2...40).contains(bytes.count) else { return false }
        return bytes.enumerated().allSatisfy { i, b in
            let alphanumeric = (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39)
            return alphanumeric || (i > 0 && (b == UInt8(ascii: ".") || b == UInt8(ascii: "_") || b == UInt8(ascii: "-")))
        }
    }

    /// Adds the 64-bit FNV-1a hashes of the lower-cased alphanumeric ASCII tokens of `text` (other bytes separate
    /// tokens) to `set` (hashes rather than strings keep debug-build tests fast).
    /// - Returns: the number of tokens.
    static func addTokens(of text: String, into set: inout Set<UInt64>) -> Int {
        var count = 0
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        var inToken = false
        for byte in text.utf8 {
            var lower = byte
            switch byte {
            case 0x61...0x7A, 0x30...0x39: break
            case 0x41...0x5A: lower = byte + 32
            default:
                if inToken {
                    set.insert(hash)
                    count += 1
                    hash = 0xCBF2_9CE4_8422_2325
                    inToken = false
                }
                continue
            }
            hash = (hash ^ UInt64(lower)) &* 0x100_0000_01B3
            inToken = true
        }
        if inToken {
            set.insert(hash)
            count += 1
        }
        return count
    }
}
