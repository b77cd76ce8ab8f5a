/// Generates deterministic, realistic sample data: clusters, organisations, seeds and needs.
///
/// The same seed gives byte-identical records on every machine: all randomness comes from `Xoshiro256`, and record
/// `i` depends only on the seed and `i` (so the first 1,000 seeds of a 1,000,000-seed run equal a 1,000-seed run).
/// Generation is streaming: `forEachSeed` and `forEachNeed` build one record at a time.
///
/// ```swift
/// let generator = Generator(seed: 42)
/// try generator.forEachSeed(count: 1_000_000) { seed in try writer.write(seed) }
/// ```
public struct Generator: Sendable {
    /// The seed every generated value is derived from.
    public let seed: UInt64
    let world: World
    let lexicon: Lexicon

    /// Creates a generator; building the clusters and organisations takes about a millisecond.
    public init(seed: UInt64) {
        self.seed = seed
        self.world = World(seed: seed)
        self.lexicon = Lexicon.shared
    }

    /// The technology field codes postings use.
    public static let fieldCodes: [String] = World.fieldCodes

    /// The generated clusters (slugs start with `gen-`), in a fixed order.
    public func clusters() -> [ClusterRecord] {
        world.clusters
    }

    /// The generated organisations (slugs start with `gen-`): universities, research institutes and TLOs own seeds,
    /// firms own needs. Each names its cluster by slug.
    public func organisations() -> [OrganisationRecord] {
        world.organisations
    }

    /// The seed record with 0-based `index`; its ref is `G-S-` and the 1-based number in 7 digits.
    public func seedRecord(at index: Int) -> SeedRecord {
        var scratch: [UInt8] = []
        scratch.reserveCapacity(8192)
        return makeSeed(index: index, scratch: &scratch)
    }

    /// The need record with 0-based `index`; its ref is `G-N-` and the 1-based number in 7 digits.
    public func needRecord(at index: Int) -> NeedRecord {
        var scratch: [UInt8] = []
        scratch.reserveCapacity(8192)
        return makeNeed(index: index, scratch: &scratch)
    }

    /// Calls `body` with seeds 0..<count in order, building one at a time (about 13 µs each in release builds).
    /// - Throws: whatever `body` throws; generation stops there.
    public func forEachSeed(count: Int, _ body: (SeedRecord) throws -> Void) rethrows {
        precondition(count >= 0, "forEachSeed: count must not be negative")
        var scratch: [UInt8] = []
        scratch.reserveCapacity(8192)
        for index in 0..<count {
            try body(makeSeed(index: index, scratch: &scratch))
        }
    }

    /// Calls `body` with needs 0..<count in order, building one at a time.
    /// - Throws: whatever `body` throws; generation stops there.
    public func forEachNeed(count: Int, _ body: (NeedRecord) throws -> Void) rethrows {
        precondition(count >= 0, "forEachNeed: count must not be negative")
        var scratch: [UInt8] = []
        scratch.reserveCapacity(8192)
        for index in 0..<count {
            try body(makeNeed(index: index, scratch: &scratch))
        }
    }

    /// The query text of need `index` (title, summary and description), for matcher benchmarks.
    public func queryText(forNeed index: Int) -> String {
        needRecord(at: index).queryText
    }

    /// `G-S-0000001` style references.
    static func ref(prefix: String, index: Int) -> String {
        let number = String(index + 1)
        return prefix + String(repeating: "0", count: max(0, 7 - number.count)) + number
    }
}
