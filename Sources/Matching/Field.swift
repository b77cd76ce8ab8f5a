/// A text field of a seed or need; each field is weighted and length-normalised separately by BM25F.
public enum Field: Int, CaseIterable, Sendable, Hashable {
    /// The item's title.
    case title = 0
    /// A short summary or abstract.
    case summary = 1
    /// The long description.
    case description = 2
    /// Keywords or tags, each a short phrase.
    case keywords = 3
}

/// One value for each `Field`, stored inline.
public struct PerField<Value>: Sendable, Equatable, Hashable where Value: Sendable & Hashable {
    /// The title's value.
    public var title: Value
    /// The summary's value.
    public var summary: Value
    /// The description's value.
    public var description: Value
    /// The keywords' value.
    public var keywords: Value

    /// Creates a value for each field.
    public init(title: Value, summary: Value, description: Value, keywords: Value) {
        self.title = title
        self.summary = summary
        self.description = description
        self.keywords = keywords
    }

    /// Creates the same value for every field.
    public init(repeating value: Value) {
        self.init(title: value, summary: value, description: value, keywords: value)
    }

    /// The value of one field.
    public subscript(field: Field) -> Value {
        get {
            switch field {
            case .title: title
            case .summary: summary
            case .description: description
            case .keywords: keywords
            }
        }
        set {
            switch field {
            case .title: title = newValue
            case .summary: summary = newValue
            case .description: description = newValue
            case .keywords: keywords = newValue
            }
        }
    }
}

/// The text of one seed or need, as the analyzer reads it.
public struct DocumentText: Sendable, Equatable, Hashable {
    /// The title.
    public var title: String
    /// A short summary or abstract.
    public var summary: String
    /// The long description.
    public var description: String
    /// Keywords or tags.
    public var keywords: [String]

    /// Creates a document's text; every field may be empty.
    public init(title: String = "", summary: String = "", description: String = "", keywords: [String] = []) {
        self.title = title
        self.summary = summary
        self.description = description
        self.keywords = keywords
    }
}
