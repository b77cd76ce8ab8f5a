/// A sister link between two clusters, named by slug; order does not matter.
///
/// Keys, in their stable order: `a, b, since, note`.
public struct SisterLinkRecord: RecordShape {
    /// One cluster's slug.
    public var a: String
    /// The other cluster's slug.
    public var b: String
    /// Year the link began, 1950–2100.
    public var since: Int?
    /// Free text.
    public var note: String

    /// Creates a sister link.
    public init(a: String, b: String, since: Int? = nil, note: String = "") {
        self.a = a
        self.b = b
        self.since = since
        self.note = note
    }

    /// `sister link`.
    public static let recordName = "sister link"
    /// The stable key order.
    public static let keys = ["a", "b", "since", "note"]
    /// `a, b`.
    public static let requiredKeys = ["a", "b"]

    /// Reads a sister link from one JSON object or CSV row.
    public init?(reading fields: inout RecordFields) {
        let before = fields.problems.count
        a = fields.required("a")
        b = fields.required("b")
        since = fields.int("since")
        note = fields.string("note")
        if fields.problems.count > before { return nil }
    }

    /// The present values in key order.
    public var jsonMembers: [(key: String, value: JSONValue)] {
        var members: [(key: String, value: JSONValue)] = []
        members.add("a", a)
        members.add("b", b)
        members.add("since", since)
        members.add("note", note)
        return members
    }

    /// The two slugs in sorted order, so `a–b` and `b–a` compare equal.
    public var pair: [String] { [a, b].sorted() }

    /// Decodes with the readers' checks. - Throws: `ValidationFailure`.
    public init(from decoder: any Decoder) throws { try self.init(decodingShape: decoder) }
    /// Encodes as a JSON object in key order.
    public func encode(to encoder: any Encoder) throws { try encodeShape(to: encoder) }
}
