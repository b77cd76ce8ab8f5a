/// The set of sister links between clusters; a link has no direction.
public struct SisterLinks: Sendable, Hashable {
    private var pairs: Set<Pair>

    private struct Pair: Hashable, Sendable {
        var low: String
        var high: String
        init(_ a: String, _ b: String) {
            (low, high) = a <= b ? (a, b) : (b, a)
        }
    }

    /// No links.
    public init() { pairs = [] }

    /// Links each given pair of cluster ids (slugs), in either order.
    public init(_ links: some Sequence<(String, String)>) {
        pairs = Set(links.map { Pair($0.0, $0.1) })
    }

    /// Adds a link.
    public mutating func link(_ a: String, _ b: String) { pairs.insert(Pair(a, b)) }

    /// True when the two clusters are sister clusters (a cluster is never its own sister).
    public func areLinked(_ a: String, _ b: String) -> Bool { a != b && pairs.contains(Pair(a, b)) }

    /// The number of links.
    public var count: Int { pairs.count }
}
