/// The things records may refer to, as far as they are known before writing. A nil set means "not known here":
/// that check is left to the database, which enforces the same rule with the same sentence.
public struct KnownReferences: Sendable, Hashable {
    /// Known field codes (`ict`, `nano`, …).
    public var fields: Set<String>?
    /// Known ISO 3166-1 alpha-2 country codes.
    public var countries: Set<String>?
    /// Known organisations: slug → kind (the kind decides whether it may own needs).
    public var organisations: [String: OrganisationKind]?
    /// Known cluster slugs.
    public var clusters: Set<String>?
    /// Known people, by email.
    public var people: Set<String>?

    /// Creates a set of known references; leave a set nil to skip its checks.
    public init(
        fields: Set<String>? = nil, countries: Set<String>? = nil, organisations: [String: OrganisationKind]? = nil,
        clusters: Set<String>? = nil, people: Set<String>? = nil
    ) {
        self.fields = fields
        self.countries = countries
        self.organisations = organisations
        self.clusters = clusters
        self.people = people
    }

    /// Nothing is known: only the rules about a record's own values are checked.
    public static let none = KnownReferences()

    /// Makes a cluster known (for records later in the same import), if clusters are being checked.
    public mutating func add(_ cluster: ClusterRecord) { clusters?.insert(cluster.slug) }

    /// Makes an organisation known, if organisations are being checked.
    public mutating func add(_ organisation: OrganisationRecord) { organisations?[organisation.slug] = organisation.kind }

    /// Makes a person known, if people are being checked.
    public mutating func add(_ person: PersonRecord) { people?.insert(person.email) }
}
