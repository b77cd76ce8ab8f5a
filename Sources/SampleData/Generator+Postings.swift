/// What one posting is about: its field and topic, a secondary topic and the fields it lists as secondary.
struct PostingPlan {
    var field: Int
    var topic: Int
    var secondaryField: Int
    var secondaryTopic: Int
    var secondaryFields: [String]
}

extension Generator {
    static let seedStream: UInt64 = 1
    static let needStream: UInt64 = 2

    func makeSeed(index: Int, scratch: inout [UInt8]) -> SeedRecord {
        var rng = Xoshiro256(seed: seed, stream: Generator.seedStream, index: UInt64(index))
        let owner = world.seedOwners.draw(&rng)
        let plan = plan(owner: owner, rng: &rng)
        let composer = Composer(
            lexicon: lexicon, field: plan.field, topic: plan.topic, secondaryField: plan.secondaryField,
            secondaryTopic: plan.secondaryTopic, owners: lexicon.seedOwners)
        let title = makeTitle(composer, templates: lexicon.seedTitles, scratch: &scratch, rng: &rng)
        let summary = makeSummary(composer, templates: lexicon.seedSummaries, scratch: &scratch, rng: &rng)
        let description = makeDescription(
            composer, openers: lexicon.seedOpeners, body: lexicon.seedBody, closers: lexicon.seedClosers,
            scratch: &scratch, rng: &rng)
        let keywords = makeKeywords(composer, scratch: &scratch, rng: &rng)

        let trl = 1 + weightedIndex([4, 10, 16, 18, 16, 12, 10, 8, 6], &rng)
        let ipStatus = ["none", "know-how", "patent-applied", "patent-granted"][weightedIndex([20, 20, 35, 25], &rng)]
        let ipScope: String? = ipStatus.hasPrefix("patent") ? (rng.chance(0.6) ? "domestic" : "international") : nil
        return SeedRecord(
            ref: Generator.ref(prefix: "G-S-", index: index), title: title, summary: summary,
            description: description, primaryField: World.fieldCodes[plan.field], secondaryFields: plan.secondaryFields,
            keywords: keywords, trl: trl, ipStatus: ipStatus, ipScope: ipScope,
            partnerships: partnerships(weights: [35, 35, 15, 10, 5], rng: &rng),
            visibility: rng.chance(0.1) ? "confidential" : "public",
            organisation: world.organisations[owner].slug, coordinator: nil, status: "published")
    }

    func makeNeed(index: Int, scratch: inout [UInt8]) -> NeedRecord {
        var rng = Xoshiro256(seed: seed, stream: Generator.needStream, index: UInt64(index))
        let owner = world.needOwners.draw(&rng)
        let plan = plan(owner: owner, rng: &rng)
        let composer = Composer(
            lexicon: lexicon, field: plan.field, topic: plan.topic, secondaryField: plan.secondaryField,
            secondaryTopic: plan.secondaryTopic, owners: lexicon.needOwners)
        let title = makeTitle(composer, templates: lexicon.needTitles, scratch: &scratch, rng: &rng)
        let summary = makeSummary(composer, templates: lexicon.needSummaries, scratch: &scratch, rng: &rng)
        let description = makeDescription(
            composer, openers: lexicon.needOpeners, body: lexicon.needBody, closers: lexicon.needClosers,
            scratch: &scratch, rng: &rng)
        let keywords = makeKeywords(composer, scratch: &scratch, rng: &rng)

        let trlMin = 1 + weightedIndex([5, 10, 18, 22, 18, 12, 8, 4, 3], &rng)
        let trlMax = min(9, trlMin + rng.below(5))
        var ipRequired: [String] = []
        if rng.chance(0.5) {
            let statuses = ["none", "know-how", "patent-applied", "patent-granted"]
            let first = 1 + rng.below(3)
            ipRequired = Array(statuses[first..<min(4, first + 1 + rng.below(2))])
        }
        let scope = ["same-cluster", "domestic", "international-welcome", "international-only"][
            weightedIndex([10, 25, 50, 15], &rng)]
        let home = world.clusters[world.organisationCluster[owner]].country
        var targetCountries: [String] = []
        if scope == "international-only" || (scope == "international-welcome" && rng.chance(0.6)) {
            let foreign = world.countries.filter { $0 != home }
            for _ in 0..<(1 + rng.below(3)) {
                let country = rng.pick(foreign)
                if !targetCountries.contains(country) { targetCountries.append(country) }
            }
        }
        var deadline: String?
        if rng.chance(0.7) {
            let year = 2026 + rng.below(3)
            let month = 1 + rng.below(12)
            let day = 1 + rng.below(28)
            deadline = "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
        }
        return NeedRecord(
            ref: Generator.ref(prefix: "G-N-", index: index), title: title, summary: summary,
            description: description, primaryField: World.fieldCodes[plan.field], secondaryFields: plan.secondaryFields,
            keywords: keywords, trlMin: trlMin, trlMax: trlMax, ipRequired: ipRequired,
            partnerships: partnerships(weights: [30, 35, 20, 10, 5], rng: &rng), scope: scope,
            targetCountries: targetCountries, deadline: deadline, visibility: rng.chance(0.1) ? "confidential" : "public",
            organisation: world.organisations[owner].slug, contact: nil, status: "published")
    }

    /// Chooses field and topics: mostly one of the owner's fields, a secondary topic from the same field or
    /// (45%) from another field, which is then listed as a secondary field.
    func plan(owner: Int, rng: inout Xoshiro256) -> PostingPlan {
        let fields = world.organisationFields[owner]
        let field = rng.chance(0.8) ? (rng.chance(0.7) ? fields[0] : rng.pick(fields)) : rng.below(4)
        let topic = world.topicWeights[field].draw(&rng)
        if rng.chance(0.45) {
            let other = (field + 1 + rng.below(3)) % 4
            var secondaryFields = [World.fieldCodes[other]]
            if rng.chance(0.15) {
                let third = (field + 1 + rng.below(3)) % 4
                if third != other { secondaryFields.append(World.fieldCodes[third]) }
            }
            return PostingPlan(
                field: field, topic: topic, secondaryField: other, secondaryTopic: world.topicWeights[other].draw(&rng),
                secondaryFields: secondaryFields)
        }
        let topicCount = lexicon.fields[field].topics.count
        let secondaryTopic = (topic + 1 + rng.below(topicCount - 1)) % topicCount
        return PostingPlan(
            field: field, topic: topic, secondaryField: field, secondaryTopic: secondaryTopic, secondaryFields: [])
    }

    func partnerships(weights: [Int], rng: inout Xoshiro256) -> [String] {
        let kinds = ["licence", "joint-research", "sponsored-research", "consulting", "investment"]
        var chosen = [weightedIndex(weights, &rng)]
        for _ in 0..<weightedIndex([55, 35, 10], &rng) {
            let next = weightedIndex(weights, &rng)
            if !chosen.contains(next) { chosen.append(next) }
        }
        return chosen.sorted().map { kinds[$0] }
    }

    /// An index into `weights`, drawn in proportion to the weights.
    func weightedIndex(_ weights: [Int], _ rng: inout Xoshiro256) -> Int {
        var total = 0
        for weight in weights { total += weight }
        var r = rng.below(total)
        for (i, weight) in weights.enumerated() {
            if r < weight { return i }
            r -= weight
        }
        return weights.count - 1
    }
}
