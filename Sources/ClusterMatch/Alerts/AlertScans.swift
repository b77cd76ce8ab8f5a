public import Postgres

/// Turns subscriptions into notifications: new matches above a subscription's score, and cluster digests.
public enum AlertScans {
    /// Matches computed this long before a scan are looked at again by the next one, so a match list written by a
    /// transaction that was still open during a scan is not missed (notifications are deduplicated, so nothing is
    /// sent twice).
    public static let overlapSeconds = 600

    /// Writes a `new-match` notification for every pair that entered a subscribed need's (or seed's) match list at
    /// the subscription's `min_score` or above since the previous scan, once per subscription and pair, and moves
    /// the subscriptions' scan mark. Reads `need_matches` and `seed_matches` (`sql/0005_matches.sql`). Run it in a
    /// transaction (the `alerts.scan` job does).
    /// - Returns: how many notifications were written.
    public static func scanNewMatches(on connection: Connection) async throws -> Int {
        var written = 0
        for (kind, list, own, other, ownTable, otherTable, otherItem) in [
            ("need-matches", "need_matches", "need_id", "seed_id", "needs", "seeds", "seed"),
            ("seed-matches", "seed_matches", "seed_id", "need_id", "seeds", "needs", "need"),
        ] {
            written += try await connection.query(
                """
                with subs as (
                    select id, subscriber, \(own), min_score, channel, webhook_url, scanned_until from subscriptions
                    where active and kind = '\(kind)'
                    for update skip locked
                ), found as (
                    select s.id as sub, s.subscriber, s.channel, s.webhook_url, m.\(own) as own_id, m.\(other) as other_id,
                        m.score, m.rank, m.boundary, mine.ref as own_ref, theirs.ref as other_ref, theirs.title as other_title
                    from subs s
                    join \(list) m on m.\(own) = s.\(own) and m.score >= s.min_score and m.computed_at > s.scanned_until
                    join \(ownTable) mine on mine.id = m.\(own)
                    join \(otherTable) theirs on theirs.id = m.\(other) and theirs.status = 'published'
                ), inserted as (
                    insert into notifications (recipient, kind, subject, body, dedup_key, subscription_id, channel, webhook_url)
                    select subscriber, 'new-match',
                        'New \(otherItem) ' || other_ref || ' for ' || own_ref || ' (score ' || round(score::numeric, 2) || ')',
                        jsonb_build_object('for', own_ref, 'for_id', own_id, '\(otherItem)', other_ref, '\(otherItem)_id', other_id,
                            'title', other_title, 'score', score, 'rank', rank, 'boundary', boundary),
                        'new-match:' || sub || ':' || own_id || ':' || other_id, sub, channel, webhook_url
                    from found order by sub, rank
                    on conflict (dedup_key) do nothing
                    returning 1
                ), advanced as (
                    update subscriptions set scanned_until = greatest(scanned_until, now() - make_interval(secs => $1))
                    where id in (select id from subs)
                )
                select count(*)::int from inserted
                """, [overlapSeconds])[0].decode(Int.self, at: 0)
        }
        return written
    }

    /// Writes a `digest` notification for every cluster-digest subscription that is due: the cluster's seeds and
    /// needs published since the previous digest, each with its best match, then moves the digest mark. Run it in a
    /// transaction (the `alerts.digest` job does).
    /// - Returns: how many digests were written.
    public static func writeDigests(on connection: Connection) async throws -> Int {
        try await connection.query(
            """
            with due as (
                select s.id, s.subscriber, s.cluster_id, s.channel, s.webhook_url, s.last_digest_at, c.slug
                from subscriptions s join clusters c on c.id = s.cluster_id
                where s.active and s.kind = 'cluster-digest' and s.last_digest_at + s.digest_every <= now()
                for update of s skip locked
            ), digest as (
                select d.*,
                    coalesce((select jsonb_agg(jsonb_build_object('ref', sd.ref, 'title', sd.title, 'best_need', bn.ref,
                                    'score', m.score) order by sd.id)
                              from seeds sd join organisations o on o.id = sd.organisation_id
                              left join seed_matches m on m.seed_id = sd.id and m.rank = 1
                              left join needs bn on bn.id = m.need_id
                              where o.cluster_id = d.cluster_id and sd.status = 'published' and sd.published_at > d.last_digest_at),
                             '[]') as seeds,
                    coalesce((select jsonb_agg(jsonb_build_object('ref', n.ref, 'title', n.title, 'best_seed', bs.ref,
                                    'score', m.score) order by n.id)
                              from needs n join organisations o on o.id = n.organisation_id
                              left join need_matches m on m.need_id = n.id and m.rank = 1
                              left join seeds bs on bs.id = m.seed_id
                              where o.cluster_id = d.cluster_id and n.status = 'published' and n.published_at > d.last_digest_at),
                             '[]') as needs
                from due d
            ), inserted as (
                insert into notifications (recipient, kind, subject, body, dedup_key, subscription_id, channel, webhook_url)
                select subscriber, 'digest',
                    'Digest for ' || slug || ': ' || jsonb_array_length(seeds) || ' new seeds, ' || jsonb_array_length(needs) || ' new needs',
                    jsonb_build_object('cluster', slug, 'since', last_digest_at, 'seeds', seeds, 'needs', needs),
                    'digest:' || id || ':' || extract(epoch from last_digest_at)::bigint, id, channel, webhook_url
                from digest
                on conflict (dedup_key) do nothing
                returning 1
            ), advanced as (
                update subscriptions set last_digest_at = now() where id in (select id from due)
            )
            select count(*)::int from inserted
            """)[0].decode(Int.self, at: 0)
    }
}
