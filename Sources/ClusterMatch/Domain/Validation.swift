/// A record whose domain rules can be checked before writing.
public protocol ValidatableRecord: RecordShape {
    /// Every rule of `sql/0001_foundation.sql` this record breaks, with the sentences of `Rule`; references are
    /// checked against the sets in `known` that are not nil.
    func problems(known: KnownReferences) -> [Problem]
    /// The value that must be unique (`ref`, `slug`, `email`, the sister pair), used to find repeats in one file.
    var uniqueKey: String { get }
    /// The rule that makes `uniqueKey` unique.
    static var uniqueKeyRule: Rule { get }
    /// The message for a unique value repeated within one file; `lines` reads like `line 4` or `lines 4, 9`.
    func repeatedMessage(lines: String) -> String
}

extension ValidatableRecord {
    /// `ref "S-1" is repeated on line 4`.
    public func repeatedMessage(lines: String) -> String {
        "\(Self.uniqueKeyRule.field) \"\(uniqueKey)\" is repeated on \(lines)"
    }
}

/// Checks a seed against the domain rules. - Returns: the problems, empty when the seed is valid.
public func validate(_ record: SeedRecord, known: KnownReferences) -> [Problem] { record.problems(known: known) }
/// Checks a need against the domain rules. - Returns: the problems, empty when the need is valid.
public func validate(_ record: NeedRecord, known: KnownReferences) -> [Problem] { record.problems(known: known) }
/// Checks a cluster against the domain rules. - Returns: the problems, empty when the cluster is valid.
public func validate(_ record: ClusterRecord, known: KnownReferences) -> [Problem] { record.problems(known: known) }
/// Checks an organisation against the domain rules. - Returns: the problems, empty when it is valid.
public func validate(_ record: OrganisationRecord, known: KnownReferences) -> [Problem] { record.problems(known: known) }
/// Checks a person and their roles against the domain rules. - Returns: the problems, empty when valid.
public func validate(_ record: PersonRecord, known: KnownReferences) -> [Problem] { record.problems(known: known) }
/// Checks a sister link against the domain rules. - Returns: the problems, empty when the link is valid.
public func validate(_ record: SisterLinkRecord, known: KnownReferences) -> [Problem] { record.problems(known: known) }

/// Collects problems while checking one record.
struct Checker {
    var problems: [Problem] = []
    let known: KnownReferences

    mutating func require(_ condition: Bool, _ rule: Rule, value: String? = nil) {
        if !condition { problems.append(rule.problem(value: value)) }
    }

    mutating func length(_ text: String, _ range: ClosedRange<Int>, _ rule: Rule) {
        require(TextRules.isLength(of: text, in: range), rule)
    }

    mutating func year(_ year: Int?, _ rule: Rule) {
        if let year { require((1950...2100).contains(year), rule) }
    }

    mutating func field(_ code: String, _ rule: Rule) {
        if let fields = known.fields { require(fields.contains(code), rule, value: code) }
    }

    mutating func fields(_ codes: [String], _ rule: Rule) {
        guard let fields = known.fields, !codes.allSatisfy(fields.contains) else { return }
        for code in unique(codes) where !fields.contains(code) { problems.append(rule.problem(value: code)) }
    }

    mutating func country(_ code: String, _ rule: Rule) {
        if let countries = known.countries { require(countries.contains(code), rule, value: code) }
    }

    mutating func countries(_ codes: [String], _ rule: Rule) {
        guard let countries = known.countries, !codes.allSatisfy(countries.contains) else { return }
        for code in unique(codes) where !countries.contains(code) { problems.append(rule.problem(value: code)) }
    }

    mutating func cluster(_ slug: String?, _ rule: Rule) {
        if let slug, let clusters = known.clusters { require(clusters.contains(slug), rule, value: slug) }
    }

    mutating func organisation(_ slug: String?, _ rule: Rule) {
        if let slug, let organisations = known.organisations {
            require(organisations[slug] != nil, rule, value: slug)
        }
    }

    mutating func person(_ email: String?, _ rule: Rule) {
        if let email, let people = known.people { require(people.contains(email), rule, value: email) }
    }

    private func unique(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }
}

extension ClusterRecord: ValidatableRecord {
    /// The rules `cluster_*`.
    public func problems(known: KnownReferences) -> [Problem] {
        var check = Checker(known: known)
        check.require(TextRules.isSlug(slug), .clusterSlugFormat)
        check.length(name, 1...200, .clusterNameLength)
        check.country(country, .clusterCountryKnown)
        check.year(startYear, .clusterStartYearRange)
        check.fields(mainFields, .clusterFieldsKnown)
        return check.problems
    }

    /// The slug.
    public var uniqueKey: String { slug }
    /// `cluster_slug_unique`.
    public static var uniqueKeyRule: Rule { .clusterSlugUnique }
}

extension SisterLinkRecord: ValidatableRecord {
    /// The rules `sister_link_*` and the clusters' existence.
    public func problems(known: KnownReferences) -> [Problem] {
        var check = Checker(known: known)
        check.cluster(a, .sisterLinkClusterAKnown)
        check.cluster(b, .sisterLinkClusterBKnown)
        check.require(a != b, .sisterLinkOrdered)
        check.year(since, .sisterLinkSinceRange)
        return check.problems
    }

    /// The two slugs, sorted and joined, so a link and its reverse collide.
    public var uniqueKey: String { pair.joined(separator: " – ") }
    /// `sister_links_pkey`.
    public static var uniqueKeyRule: Rule { .sisterLinkUnique }

    /// `the link between criaq-quebec and gifu is repeated on line 4`.
    public func repeatedMessage(lines: String) -> String {
        "the link between \(pair[0]) and \(pair[1]) is repeated on \(lines)"
    }
}

extension OrganisationRecord: ValidatableRecord {
    /// The rules `organisation_*`.
    public func problems(known: KnownReferences) -> [Problem] {
        var check = Checker(known: known)
        check.require(TextRules.isSlug(slug), .organisationSlugFormat)
        check.length(name, 1...200, .organisationNameLength)
        check.cluster(cluster, .organisationClusterKnown)
        check.country(country, .organisationCountryKnown)
        return check.problems
    }

    /// The slug.
    public var uniqueKey: String { slug }
    /// `organisation_slug_unique`.
    public static var uniqueKeyRule: Rule { .organisationSlugUnique }
}

extension PersonRecord: ValidatableRecord {
    /// The rules `person_*` and the existence of everything the roles name.
    public func problems(known: KnownReferences) -> [Problem] {
        var check = Checker(known: known)
        check.length(name, 1...200, .personNameLength)
        check.require(TextRules.isEmail(email), .personEmailFormat)
        check.organisation(organisation, .personOrganisationKnown)
        var seen = Set<RoleRecord>()
        for role in roles {
            switch role.role {
            case .coordinator: check.require(role.organisation != nil || role.cluster != nil, .personRoleScope)
            case .firmContact: check.require(role.organisation != nil, .personRoleScope)
            case .forumOrganiser: break
            }
            check.organisation(role.organisation, .personRoleOrganisationKnown)
            check.cluster(role.cluster, .personRoleClusterKnown)
            check.require(seen.insert(role).inserted, .personRoleUnique)
        }
        return check.problems
    }

    /// The email.
    public var uniqueKey: String { email }
    /// `person_email_unique`.
    public static var uniqueKeyRule: Rule { .personEmailUnique }
}
