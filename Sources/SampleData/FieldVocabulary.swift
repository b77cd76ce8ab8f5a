/// One technical topic of a field: a name and its pool of hand-written technical terms.
struct TopicVocabulary: Sendable {
    let name: String
    let terms: [String]
}

/// The vocabulary of one technology field: topics, applications, and the morphemes of its generated long tail.
struct FieldVocabulary: Sendable {
    /// The field code as stored in the `fields` table.
    let code: String
    /// How the field is named in running text.
    let label: String
    let topics: [TopicVocabulary]
    /// Where a technology is applied ("aircraft engine maintenance").
    let applications: [String]
    /// Head nouns of generated long-tail terms ("coating", "actuator").
    let heads: [String]
    /// Morphemes of generated long-tail words: prefix + root (+ root) + suffix.
    let prefixes: [String]
    let roots: [String]
    let suffixes: [String]

    /// The four fields, in the order of `Vocabulary.fieldCodes`.
    static let all: [FieldVocabulary] = [.aerospace, .biotech, .ict, .nano]
}
