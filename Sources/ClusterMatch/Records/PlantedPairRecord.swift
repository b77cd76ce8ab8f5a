/// A need and a seed from different clusters that a good matcher must find (used by the matcher's tests).
///
/// Keys, in their stable order: `need, seed, kind, why`.
public struct PlantedPairRecord: RecordShape {
    /// The need's ref.
    public var need: String
    /// The seed's ref.
    public var seed: String
    /// How the two clusters relate.
    public var kind: PlantedPairKind
    /// Why they match, in words.
    public var why: String

    /// Creates a planted pair.
    public init(need: String, seed: String, kind: PlantedPairKind, why: String = "") {
        self.need = need
        self.seed = seed
        self.kind = kind
        self.why = why
    }

    /// `planted pair`.
    public static let recordName = "planted pair"
    /// The stable key order.
    public static let keys = ["need", "seed", "kind", "why"]
    /// `need, seed, kind`.
    public static let requiredKeys = ["need", "seed", "kind"]

    /// Reads a planted pair from one JSON object or CSV row.
    public init?(reading fields: inout RecordFields) {
        let before = fields.problems.count
        need = fields.required("need")
        seed = fields.required("seed")
        kind = fields.choice("kind", rule: nil, required: true) ?? .international
        why = fields.string("why")
        if fields.problems.count > before { return nil }
    }

    /// The present values in key order.
    public var jsonMembers: [(key: String, value: JSONValue)] {
        var members: [(key: String, value: JSONValue)] = []
        members.add("need", need)
        members.add("seed", seed)
        members.add("kind", kind)
        members.add("why", why)
        return members
    }

    /// Decodes with the readers' checks. - Throws: `ValidationFailure`.
    public init(from decoder: any Decoder) throws { try self.init(decodingShape: decoder) }
    /// Encodes as a JSON object in key order.
    public func encode(to encoder: any Encoder) throws { try encodeShape(to: encoder) }
}
