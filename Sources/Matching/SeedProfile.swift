/// The structured attributes of a seed that the pair policy and match filters read (its text is in the index).
///
/// Strings are the store's raw values (`Partnership`, `IPStatus` of the ClusterMatch module), so `Matching` needs
/// no domain types.
public struct SeedProfile: Sendable, Hashable {
    /// The seed's cluster id (slug).
    public var clusterID: String
    /// The cluster's country code.
    public var country: String
    /// The primary technology field.
    public var primaryField: String
    /// Secondary fields.
    public var secondaryFields: Set<String>
    /// Technology readiness level (1–9).
    public var trl: Int
    /// Partnership types offered (`licence`, `joint-research`, …).
    public var partnerships: Set<String>
    /// IP status (`none`, `know-how`, `patent-applied`, `patent-granted`).
    public var ipStatus: String
    /// True when only title and summary may be shown to others; explanations then use only those fields.
    public var isConfidential: Bool
    /// True when the seed may be matched (published, not expired or withdrawn).
    public var isOpen: Bool

    /// Creates a seed profile.
    public init(
        clusterID: String, country: String, primaryField: String, secondaryFields: Set<String> = [], trl: Int,
        partnerships: Set<String> = [], ipStatus: String = "none", isConfidential: Bool = false, isOpen: Bool = true
    ) {
        self.clusterID = clusterID
        self.country = country
        self.primaryField = primaryField
        self.secondaryFields = secondaryFields
        self.trl = trl
        self.partnerships = partnerships
        self.ipStatus = ipStatus
        self.isConfidential = isConfidential
        self.isOpen = isOpen
    }

    /// The seed's location, for `Boundary`.
    public var location: (cluster: String, country: String) { (clusterID, country) }
}
