/// A JSON value kept exactly as written: numbers keep their literal text, so figures round-trip unchanged.
public enum JSONValue: Sendable, Hashable, Codable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number, as its JSON literal text (`30`, `1.5e3`).
    case number(String)
    /// A string.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object; key order is not kept (the writers sort keys).
    case object([String: JSONValue])

    /// A number from an integer.
    public static func integer(_ value: Int) -> JSONValue { .number(String(value)) }

    /// The name of the value's JSON type, for messages (`a string`, `a number`).
    public var typeDescription: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// The value as compact JSON text with sorted object keys and non-ASCII characters written as themselves.
    public var jsonText: String {
        var out: [UInt8] = []
        JSONWriter.write(self, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Parses one JSON value from text.
    /// - Throws: `ValidationFailure` with one problem describing the syntax error.
    public init(parsing text: String) throws(ValidationFailure) {
        var parser = JSONParser(Array(text.utf8))
        do {
            self = try parser.parseDocument()
        } catch {
            throw ValidationFailure([Problem(field: "", message: error.message)])
        }
    }

    /// Decodes any JSON value (strings are tried first, as they are the most common).
    public init(from decoder: any Decoder) throws {
        let single = try decoder.singleValueContainer()
        if single.decodeNil() {
            self = .null
        } else if let value = try? single.decode(String.self) {
            self = .string(value)
        } else if let object = try? decoder.container(keyedBy: AnyKey.self) {
            var members: [String: JSONValue] = [:]
            for key in object.allKeys { members[key.stringValue] = try object.decode(JSONValue.self, forKey: key) }
            self = .object(members)
        } else if var array = try? decoder.unkeyedContainer() {
            var items: [JSONValue] = []
            while !array.isAtEnd { items.append(try array.decode(JSONValue.self)) }
            self = .array(items)
        } else if let value = try? single.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? single.decode(Int64.self) {
            self = .number(String(value))
        } else {
            self = .number(String(try single.decode(Double.self)))
        }
    }

    /// Encodes the value; numbers become integers when they are whole and fit, otherwise doubles.
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .null:
            var single = encoder.singleValueContainer()
            try single.encodeNil()
        case .bool(let value):
            var single = encoder.singleValueContainer()
            try single.encode(value)
        case .number(let text):
            var single = encoder.singleValueContainer()
            if let value = Int64(text) { try single.encode(value) } else { try single.encode(Double(text) ?? 0) }
        case .string(let value):
            var single = encoder.singleValueContainer()
            try single.encode(value)
        case .array(let items):
            var array = encoder.unkeyedContainer()
            for item in items { try array.encode(item) }
        case .object(let members):
            var object = encoder.container(keyedBy: AnyKey.self)
            for key in members.keys.sorted() { try object.encode(members[key]!, forKey: AnyKey(key)) }
        }
    }
}

/// A coding key made from any string.
struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
