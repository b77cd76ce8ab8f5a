/// A closed set of words stored as text in SQL; raw values are exactly the SQL values.
public protocol Vocabulary: RawRepresentable, CaseIterable, Sendable, Hashable, Codable where RawValue == String {}

extension Vocabulary {
    /// The allowed raw values joined for messages, in declaration order (`licence, joint-research, …`).
    public static var allowedList: String { allCases.map(\.rawValue).joined(separator: ", ") }

    /// The problem message for a raw value that is not one of the allowed ones.
    public static func notOneOf(_ raw: String) -> String { "\"\(raw)\" is not one of \(allowedList)" }
}

/// Who may see a seed's or need's full text (`seed_visibility_known`, `need_visibility_known`).
public enum Visibility: String, Vocabulary {
    /// Everything is shown.
    case `public`
    /// Only title and summary are shown to others.
    case confidential
}

/// The state of a patent or other intellectual property behind a seed (`seed_ip_status_known`).
public enum IPStatus: String, Vocabulary {
    /// No protected IP.
    case none
    /// Unpatented know-how.
    case knowHow = "know-how"
    /// A patent has been applied for.
    case patentApplied = "patent-applied"
    /// A patent has been granted.
    case patentGranted = "patent-granted"

    /// Whether this status is a patent, which then needs an `ip_scope` (`seed_ip_scope_known`).
    public var isPatent: Bool { self == .patentApplied || self == .patentGranted }
}

/// Where a patent applies (`seed_ip_scope_known`).
public enum IPScope: String, Vocabulary {
    /// One country.
    case domestic
    /// Several countries (PCT and the like).
    case international
}

/// A kind of collaboration offered or sought (`seed_partnerships_known`, `need_partnerships_known`).
public enum Partnership: String, Vocabulary {
    /// A licence to use the technology.
    case licence
    /// Research done together.
    case jointResearch = "joint-research"
    /// Research paid for by the firm.
    case sponsoredResearch = "sponsored-research"
    /// Consulting by the inventors.
    case consulting
    /// Investment in a spin-off.
    case investment
}

/// How far from its own cluster a need looks for seeds (`need_scope_known`).
public enum NeedScope: String, Vocabulary {
    /// Only seeds from the firm's own cluster.
    case sameCluster = "same-cluster"
    /// Seeds from the firm's own country.
    case domestic
    /// Any seed, with foreign seeds welcome.
    case internationalWelcome = "international-welcome"
    /// Only seeds from other countries.
    case internationalOnly = "international-only"
}

/// What an organisation is (`organisation_kind_known`).
public enum OrganisationKind: String, Vocabulary {
    /// A university.
    case university
    /// A public or private research institute.
    case researchInstitute = "research-institute"
    /// A firm; only firms own needs (`need_organisation_firm`).
    case firm
    /// A technology licensing office.
    case tlo
    /// A cluster's headquarters.
    case clusterHQ = "cluster-hq"
    /// A funding body.
    case funder
}

/// The public programme a cluster belongs to (`cluster_programme_known`).
public enum Programme: String, Vocabulary {
    /// MEXT Knowledge Cluster Initiative.
    case knowledgeCluster = "knowledge-cluster"
    /// City Area programme.
    case cityArea = "city-area"
    /// Regional innovation programme.
    case regionalInnovation = "regional-innovation"
    /// Super cluster programme.
    case superCluster = "super-cluster"
    /// A cluster outside Japan.
    case foreign
}

/// What a person may do, and for whom (`person_role_known`, `person_role_scope`).
public enum RoleKind: String, Vocabulary {
    /// Coordinates seeds for an organisation or a cluster.
    case coordinator
    /// Speaks for a firm's needs (needs an organisation).
    case firmContact = "firm-contact"
    /// Organises matching forums.
    case forumOrganiser = "forum-organiser"
}

/// Why a planted need–seed pair should be found by the matcher.
public enum PlantedPairKind: String, Vocabulary {
    /// Two clusters in one country.
    case crossCluster = "cross-cluster"
    /// Two clusters in different countries.
    case international
    /// International, between sister clusters.
    case sister
}
