/// Renders templates into UTF-8 text for one document: a main topic, a secondary topic and the author's voice.
struct Composer {
    let lexicon: Lexicon
    let field: Int
    let topic: Int
    let secondaryField: Int
    let secondaryTopic: Int
    let owners: [[UInt8]]

    /// Zipf exponent of the long tail: rank r is drawn with probability proportional to 1 / (r + 1)^s.
    static let zipfExponent = 1.1

    /// Renders `template` at the end of `out`.
    func render(_ template: Template, into out: inout [UInt8], rng: inout Xoshiro256) {
        for piece in template.pieces {
            switch piece {
            case .text(let bytes):
                out.append(contentsOf: bytes)
            case .slot(let slot):
                fill(slot, into: &out, rng: &rng)
            }
        }
    }

    /// Appends one sentence, separated by a space and starting with a capital letter.
    /// - Returns: the number of words the sentence added.
    @discardableResult
    func appendSentence(_ template: Template, to out: inout [UInt8], rng: inout Xoshiro256) -> Int {
        if !out.isEmpty { out.append(0x20) }
        let start = out.count
        render(template, into: &out, rng: &rng)
        Composer.capitalise(&out, at: start)
        return Composer.wordCount(out, from: start)
    }

    private func fill(_ slot: Template.Slot, into out: inout [UInt8], rng: inout Xoshiro256) {
        let fieldLexicon = lexicon.fields[field]
        switch slot {
        case .topic:
            if rng.below(100) < 15 {
                out.append(contentsOf: rng.pick(lexicon.fields[secondaryField].topics[secondaryTopic]))
            } else {
                out.append(contentsOf: rng.pick(fieldLexicon.topics[topic]))
            }
        case .otherTopic:
            out.append(contentsOf: rng.pick(fieldLexicon.topics[topic]))
        case .secondary:
            out.append(contentsOf: rng.pick(lexicon.fields[secondaryField].topics[secondaryTopic]))
        case .general:
            out.append(contentsOf: rng.pick(lexicon.general))
        case .longTail:
            appendLongTail(into: &out, rng: &rng)
        case .application:
            out.append(contentsOf: rng.pick(fieldLexicon.applications))
        case .benefit:
            out.append(contentsOf: rng.pick(lexicon.benefits))
        case .number:
            Composer.appendDecimal(2 + rng.below(97), to: &out)
        case .small:
            Composer.appendDecimal(2 + rng.below(11), to: &out)
        case .field:
            out.append(contentsOf: fieldLexicon.label)
        case .owner:
            out.append(contentsOf: rng.pick(owners))
        }
    }

    /// Appends a generated long-tail term ("fluorosilazane coating") drawn from a Zipf distribution whose popular
    /// ranks depend on the topic.
    func appendLongTail(into out: inout [UInt8], rng: inout Xoshiro256) {
        let fieldLexicon = lexicon.fields[field]
        let rank = Composer.zipfRank(count: fieldLexicon.wordSpace, rng: &rng)
        let shifted = (rank + topic * (fieldLexicon.wordSpace / 29)) % fieldLexicon.wordSpace
        Composer.appendLongTailTerm(rank: shifted, field: fieldLexicon, to: &out)
    }

    /// Appends the long-tail term of `rank` in `field`: a word made of morphemes, then a head noun.
    static func appendLongTailTerm(rank: Int, field: Lexicon.Field, to out: inout [UInt8]) {
        // A bijection of 0..<wordSpace (1_000_003 is prime and larger than any word space) scatters neighbouring
        // ranks over different morphemes.
        var index = (rank &* 1_000_003) % field.wordSpace
        let suffix = index % field.suffixes.count
        index /= field.suffixes.count
        let second = index % field.roots.count
        index /= field.roots.count
        let first = index % field.roots.count
        let prefix = index / field.roots.count
        out.append(contentsOf: field.prefixes[prefix])
        out.append(contentsOf: field.roots[first])
        // Only about a third of the words have two roots, so most stay short ("fluorimide", "silazane").
        if second != first && second % 3 == 0 { out.append(contentsOf: field.roots[second]) }
        out.append(contentsOf: field.suffixes[suffix])
        out.append(0x20)
        let head = Int(SplitMix64.mix(UInt64(rank)) % UInt64(field.heads.count))
        out.append(contentsOf: field.heads[head])
    }

    /// A rank in 0..<count with probability roughly proportional to 1 / (rank + 1)^s (continuous inverse CDF).
    static func zipfRank(count: Int, rng: inout Xoshiro256) -> Int {
        let s = zipfExponent
        let top = PortableMath.pow(Double(count + 1), 1 - s)
        let x = PortableMath.pow((top - 1) * rng.unit() + 1, 1 / (1 - s))
        return min(max(Int(x) - 1, 0), count - 1)
    }

    /// Upper-cases the ASCII letter at `index` unless the first word already has capitals ("mRNA", "iPS").
    static func capitalise(_ out: inout [UInt8], at index: Int) {
        guard index < out.count, out[index] >= UInt8(ascii: "a"), out[index] <= UInt8(ascii: "z") else { return }
        var i = index + 1
        while i < out.count, out[i] != 0x20 {
            if out[i] >= UInt8(ascii: "A") && out[i] <= UInt8(ascii: "Z") { return }
            i += 1
        }
        out[index] -= 32
    }

    /// Counts space-separated words in `out[start...]`.
    static func wordCount(_ out: [UInt8], from start: Int) -> Int {
        guard start < out.count else { return 0 }
        return out.withUnsafeBufferPointer { bytes in
            var count = 1
            for i in start..<bytes.count where bytes[i] == 0x20 { count += 1 }
            return count
        }
    }

    /// Appends the decimal digits of a non-negative integer.
    static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        if value >= 10 { appendDecimal(value / 10, to: &out) }
        out.append(UInt8(ascii: "0") + UInt8(value % 10))
    }

    /// Shortens UTF-8 text to at most `limit` Unicode scalars (PostgreSQL's `length`), cutting after the last full
    /// sentence if `atSentence` and one fits, else at the last space, and never inside a character.
    static func clip(_ out: inout [UInt8], limit: Int, atSentence: Bool) {
        // Every scalar takes at least one byte, so text of at most `limit` bytes fits.
        guard out.count > limit else { return }
        var scalars = 0
        var end = 0
        while end < out.count {
            if out[end] & 0xC0 != 0x80 {
                if scalars == limit { break }
                scalars += 1
            }
            end += 1
        }
        guard end < out.count else { return }
        if atSentence, let stop = out[..<end].lastIndex(where: { $0 == UInt8(ascii: ".") }), stop > 0 {
            out.removeSubrange((stop + 1)...)
            return
        }
        if let space = out[..<end].lastIndex(of: 0x20), space > 0 {
            out.removeSubrange(space...)
        } else {
            while end > 0 && out[end] & 0xC0 == 0x80 { end -= 1 }
            out.removeSubrange(end...)
        }
        while let last = out.last,
            last == UInt8(ascii: ",") || last == UInt8(ascii: ":") || last == 0x20
                || last == UInt8(ascii: ";")
        {
            out.removeLast()
        }
    }
}
