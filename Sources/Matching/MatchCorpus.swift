/// One side of the matcher (all seeds or all needs): the text index plus each item's structured profile and
/// analysed text.
public struct MatchCorpus<Profile: Sendable>: Sendable {
    /// The text index of the items.
    public var index: SearchIndex
    /// Each item's profile by id; an indexed item without a profile is never matched.
    public var profiles: [Int64: Profile]
    /// Each item's analysed text by id (queries built from it, original words for explanations).
    public var documents: [Int64: AnalyzedDocument]

    /// Creates a corpus from parts that agree on ids.
    public init(index: SearchIndex, profiles: [Int64: Profile], documents: [Int64: AnalyzedDocument]) {
        self.index = index
        self.profiles = profiles
        self.documents = documents
    }

    /// Analyses and indexes items (a later item with the same id replaces an earlier one).
    public init(
        _ items: some Sequence<(id: Int64, profile: Profile, text: DocumentText)>,
        configuration: RelevanceConfiguration = .production, analyzer: Analyzer = Analyzer()
    ) {
        var profiles: [Int64: Profile] = [:]
        var documents: [Int64: AnalyzedDocument] = [:]
        for item in items {
            profiles[item.id] = item.profile
            documents[item.id] = analyzer.analyze(item.text)
        }
        self.init(
            index: SearchIndex(configuration: configuration, documents: documents.map { (id: $0.key, document: $0.value) }),
            profiles: profiles, documents: documents)
    }
}
