/// The vocabulary and templates compiled to UTF-8 bytes once, shared by every generator.
final class Lexicon: Sendable {
    struct Field: Sendable {
        let code: String
        let label: [UInt8]
        /// Terms of each topic, as bytes and as strings (for keywords).
        let topics: [[[UInt8]]]
        let topicStrings: [[String]]
        let applications: [[UInt8]]
        let heads: [[UInt8]]
        let prefixes: [[UInt8]]
        let roots: [[UInt8]]
        let suffixes: [[UInt8]]
        /// Size of the long-tail word space: prefixes × roots × roots × suffixes.
        let wordSpace: Int
    }

    let fields: [Field]
    let general: [[UInt8]]
    let benefits: [[UInt8]]
    let seedOwners: [[UInt8]]
    let needOwners: [[UInt8]]

    let seedTitles: [Template]
    let needTitles: [Template]
    let titleExtensions: [Template]
    let seedSummaries: [Template]
    let needSummaries: [Template]
    let seedOpeners: [Template]
    let seedBody: [Template]
    let seedClosers: [Template]
    let needOpeners: [Template]
    let needBody: [Template]
    let needClosers: [Template]

    static let shared = Lexicon()

    private init() {
        func bytes(_ list: [String]) -> [[UInt8]] { list.map { Array($0.utf8) } }
        func compile(_ list: [String]) -> [Template] { list.map(Template.init) }
        fields = FieldVocabulary.all.map { field in
            Field(
                code: field.code,
                label: Array(field.label.utf8),
                topics: field.topics.map { bytes($0.terms) },
                topicStrings: field.topics.map(\.terms),
                applications: bytes(field.applications),
                heads: bytes(field.heads),
                prefixes: bytes(field.prefixes),
                roots: bytes(field.roots),
                suffixes: bytes(field.suffixes),
                wordSpace: field.prefixes.count * field.roots.count * field.roots.count * field.suffixes.count
            )
        }
        general = bytes(SharedVocabulary.general)
        benefits = bytes(SharedVocabulary.benefits)
        seedOwners = bytes(SharedVocabulary.seedOwners)
        needOwners = bytes(SharedVocabulary.needOwners)
        seedTitles = compile(Templates.seedTitles)
        needTitles = compile(Templates.needTitles)
        titleExtensions = compile(Templates.titleExtensions)
        seedSummaries = compile(Templates.seedSummaries)
        needSummaries = compile(Templates.needSummaries)
        seedOpeners = compile(Templates.seedOpeners)
        seedBody = compile(Templates.seedBody + Templates.sharedBody)
        seedClosers = compile(Templates.seedClosers)
        needOpeners = compile(Templates.needOpeners)
        needBody = compile(Templates.needBody + Templates.sharedBody)
        needClosers = compile(Templates.needClosers)
    }
}
