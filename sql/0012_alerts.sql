-- Alerts: saved subscriptions, and the notification outbox that the worker fills (expiry notices, new matches,
-- digests) and delivers. A notification is written once (dedup_key), in the transaction of whatever caused it; one
-- that must leave the database (channel 'sink' or 'webhook') enqueues its `notifications.deliver` job in that same
-- transaction, and the job queue's retries and backoff do the rest. 'inbox' notifications are only read with
-- `clustermatch inbox`.

create table subscriptions (
    id              bigint generated always as identity primary key,
    subscriber      text not null constraint subscription_subscriber_length check (length(subscriber) between 3 and 320),
    -- need-matches: seeds entering a need's list at min_score or above; seed-matches: the other direction;
    -- cluster-digest: every digest_every, the new postings of a cluster and their best matches.
    kind            text not null constraint subscription_kind_known check (kind in ('need-matches', 'seed-matches', 'cluster-digest')),
    need_id         bigint references needs (id) on delete cascade,
    seed_id         bigint references seeds (id) on delete cascade,
    cluster_id      bigint references clusters (id) on delete cascade,
    min_score       double precision not null default 0.6 constraint subscription_min_score_range check (min_score between 0 and 1),
    digest_every    interval not null default '7 days' constraint subscription_digest_every_range check (digest_every >= interval '1 minute'),
    channel         text not null default 'inbox' constraint subscription_channel_known check (channel in ('inbox', 'sink', 'webhook')),
    webhook_url     text constraint subscription_webhook_url check (
                        (channel = 'webhook') = (webhook_url is not null) and (webhook_url is null or webhook_url ~ '^https?://')),
    active          boolean not null default true,
    created_at      timestamptz not null default now(),
    -- Matches computed after this were not yet looked at; digests cover postings created after last_digest_at.
    scanned_until   timestamptz not null default now(),
    last_digest_at  timestamptz not null default now(),
    constraint subscription_target check (
        (kind = 'need-matches' and need_id is not null and seed_id is null and cluster_id is null)
        or (kind = 'seed-matches' and seed_id is not null and need_id is null and cluster_id is null)
        or (kind = 'cluster-digest' and cluster_id is not null and need_id is null and seed_id is null))
);
create index subscriptions_need on subscriptions (need_id) where active and kind = 'need-matches';
create index subscriptions_seed on subscriptions (seed_id) where active and kind = 'seed-matches';

create table notifications (
    id              bigint generated always as identity primary key,
    recipient       text not null,
    kind            text not null constraint notification_kind_known
                    check (kind in ('expiry-notice', 'expired', 'archived', 'new-match', 'digest')),
    subject         text not null,
    body            jsonb not null default '{}',
    -- Makes writing a notification idempotent: the same event never notifies twice.
    dedup_key       text not null constraint notification_dedup_key_unique unique,
    subscription_id bigint references subscriptions (id) on delete set null,
    channel         text not null default 'inbox' constraint notification_channel_known check (channel in ('inbox', 'sink', 'webhook')),
    webhook_url     text,
    created_at      timestamptz not null default now(),
    delivered_at    timestamptz,
    delivery_attempts integer not null default 0,
    last_error      text,
    read_at         timestamptz
);
create index notifications_recipient on notifications (recipient, id desc);

create function notifications_enqueue_delivery() returns trigger language plpgsql as $$
begin
    insert into jobs (queue, kind, payload, unique_key, max_attempts)
    select 'alerts', 'notifications.deliver', jsonb_build_object('id', id), 'deliver:' || id, 12
    from new_rows where channel <> 'inbox' order by id;
    return null;
end $$;
create trigger notifications_enqueue_delivery after insert on notifications referencing new table as new_rows
    for each statement execute function notifications_enqueue_delivery();
