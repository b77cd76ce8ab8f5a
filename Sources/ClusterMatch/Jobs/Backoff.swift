/// The pause before a failed job runs again: attempt⁴ seconds, ±10 % at random, at most 6 hours.
public struct Backoff: Sendable, Equatable {
    /// Multiplies every delay (1 in production; tests use a small scale so retries don't make them slow).
    public var scale: Double
    /// The longest pause, before jitter and scale.
    public var cap: Duration

    /// The production backoff unless `scale` says otherwise.
    public init(scale: Double = 1, cap: Duration = .seconds(6 * 3600)) {
        self.scale = scale
        self.cap = cap
    }

    /// The delay after the failed run numbered `attempt` (from 1), in seconds, with `unit` in [0, 1) choosing the
    /// jitter (0 → −10 %, 0.5 → exact, 1 → +10 %).
    public func seconds(afterAttempt attempt: Int, unit: Double) -> Double {
        let base = Double(max(attempt, 1))
        let capSeconds = cap.inSeconds
        let raw = min(base * base * base * base, capSeconds)
        return raw * (0.9 + 0.2 * unit) * scale
    }

    /// The delay after the failed run numbered `attempt`, with random jitter.
    public func seconds(afterAttempt attempt: Int) -> Double {
        seconds(afterAttempt: attempt, unit: Double.random(in: 0..<1))
    }
}
