/// Storage internals of `SearchIndex`: owned raw buffers, the bulk-built posting store and its block maxima.

/// A growable, heap-allocated buffer of plain values that owns its memory.
///
/// Unlike an `Array`, its element pointer is stable for as long as the object lives and is not appended to,
/// so the search loop can read many buffers at once without escaping pointers from `withUnsafeBufferPointer`.
/// `SearchIndex` keeps value semantics by copying a buffer before appending to it when the buffer is shared
/// (`isKnownUniquelyReferenced`); a buffer that is read is therefore never changed.
final class PostingBuffer<Element: BitwiseCopyable>: @unchecked Sendable {
    private(set) var pointer: UnsafeMutablePointer<Element>
    private(set) var count: Int
    private(set) var capacity: Int

    /// An empty buffer with room for `capacity` elements.
    init(capacity: Int) {
        self.capacity = max(capacity, 1)
        pointer = .allocate(capacity: self.capacity)
        count = 0
    }

    /// A buffer of exactly `count` elements, filled by `initialize` (which must write every element).
    init(count: Int, initialize: (UnsafeMutableBufferPointer<Element>) -> Void) {
        capacity = max(count, 1)
        pointer = .allocate(capacity: capacity)
        self.count = count
        initialize(UnsafeMutableBufferPointer(start: pointer, count: count))
    }

    deinit { pointer.deallocate() }

    /// A copy with its own memory.
    func copy() -> PostingBuffer {
        let result = PostingBuffer(capacity: capacity)
        result.pointer.update(from: pointer, count: count)
        result.count = count
        return result
    }

    @inline(__always)
    func append(_ element: Element) {
        if count == capacity {
            let grown = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
            grown.update(from: pointer, count: count)
            pointer.deallocate()
            pointer = grown
            capacity *= 2
        }
        pointer[count] = element
        count += 1
    }

    /// The elements (valid while this buffer lives and is not appended to).
    var elements: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: pointer, count: count) }

    @inline(__always)
    subscript(i: Int) -> Element { pointer[i] }
}

/// Postings appended to one term since the last bulk build or compaction (ordinals ascending, all larger than
/// the term's base postings).
final class PostingTail: @unchecked Sendable {
    let ordinals: PostingBuffer<UInt32>
    /// Impacts as in `PostingStore`.
    let impacts: PostingBuffer<Float>

    init(capacity: Int = 4) {
        ordinals = PostingBuffer(capacity: capacity)
        impacts = PostingBuffer(capacity: capacity)
    }

    private init(ordinals: PostingBuffer<UInt32>, impacts: PostingBuffer<Float>) {
        self.ordinals = ordinals
        self.impacts = impacts
    }

    func copy() -> PostingTail { PostingTail(ordinals: ordinals.copy(), impacts: impacts.copy()) }

    var count: Int { ordinals.count }
}

/// The bulk-built part of the inverted index, immutable once made: every term's postings in one contiguous
/// ordinal array and one impact array (term `t` at `start[t]..<start[t + 1]`), in blocks of `blockSize` postings
/// whose last ordinals are kept for block-max pruning. A posting's impact is its BM25F pseudo-frequency at the
/// index's scoring averages (`SearchIndex.averages`), so that scoring it reads nothing but the list itself.
final class PostingStore: @unchecked Sendable {
    static let blockShift = 7
    static let blockSize = 1 << blockShift

    let ordinals: PostingBuffer<UInt32>
    let impacts: PostingBuffer<Float>
    /// Posting offsets per term (termCount + 1 entries).
    let start: [Int]
    /// Offsets of each term's first block in `blockLast` (termCount + 1 entries).
    let blockStart: [Int]
    /// The largest ordinal of each block.
    let blockLast: PostingBuffer<UInt32>

    /// The number of terms covered (terms created later have no base postings).
    var termCount: Int { start.count - 1 }
    var postingCount: Int { ordinals.count }

    static let empty = PostingStore(termCount: 0, counts: [], fill: { _, _, _ in })

    /// Builds the store from per-term posting counts; `fill(cursor, ordinals, impacts)` must write every term's
    /// postings in ascending ordinal order at `cursor[t]`, advancing it.
    init(
        termCount: Int, counts: [Int],
        fill: (inout [Int], UnsafeMutableBufferPointer<UInt32>, UnsafeMutableBufferPointer<Float>) -> Void
    ) {
        var start = [Int](repeating: 0, count: termCount + 1)
        var blockStart = [Int](repeating: 0, count: termCount + 1)
        for t in 0..<termCount {
            start[t + 1] = start[t] + counts[t]
            blockStart[t + 1] = blockStart[t] + (counts[t] + Self.blockSize - 1) >> Self.blockShift
        }
        let total = start[termCount]
        var cursor = Array(start.dropLast())
        var impactBuffer: UnsafeMutableBufferPointer<Float>?
        let impacts = PostingBuffer<Float>(count: total) { impactBuffer = $0 }
        ordinals = PostingBuffer<UInt32>(count: total) { fill(&cursor, $0, impactBuffer!) }
        self.impacts = impacts
        let ordinalPointer = ordinals.pointer
        blockLast = PostingBuffer<UInt32>(count: blockStart[termCount]) { last in
            for t in 0..<termCount {
                var b = blockStart[t]
                var p = start[t] + Self.blockSize - 1
                while p < start[t + 1] {
                    last[b] = ordinalPointer[p]
                    b += 1
                    p += Self.blockSize
                }
                if b < blockStart[t + 1] { last[b] = ordinalPointer[start[t + 1] - 1] }
            }
        }
        self.start = start
        self.blockStart = blockStart
    }
}

/// A small open-addressing map from term id to query weight, for scoring documents through the forward index
/// without `Dictionary` hashing.
///
/// Most of a document's terms are not in the query, so a 512-bit filter of the ids (bit `id mod 512`) turns most
/// of them away with one test before any probing.
struct TermWeights {
    private var keys: [Int32]
    private var values: [Double]
    private let mask: Int
    private var filter = [UInt64](repeating: 0, count: 8)

    /// Sums the weights of repeated ids.
    init(_ terms: some Sequence<(id: Int, weight: Double)>, capacity: Int) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = [Int32](repeating: -1, count: size)
        values = [Double](repeating: 0, count: size)
        mask = size - 1
        for (id, weight) in terms {
            var slot = Self.slot(id, mask)
            while keys[slot] != -1 && keys[slot] != Int32(id) { slot = (slot + 1) & mask }
            keys[slot] = Int32(id)
            values[slot] += weight
            filter[(id >> 6) & 7] |= 1 << UInt64(id & 63)
        }
    }

    /// False when term `id` is certainly not in the query; true when it may be.
    @inline(__always)
    func mayContain(_ id: Int) -> Bool { filter[(id >> 6) & 7] & (1 << UInt64(id & 63)) != 0 }

    @inline(__always)
    private static func slot(_ id: Int, _ mask: Int) -> Int { Int((UInt64(id) &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask }

    /// The weight of term `id`, or nil when it is not in the query.
    @inline(__always)
    subscript(id: Int) -> Double? {
        var slot = Self.slot(id, mask)
        while true {
            let key = keys[slot]
            if key == Int32(truncatingIfNeeded: id) { return values[slot] }
            if key == -1 { return nil }
            slot = (slot + 1) & mask
        }
    }
}
