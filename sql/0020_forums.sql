-- 0020 forums: brokerage forums with sector break-out groups, a slot grid and tables; the organisations taking
-- part (with the people attending, their sectors, availability and limits); conflicts, forced pairs and history;
-- and every shortlist and schedule run with its manifest, pairs and meetings.
--
-- Numbers 0005–0019 are reserved for other work; the migrator orders by number and gaps are fine.

create table forums (
    id             bigint generated always as identity primary key,
    slug           text not null constraint forum_slug_unique unique
                   constraint forum_slug_format check (slug ~ '^[a-z0-9][a-z0-9-]{1,63}$'),
    name           text not null constraint forum_name_length check (length(name) between 1 and 200),
    starts_on      date not null,
    ends_on        date not null,
    place          text not null default '',
    -- The slot grid: slot 1 starts at first_slot_at; each slot lasts slot_minutes; breaks add time after a slot.
    first_slot_at  timestamptz not null,
    slot_count     integer not null constraint forum_slot_count_range check (slot_count between 1 and 200),
    slot_minutes   integer not null constraint forum_slot_minutes_range check (slot_minutes between 5 and 240),
    table_count    integer constraint forum_table_count_range check (table_count between 1 and 10000),
    met_before     text not null default 'skip' constraint forum_met_before_known check (met_before in ('skip', 'follow-up', 'ignore')),
    created_at     timestamptz not null default now(),
    constraint forum_dates_ordered check (ends_on >= starts_on)
);

-- Break-out groups by field; a sister-only sector seats only pairs from sister clusters.
create table forum_sectors (
    forum_id    bigint not null references forums (id) on delete cascade,
    field       text not null constraint forum_sector_field_known references fields (code),
    name        text not null constraint forum_sector_name_length check (length(name) between 1 and 200),
    sister_only boolean not null default false,
    primary key (forum_id, field)
);

create table forum_breaks (
    forum_id   bigint not null references forums (id) on delete cascade,
    after_slot integer not null constraint forum_break_slot_positive check (after_slot >= 1),
    minutes    integer not null constraint forum_break_minutes_range check (minutes between 1 and 600),
    primary key (forum_id, after_slot)
);

-- One row per organisation taking part.
create table forum_participants (
    id               bigint generated always as identity primary key,
    forum_id         bigint not null references forums (id) on delete cascade,
    organisation_id  bigint not null references organisations (id),
    side             text not null default 'either'
                     constraint forum_participant_side_known check (side in ('seed-holder', 'need-holder', 'either')),
    max_meetings     integer not null constraint forum_participant_max_meetings_range check (max_meetings between 0 and 100),
    min_international integer not null default 0
                     constraint forum_participant_min_international_range check (min_international between 0 and max_meetings),
    max_per_cluster  integer constraint forum_participant_max_per_cluster_positive check (max_per_cluster >= 1),
    max_per_country  integer constraint forum_participant_max_per_country_positive check (max_per_country >= 1),
    sectors          text[] not null default '{}',
    constraint forum_participant_unique unique (forum_id, organisation_id)
);

-- The people attending for a participant.
create table forum_attendees (
    participant_id bigint not null references forum_participants (id) on delete cascade,
    person_id      bigint not null references people (id),
    primary key (participant_id, person_id)
);

-- The slots a participant can attend; a participant without rows attends every slot.
create table forum_availability (
    participant_id bigint not null references forum_participants (id) on delete cascade,
    slot           integer not null constraint forum_availability_slot_positive check (slot >= 1),
    primary key (participant_id, slot)
);

-- Pairs that must not meet, and pairs that must; stored once, smaller participant id first.
create table forum_conflicts (
    participant_a bigint not null references forum_participants (id) on delete cascade,
    participant_b bigint not null references forum_participants (id) on delete cascade,
    primary key (participant_a, participant_b),
    constraint forum_conflict_ordered check (participant_a < participant_b)
);

create table forum_forced_pairs (
    participant_a bigint not null references forum_participants (id) on delete cascade,
    participant_b bigint not null references forum_participants (id) on delete cascade,
    primary key (participant_a, participant_b),
    constraint forum_forced_ordered check (participant_a < participant_b)
);

-- Organisations that met before at forums not recorded here (meetings of recorded forums count too).
create table forum_history (
    organisation_a bigint not null references organisations (id),
    organisation_b bigint not null references organisations (id),
    note           text not null default '',
    primary key (organisation_a, organisation_b),
    constraint forum_history_ordered check (organisation_a < organisation_b)
);

-- Each shortlist or schedule run, with what is needed to reproduce and audit it.
create table forum_runs (
    id          bigint generated always as identity primary key,
    forum_id    bigint not null references forums (id) on delete cascade,
    kind        text not null constraint forum_run_kind_known check (kind in ('shortlist', 'schedule')),
    input_hash  text not null constraint forum_run_input_hash_format check (input_hash ~ '^[0-9a-f]{16}$'),
    policy      text not null,
    parameters  text not null,
    seed        bigint not null default 0,
    summary     jsonb not null default '{}' constraint forum_run_summary_object check (jsonb_typeof(summary) = 'object'),
    created_at  timestamptz not null default now()
);
create index forum_runs_forum on forum_runs (forum_id, kind, id);

create table forum_shortlist_pairs (
    run_id        bigint not null references forum_runs (id) on delete cascade,
    participant_a bigint not null references forum_participants (id) on delete cascade,
    participant_b bigint not null references forum_participants (id) on delete cascade,
    score         integer not null constraint forum_pair_score_nonnegative check (score >= 0),
    sector        text,
    is_forced     boolean not null default false,
    primary key (run_id, participant_a, participant_b),
    constraint forum_pair_ordered check (participant_a < participant_b)
);

create table forum_meetings (
    run_id        bigint not null references forum_runs (id) on delete cascade,
    participant_a bigint not null references forum_participants (id) on delete cascade,
    participant_b bigint not null references forum_participants (id) on delete cascade,
    slot          integer not null constraint forum_meeting_slot_positive check (slot >= 1),
    table_number  integer not null constraint forum_meeting_table_positive check (table_number >= 1),
    is_locked     boolean not null default false,
    primary key (run_id, participant_a, participant_b),
    constraint forum_meeting_ordered check (participant_a < participant_b),
    constraint forum_meeting_table_unique unique (run_id, slot, table_number)
);

-- Meetings a schedule run could not place, with the reason.
create table forum_unplaced (
    run_id        bigint not null references forum_runs (id) on delete cascade,
    participant_a bigint not null references forum_participants (id) on delete cascade,
    participant_b bigint not null references forum_participants (id) on delete cascade,
    reason        text not null,
    primary key (run_id, participant_a, participant_b)
);

-- Nobody is double-booked within a schedule run.
create function forum_meetings_check() returns trigger language plpgsql as $$
begin
    if exists (
        select 1 from forum_meetings m
        where m.run_id = new.run_id and m.slot = new.slot
          and (m.participant_a, m.participant_b) <> (new.participant_a, new.participant_b)
          and (m.participant_a in (new.participant_a, new.participant_b) or m.participant_b in (new.participant_a, new.participant_b))
    ) then
        raise exception 'a participant of meeting % – % already has a meeting in slot %', new.participant_a, new.participant_b, new.slot
            using errcode = 'exclusion_violation', constraint = 'forum_meeting_no_double_booking';
    end if;
    return new;
end $$;
create trigger forum_meetings_check before insert or update on forum_meetings for each row execute function forum_meetings_check();
create index forum_meetings_slot on forum_meetings (run_id, slot);
