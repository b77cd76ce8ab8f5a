/// The structured attributes of a need that the pair policy and match filters read (its text is in the index).
///
/// Strings are the store's raw values (`Partnership`, `IPStatus`, `NeedScope` of the ClusterMatch module), so
/// `Matching` needs no domain types.
public struct NeedProfile: Sendable, Hashable {
    /// How far from its own cluster a need looks; raw values are the store's `need_scope` values.
    public enum Scope: String, CaseIterable, Sendable, Hashable, Codable {
        /// Only seeds of the need's own cluster.
        case sameCluster = "same-cluster"
        /// Only seeds of the need's own country (its cluster included).
        case domestic
        /// Any seed.
        case internationalWelcome = "international-welcome"
        /// Only seeds of other countries.
        case internationalOnly = "international-only"

        /// True when a pair across `boundary` is inside this scope.
        public func allows(_ boundary: Boundary) -> Bool {
            switch self {
            case .sameCluster: boundary == .sameCluster
            case .domestic: !boundary.isInternational
            case .internationalWelcome: true
            case .internationalOnly: boundary.isInternational
            }
        }
    }

    /// The need's cluster id (slug).
    public var clusterID: String
    /// The cluster's country code.
    public var country: String
    /// The primary technology field.
    public var primaryField: String
    /// Secondary fields.
    public var secondaryFields: Set<String>
    /// The TRL range the need can use.
    public var trlRange: ClosedRange<Int>
    /// Partnership types wanted; empty means any.
    public var partnerships: Set<String>
    /// IP statuses the need accepts; empty means no requirement.
    public var acceptedIP: Set<String>
    /// How far the need looks.
    public var scope: Scope
    /// Foreign countries the need targets; empty means any. Seeds of the need's own country are not affected.
    public var targetCountries: Set<String>
    /// True when only title and summary may be shown to others; explanations then use only those fields.
    public var isConfidential: Bool
    /// True when the need may be matched (published, not expired or withdrawn).
    public var isOpen: Bool

    /// Creates a need profile.
    public init(
        clusterID: String, country: String, primaryField: String, secondaryFields: Set<String> = [],
        trlRange: ClosedRange<Int> = 1...9, partnerships: Set<String> = [], acceptedIP: Set<String> = [],
        scope: Scope = .internationalWelcome, targetCountries: Set<String> = [], isConfidential: Bool = false,
        isOpen: Bool = true
    ) {
        self.clusterID = clusterID
        self.country = country
        self.primaryField = primaryField
        self.secondaryFields = secondaryFields
        self.trlRange = trlRange
        self.partnerships = partnerships
        self.acceptedIP = acceptedIP
        self.scope = scope
        self.targetCountries = targetCountries
        self.isConfidential = isConfidential
        self.isOpen = isOpen
    }

    /// The need's location, for `Boundary`.
    public var location: (cluster: String, country: String) { (clusterID, country) }

    /// True when the need's own wishes (scope and target countries) admit a seed across `boundary` from `country`.
    public func admits(_ boundary: Boundary, seedCountry country: String) -> Bool {
        guard scope.allows(boundary) else { return false }
        if boundary.isInternational && !targetCountries.isEmpty { return targetCountries.contains(country) }
        return true
    }
}
