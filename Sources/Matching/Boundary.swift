/// How far apart the two sides of a pair are: the boundary the match crosses.
///
/// Computed from both sides' cluster and country and the sister links between clusters:
/// - `sameCluster`: both in one cluster;
/// - `crossCluster`: two clusters in one country (whether or not they are sister clusters);
/// - `international`: two countries, clusters not linked;
/// - `sister`: two countries, clusters linked as sister clusters.
///
/// Raw values are the words the CLI and the store use (`same-cluster`, `cross-cluster`, `international`, `sister`).
public enum Boundary: String, CaseIterable, Sendable, Hashable, Codable {
    /// Both sides belong to one cluster.
    case sameCluster = "same-cluster"
    /// Two clusters of one country.
    case crossCluster = "cross-cluster"
    /// Two countries, clusters not sister-linked.
    case international
    /// Two countries, between sister clusters.
    case sister

    /// The boundary between two locations.
    ///
    /// - Parameters:
    ///   - a: one side's cluster id (slug) and country code.
    ///   - b: the other side's.
    ///   - sisterLinks: the sister links; only consulted for international pairs.
    public init(
        between a: (cluster: String, country: String), and b: (cluster: String, country: String),
        sisterLinks: SisterLinks
    ) {
        if a.cluster == b.cluster {
            self = .sameCluster
        } else if a.country == b.country {
            self = .crossCluster
        } else {
            self = sisterLinks.areLinked(a.cluster, b.cluster) ? .sister : .international
        }
    }

    /// True when the two sides are in different countries (`international` or `sister`).
    public var isInternational: Bool { self == .international || self == .sister }
}
