/// Logarithm and exponential built only from IEEE-754 basic operations, so results are bit-identical on every platform
/// (libm's `log`/`exp`/`pow` are not required to be correctly rounded and differ between C libraries).
enum PortableMath {
    static let ln2 = 0.693_147_180_559_945_3

    /// Natural logarithm of a positive, normal `x`.
    static func log(_ x: Double) -> Double {
        precondition(x > 0 && x.isFinite, "log of a non-positive or non-finite value")
        var e = Double(Int(x.exponent))
        var m = x.significand  // [1, 2)
        if m > 1.414_213_562_373_095_1 {
            m = m / 2
            e += 1
        }
        let t = (m - 1) / (m + 1)  // |t| < 0.172
        let t2 = t * t
        var term = t
        var sum = 0.0
        var k = 1.0
        for _ in 0..<12 {
            sum += term / k
            term *= t2
            k += 2
        }
        return 2 * sum + e * ln2
    }

    /// e raised to `x`, for |x| up to about 700.
    static func exp(_ x: Double) -> Double {
        let clamped = min(max(x, -700), 700)
        let k = (clamped / ln2).rounded()
        let r = clamped - k * ln2  // |r| <= 0.35
        var term = 1.0
        var sum = 1.0
        for n in 1...16 {
            term = term * r / Double(n)
            sum += term
        }
        return Double(sign: .plus, exponent: Int(k), significand: sum)
    }

    /// `base` raised to `power`, for positive `base`.
    static func pow(_ base: Double, _ power: Double) -> Double {
        exp(power * log(base))
    }
}
