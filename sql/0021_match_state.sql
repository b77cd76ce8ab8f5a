-- Incremental matching: the statistics the stored lists were scored with, and whose matcher they reflect.
--
-- Between full re-matches lists are scored with the corpus statistics frozen at the last full re-match (see
-- Matching's CorpusStatistics), so that one changed posting changes only the lists it can reach; each run keeps its
-- two snapshots, so anyone can recompute the lists exactly as they were made.
alter table match_runs
    add column seed_statistics bytea,
    add column need_statistics bytea;

-- One row: the worker whose in-memory matcher the stored lists reflect (null after `clustermatch match --all`),
-- and a counter that every write of lists advances. A worker keeps lists current incrementally only while the row
-- still names it at the count it wrote last; otherwise it first re-matches everything.
create table match_state (
    singleton boolean primary key default true constraint match_state_one_row check (singleton),
    writer    text,
    sequence  bigint not null default 0,
    written_at timestamptz not null default now()
);
insert into match_state default values;
