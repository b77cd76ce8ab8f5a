/// One side of the matcher (all seeds or all needs): the text index plus each item's structured profile.
///
/// An item's analysed text is not kept beside the index (at a million items it would take several times the
/// index's memory); `document(_:)` reads it back from the index's forward lists.
public struct MatchCorpus<Profile: Sendable>: Sendable {
    /// The text index of the items.
    public var index: SearchIndex
    /// Each item's profile by id; an indexed item without a profile is never matched.
    public var profiles: [Int64: Profile]

    /// Creates a corpus from parts that agree on ids.
    public init(index: SearchIndex, profiles: [Int64: Profile]) {
        self.index = index
        self.profiles = profiles
    }

    /// Analyses and indexes items (a later item with the same id replaces an earlier one).
    public init(
        _ items: some Sequence<(id: Int64, profile: Profile, text: DocumentText)>,
        configuration: RelevanceConfiguration = .production, analyzer: Analyzer = Analyzer()
    ) {
        var profiles: [Int64: Profile] = [:]
        var builder = SearchIndex.Builder(configuration: configuration)
        for item in items {
            profiles[item.id] = item.profile
            builder.add(item.id, analyzer.analyze(item.text))
        }
        self.init(index: builder.build(), profiles: profiles)
    }

    /// An item's analysed text as the index holds it (see `SearchIndex.document(_:)`), or nil when not indexed.
    public func document(_ id: Int64) -> AnalyzedDocument? { index.document(id) }

    /// Adds an item or replaces the item with the same id.
    public mutating func upsert(_ id: Int64, profile: Profile, document: AnalyzedDocument) {
        profiles[id] = profile
        index.add(id, document)
    }

    /// Removes an item; returns false when it was not there.
    @discardableResult
    public mutating func remove(_ id: Int64) -> Bool {
        let hadProfile = profiles.removeValue(forKey: id) != nil
        return index.remove(id) || hadProfile
    }
}
