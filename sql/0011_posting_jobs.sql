-- Transactional enqueue: whatever changes a seed or need in a way that matters to matching — posting it published,
-- publishing, withdrawing, expiring, archiving, deleting, or editing a matched field while it is published — enqueues
-- one `match.item` job for it in the same transaction, whether the change comes from the CLI, an import, or plain SQL
-- from psql or an ETL tool. The job is unique per item while pending (payload {"item": "seed"|"need", "id": N}, key
-- 'match:<item>:<id>'), so a burst of edits runs one re-match. Statement-level triggers with transition tables: a bulk
-- import of 100,000 seeds runs one INSERT into jobs, not 100,000.

-- What matching reads from a seed or a need; a change to anything else (dates, renewals, contacts) enqueues nothing.
create function seed_match_fields(s seeds) returns text[] language sql immutable parallel safe as $$
    select array[s.title, s.summary, s.description, s.primary_field, s.secondary_fields::text, s.keywords::text,
                 s.trl::text, s.ip_status, s.ip_scope, s.partnerships::text, s.visibility, s.organisation_id::text]
$$;
create function need_match_fields(n needs) returns text[] language sql immutable parallel safe as $$
    select array[n.title, n.summary, n.description, n.primary_field, n.secondary_fields::text, n.keywords::text,
                 n.trl_min::text, n.trl_max::text, n.ip_required::text, n.partnerships::text, n.scope,
                 n.target_countries::text, n.visibility, n.organisation_id::text]
$$;

-- Enqueues match jobs for the ids in `changed` (a temporary result of the calling trigger).
create function enqueue_match_jobs(item text, ids bigint[]) returns void language sql as $$
    insert into jobs (queue, kind, payload, unique_key)
    select 'match', 'match.item', jsonb_build_object('item', item, 'id', id), 'match:' || item || ':' || id
    from unnest(ids) as id
    order by id
    on conflict (unique_key) where state = 'pending' and unique_key is not null do nothing
$$;

create function seeds_enqueue_match() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        perform enqueue_match_jobs('seed', array(select id from new_rows where status = 'published'));
    elsif tg_op = 'UPDATE' then
        perform enqueue_match_jobs('seed', array(
            select n.id from new_rows n join old_rows o using (id)
            where (o.status = 'published' or n.status = 'published')
              and (o.status is distinct from n.status or seed_match_fields(o) is distinct from seed_match_fields(n))));
    else
        perform enqueue_match_jobs('seed', array(select id from old_rows where status = 'published'));
    end if;
    return null;
end $$;

create function needs_enqueue_match() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        perform enqueue_match_jobs('need', array(select id from new_rows where status = 'published'));
    elsif tg_op = 'UPDATE' then
        perform enqueue_match_jobs('need', array(
            select n.id from new_rows n join old_rows o using (id)
            where (o.status = 'published' or n.status = 'published')
              and (o.status is distinct from n.status or need_match_fields(o) is distinct from need_match_fields(n))));
    else
        perform enqueue_match_jobs('need', array(select id from old_rows where status = 'published'));
    end if;
    return null;
end $$;

create trigger seeds_enqueue_match_insert after insert on seeds referencing new table as new_rows
    for each statement execute function seeds_enqueue_match();
create trigger seeds_enqueue_match_update after update on seeds referencing old table as old_rows new table as new_rows
    for each statement execute function seeds_enqueue_match();
create trigger seeds_enqueue_match_delete after delete on seeds referencing old table as old_rows
    for each statement execute function seeds_enqueue_match();
create trigger needs_enqueue_match_insert after insert on needs referencing new table as new_rows
    for each statement execute function needs_enqueue_match();
create trigger needs_enqueue_match_update after update on needs referencing old table as old_rows new table as new_rows
    for each statement execute function needs_enqueue_match();
create trigger needs_enqueue_match_delete after delete on needs referencing old table as old_rows
    for each statement execute function needs_enqueue_match();
