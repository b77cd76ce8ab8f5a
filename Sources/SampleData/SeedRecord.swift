/// A technology seed (offer), as one line of `seeds.jsonl` (see fixtures/README.md).
public struct SeedRecord: Codable, Hashable, Sendable {
    public var ref: String
    public var title: String
    public var summary: String
    public var description: String
    public var primaryField: String
    public var secondaryFields: [String]
    public var keywords: [String]
    public var trl: Int
    /// `none`, `know-how`, `patent-applied` or `patent-granted`.
    public var ipStatus: String
    /// `domestic` or `international` exactly when a patent is applied or granted, else nil.
    public var ipScope: String?
    public var partnerships: [String]
    /// `public` or `confidential`.
    public var visibility: String
    /// The owning organisation's slug.
    public var organisation: String
    /// The coordinator's email, or nil.
    public var coordinator: String?
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
