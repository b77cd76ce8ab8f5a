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
        var extensions = 0
        while Composer.wordCount(scratch, from: 0) < target && extensions < 4 {
            composer.render(rng.pick(lexicon.titleExtensions), into: &scratch, rng: &rng)
            extensions += 1
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
}
