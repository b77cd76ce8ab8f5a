/// The Snowball English ("Porter2") stemmer, written from the published algorithm at snowballstem.org.
///
/// It stems lower-case words made of ASCII letters and apostrophes; any other word is returned unchanged.
/// The output is checked against a reference list produced by the Snowball C implementation (PyStemmer 3.1.0).
public struct EnglishStemmer: Sendable {
    /// Creates a stemmer.
    public init() {}

    /// Returns the stem of a lower-case word.
    public func stem(_ word: String) -> String {
        var bytes = Array(word.utf8)
        guard bytes.count > 2 else { return word }
        for byte in bytes where !(isLowerASCII(byte) || byte == apostrophe) { return word }
        guard Self.stem(&bytes) else { return word }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Stems `word` in place; returns false when the word is left as it is.
    static func stem(_ word: inout [UInt8]) -> Bool {
        if let exception = exception1[word] {
            if exception != word { word = exception; return true }
            return false
        }
        var s = Stemming(word)
        s.prelude()
        s.markRegions()
        s.step1a()
        if !exception2.contains(s.w) {
            s.step1b()
            s.step1c()
            s.step2()
            s.step3()
            s.step4()
            s.step5()
        }
        s.postlude()
        word = s.w
        return true
    }

    private static let exception1: [[UInt8]: [UInt8]] = {
        let pairs: [(String, String)] = [
            ("skis", "ski"), ("skies", "sky"), ("dying", "die"), ("lying", "lie"), ("tying", "tie"),
            ("idly", "idl"), ("gently", "gentl"), ("ugly", "ugli"), ("early", "earli"), ("only", "onli"),
            ("singly", "singl"), ("sky", "sky"), ("news", "news"), ("howe", "howe"), ("atlas", "atlas"),
            ("cosmos", "cosmos"), ("bias", "bias"), ("andes", "andes"),
        ]
        return Dictionary(uniqueKeysWithValues: pairs.map { (Array($0.0.utf8), Array($0.1.utf8)) })
    }()

    private static let exception2: Set<[UInt8]> = Set(
        ["inning", "outing", "canning", "herring", "earring", "evening", "proceed", "exceed", "succeed"].map { Array($0.utf8) }
    )
}

private let apostrophe = UInt8(ascii: "'")
private let capitalY = UInt8(ascii: "Y")

@inline(__always) private func isLowerASCII(_ b: UInt8) -> Bool { b >= 0x61 && b <= 0x7A }

/// The working state of one word while it is stemmed.
private struct Stemming {
    var w: [UInt8]
    var p1 = 0
    var p2 = 0
    var foundY = false

    init(_ word: [UInt8]) { w = word }

    @inline(__always) func isVowel(_ i: Int) -> Bool {
        switch w[i] {
        case 0x61, 0x65, 0x69, 0x6F, 0x75, 0x79: true  // a e i o u y
        default: false
        }
    }

    func endsWith(_ suffix: [UInt8]) -> Bool {
        guard suffix.count <= w.count else { return false }
        var i = w.count - suffix.count
        for b in suffix {
            if w[i] != b { return false }
            i += 1
        }
        return true
    }

    /// The longest suffix of the word in `suffixes` (which must be sorted longest first).
    func longest(_ suffixes: [[UInt8]]) -> [UInt8]? {
        for suffix in suffixes where endsWith(suffix) { return suffix }
        return nil
    }

    mutating func replace(_ count: Int, with replacement: [UInt8]) {
        w.removeLast(count)
        w.append(contentsOf: replacement)
    }

    mutating func prelude() {
        if w.first == apostrophe { w.removeFirst() }
        if w.first == UInt8(ascii: "y") {
            w[0] = capitalY
            foundY = true
        }
        var i = 1
        while i < w.count {
            if w[i] == UInt8(ascii: "y") && isVowel(i - 1) {
                w[i] = capitalY
                foundY = true
            }
            i += 1
        }
    }

    mutating func postlude() {
        guard foundY else { return }
        for i in w.indices where w[i] == capitalY { w[i] = UInt8(ascii: "y") }
    }

    /// The position after the first non-vowel that follows a vowel, at or after `start`.
    func regionStart(from start: Int) -> Int {
        var i = start
        while i < w.count && !isVowel(i) { i += 1 }
        while i < w.count && isVowel(i) { i += 1 }
        return i < w.count ? i + 1 : w.count
    }

    mutating func markRegions() {
        var prefixEnd: Int?
        for prefix in Self.regionPrefixes where w.starts(with: prefix) {
            prefixEnd = prefix.count
            break
        }
        p1 = prefixEnd ?? regionStart(from: 0)
        p2 = regionStart(from: p1)
    }

    /// A short syllable ending at `end` (exclusive).
    func isShortSyllable(endingAt end: Int) -> Bool {
        // Snowball 3 treats a whole-word "past" as short, so that "pasted" and "pastes" stem to "paste", not "past".
        if end == 4 && w.starts(with: Self.past) { return true }
        if end >= 3 {
            let last = w[end - 1]
            return !isVowel(end - 1) && last != UInt8(ascii: "w") && last != UInt8(ascii: "x") && last != capitalY
                && isVowel(end - 2) && !isVowel(end - 3)
        }
        if end == 2 { return isVowel(0) && !isVowel(1) }
        return false
    }

    func isShortWord() -> Bool { p1 >= w.count && isShortSyllable(endingAt: w.count) }

    func hasVowel(before end: Int) -> Bool {
        var i = 0
        while i < end {
            if isVowel(i) { return true }
            i += 1
        }
        return false
    }

    mutating func step1a() {
        if let s = longest(Self.step0) { w.removeLast(s.count) }
        guard let s = longest(Self.step1a) else { return }
        switch s {
        case Self.sses: replace(4, with: Self.ss)
        case Self.ied, Self.ies:
            replace(3, with: w.count > 4 ? [UInt8(ascii: "i")] : [UInt8(ascii: "i"), UInt8(ascii: "e")])
        case Self.s:
            // Delete if the part before the s contains a vowel not immediately before the s.
            if w.count >= 3 && hasVowel(before: w.count - 2) { w.removeLast() }
        default: break  // us, ss
        }
    }

    mutating func step1b() {
        guard let s = longest(Self.step1b) else { return }
        if s == Self.eed || s == Self.eedly {
            let stemEnd = w.count - s.count
            if Self.eedStems.contains(where: { $0.count == stemEnd && w.starts(with: $0) }) {
                // Snowball 3: proceed, exceed and succeed keep "eed" ("proceedly" -> "proceed").
                w.removeLast(s.count - 3)
            } else if stemEnd >= p1 {
                replace(s.count, with: Self.ee)
            }
            return
        }
        guard hasVowel(before: w.count - s.count) else { return }
        w.removeLast(s.count)
        if endsWith(Self.at) || endsWith(Self.bl) || endsWith(Self.iz) {
            w.append(UInt8(ascii: "e"))
        } else if longest(Self.doubles) != nil {
            // Snowball 2: keep the double when the word is just a/e/o plus the double ("add", "err", "ebb").
            let isAEOAtStart = w.count == 3 && [UInt8(ascii: "a"), UInt8(ascii: "e"), UInt8(ascii: "o")].contains(w[0])
            if !isAEOAtStart { w.removeLast() }
        } else if isShortWord() {
            w.append(UInt8(ascii: "e"))
        }
    }

    mutating func step1c() {
        guard let last = w.last, last == UInt8(ascii: "y") || last == capitalY, w.count > 2, !isVowel(w.count - 2)
        else { return }
        w[w.count - 1] = UInt8(ascii: "i")
    }

    mutating func step2() {
        guard let s = longest(Self.step2Keys), w.count - s.count >= p1 else { return }
        let stemEnd = w.count - s.count
        if s == Self.ogi {
            if stemEnd > 0 && w[stemEnd - 1] == UInt8(ascii: "l") { replace(s.count, with: Self.og) }
        } else if s == Self.li {
            if stemEnd > 0 && Self.validLI.contains(w[stemEnd - 1]) { w.removeLast(2) }
        } else if let r = Self.step2[s] {
            replace(s.count, with: r)
        }
    }

    mutating func step3() {
        guard let s = longest(Self.step3Keys), w.count - s.count >= p1 else { return }
        if s == Self.ative {
            if w.count - s.count >= p2 { w.removeLast(s.count) }
        } else if let r = Self.step3[s] {
            replace(s.count, with: r)
        }
    }

    mutating func step4() {
        guard let s = longest(Self.step4), w.count - s.count >= p2 else { return }
        if s == Self.ion {
            let stemEnd = w.count - 3
            if stemEnd > 0 && (w[stemEnd - 1] == UInt8(ascii: "s") || w[stemEnd - 1] == UInt8(ascii: "t")) {
                w.removeLast(3)
            }
        } else {
            w.removeLast(s.count)
        }
    }

    mutating func step5() {
        guard let last = w.last else { return }
        let end = w.count - 1
        if last == UInt8(ascii: "e") {
            if end >= p2 || (end >= p1 && !isShortSyllable(endingAt: end)) { w.removeLast() }
        } else if last == UInt8(ascii: "l") {
            if end >= p2 && end > 0 && w[end - 1] == UInt8(ascii: "l") { w.removeLast() }
        }
    }

    // MARK: Suffix tables

    private static func b(_ s: String) -> [UInt8] { Array(s.utf8) }
    private static func longestFirst(_ list: [String]) -> [[UInt8]] {
        list.map(b).sorted { $0.count > $1.count }
    }

    // Snowball 3 adds past, univers, later, emerg, organ and inter to the original gener, commun and arsen.
    static let regionPrefixes = ["gener", "commun", "arsen", "past", "univers", "later", "emerg", "organ", "inter"]
        .map(b)
    static let past = b("past")
    static let eedStems = ["proc", "exc", "succ"].map(b)
    static let step0 = longestFirst(["'s'", "'s", "'"])
    static let step1a = longestFirst(["sses", "ied", "ies", "s", "us", "ss"])
    static let sses = b("sses"), ss = b("ss"), ied = b("ied"), ies = b("ies"), s = b("s")
    static let step1b = longestFirst(["eed", "eedly", "ed", "edly", "ing", "ingly"])
    static let eed = b("eed"), eedly = b("eedly"), ee = b("ee"), at = b("at"), bl = b("bl"), iz = b("iz")
    static let doubles = ["bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt"].map(b)
    static let step2: [[UInt8]: [UInt8]] = {
        let pairs: [(String, String)] = [
            ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("abli", "able"), ("entli", "ent"),
            ("izer", "ize"), ("ization", "ize"), ("ational", "ate"), ("ation", "ate"), ("ator", "ate"),
            ("alism", "al"), ("aliti", "al"), ("alli", "al"), ("fulness", "ful"), ("ousli", "ous"),
            ("ousness", "ous"), ("iveness", "ive"), ("iviti", "ive"), ("biliti", "ble"), ("bli", "ble"),
            ("fulli", "ful"), ("lessli", "less"), ("ogi", "og"), ("li", ""),
        ]
        return Dictionary(uniqueKeysWithValues: pairs.map { (b($0.0), b($0.1)) })
    }()
    static let step2Keys = step2.keys.sorted { $0.count > $1.count }
    static let ogi = b("ogi"), og = b("og"), li = b("li")
    static let validLI: Set<UInt8> = Set(b("cdeghkmnrt"))
    static let step3: [[UInt8]: [UInt8]] = {
        let pairs: [(String, String)] = [
            ("tional", "tion"), ("ational", "ate"), ("alize", "al"), ("icate", "ic"), ("iciti", "ic"),
            ("ical", "ic"), ("ful", ""), ("ness", ""), ("ative", ""),
        ]
        return Dictionary(uniqueKeysWithValues: pairs.map { (b($0.0), b($0.1)) })
    }()
    static let step3Keys = step3.keys.sorted { $0.count > $1.count }
    static let ative = b("ative")
    static let step4 = longestFirst([
        "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ism", "ate", "iti", "ous",
        "ive", "ize", "ion",
    ])
    static let ion = b("ion")
}
