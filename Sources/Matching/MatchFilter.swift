/// Hard filters on need–seed pairs, applied before scoring: a pair that fails one is never returned.
///
/// Exact semantics (each condition must hold; nil or `.any` means no condition):
/// - The need's own wishes always apply: its `NeedProfile.Scope` (same-cluster: boundary is `sameCluster`;
///   domestic: not international; international-only: `international` or `sister`) and, for an international
///   pair, its target countries when it lists any. Both sides must be open (`isOpen`).
/// - `scope` (the matcher's `--scope`): `any` allows every boundary; `crossCluster` every boundary but
///   `sameCluster`; `international` exactly `international` and `sister`; `sister` exactly `sister`.
/// - `field` (`--field`): the seed's or the need's primary field equals it, or it is among either's secondary
///   fields.
/// - `minimumTRL` (`--min-trl`): the seed's TRL is at least this.
/// - `partnership` (`--partnership`): the seed offers it, and the need wants it or wants no particular type.
public struct MatchFilter: Sendable, Hashable {
    /// How far apart the two sides must be (the matcher's `--scope`).
    public enum Scope: String, CaseIterable, Sendable, Hashable, Codable {
        /// Any boundary.
        case any
        /// Any boundary but the same cluster.
        case crossCluster = "cross-cluster"
        /// Two countries (international or sister).
        case international
        /// Two countries, sister clusters.
        case sister

        /// True when a pair across `boundary` is inside this scope.
        public func allows(_ boundary: Boundary) -> Bool {
            switch self {
            case .any: true
            case .crossCluster: boundary != .sameCluster
            case .international: boundary.isInternational
            case .sister: boundary == .sister
            }
        }
    }

    /// The boundary scope.
    public var scope: Scope
    /// A technology field either side must have, or nil.
    public var field: String?
    /// The lowest seed TRL, or nil.
    public var minimumTRL: Int?
    /// A partnership type the pair must have in common, or nil.
    public var partnership: String?

    /// Creates a filter; the default filter applies only the need's own wishes and openness.
    public init(scope: Scope = .any, field: String? = nil, minimumTRL: Int? = nil, partnership: String? = nil) {
        self.scope = scope
        self.field = field
        self.minimumTRL = minimumTRL
        self.partnership = partnership
    }

    /// True when, besides the need, only the seed's location and openness decide (no field, TRL or partnership
    /// condition).
    var readsOnlySeedLocation: Bool { field == nil && minimumTRL == nil && partnership == nil }

    /// True when the pair passes every condition.
    public func allows(seed: SeedProfile, need: NeedProfile, boundary: Boundary) -> Bool {
        guard seed.isOpen, need.isOpen else { return false }
        guard need.admits(boundary, seedCountry: seed.country), scope.allows(boundary) else { return false }
        if let field {
            let fields = [seed.primaryField, need.primaryField]
            guard fields.contains(field) || seed.secondaryFields.contains(field) || need.secondaryFields.contains(field)
            else { return false }
        }
        if let minimumTRL, seed.trl < minimumTRL { return false }
        if let partnership {
            guard seed.partnerships.contains(partnership),
                need.partnerships.isEmpty || need.partnerships.contains(partnership)
            else { return false }
        }
        return true
    }
}
