/// A technology need (a request) as imported, exported and printed by `--json`.
///
/// Keys, in their stable order (JSON members and CSV columns): `ref, title, summary, description, primary_field,
/// secondary_fields, keywords, trl_min, trl_max, ip_required, partnerships, scope, target_countries, deadline,
/// visibility, organisation, contact, status`, then the output-only `id, cluster, country, published_at,
/// expires_at, renewals, created_at, updated_at` (ignored on import, apart from being checked).
public struct NeedRecord: RecordShape {
    /// 2–40 letters, digits, `.`, `_`, `-`; unique among needs.
    public var ref: String
    /// 1–256 characters.
    public var title: String
    /// At most 500 characters.
    public var summary: String
    /// At most 4,000 characters.
    public var description: String
    /// A known field code.
    public var primaryField: String
    /// Other known field codes, not repeating the primary one.
    public var secondaryFields: [String]
    /// At most 10 keywords of 1–64 characters.
    public var keywords: [String]
    /// Lowest acceptable TRL, 1–9 (default 1).
    public var trlMin: Int
    /// Highest acceptable TRL, 1–9 (default 9), not below `trlMin`.
    public var trlMax: Int
    /// The IP statuses the firm accepts; empty means any.
    public var ipRequired: [IPStatus]
    /// The collaborations sought (at least one).
    public var partnerships: [Partnership]
    /// How far to look for seeds.
    public var scope: NeedScope
    /// ISO 3166-1 alpha-2 codes of preferred countries.
    public var targetCountries: [String]
    /// Last day of interest, `YYYY-MM-DD`.
    public var deadline: String?
    /// Who sees the full text.
    public var visibility: Visibility
    /// The owning firm's slug.
    public var organisation: String
    /// The contact's email, if any.
    public var contact: String?
    /// Lifecycle status; on import nil means draft, and only draft or published are accepted.
    public var status: PostingStatus?
    /// Database id (output only).
    public var id: Int64?
    /// The owning firm's cluster slug (output only).
    public var cluster: String?
    /// The owning firm's country (output only).
    public var country: String?
    /// When it was published, ISO 8601 (output only).
    public var publishedAt: String?
    /// When it expires, ISO 8601 (output only).
    public var expiresAt: String?
    /// How many times it was renewed, 0 or 1 (output only).
    public var renewals: Int?
    /// When it was created, ISO 8601 (output only).
    public var createdAt: String?
    /// When it was last changed, ISO 8601 (output only).
    public var updatedAt: String?

    /// Creates a need; output-only values start empty.
    public init(
        ref: String, title: String, summary: String = "", description: String = "", primaryField: String,
        secondaryFields: [String] = [], keywords: [String] = [], trlMin: Int = 1, trlMax: Int = 9,
        ipRequired: [IPStatus] = [], partnerships: [Partnership], scope: NeedScope = .internationalWelcome,
        targetCountries: [String] = [], deadline: String? = nil, visibility: Visibility = .public,
        organisation: String, contact: String? = nil, status: PostingStatus? = nil
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

    /// `need`.
    public static let recordName = "need"
    /// The stable key order (see the type's documentation).
    public static let keys = [
        "ref", "title", "summary", "description", "primary_field", "secondary_fields", "keywords", "trl_min", "trl_max",
        "ip_required", "partnerships", "scope", "target_countries", "deadline", "visibility", "organisation", "contact",
        "status", "id", "cluster", "country", "published_at", "expires_at", "renewals", "created_at", "updated_at",
    ]
    /// `ref, title, primary_field, partnerships, organisation`.
    public static let requiredKeys = ["ref", "title", "primary_field", "partnerships", "organisation"]

    /// Reads a need from one JSON object or CSV row.
    public init?(reading fields: inout RecordFields) {
        let before = fields.problems.count
        ref = fields.required("ref")
        title = fields.required("title")
        summary = fields.string("summary")
        description = fields.string("description")
        primaryField = fields.required("primary_field")
        secondaryFields = fields.list("secondary_fields")
        keywords = fields.list("keywords")
        trlMin = fields.int("trl_min") ?? 1
        trlMax = fields.int("trl_max") ?? 9
        ipRequired = fields.choices("ip_required", rule: .needIPRequiredKnown)
        partnerships = fields.choices("partnerships", rule: .needPartnershipsKnown, required: true)
        scope = fields.choice("scope", rule: .needScopeKnown) ?? .internationalWelcome
        targetCountries = fields.list("target_countries")
        deadline = fields.optionalString("deadline")
        visibility = fields.choice("visibility", rule: .needVisibilityKnown) ?? .public
        organisation = fields.required("organisation")
        contact = fields.optionalString("contact")
        status = fields.choice("status", rule: .needStatusKnown)
        id = fields.int("id").map(Int64.init)
        cluster = fields.optionalString("cluster")
        country = fields.optionalString("country")
        publishedAt = fields.optionalString("published_at")
        expiresAt = fields.optionalString("expires_at")
        renewals = fields.int("renewals")
        createdAt = fields.optionalString("created_at")
        updatedAt = fields.optionalString("updated_at")
        if fields.problems.count > before { return nil }
    }

    /// The present values in key order.
    public var jsonMembers: [(key: String, value: JSONValue)] {
        var members: [(key: String, value: JSONValue)] = []
        members.reserveCapacity(Self.keys.count)
        members.add("ref", ref)
        members.add("title", title)
        members.add("summary", summary)
        members.add("description", description)
        members.add("primary_field", primaryField)
        members.add("secondary_fields", secondaryFields)
        members.add("keywords", keywords)
        members.add("trl_min", trlMin)
        members.add("trl_max", trlMax)
        members.add("ip_required", ipRequired)
        members.add("partnerships", partnerships)
        members.add("scope", scope)
        members.add("target_countries", targetCountries)
        members.add("deadline", deadline)
        members.add("visibility", visibility)
        members.add("organisation", organisation)
        members.add("contact", contact)
        members.add("status", status)
        members.add("id", id)
        members.add("cluster", cluster)
        members.add("country", country)
        members.add("published_at", publishedAt)
        members.add("expires_at", expiresAt)
        members.add("renewals", renewals)
        members.add("created_at", createdAt)
        members.add("updated_at", updatedAt)
        return members
    }

    /// Decodes with the readers' checks. - Throws: `ValidationFailure`.
    public init(from decoder: any Decoder) throws { try self.init(decodingShape: decoder) }
    /// Encodes as a JSON object in key order.
    public func encode(to encoder: any Encoder) throws { try encodeShape(to: encoder) }
}
