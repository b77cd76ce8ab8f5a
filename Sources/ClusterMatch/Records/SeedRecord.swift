/// A technology seed (an offer) as imported, exported and printed by `--json`.
///
/// Keys, in their stable order (JSON members and CSV columns): `ref, title, summary, description, primary_field,
/// secondary_fields, keywords, trl, ip_status, ip_scope, partnerships, visibility, organisation, coordinator,
/// status`, then the output-only `id, cluster, country, published_at, expires_at, renewals, created_at,
/// updated_at` (ignored on import, apart from being checked).
public struct SeedRecord: RecordShape {
    /// 2–40 letters, digits, `.`, `_`, `-`; unique among seeds.
    public var ref: String
    /// 1–256 characters.
    public var title: String
    /// At most 500 characters.
    public var summary: String
    /// At most 4,000 characters.
    public var description: String
    /// A known field code (`ict`).
    public var primaryField: String
    /// Other known field codes, not repeating the primary one.
    public var secondaryFields: [String]
    /// At most 10 keywords of 1–64 characters.
    public var keywords: [String]
    /// Technology readiness level, 1–9.
    public var trl: Int
    /// The IP behind the seed.
    public var ipStatus: IPStatus
    /// Where the patent applies; given exactly when `ipStatus` is a patent.
    public var ipScope: IPScope?
    /// The collaborations offered (at least one).
    public var partnerships: [Partnership]
    /// Who sees the full text.
    public var visibility: Visibility
    /// The owning organisation's slug.
    public var organisation: String
    /// The coordinator's email, if any.
    public var coordinator: String?
    /// Lifecycle status; on import nil means draft, and only draft or published are accepted.
    public var status: PostingStatus?
    /// Database id (output only).
    public var id: Int64?
    /// The owning organisation's cluster slug (output only).
    public var cluster: String?
    /// The owning organisation's country (output only).
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

    /// Creates a seed; output-only values start empty.
    public init(
        ref: String, title: String, summary: String = "", description: String = "", primaryField: String,
        secondaryFields: [String] = [], keywords: [String] = [], trl: Int, ipStatus: IPStatus = .none,
        ipScope: IPScope? = nil, partnerships: [Partnership], visibility: Visibility = .public, organisation: String,
        coordinator: String? = nil, status: PostingStatus? = nil
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

    /// `seed`.
    public static let recordName = "seed"
    /// The stable key order (see the type's documentation).
    public static let keys = [
        "ref", "title", "summary", "description", "primary_field", "secondary_fields", "keywords", "trl", "ip_status",
        "ip_scope", "partnerships", "visibility", "organisation", "coordinator", "status", "id", "cluster", "country",
        "published_at", "expires_at", "renewals", "created_at", "updated_at",
    ]
    /// `ref, title, primary_field, trl, partnerships, organisation`.
    public static let requiredKeys = ["ref", "title", "primary_field", "trl", "partnerships", "organisation"]

    /// Reads a seed from one JSON object or CSV row.
    public init?(reading fields: inout RecordFields) {
        let before = fields.problems.count
        ref = fields.required("ref")
        title = fields.required("title")
        summary = fields.string("summary")
        description = fields.string("description")
        primaryField = fields.required("primary_field")
        secondaryFields = fields.list("secondary_fields")
        keywords = fields.list("keywords")
        trl = fields.int("trl", required: true) ?? 0
        ipStatus = fields.choice("ip_status", IPStatus.self, rule: .seedIPStatusKnown) ?? .none
        ipScope = fields.choice("ip_scope", rule: .seedIPScopeKnown)
        partnerships = fields.choices("partnerships", rule: .seedPartnershipsKnown, required: true)
        visibility = fields.choice("visibility", rule: .seedVisibilityKnown) ?? .public
        organisation = fields.required("organisation")
        coordinator = fields.optionalString("coordinator")
        status = fields.choice("status", rule: .seedStatusKnown)
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
        members.add("trl", trl)
        members.add("ip_status", ipStatus)
        members.add("ip_scope", ipScope)
        members.add("partnerships", partnerships)
        members.add("visibility", visibility)
        members.add("organisation", organisation)
        members.add("coordinator", coordinator)
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
