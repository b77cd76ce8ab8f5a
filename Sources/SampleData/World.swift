/// The generated clusters and organisations, and the weighted tables postings draw their owners and topics from.
/// It depends only on the generator's seed.
final class World: Sendable {
    let clusters: [ClusterRecord]
    let organisations: [OrganisationRecord]
    /// Field indices each organisation mostly works in.
    let organisationFields: [[Int]]
    /// Index of each organisation's cluster.
    let organisationCluster: [Int]
    /// Organisations that own seeds (universities, research institutes, TLOs) with cumulative activity weights.
    let seedOwners: WeightedTable
    /// Firms, which own needs, with cumulative activity weights.
    let needOwners: WeightedTable
    /// Popularity of each topic, per field.
    let topicWeights: [WeightedTable]
    /// Every country that has a cluster, in first-appearance order.
    let countries: [String]

    static let fieldCodes = ["aerospace", "biotech", "ict", "nano"]

    init(seed: UInt64) {
        var rng = Xoshiro256(seed: seed, stream: 0, index: 0)
        var clusters: [ClusterRecord] = []
        var clusterFields: [[Int]] = []
        var countries: [String] = []
        for place in Regions.places {
            var fields = [rng.below(4)]
            if rng.chance(0.5) { fields.append((fields[0] + 1 + rng.below(3)) % 4) }
            fields.sort()
            clusterFields.append(fields)
            if !countries.contains(place.country) { countries.append(place.country) }
            let programme: String
            if place.country == "JP" {
                programme =
                    [
                        "knowledge-cluster", "city-area", "regional-innovation", "regional-innovation",
                        "knowledge-cluster", "city-area", "super-cluster",
                    ][rng.below(7)]
            } else {
                programme = "foreign"
            }
            let theme = fields.map { Regions.fieldThemes[$0] }.joined(separator: " and ")
            clusters.append(
                ClusterRecord(
                    slug: "gen-" + place.slug, name: "\(place.city) \(theme) Cluster", country: place.country,
                    region: place.region, programme: programme, mainFields: fields.map { World.fieldCodes[$0] },
                    startYear: 2002 + rng.below(16), outcomes: [:], isSample: true,
                    note: "Generated sample data (clustermatch generate)."))
        }

        var organisations: [OrganisationRecord] = []
        var organisationFields: [[Int]] = []
        var organisationCluster: [Int] = []
        var seedOwnerIndices: [Int] = []
        var seedOwnerWeights: [Int] = []
        var needOwnerIndices: [Int] = []
        var needOwnerWeights: [Int] = []
        var slugs = Set<String>()

        func add(_ slug: String, _ name: String, _ kind: String, _ clusterIndex: Int, _ fields: [Int], weight: Int) {
            var unique = slug
            var n = 2
            while slugs.contains(unique) {
                unique = "\(slug)-\(n)"
                n += 1
            }
            slugs.insert(unique)
            let place = Regions.places[clusterIndex]
            if kind == "firm" {
                needOwnerIndices.append(organisations.count)
                needOwnerWeights.append(weight)
            } else {
                seedOwnerIndices.append(organisations.count)
                seedOwnerWeights.append(weight)
            }
            organisations.append(
                OrganisationRecord(
                    slug: unique, name: name, kind: kind, cluster: clusters[clusterIndex].slug, country: place.country,
                    isSample: true))
            organisationFields.append(fields)
            organisationCluster.append(clusterIndex)
        }

        for (c, place) in Regions.places.enumerated() {
            let fields = clusterFields[c]
            let base = "gen-" + place.slug
            let city = place.city
            let isJapan = place.country == "JP"
            let universities: [(String, String)] =
                isJapan
                ? [
                    ("university", "\(city) University"),
                    place.region == city
                        ? ("city-university", "\(city) City University")
                        : ("prefectural-university", "\(place.region) Prefectural University"),
                    ("institute-of-technology", "\(city) Institute of Technology"),
                    ("medical-university", "\(city) Medical University"),
                ]
                : [
                    ("university", "University of \(city)"),
                    ("institute-of-technology", "\(city) Institute of Technology"),
                    ("applied-sciences", "\(city) University of Applied Sciences"),
                ]
            let universityCount = 1 + rng.below(universities.count - 1)
            for (i, university) in universities.prefix(universityCount).enumerated() {
                add(
                    base + "-" + university.0, university.1, "university", c, fields,
                    weight: (i == 0 ? 40 : 10) + rng.below(30))
            }
            let institutes: [(String, String)] =
                isJapan
                ? [
                    ("itc", "\(place.region) Industrial Technology Centre"),
                    ("advanced-science", "\(city) Research Institute for Advanced Science"),
                ]
                : [
                    ("applied-research", "\(city) Applied Research Centre"),
                    ("national-laboratory", "\(city) National Laboratory"),
                ]
            for institute in institutes.prefix(1 + rng.below(2)) {
                add(base + "-" + institute.0, institute.1, "research-institute", c, fields, weight: 5 + rng.below(20))
            }
            add(
                base + "-tlo", isJapan ? "\(city) Technology Licensing Office" : "\(city) Technology Transfer Office",
                "tlo", c, fields, weight: 3 + rng.below(8))

            let naming = Regions.firmNaming(country: place.country)
            for _ in 0..<(6 + rng.below(11)) {
                let field = rng.chance(0.75) ? rng.pick(fields) : rng.below(4)
                let stem = rng.below(naming.stems.count)
                let industry = rng.pick(Regions.industries[field])
                let industrySlug = industry.lowercased().replacingSpaces()
                add(
                    base + "-" + naming.slugs[stem] + "-" + industrySlug,
                    "\(naming.stems[stem]) \(industry) \(rng.pick(naming.legalForms))", "firm", c,
                    [field] + fields.filter { $0 != field }, weight: 1 + rng.below(20))
            }
        }

        var topicWeights: [WeightedTable] = []
        for field in FieldVocabulary.all {
            topicWeights.append(
                WeightedTable(
                    items: Array(field.topics.indices),
                    weights: field.topics.map { _ in 2 + rng.below(9) }))
        }

        self.clusters = clusters
        self.organisations = organisations
        self.organisationFields = organisationFields
        self.organisationCluster = organisationCluster
        self.seedOwners = WeightedTable(items: seedOwnerIndices, weights: seedOwnerWeights)
        self.needOwners = WeightedTable(items: needOwnerIndices, weights: needOwnerWeights)
        self.topicWeights = topicWeights
        self.countries = countries
    }
}

/// Items with integer weights, drawn in proportion to their weight with integer arithmetic only.
struct WeightedTable: Sendable {
    let items: [Int]
    private let cumulative: [Int]

    init(items: [Int], weights: [Int]) {
        precondition(items.count == weights.count && !items.isEmpty)
        self.items = items
        var running = 0
        cumulative = weights.map { weight in
            running += weight
            return running
        }
    }

    func draw(_ rng: inout Xoshiro256) -> Int {
        let r = rng.below(cumulative[cumulative.count - 1])
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let mid = (low + high) / 2
            if cumulative[mid] > r { high = mid } else { low = mid + 1 }
        }
        return items[low]
    }
}

extension String {
    fileprivate func replacingSpaces() -> String {
        String(map { $0 == " " ? "-" : $0 })
    }
}
