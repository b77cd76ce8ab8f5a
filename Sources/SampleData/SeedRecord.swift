/// A technology seed (offer), as one line of `seeds.jsonl` (see fixtures/README.md).
public struct SeedRecord: Codable, Hashable, Sendable {
    /// The `ref` value.
    public var ref: String
    /// The `title` value.
    public var title: String
    /// The `summary` value.
    public var summary: String
    /// The `description` value.
    public var description: String
    /// The `primary_field` value.
    public var primaryField: String
    /// The `secondary_fields` value.
    public var secondaryFields: [String]
    /// The `keywords` value.
    public var keywords: [String]
    /// The `trl` value.
    public var trl: Int
    /// `none`, `know-how`, `patent-applied` or `patent-granted`.
    public var ipStatus: String
    /// `domestic` or `international` exactly when a patent is applied or granted, else nil.
    public var ipScope: String?
    /// The `partnerships` value.
    public var partnerships: [String]
    /// `public` or `confidential`.
    public var visibility: String
    /// The owning organisation's slug.
    public var organisation: String
    /// The coordinator's email, or nil.
    public var coordinator: String?
    /// The `status` value.
    public var status: String

    /// Creates a seed record.
    public init(
        ref: String, title: String, summary: String, description: String, primaryField: String,
        secondaryFields: [String], keywords: [String], trl: Int, ipStatus: String, ipScope: String?,
        partnerships: [String], visibility: String, organisation: String, coordinator: String?, status: String
    ) {
        self.ref = ref
        self.title = title
        self.summary = summary
        self.description = description
        self.primaryField = primaryField
        self.secondaryFields = secondaryFields
        self.keywords = keywords
        self.trl = trl
        self.ipStatus = ipStatus
        self.ipScope = ipScope
        self.partnerships = partnerships
        self.visibility = visibility
        self.organisation = organisation
        self.coordinator = coordinator
        self.status = status
    }

    enum CodingKeys: String, CodingKey {
        case ref, title, summary, description
        case primaryField = "primary_field"
        case secondaryFields = "secondary_fields"
        case keywords, trl
        case ipStatus = "ip_status"
        case ipScope = "ip_scope"
        case partnerships, visibility, organisation, coordinator, status
    }
}
