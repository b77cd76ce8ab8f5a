import Foundation

/// One word of analysed text: the index term and the word it came from.
public struct Token: Sendable, Equatable, Hashable {
    /// The index term (a stem, or a CJK character bigram).
    public var term: String
    /// The normalised, lower-cased word as it appeared in the text, before stemming.
    public var surface: String

    /// Creates a token.
    public init(term: String, surface: String) {
        self.term = term
        self.surface = surface
    }
}

/// Splits text into words and CJK bigrams after NFKC normalisation and lower-casing.
///
/// - Letters, combining marks and digits form words; an apostrophe between two word characters stays in the word.
/// - Han, Hiragana, Katakana and Hangul runs become overlapping character bigrams (a run of one character stays one).
/// - Everything else (spaces, punctuation, hyphens, symbols, emoji) separates words and is dropped.
/// - Non-CJK words of one character or longer than `maximumWordLength` characters are dropped.
struct Tokenizer: Sendable {
    /// Words longer than this (in Unicode scalars) are dropped as noise.
    static let maximumWordLength = 40

    /// Calls `body` with each word (`isCJK` false) or CJK bigram (`isCJK` true) of `text`, in order.
    func forEachWord(in text: String, _ body: (String, _ isCJK: Bool) -> Void) {
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            forEachASCIIWord(in: text) { body($0, false) }
            return
        }
        // Mostly-ASCII text: ASCII spaces separate words in both paths and no normalisation or case mapping
        // reaches across them, so each space-separated piece takes the fast path when it is pure ASCII.
        var pieceStart = text.utf8.startIndex
        var pieceIsASCII = true
        func flushPiece(upTo end: String.UTF8View.Index) {
            guard pieceStart < end else { return }
            let piece = Substring(text.utf8[pieceStart..<end])
            if pieceIsASCII {
                forEachASCIIWord(in: piece) { body($0, false) }
            } else {
                forEachWordSlowly(in: String(piece), body)
            }
        }
        var index = text.utf8.startIndex
        while index < text.utf8.endIndex {
            let byte = text.utf8[index]
            if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D {
                flushPiece(upTo: index)
                pieceStart = text.utf8.index(after: index)
                pieceIsASCII = true
            } else if byte >= 0x80 {
                pieceIsASCII = false
            }
            index = text.utf8.index(after: index)
        }
        flushPiece(upTo: text.utf8.endIndex)
    }

    /// The general path: NFKC, lower case, then words and CJK bigrams scalar by scalar.
    func forEachWordSlowly(in text: String, _ body: (String, _ isCJK: Bool) -> Void) {
        let normalised = text.precomposedStringWithCompatibilityMapping.lowercased()
        var word = String.UnicodeScalarView()
        var wordLength = 0
        var pendingApostrophe = false
        var cjkRun: [Unicode.Scalar] = []

        func flushWord() {
            if wordLength >= 2 && wordLength <= Self.maximumWordLength { body(String(word), false) }
            word = String.UnicodeScalarView()
            wordLength = 0
            pendingApostrophe = false
        }
        func flushCJK() {
            if cjkRun.count == 1 {
                body(String(Character(cjkRun[0])), true)
            } else if cjkRun.count > 1 {
                for i in 0..<(cjkRun.count - 1) {
                    var bigram = String.UnicodeScalarView()
                    bigram.append(cjkRun[i])
                    bigram.append(cjkRun[i + 1])
                    body(String(bigram), true)
                }
            }
            cjkRun.removeAll(keepingCapacity: true)
        }

        for scalar in normalised.unicodeScalars {
            if Self.isCJK(scalar) {
                flushWord()
                cjkRun.append(scalar)
                continue
            }
            if !cjkRun.isEmpty { flushCJK() }
            if Self.isWordCharacter(scalar) {
                if pendingApostrophe {
                    word.append("'")
                    wordLength += 1
                    pendingApostrophe = false
                }
                word.append(scalar)
                wordLength += 1
            } else if Self.isApostrophe(scalar) && wordLength > 0 && !pendingApostrophe {
                pendingApostrophe = true
            } else {
                flushWord()
            }
        }
        flushWord()
        flushCJK()
    }

    /// The same words as the general path for ASCII text, which NFKC leaves unchanged and whose only case
    /// mapping is A–Z to a–z: a byte loop without the normalisation and per-scalar property lookups.
    func forEachASCIIWord(in text: some StringProtocol, _ body: (String) -> Void) {
        var word: [UInt8] = []
        word.reserveCapacity(Self.maximumWordLength + 1)
        var pendingApostrophe = false
        func flushWord() {
            if word.count >= 2 && word.count <= Self.maximumWordLength { body(String(decoding: word, as: UTF8.self)) }
            word.removeAll(keepingCapacity: true)
            pendingApostrophe = false
        }
        for byte in text.utf8 {
            let lower = (0x41...0x5A).contains(byte) ? byte | 0x20 : byte
            if (0x61...0x7A).contains(lower) || (0x30...0x39).contains(lower) {
                if pendingApostrophe {
                    word.append(UInt8(ascii: "'"))
                    pendingApostrophe = false
                }
                word.append(lower)
            } else if lower == UInt8(ascii: "'") && !word.isEmpty && !pendingApostrophe {
                pendingApostrophe = true
            } else {
                flushWord()
            }
        }
        flushWord()
    }

    static func isApostrophe(_ s: Unicode.Scalar) -> Bool {
        s == "'" || s == "\u{2019}" || s == "\u{02BC}"
    }

    static func isWordCharacter(_ s: Unicode.Scalar) -> Bool {
        if s.isASCII {
            let v = s.value
            return (v >= 0x61 && v <= 0x7A) || (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A)
        }
        switch s.properties.generalCategory {
        case .lowercaseLetter, .uppercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .nonspacingMark, .spacingMark, .decimalNumber:
            return true
        default:
            return false
        }
    }

    static func isCJK(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x3040...0x309F,  // Hiragana
            0x30A0...0x30FF, 0x31F0...0x31FF,  // Katakana
            0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x323AF,  // Han
            0x1100...0x11FF, 0x3130...0x318F, 0xAC00...0xD7AF:  // Hangul
            return true
        default:
            return false
        }
    }
}
