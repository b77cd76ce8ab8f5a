/// A technology need (request), as one line of `needs.jsonl` (see fixtures/README.md).
public struct NeedRecord: Codable, Hashable, Sendable {
    public var ref: String
    public var title: String
    public var summary: String
    public var description: String
    public var primaryField: String
    public var secondaryFields: [String]
    public var keywords: [String]
    public var trlMin: Int
    public var trlMax: Int
    /// IP statuses the firm accepts; empty means any.
    public var ipRequired: [String]
    public var partnerships: [String]
    /// `same-cluster`, `domestic`, `international-welcome` or `international-only`.
    public var scope: String
    public var targetCountries: [String]
    /// `YYYY-MM-DD`, or nil.
    public var deadline: String?
    public var visibility: String
    /// The owning firm's slug.
    public var organisation: String
    /// The contact's email, or nil.
    public var contact: String?
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
