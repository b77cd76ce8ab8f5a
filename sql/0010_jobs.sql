-- The job queue. A job is a row; workers claim pending rows with FOR UPDATE SKIP LOCKED in one short statement (no
-- transaction stays open while a job runs) and finish them in batches. Every transition out of 'running' checks the
-- owner and the attempt, so a late answer from a worker that lost its lease changes nothing.
--
--   pending ──claim──▶ running ──▶ succeeded
--      ▲                  │ ├────▶ discarded   (attempts used up, or the job said "never retry")
--      └──retry/snooze/───┘ └────▶ cancelled   (by an operator, or superseded by a newer pending unique job)
--         release/rescue
create table jobs (
    id               bigint generated always as identity primary key,
    queue            text not null default 'default'
                     constraint job_queue_format check (queue ~ '^[a-z0-9][a-z0-9._-]{0,39}$'),
    kind             text not null constraint job_kind_format check (kind ~ '^[a-z0-9][a-z0-9._-]{0,63}$'),
    payload          jsonb not null default '{}',
    -- Higher runs first within a queue; then the earlier run_at, then the older job.
    priority         smallint not null default 0,
    run_at           timestamptz not null default now(),
    state            text not null default 'pending'
                     constraint job_state_known check (state in ('pending', 'running', 'succeeded', 'discarded', 'cancelled')),
    -- The number of times the job was claimed; it only grows, so (owner, attempt) names one run.
    attempt          integer not null default 0 constraint job_attempt_range check (attempt >= 0),
    max_attempts     integer not null default 20 constraint job_max_attempts_range check (max_attempts >= 1),
    -- The worker process that claimed it last, and until when its claim holds unless renewed by a heartbeat.
    owner            text,
    lease_expires_at timestamptz,
    -- At most one pending job per key (debounce): later enqueues with the same key do nothing; and it is not claimed
    -- while a job with the same key runs.
    unique_key       text,
    -- One object per failed run: {"attempt", "at", "worker", "error"}.
    errors           jsonb not null default '[]' constraint job_errors_array check (jsonb_typeof(errors) = 'array'),
    created_at       timestamptz not null default now(),
    attempted_at     timestamptz,
    finished_at      timestamptz,
    constraint job_running_owned check (state <> 'running' or (owner is not null and lease_expires_at is not null))
) with (fillfactor = 80, autovacuum_vacuum_scale_factor = 0.01, autovacuum_analyze_scale_factor = 0.02);

create index jobs_claim on jobs (queue, priority desc, run_at, id) where state = 'pending';
create unique index jobs_unique_pending on jobs (unique_key) where state = 'pending' and unique_key is not null;
-- A pending unique job waits while another job with its key runs (claims check this), so two runs of, say, the same
-- item's re-match never overlap.
create index jobs_unique_running on jobs (unique_key) where state = 'running' and unique_key is not null;
create index jobs_running_lease on jobs (lease_expires_at) where state = 'running';
create index jobs_running_owner on jobs (owner) where state = 'running';
create index jobs_finished on jobs (finished_at) where state in ('succeeded', 'discarded', 'cancelled');

-- Wake the workers: one notification per inserting statement and queue (payload: the queue name), delivered at
-- commit, so a rolled-back enqueue wakes nobody and an open transaction's jobs are seen only after it commits.
create function jobs_notify() returns trigger language plpgsql as $$
declare
    queue_name text;
begin
    for queue_name in select distinct queue from new_jobs where state = 'pending' and run_at <= now() loop
        perform pg_notify('clustermatch_jobs', queue_name);
    end loop;
    return null;
end $$;
create trigger jobs_notify after insert on jobs referencing new table as new_jobs
    for each statement execute function jobs_notify();

-- One row per running worker process; its heartbeat also renews the leases of its running jobs.
create table workers (
    id               text primary key,
    host             text not null,
    pid              integer not null,
    version          text not null default '',
    queues           jsonb not null default '{}',
    started_at       timestamptz not null default now(),
    heartbeat_at     timestamptz not null default now(),
    stopping         boolean not null default false
);

-- Periodic jobs: a row per schedule; whichever worker moves next_run_at forward enqueues the run, so any number of
-- workers enqueue each run once.
create table periodic_jobs (
    name             text primary key,
    next_run_at      timestamptz not null,
    last_enqueued_at timestamptz
);
