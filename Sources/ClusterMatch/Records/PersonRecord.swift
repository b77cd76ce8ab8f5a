/// A person and the roles they hold.
///
/// Keys, in their stable order: `name, email, organisation, roles`. In CSV, `roles` is a JSON array in one cell.
public struct PersonRecord: RecordShape {
    /// 1–200 characters.
    public var name: String
    /// Unique email address; people are referred to by it.
    public var email: String
    /// Their organisation's slug, if any.
    public var organisation: String?
    /// What they may do, and for whom.
    public var roles: [RoleRecord]

    /// Creates a person.
    public init(name: String, email: String, organisation: String? = nil, roles: [RoleRecord] = []) {
        self.name = name
        self.email = email
        self.organisation = organisation
        self.roles = roles
    }

    /// `person`.
    public static let recordName = "person"
    /// The stable key order.
    public static let keys = ["name", "email", "organisation", "roles"]
    /// `name, email`.
    public static let requiredKeys = ["name", "email"]

    /// Reads a person from one JSON object or CSV row.
    public init?(reading fields: inout RecordFields) {
        let before = fields.problems.count
        name = fields.required("name")
        email = fields.required("email")
        organisation = fields.optionalString("organisation")
        roles = fields.nested("roles", RoleRecord.self)
        if fields.problems.count > before { return nil }
    }

    /// The present values in key order.
    public var jsonMembers: [(key: String, value: JSONValue)] {
        var members: [(key: String, value: JSONValue)] = []
        members.add("name", name)
        members.add("email", email)
        members.add("organisation", organisation)
        members.append(
            ("roles", .array(roles.map { role in .object(Dictionary(uniqueKeysWithValues: role.jsonMembers.map { ($0.key, $0.value) })) })))
        return members
    }

    /// Decodes with the readers' checks. - Throws: `ValidationFailure`.
    public init(from decoder: any Decoder) throws { try self.init(decodingShape: decoder) }
    /// Encodes as a JSON object in key order.
    public func encode(to encoder: any Encoder) throws { try encodeShape(to: encoder) }
}

/// One role of a person: a coordinator for an organisation or a cluster, a firm contact for an organisation, or a
/// forum organiser.
///
/// Keys, in their stable order: `role, organisation, cluster`.
public struct RoleRecord: RecordShape {
    /// What the person may do.
    public var role: RoleKind
    /// The organisation's slug the role is for.
    public var organisation: String?
    /// The cluster's slug the role is for.
    public var cluster: String?

    /// Creates a role.
    public init(role: RoleKind, organisation: String? = nil, cluster: String? = nil) {
        self.role = role
        self.organisation = organisation
        self.cluster = cluster
    }

    /// `role`.
    public static let recordName = "role"
    /// The stable key order.
    public static let keys = ["role", "organisation", "cluster"]
    /// `role`.
    public static let requiredKeys = ["role"]

    /// Reads a role from one JSON object.
    public init?(reading fields: inout RecordFields) {
        let before = fields.problems.count
        role = fields.choice("role", rule: .personRoleKnown, required: true) ?? .forumOrganiser
        organisation = fields.optionalString("organisation")
        cluster = fields.optionalString("cluster")
        if fields.problems.count > before { return nil }
    }

    /// The present values in key order.
    public var jsonMembers: [(key: String, value: JSONValue)] {
        var members: [(key: String, value: JSONValue)] = []
        members.add("role", role)
        members.add("organisation", organisation)
        members.add("cluster", cluster)
        return members
    }

    /// Decodes with the readers' checks. - Throws: `ValidationFailure`.
    public init(from decoder: any Decoder) throws { try self.init(decodingShape: decoder) }
    /// Encodes as a JSON object in key order.
    public func encode(to encoder: any Encoder) throws { try encodeShape(to: encoder) }
}
