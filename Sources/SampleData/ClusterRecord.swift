/// A cluster, as one line of `clusters.jsonl` (see fixtures/README.md).
public struct ClusterRecord: Codable, Hashable, Sendable {
    /// The `slug` value.
    public var slug: String
    /// The `name` value.
    public var name: String
    /// ISO 3166 alpha-2 code.
    public var country: String
    /// The `region` value.
    public var region: String
    /// `knowledge-cluster`, `city-area`, `regional-innovation`, `super-cluster` or `foreign`.
    public var programme: String
    /// The `main_fields` value.
    public var mainFields: [String]
    /// The `start_year` value.
    public var startYear: Int?
    /// Published outcome figures; generated clusters have none.
    public var outcomes: [String: Int]
    /// The `is_sample` value.
    public var isSample: Bool
    /// The `note` value.
    public var note: String

    /// Creates a cluster record.
    public init(
        slug: String, name: String, country: String, region: String, programme: String, mainFields: [String],
        startYear: Int?, outcomes: [String: Int] = [:], isSample: Bool, note: String
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

    enum CodingKeys: String, CodingKey {
        case slug, name, country, region, programme
        case mainFields = "main_fields"
        case startYear = "start_year"
        case outcomes
        case isSample = "is_sample"
        case note
    }
}
