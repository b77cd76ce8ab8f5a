/// An organisation, as one line of `organisations.jsonl` (see fixtures/README.md).
public struct OrganisationRecord: Codable, Hashable, Sendable {
    public var slug: String
    public var name: String
    /// `university`, `research-institute`, `firm`, `tlo`, `cluster-hq` or `funder`.
    public var kind: String
    /// The cluster's slug, or nil.
    public var cluster: String?
    public var country: String
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
