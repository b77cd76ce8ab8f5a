/// What a shortlist or schedule run needs to be reproduced and audited: a hash of its inputs, the policy, the
/// solver parameters and the random seed.
public struct RunManifest: Sendable, Hashable, Codable {
    /// "shortlist" or "schedule".
    public var kind: String
    /// FNV-1a (64-bit) of the canonical encoding of the inputs, as 16 hex digits.
    public var inputHash: String
    /// The policy in canonical `key=value` form.
    public var policy: String
    /// Solver parameters in canonical `key=value` form (algorithm, scaling factor, weights).
    public var parameters: String
    public var seed: UInt64

    /// Creates a manifest (e.g. read back from storage).
    public init(kind: String, inputHash: String, policy: String, parameters: String, seed: UInt64) {
        self.kind = kind
        self.inputHash = inputHash
        self.policy = policy
        self.parameters = parameters
        self.seed = seed
    }

    /// The manifest of a shortlist run.
    public static func shortlist(problem: ShortlistProblem, policy: ShortlistPolicy, seed: UInt64 = 0) -> RunManifest {
        var encoder = CanonicalEncoder()
        for participant in problem.participants.sorted(by: { $0.id < $1.id }) {
            encoder.field(
                "participant", participant.id, participant.name, participant.organisation, participant.cluster,
                participant.country, participant.side.rawValue, participant.maxMeetings, participant.minInternational,
                participant.maxPerCluster ?? -1, participant.maxPerCountry ?? -1)
        }
        for candidate in problem.candidates.sorted(by: { ($0.pair, $0.score, $0.sector ?? "") < ($1.pair, $1.score, $1.sector ?? "") }) {
            encoder.field("candidate", candidate.pair.low, candidate.pair.high, candidate.score, candidate.sector ?? "")
        }
        for (label, pairs) in [("conflict", problem.conflicts), ("forced", problem.forced), ("met", problem.metBefore)] {
            for pair in Set(pairs).sorted() { encoder.field(label, pair.low, pair.high) }
        }
        for link in Set(problem.sisterClusters).sorted(by: { ($0.first, $0.second) < ($1.first, $1.second) }) {
            encoder.field("sister", link.first, link.second)
        }
        for sector in Set(problem.sisterOnlySectors).sorted() { encoder.field("sister-only", sector) }
        return RunManifest(
            kind: "shortlist", inputHash: encoder.hash,
            policy:
                "candidate-limit=\(policy.candidateLimit);met-before=\(policy.metBefore.rawValue);follow-up-bonus=\(policy.followUpBonus);fair=\(policy.isFair)",
            parameters: "algorithm=cost-scaling;alpha=16;scale=nodes+1;general=double-cover+greedy-rounding", seed: seed)
    }

    /// The manifest of a schedule run.
    public static func schedule(problem: ScheduleProblem, seed: UInt64 = 0) -> RunManifest {
        var encoder = CanonicalEncoder()
        encoder.field("grid", problem.slotCount, problem.tableCount ?? -1)
        for pair in Set(problem.meetings).sorted() { encoder.field("meeting", pair.low, pair.high) }
        for id in problem.availability.keys.sorted() {
            encoder.field("available", id, problem.availability[id]!.sorted().map(String.init).joined(separator: ","))
        }
        for lock in problem.locked.sorted(by: { ($0.pair, $0.slot, $0.table) < ($1.pair, $1.slot, $1.table) }) {
            encoder.field("locked", lock.pair.low, lock.pair.high, lock.slot, lock.table)
        }
        return RunManifest(
            kind: "schedule", inputHash: encoder.hash, policy: "balance=slots",
            parameters: "bipartite=alternating-paths;general=misra-gries;limited=most-constrained+kempe", seed: seed)
    }
}

/// Builds a canonical byte string (fields separated by unit separators, records by record separators) and hashes
/// it with 64-bit FNV-1a.
struct CanonicalEncoder {
    private var state: UInt64 = 0xcbf2_9ce4_8422_2325

    private mutating func add(_ text: String) {
        for byte in text.utf8 {
            state ^= UInt64(byte)
            state = state &* 0x0000_0100_0000_01b3
        }
    }

    mutating func field(_ label: String, _ values: Any...) {
        add(label)
        for value in values {
            add("\u{1F}")
            add(String(describing: value))
        }
        add("\u{1E}")
    }

    var hash: String {
        let hex = String(state, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

/// FNV-1a (64-bit) of a string's UTF-8 bytes.
public func fnv1a64(_ text: String) -> UInt64 {
    var state: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 {
        state ^= UInt64(byte)
        state = state &* 0x0000_0100_0000_01b3
    }
    return state
}
