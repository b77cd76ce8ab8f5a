public import Matching

extension Match {
    /// The pair's explanation as a JSON object with a stable key order: boundary, score, from_need, from_seed,
    /// mutual — each score an object of total, contributions by factor and shared_terms (null when that side
    /// could not be scored). This is what `need_matches.explanation` and `seed_matches.explanation` hold.
    public var explanationJSON: String { "{" + explanationMembers + "}" }

    /// The match as one JSON object naming both items: need, seed, then the explanation's members.
    public func json(needRef: String, seedRef: String) -> String {
        "{\"need\":\(JSONText.quote(needRef)),\"seed\":\(JSONText.quote(seedRef))," + explanationMembers + "}"
    }

    private var explanationMembers: String {
        "\"boundary\":\(JSONText.quote(boundary.rawValue)),\"score\":\(JSONText.score(score)),"
            + "\"from_need\":\(JSONText.score(fromNeed)),\"from_seed\":\(JSONText.score(fromSeed)),\"mutual\":\(JSONText.score(mutual))"
    }
}

/// JSON for scores, with members in a fixed order.
enum JSONText {
    static func quote(_ text: String) -> String { JSONValue.string(text).jsonText }

    static func score(_ score: PairScore?) -> String {
        guard let score else { return "null" }
        let contributions = Factor.allCases.map { "\(quote($0.rawValue)):\(score.contributions[$0] ?? 0)" }.joined(separator: ",")
        return "{\"total\":\(score.total),\"contributions\":{\(contributions)},\"shared_terms\":[\(score.sharedTerms.map(quote).joined(separator: ","))]}"
    }
}
