import Foundation
public import Postgres

/// A saved alert (`subscriptions`).
public struct Subscription: Sendable, Equatable {
    /// What it watches.
    public enum Kind: String, Sendable, CaseIterable {
        /// Seeds entering a need's match list at `minScore` or above.
        case needMatches = "need-matches"
        /// Needs entering a seed's match list at `minScore` or above.
        case seedMatches = "seed-matches"
        /// Every `digestEvery`, a cluster's new postings with their best matches.
        case clusterDigest = "cluster-digest"
    }

    /// Its id once saved.
    public var id: Int64?
    /// Who gets the notifications (an email address; `clustermatch inbox --for` shows them).
    public var subscriber: String
    /// What it watches.
    public var kind: Kind
    /// The need (need-matches), seed (seed-matches) or cluster (cluster-digest), by ref or slug.
    public var target: String
    /// The lowest score that notifies.
    public var minScore: Double
    /// Seconds between digests.
    public var digestEverySeconds: Int
    /// Where its notifications go.
    public var channel: NotificationChannel
    /// The webhook (channel `webhook`).
    public var webhookURL: String?
    /// Whether it notifies.
    public var isActive: Bool

    /// Describes a subscription.
    public init(
        subscriber: String, kind: Kind, target: String, minScore: Double = 0.6, digestEverySeconds: Int = 7 * 86_400,
        channel: NotificationChannel = .inbox, webhookURL: String? = nil
    ) {
        self.id = nil
        self.subscriber = subscriber
        self.kind = kind
        self.target = target
        self.minScore = minScore
        self.digestEverySeconds = digestEverySeconds
        self.channel = channel
        self.webhookURL = webhookURL
        self.isActive = true
    }
}

/// Saved subscriptions. Each function runs one statement on the connection's thread.
public enum SubscriptionStore {
    /// Saves a subscription; returns its id.
    /// - Throws: ``StoreError`` when the target does not exist; `PostgresError` for a broken rule (score range, URL).
    public static func add(_ subscription: Subscription, on connection: Connection) async throws -> Int64 {
        let row = try await connection.query(
            """
            insert into subscriptions (subscriber, kind, need_id, seed_id, cluster_id, min_score, digest_every, channel, webhook_url)
            select $1, $2,
                case when $2 = 'need-matches' then (select id from needs where ref = $3) end,
                case when $2 = 'seed-matches' then (select id from seeds where ref = $3) end,
                case when $2 = 'cluster-digest' then (select id from clusters where slug = $3) end,
                $4, $5 * interval '1 second', $6, $7
            where case $2 when 'need-matches' then exists (select 1 from needs where ref = $3)
                          when 'seed-matches' then exists (select 1 from seeds where ref = $3)
                          else exists (select 1 from clusters where slug = $3) end
            returning id
            """,
            [subscription.subscriber, subscription.kind.rawValue, subscription.target, subscription.minScore,
             subscription.digestEverySeconds, subscription.channel.rawValue, subscription.webhookURL])
        guard let id = try row.first?.decode(Int64.self, at: 0) else {
            switch subscription.kind {
            case .needMatches: throw StoreError.notFound(.need, subscription.target)
            case .seedMatches: throw StoreError.notFound(.seed, subscription.target)
            case .clusterDigest: throw StoreError.unknown("cluster", subscription.target)
            }
        }
        return id
    }

    /// The subscriptions, optionally of one subscriber.
    public static func list(subscriber: String? = nil, on connection: Connection) async throws -> [Subscription] {
        try await connection.query(
            """
            select s.id, s.subscriber, s.kind, coalesce(n.ref, sd.ref, c.slug), s.min_score,
                extract(epoch from s.digest_every)::bigint, s.channel, s.webhook_url, s.active
            from subscriptions s left join needs n on n.id = s.need_id left join seeds sd on sd.id = s.seed_id
                left join clusters c on c.id = s.cluster_id
            where $1::text is null or s.subscriber = $1 order by s.id
            """, [subscriber]
        ).map { row in
            var subscription = Subscription(
                subscriber: try row.decode(at: 1), kind: Subscription.Kind(rawValue: try row.decode(String.self, at: 2)) ?? .needMatches,
                target: try row.decode(at: 3), minScore: try row.decode(at: 4), digestEverySeconds: try row.decode(at: 5),
                channel: NotificationChannel(rawValue: try row.decode(String.self, at: 6)) ?? .inbox, webhookURL: try row.decode(at: 7))
            subscription.id = try row.decode(at: 0)
            subscription.isActive = try row.decode(at: 8)
            return subscription
        }
    }

    /// Deletes a subscription; returns whether it existed.
    @discardableResult
    public static func remove(_ id: Int64, on connection: Connection) async throws -> Bool {
        try await connection.execute("delete from subscriptions where id = $1", [id]) == 1
    }
}
