/// A xoshiro256** pseudo-random generator whose output depends only on its seed, on every platform and Swift version.
///
/// The generator never uses the standard library's `random(in:using:)` helpers, whose algorithms may change between
/// releases: draws go through `below(_:)`, `unit()` and friends defined here.
public struct Xoshiro256: RandomNumberGenerator, Sendable {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    /// Creates a generator whose four state words are expanded from `seed` with SplitMix64.
    public init(seed: UInt64) {
        var mix = SplitMix64(state: seed)
        s0 = mix.next()
        s1 = mix.next()
        s2 = mix.next()
        s3 = mix.next()
    }

    /// Creates a generator for one item of one stream: the same (seed, stream, index) always gives the same draws.
    public init(seed: UInt64, stream: UInt64, index: UInt64) {
        let a = SplitMix64.mix(seed &+ 0x9E37_79B9_7F4A_7C15 &* (stream &+ 1))
        self.init(seed: SplitMix64.mix(a ^ (index &* 0xD1B5_4A32_D192_ED03)))
    }

    /// Returns the next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = s3 << 45 | s3 >> 19
        return result
    }

    /// Returns an integer in `0..<bound` (multiply-high; the bias is below bound / 2^64). `bound` must be positive.
    @inline(__always)
    public mutating func below(_ bound: Int) -> Int {
        Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// Returns an integer in `range`.
    @inline(__always)
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// Returns a double in [0, 1) with 53 random bits.
    @inline(__always)
    public mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Returns true with probability `p`.
    @inline(__always)
    public mutating func chance(_ p: Double) -> Bool {
        unit() < p
    }

    /// Returns a random element of a non-empty array.
    @inline(__always)
    public mutating func pick<T>(_ items: [T]) -> T {
        items[below(items.count)]
    }

    /// Returns a standard normal variate (Marsaglia's polar method, using the portable `PortableMath.log`).
    public mutating func normal() -> Double {
        while true {
            let u = 2 * unit() - 1
            let v = 2 * unit() - 1
            let s = u * u + v * v
            if s > 0 && s < 1 {
                return u * (-2 * PortableMath.log(s) / s).squareRoot()
            }
        }
    }

    /// Returns a lognormal variate with the given median and shape `sigma`.
    public mutating func logNormal(median: Double, sigma: Double) -> Double {
        median * PortableMath.exp(sigma * normal())
    }
}

/// SplitMix64, used to expand seeds into generator state.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    /// The current state; each call to `next()` advances it by the golden-ratio increment.
    public var state: UInt64

    /// Creates a generator starting at `state`.
    public init(state: UInt64) {
        self.state = state
    }

    /// Returns the next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return SplitMix64.mix(state)
    }

    /// The SplitMix64 finaliser: a bijective scrambling of 64 bits.
    @inline(__always)
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
