-- The matcher's durable state.
--
-- 1. The analysed form of every seed and need (Matching's AnalyzedDocument in its binary encoding), so that loading
--    the in-memory index skips text analysis. A row is valid for one analyser version and one text: source_hash is
--    md5 of the text it was made from (posting_text_hash below), so a row whose text has changed since, or whose
--    analyser is older than the binary's, is simply not used and is written again by the next load.
-- 2. The materialised top-K match list of every published seed and need, with each pair's explanation.

create function posting_text_hash(title text, summary text, description text, keywords text[]) returns text
language sql immutable parallel safe as $$
    select md5(concat_ws(E'\x1f', title, summary, coalesce(description, ''), array_to_string(keywords, E'\x1e')))
$$;

create table seed_analysis (
    seed_id          bigint primary key references seeds (id) on delete cascade,
    analyzer_version integer not null,
    source_hash      text not null,
    document         bytea not null
);

create table need_analysis (
    need_id          bigint primary key references needs (id) on delete cascade,
    analyzer_version integer not null,
    source_hash      text not null,
    document         bytea not null
);

-- A need's list: its best seeds, rank 1 first. score is the need's-side total, mutual the combined one (null when
-- the seed's side could not be scored); explanation holds every factor's contribution and the shared terms.
create table need_matches (
    need_id     bigint not null references needs (id) on delete cascade,
    rank        integer not null constraint need_match_rank_positive check (rank >= 1),
    seed_id     bigint not null references seeds (id) on delete cascade,
    score       double precision not null constraint need_match_score_range check (score between 0 and 1),
    mutual      double precision constraint need_match_mutual_range check (mutual between 0 and 1),
    boundary    text not null constraint need_match_boundary_known
                check (boundary in ('same-cluster', 'cross-cluster', 'international', 'sister')),
    explanation jsonb not null,
    computed_at timestamptz not null default now(),
    primary key (need_id, rank),
    constraint need_match_pair_once unique (need_id, seed_id)
);
create index need_matches_seed on need_matches (seed_id);

-- A seed's list: its best needs, rank 1 first; score is the seed's-side total.
create table seed_matches (
    seed_id     bigint not null references seeds (id) on delete cascade,
    rank        integer not null constraint seed_match_rank_positive check (rank >= 1),
    need_id     bigint not null references needs (id) on delete cascade,
    score       double precision not null constraint seed_match_score_range check (score between 0 and 1),
    mutual      double precision constraint seed_match_mutual_range check (mutual between 0 and 1),
    boundary    text not null constraint seed_match_boundary_known
                check (boundary in ('same-cluster', 'cross-cluster', 'international', 'sister')),
    explanation jsonb not null,
    computed_at timestamptz not null default now(),
    primary key (seed_id, rank),
    constraint seed_match_pair_once unique (seed_id, need_id)
);
create index seed_matches_need on seed_matches (need_id);

-- One row per full recomputation (`clustermatch match --all`, the worker's periodic re-match).
create table match_runs (
    id               bigint generated always as identity primary key,
    started_at       timestamptz not null,
    finished_at      timestamptz not null default now(),
    list_length      integer not null,
    analyzer_version integer not null,
    policy           jsonb not null,
    seeds            integer not null,
    needs            integer not null,
    pairs            integer not null
);
