/// One side of the matcher (all seeds or all needs): the text index plus each item's structured profile.
///
/// An item's analysed text is not kept beside the index (at a million items it would take several times the
/// index's memory); `document(_:)` reads it back from the index's forward lists.
///
/// Each indexed item is tagged in the index with its location and openness (`SearchIndex.setTag`), so that the
/// other side's default filter decides from the tag alone (`Matcher`) instead of looking the profile up for every
/// candidate; profiles therefore change only through this type.
public struct MatchCorpus<Profile: LocatedProfile>: Sendable {
    /// The text index of the items.
    public var index: SearchIndex
    /// Each item's profile by id; an indexed item without a profile is never matched.
    public private(set) var profiles: [Int64: Profile]
    /// The distinct locations of the items, in order of first sight: an item's tag is its location's position
    /// × 2, plus 1 when it is open (so 0 and every even tag: not open, or no profile).
    public private(set) var locations: [(cluster: String, country: String)] = []
    private var locationCodes: [String: UInt32] = [:]

    /// Creates a corpus from parts that agree on ids.
    public init(index: SearchIndex, profiles: [Int64: Profile]) {
        self.index = index
        self.profiles = profiles
        for (id, profile) in profiles { self.index.setTag(tag(for: profile), of: id) }
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
        index.add(id, document)
        setProfile(profile, of: id)
    }

    /// Replaces an item's profile (its text stays as indexed).
    public mutating func setProfile(_ profile: Profile, of id: Int64) {
        profiles[id] = profile
        index.setTag(tag(for: profile), of: id)
    }

    /// Removes an item; returns false when it was not there.
    @discardableResult
    public mutating func remove(_ id: Int64) -> Bool {
        let hadProfile = profiles.removeValue(forKey: id) != nil
        return index.remove(id) || hadProfile
    }

    /// Which tags a filter on locations allows: the open items at a location `allows` accepts.
    func allowedTags(_ allows: ((cluster: String, country: String)) -> Bool) -> [Bool] {
        locations.flatMap { [false, allows($0)] }
    }

    /// A profile's tag, its location coded on first sight.
    private mutating func tag(for profile: Profile) -> UInt32 {
        let location = profile.location
        let key = location.cluster + "\u{1}" + location.country
        let code: UInt32
        if let known = locationCodes[key] {
            code = known
        } else {
            code = UInt32(locations.count)
            locations.append(location)
            locationCodes[key] = code
        }
        return code << 1 | (profile.isOpen ? 1 : 0)
    }
}

/// A profile with what the default match filter reads of it besides the other side's wishes: where the item is,
/// and whether it may be matched.
public protocol LocatedProfile: Sendable {
    /// The item's cluster id (slug) and country code.
    var location: (cluster: String, country: String) { get }
    /// True when the item may be matched.
    var isOpen: Bool { get }
}

extension SeedProfile: LocatedProfile {}
extension NeedProfile: LocatedProfile {}
