/// An organisation, as one line of `organisations.jsonl` (see fixtures/README.md).
public struct OrganisationRecord: Codable, Hashable, Sendable {
    /// The `slug` value.
    public var slug: String
    /// The `name` value.
    public var name: String
    /// `university`, `research-institute`, `firm`, `tlo`, `cluster-hq` or `funder`.
    public var kind: String
    /// The cluster's slug, or nil.
    public var cluster: String?
    /// The `country` value.
    public var country: String
    /// The `is_sample` value.
    public var isSample: Bool

    /// Creates an organisation record.
    public init(slug: String, name: String, kind: String, cluster: String?, country: String, isSample: Bool) {
        self.slug = slug
        self.name = name
        self.kind = kind
        self.cluster = cluster
        self.country = country
        self.isSample = isSample
    }

    enum CodingKeys: String, CodingKey {
        case slug, name, kind, cluster, country
        case isSample = "is_sample"
    }
}
