/// Regex-free checks of text, measured the way PostgreSQL measures it.
public enum TextRules {
    /// The length PostgreSQL's `length()` gives for UTF-8 text: Unicode scalars, not grapheme clusters
    /// (`"👍🏽"` is 2, `"e\u{301}"` is 2).
    public static func length(_ text: String) -> Int { text.unicodeScalars.count }

    /// Whether the text's length is within bounds, without counting when the UTF-8 size already decides it.
    public static func isLength(of text: String, in range: ClosedRange<Int>) -> Bool {
        let bytes = text.utf8.count
        if bytes < range.lowerBound { return false }  // every scalar takes at least one byte
        if bytes <= range.upperBound && bytes >= range.lowerBound * 4 { return true }  // at most four bytes each
        return range.contains(length(text))
    }

    /// `^[A-Za-z0-9][A-Za-z0-9._-]{1,39}$` (`seed_ref_format`, `need_ref_format`).
    public static func isRef(_ text: String) -> Bool {
        let utf8 = text.utf8
        guard (2...40).contains(utf8.count) else { return false }
        var isFirst = true
        for byte in utf8 {
            let isAlphanumeric =
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            if isFirst {
                guard isAlphanumeric else { return false }
                isFirst = false
            } else if !isAlphanumeric && byte != UInt8(ascii: ".") && byte != UInt8(ascii: "_") && byte != UInt8(ascii: "-") {
                return false
            }
        }
        return true
    }

    /// `^[a-z0-9][a-z0-9-]{1,63}$` (`cluster_slug_format`, `organisation_slug_format`).
    public static func isSlug(_ text: String) -> Bool {
        let utf8 = text.utf8
        guard (2...64).contains(utf8.count) else { return false }
        var isFirst = true
        for byte in utf8 {
            let isLowerAlphanumeric = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x7A)
            if isFirst {
                guard isLowerAlphanumeric else { return false }
                isFirst = false
            } else if !isLowerAlphanumeric && byte != UInt8(ascii: "-") {
                return false
            }
        }
        return true
    }

    /// `^[^@\s]+@[^@\s]+$` (`person_email_format`): one `@` between two non-empty parts, no white space.
    public static func isEmail(_ text: String) -> Bool {
        var ats = 0
        var beforeAt = 0
        var afterAt = 0
        for scalar in text.unicodeScalars {
            if scalar == "@" {
                ats += 1
            } else if scalar.properties.isWhitespace {
                return false
            } else if ats == 0 {
                beforeAt += 1
            } else {
                afterAt += 1
            }
        }
        return ats == 1 && beforeAt > 0 && afterAt > 0
    }

    /// Whether a keyword breaks `*_keyword_length`: `length(btrim(keyword)) = 0 or length(keyword) > 64`
    /// (`btrim` removes spaces only).
    public static func isBadKeyword(_ keyword: String) -> Bool {
        keyword.utf8.allSatisfy { $0 == 0x20 } || !isLength(of: keyword, in: 0...64)
    }

    /// Whether the text is a real calendar date written `YYYY-MM-DD`.
    public static func isDate(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return false }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard byte >= 0x30 && byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10), year >= 1 else {
            return false
        }
        let isLeap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let days = [31, isLeap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return (1...12).contains(month) && (1...days[month - 1]).contains(day)
    }
}
