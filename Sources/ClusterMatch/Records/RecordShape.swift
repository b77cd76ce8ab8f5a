/// A record shape of the import/export formats (fixtures/README.md): its keys, how it is read from one JSON object
/// or CSV row, and how it is written.
public protocol RecordShape: Sendable, Hashable, Codable {
    /// What one record is called in messages (`seed`).
    static var recordName: String { get }
    /// Every key, in the stable order used for JSON members and CSV columns.
    static var keys: [String] { get }
    /// The keys that must be present (and not null or an empty cell).
    static var requiredKeys: [String] { get }
    /// Reads a record; nil when a value is missing or of the wrong type, with the reasons added to `fields`.
    init?(reading fields: inout RecordFields)
    /// The record's present values in `keys` order; nil optionals are left out.
    var jsonMembers: [(key: String, value: JSONValue)] { get }
}

extension RecordShape {
    /// Decodes through the same checks as the readers.
    /// - Throws: `ValidationFailure` listing every missing, mistyped, unknown or not-allowed value.
    public init(decodingShape decoder: any Decoder) throws {
        let value = try JSONValue(from: decoder)
        self = try Self(json: value)
    }

    /// Reads a record from a JSON value (an object), as the JSON Lines reader does.
    /// - Throws: `ValidationFailure` listing every missing, mistyped, unknown or not-allowed value.
    public init(json value: JSONValue, file: String? = nil, line: Int? = nil) throws {
        guard case .object(let members) = value else {
            throw ValidationFailure([
                Problem(file: file, line: line, field: "", message: "expected a JSON object, found \(value.typeDescription)")
            ])
        }
        var fields = RecordFields(object: members, file: file, line: line)
        fields.rejectUnknownKeys(Self.keys)
        let record = Self(reading: &fields)
        guard let record, fields.problems.isEmpty else { throw ValidationFailure(fields.problems) }
        self = record
    }

    /// Encodes the record as a JSON object in `keys` order (as far as the encoder keeps order).
    public func encodeShape(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyKey.self)
        for (key, value) in jsonMembers { try container.encode(value, forKey: AnyKey(key)) }
    }

    /// The record as one line of compact JSON (no newline), members in `keys` order.
    public var jsonLine: String {
        var out: [UInt8] = []
        JSONWriter.writeObject(jsonMembers.map { ($0.key, $0.value) }, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}

/// Helpers for building `jsonMembers`.
extension Array where Element == (key: String, value: JSONValue) {
    mutating func add(_ key: String, _ value: String) { append((key, .string(value))) }
    mutating func add(_ key: String, _ value: String?) { if let value { append((key, .string(value))) } }
    mutating func add(_ key: String, _ value: Int?) { if let value { append((key, .integer(value))) } }
    mutating func add(_ key: String, _ value: Int64?) { if let value { append((key, .number(String(value)))) } }
    mutating func add(_ key: String, _ value: Bool) { append((key, .bool(value))) }
    mutating func add(_ key: String, _ value: [String]) { append((key, .array(value.map(JSONValue.string)))) }
    mutating func add<V: Vocabulary>(_ key: String, _ value: V?) { if let value { append((key, .string(value.rawValue))) } }
    mutating func add<V: Vocabulary>(_ key: String, _ value: [V]) {
        append((key, .array(value.map { .string($0.rawValue) })))
    }
}
