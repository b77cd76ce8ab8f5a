/// A regional innovation cluster.
///
/// Keys, in their stable order: `slug, name, country, region, programme, main_fields, start_year, outcomes,
/// is_sample, note`.
public struct ClusterRecord: RecordShape {
    /// 2–64 lowercase letters, digits or `-`; unique.
    public var slug: String
    /// 1–200 characters.
    public var name: String
    /// A known country code (`JP`).
    public var country: String
    /// Region within the country.
    public var region: String
    /// The public programme.
    public var programme: Programme
    /// Known field codes.
    public var mainFields: [String]
    /// First year, 1950–2100.
    public var startYear: Int?
    /// Published outcome figures, as published (a JSON object).
    public var outcomes: [String: JSONValue]
    /// Whether this is made-up sample data.
    public var isSample: Bool
    /// Free text.
    public var note: String

    /// Creates a cluster.
    public init(
        slug: String, name: String, country: String, region: String = "", programme: Programme,
        mainFields: [String] = [], startYear: Int? = nil, outcomes: [String: JSONValue] = [:], isSample: Bool = false,
        note: String = ""
    ) {
        self.slug = slug
        self.name = name
        self.country = country
        self.region = region
        self.programme = programme
        self.mainFields = mainFields
        self.startYear = startYear
        self.outcomes = outcomes
        self.isSample = isSample
        self.note = note
    }

    /// `cluster`.
    public static let recordName = "cluster"
    /// The stable key order.
    public static let keys = [
        "slug", "name", "country", "region", "programme", "main_fields", "start_year", "outcomes", "is_sample", "note",
    ]
    /// `slug, name, country, programme`.
    public static let requiredKeys = ["slug", "name", "country", "programme"]

    /// Reads a cluster from one JSON object or CSV row.
    public init?(reading fields: inout RecordFields) {
        let before = fields.problems.count
        slug = fields.required("slug")
        name = fields.required("name")
        country = fields.required("country")
        region = fields.string("region")
        programme = fields.choice("programme", rule: .clusterProgrammeKnown, required: true) ?? .foreign
        mainFields = fields.list("main_fields")
        startYear = fields.int("start_year")
        switch fields.json("outcomes") {
        case nil: outcomes = [:]
        case .object(let members)?: outcomes = members
        case let other?:
            outcomes = [:]
            fields.report(
                "outcomes", "\(Rule.clusterOutcomesObject.sentence), found \(other.typeDescription)",
                rule: .clusterOutcomesObject)
        }
        isSample = fields.bool("is_sample")
        note = fields.string("note")
        if fields.problems.count > before { return nil }
    }

    /// The present values in key order.
    public var jsonMembers: [(key: String, value: JSONValue)] {
        var members: [(key: String, value: JSONValue)] = []
        members.add("slug", slug)
        members.add("name", name)
        members.add("country", country)
        members.add("region", region)
        members.add("programme", programme)
        members.add("main_fields", mainFields)
        members.add("start_year", startYear)
        members.append(("outcomes", .object(outcomes)))
        members.add("is_sample", isSample)
        members.add("note", note)
        return members
    }

    /// Decodes with the readers' checks. - Throws: `ValidationFailure`.
    public init(from decoder: any Decoder) throws { try self.init(decodingShape: decoder) }
    /// Encodes as a JSON object in key order.
    public func encode(to encoder: any Encoder) throws { try encodeShape(to: encoder) }
}
