/// A technology need (request), as one line of `needs.jsonl` (see fixtures/README.md).
public struct NeedRecord: Codable, Hashable, Sendable {
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
    /// The `trl_min` value.
    public var trlMin: Int
    /// The `trl_max` value.
    public var trlMax: Int
    /// IP statuses the firm accepts; empty means any.
    public var ipRequired: [String]
    /// The `partnerships` value.
    public var partnerships: [String]
    /// `same-cluster`, `domestic`, `international-welcome` or `international-only`.
    public var scope: String
    /// The `target_countries` value.
    public var targetCountries: [String]
    /// `YYYY-MM-DD`, or nil.
    public var deadline: String?
    /// The `visibility` value.
    public var visibility: String
    /// The owning firm's slug.
    public var organisation: String
    /// The contact's email, or nil.
    public var contact: String?
    /// The `status` value.
    public var status: String

    /// Creates a need record.
    public init(
        ref: String, title: String, summary: String, description: String, primaryField: String,
        secondaryFields: [String], keywords: [String], trlMin: Int, trlMax: Int, ipRequired: [String],
        partnerships: [String], scope: String, targetCountries: [String], deadline: String?, visibility: String,
        organisation: String, contact: String?, status: String
    ) {
        self.ref = ref
        self.title = title
        self.summary = summary
        self.description = description
        self.primaryField = primaryField
        self.secondaryFields = secondaryFields
        self.keywords = keywords
        self.trlMin = trlMin
        self.trlMax = trlMax
        self.ipRequired = ipRequired
        self.partnerships = partnerships
        self.scope = scope
        self.targetCountries = targetCountries
        self.deadline = deadline
        self.visibility = visibility
        self.organisation = organisation
        self.contact = contact
        self.status = status
    }

    /// The text a matcher would search with for this need: title, summary and description.
    public var queryText: String {
        title + "\n" + summary + "\n" + description
    }

    enum CodingKeys: String, CodingKey {
        case ref, title, summary, description
        case primaryField = "primary_field"
        case secondaryFields = "secondary_fields"
        case keywords
        case trlMin = "trl_min"
        case trlMax = "trl_max"
        case ipRequired = "ip_required"
        case partnerships, scope
        case targetCountries = "target_countries"
        case deadline, visibility, organisation, contact, status
    }
}
