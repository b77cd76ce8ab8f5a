extension Generator {
    static let titleLimit = 256
    static let summaryLimit = 500
    static let descriptionLimit = 4000

    /// A title of about 8-15 words: a title template, extended with phrases until it reaches a lognormal length.
    func makeTitle(_ composer: Composer, templates: [Template], scratch: inout [UInt8], rng: inout Xoshiro256)
        -> String
    {
        scratch.removeAll(keepingCapacity: true)
        let target = min(max(Int(rng.logNormal(median: 10.5, sigma: 0.22).rounded()), 6), 22)
        composer.render(rng.pick(templates), into: &scratch, rng: &rng)
        var attempts = 0
        var used: UInt64 = 0
        while Composer.wordCount(scratch, from: 0) < target && attempts < 6 {
            attempts += 1
            let end = scratch.count
            let next = Generator.pickUnused(lexicon.titleExtensions.count, used: &used, rng: &rng)
            composer.render(lexicon.titleExtensions[next], into: &scratch, rng: &rng)
            // Drop an extension whose phrase the title already has ("... using film cooling using film cooling").
            if let space = scratch[(end + 1)...].firstIndex(of: 0x20),
                Generator.contains(scratch[..<end], scratch[(space + 1)...])
            {
                scratch.removeSubrange(end...)
            }
        }
        Composer.capitalise(&scratch, at: 0)
        Composer.clip(&scratch, limit: Generator.titleLimit, atSentence: false)
        return String(decoding: scratch, as: UTF8.self)
    }

    /// A summary of about 30-60 words.
    func makeSummary(_ composer: Composer, templates: [Template], scratch: inout [UInt8], rng: inout Xoshiro256)
        -> String
    {
        scratch.removeAll(keepingCapacity: true)
        let target = min(max(Int(rng.logNormal(median: 42, sigma: 0.22)), 18), 90)
        var words = 0
        var used: UInt64 = 0
        while words < target {
            let next = Generator.pickUnused(templates.count, used: &used, rng: &rng)
            words += composer.appendSentence(templates[next], to: &scratch, rng: &rng)
        }
        Composer.clip(&scratch, limit: Generator.summaryLimit, atSentence: true)
        return String(decoding: scratch, as: UTF8.self)
    }

    /// A description of about 80-250 words with a long tail: an opener, body sentences and a closer.
    func makeDescription(
        _ composer: Composer, openers: [Template], body: [Template], closers: [Template], scratch: inout [UInt8],
        rng: inout Xoshiro256
    ) -> String {
        scratch.removeAll(keepingCapacity: true)
        let target = min(max(Int(rng.logNormal(median: 135, sigma: 0.42)), 40), 800)
        var words = composer.appendSentence(rng.pick(openers), to: &scratch, rng: &rng)
        var used: UInt64 = 0
        while words < target - 12 {
            let next = Generator.pickUnused(body.count, used: &used, rng: &rng)
            words += composer.appendSentence(body[next], to: &scratch, rng: &rng)
        }
        composer.appendSentence(rng.pick(closers), to: &scratch, rng: &rng)
        Composer.clip(&scratch, limit: Generator.descriptionLimit, atSentence: true)
        return String(decoding: scratch, as: UTF8.self)
    }

    /// 3-8 distinct keywords: terms of the main topic, sometimes one of the secondary topic and one long-tail term.
    func makeKeywords(_ composer: Composer, scratch: inout [UInt8], rng: inout Xoshiro256) -> [String] {
        let count = 3 + rng.below(6)
        let pool = lexicon.fields[composer.field].topicStrings[composer.topic]
        var order = Array(pool.indices)
        var keywords: [String] = []
        keywords.reserveCapacity(count)
        var extras: [String] = []
        if count > 3 && rng.chance(0.35) {
            extras.append(rng.pick(lexicon.fields[composer.secondaryField].topicStrings[composer.secondaryTopic]))
        }
        if count > 3 && rng.chance(0.25) {
            scratch.removeAll(keepingCapacity: true)
            composer.appendLongTail(into: &scratch, rng: &rng)
            extras.append(String(decoding: scratch, as: UTF8.self))
        }
        for i in 0..<(count - extras.count) {
            let j = i + rng.below(order.count - i)
            order.swapAt(i, j)
            keywords.append(pool[order[i]])
        }
        for extra in extras where !keywords.contains(extra) { keywords.append(extra) }
        return keywords
    }

    /// A random index in 0..<count (at most 64) not yet in `used`, which it then marks; when every index has been
    /// used the set starts again, so templates repeat only after all have appeared.
    static func pickUnused(_ count: Int, used: inout UInt64, rng: inout Xoshiro256) -> Int {
        let all: UInt64 = count == 64 ? ~0 : (1 << UInt64(count)) - 1
        if used & all == all { used = 0 }
        var next = rng.below(count)
        while used & (1 << UInt64(next)) != 0 { next = next + 1 == count ? 0 : next + 1 }
        used |= 1 << UInt64(next)
        return next
    }

    /// Whether `needle` occurs in `haystack` (byte-wise; both are short).
    static func contains(_ haystack: ArraySlice<UInt8>, _ needle: ArraySlice<UInt8>) -> Bool {
        guard !needle.isEmpty, needle.count <= haystack.count else { return false }
        let first = needle[needle.startIndex]
        var i = haystack.startIndex
        let last = haystack.endIndex - needle.count
        while i <= last {
            if haystack[i] == first && haystack[i..<(i + needle.count)].elementsEqual(needle) { return true }
            i += 1
        }
        return false
    }
}
