/// A university, institute, firm or other organisation.
///
/// Keys, in their stable order: `slug, name, kind, cluster, country, is_sample`.
public struct OrganisationRecord: RecordShape {
    /// 2–64 lowercase letters, digits or `-`; unique.
    public var slug: String
    /// 1–200 characters.
    public var name: String
    /// What it is.
    public var kind: OrganisationKind
    /// Its cluster's slug, if any.
    public var cluster: String?
    /// A known country code.
    public var country: String
    /// Whether this is made-up sample data.
    public var isSample: Bool

    /// Creates an organisation.
    public init(
        slug: String, name: String, kind: OrganisationKind, cluster: String? = nil, country: String,
        isSample: Bool = false
    ) {
        self.slug = slug
        self.name = name
        self.kind = kind
        self.cluster = cluster
        self.country = country
        self.isSample = isSample
    }

    /// `organisation`.
    public static let recordName = "organisation"
    /// The stable key order.
    public static let keys = ["slug", "name", "kind", "cluster", "country", "is_sample"]
    /// `slug, name, kind, country`.
    public static let requiredKeys = ["slug", "name", "kind", "country"]

    /// Reads an organisation from one JSON object or CSV row.
    public init?(reading fields: inout RecordFields) {
        let before = fields.problems.count
        slug = fields.required("slug")
        name = fields.required("name")
        kind = fields.choice("kind", rule: .organisationKindKnown, required: true) ?? .firm
        cluster = fields.optionalString("cluster")
        country = fields.required("country")
        isSample = fields.bool("is_sample")
        if fields.problems.count > before { return nil }
    }

    /// The present values in key order.
    public var jsonMembers: [(key: String, value: JSONValue)] {
        var members: [(key: String, value: JSONValue)] = []
        members.add("slug", slug)
        members.add("name", name)
        members.add("kind", kind)
        members.add("cluster", cluster)
        members.add("country", country)
        members.add("is_sample", isSample)
        return members
    }

    /// Decodes with the readers' checks. - Throws: `ValidationFailure`.
    public init(from decoder: any Decoder) throws { try self.init(decodingShape: decoder) }
    /// Encodes as a JSON object in key order.
    public func encode(to encoder: any Encoder) throws { try encodeShape(to: encoder) }
}
