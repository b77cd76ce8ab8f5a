-- 0001 foundation: reference data (fields, countries), clusters and sister links, organisations, people and roles,
-- seeds and needs with their lifecycle.
--
-- Every domain rule is a named constraint (or a trigger that raises with CONSTRAINT set to a rule name). The Swift
-- side checks the same rules before writing and maps a violated constraint back to the same sentence
-- (Sources/ClusterMatch/Domain/Rule.swift): keep the two in step.

-- Technology fields are rows, so adding one ("energy") is data, not code.
create table fields (
    code        text primary key constraint field_code_format check (code ~ '^[a-z][a-z0-9-]{1,31}$'),
    label       text not null constraint field_label_length check (length(label) between 1 and 80),
    description text not null default '',
    synonyms    text[] not null default '{}'
);

insert into fields (code, label, description, synonyms) values
    ('aerospace', 'Aerospace', 'Aircraft, spacecraft, propulsion, avionics, aerodynamics and their materials and manufacturing.',
        '{aeronautics,aviation,space,aircraft,avionics,satellite}'),
    ('biotech', 'Biotech (medical and life science)', 'Medicine, medical devices, diagnostics, drug discovery, genomics, food and agricultural biology.',
        '{biotechnology,life-science,medical,medtech,pharma,bio}'),
    ('ict', 'ICT', 'Information and communication technology: software, networks, semiconductors, sensors, robotics control, data.',
        '{it,information-technology,software,telecom,electronics}'),
    ('nano', 'Nano (nanotechnology and materials)', 'Nanotechnology, advanced materials, surfaces, thin films, catalysts and their processing.',
        '{nanotechnology,materials,nanomaterials,advanced-materials}');

-- ISO 3166-1 alpha-2 countries (rows are added by 0002_countries.sql).
create table countries (
    code text primary key constraint country_code_format check (code ~ '^[A-Z]{2}$'),
    name text not null
);

-- Raises a rule violation unless every element of codes is a known field.
create function require_known_fields(codes text[], rule text) returns void language plpgsql as $$
declare
    unknown text;
begin
    select c into unknown from unnest(codes) as c where not exists (select 1 from fields f where f.code = c) limit 1;
    if unknown is not null then
        raise exception 'unknown field "%"', unknown using errcode = 'foreign_key_violation', constraint = rule;
    end if;
end $$;

-- Raises a rule violation unless every element of codes is a known country.
create function require_known_countries(codes text[], rule text) returns void language plpgsql as $$
declare
    unknown text;
begin
    select c into unknown from unnest(codes) as c where not exists (select 1 from countries k where k.code = c) limit 1;
    if unknown is not null then
        raise exception 'unknown country "%"', unknown using errcode = 'foreign_key_violation', constraint = rule;
    end if;
end $$;

create table clusters (
    id          bigint generated always as identity primary key,
    slug        text not null constraint cluster_slug_unique unique
                constraint cluster_slug_format check (slug ~ '^[a-z0-9][a-z0-9-]{1,63}$'),
    name        text not null constraint cluster_name_length check (length(name) between 1 and 200),
    country     text not null constraint cluster_country_known references countries (code),
    region      text not null default '',
    programme   text not null constraint cluster_programme_known
                check (programme in ('knowledge-cluster', 'city-area', 'regional-innovation', 'super-cluster', 'foreign')),
    main_fields text[] not null default '{}',
    start_year  integer constraint cluster_start_year_range check (start_year between 1950 and 2100),
    -- Published outcome figures (papers, patents, products, sales, press), as published; keys are documented in
    -- the README ("Cluster outcome figures").
    outcomes    jsonb not null default '{}' constraint cluster_outcomes_object check (jsonb_typeof(outcomes) = 'object'),
    is_sample   boolean not null default false,
    note        text not null default '',
    created_at  timestamptz not null default now()
);

create function clusters_check() returns trigger language plpgsql as $$
begin
    perform require_known_fields(new.main_fields, 'cluster_fields_known');
    return new;
end $$;
create trigger clusters_check before insert or update on clusters for each row execute function clusters_check();

-- A sister link joins two clusters (usually in two countries); stored once, smaller id first.
create table sister_links (
    cluster_a bigint not null references clusters (id) on delete cascade,
    cluster_b bigint not null references clusters (id) on delete cascade,
    since     integer constraint sister_link_since_range check (since between 1950 and 2100),
    note      text not null default '',
    primary key (cluster_a, cluster_b),
    constraint sister_link_ordered check (cluster_a < cluster_b)
);

create table organisations (
    id         bigint generated always as identity primary key,
    slug       text not null constraint organisation_slug_unique unique
               constraint organisation_slug_format check (slug ~ '^[a-z0-9][a-z0-9-]{1,63}$'),
    name       text not null constraint organisation_name_length check (length(name) between 1 and 200),
    kind       text not null constraint organisation_kind_known
               check (kind in ('university', 'research-institute', 'firm', 'tlo', 'cluster-hq', 'funder')),
    cluster_id bigint constraint organisation_cluster_known references clusters (id),
    country    text not null constraint organisation_country_known references countries (code),
    is_sample  boolean not null default false,
    created_at timestamptz not null default now()
);
create index organisations_cluster on organisations (cluster_id);

create table people (
    id              bigint generated always as identity primary key,
    name            text not null constraint person_name_length check (length(name) between 1 and 200),
    email           text not null constraint person_email_unique unique
                    constraint person_email_format check (email ~ '^[^@\s]+@[^@\s]+$'),
    organisation_id bigint references organisations (id),
    created_at      timestamptz not null default now()
);

-- What a person may do, and for whom: ownership is recorded now, access rules build on it.
create table person_roles (
    person_id       bigint not null references people (id) on delete cascade,
    role            text not null constraint person_role_known check (role in ('coordinator', 'firm-contact', 'forum-organiser')),
    organisation_id bigint references organisations (id),
    cluster_id      bigint references clusters (id),
    constraint person_role_scope check (
        (role = 'coordinator' and (organisation_id is not null or cluster_id is not null))
        or (role = 'firm-contact' and organisation_id is not null)
        or role = 'forum-organiser')
);
create unique index person_roles_unique on person_roles (person_id, role, coalesce(organisation_id, 0), coalesce(cluster_id, 0));

-- Technology offers.
create table seeds (
    id               bigint generated always as identity primary key,
    ref              text not null constraint seed_ref_unique unique
                     constraint seed_ref_format check (ref ~ '^[A-Za-z0-9][A-Za-z0-9._-]{1,39}$'),
    title            text not null constraint seed_title_length check (length(title) between 1 and 256),
    summary          text not null default '' constraint seed_summary_length check (length(summary) <= 500),
    description      text not null default '' constraint seed_description_length check (length(description) <= 4000),
    primary_field    text not null constraint seed_primary_field_known references fields (code),
    secondary_fields text[] not null default '{}',
    keywords         text[] not null default '{}'
                     constraint seed_keywords_count check (cardinality(keywords) <= 10),
    trl              smallint not null constraint seed_trl_range check (trl between 1 and 9),
    ip_status        text not null default 'none' constraint seed_ip_status_known
                     check (ip_status in ('none', 'know-how', 'patent-applied', 'patent-granted')),
    ip_scope         text constraint seed_ip_scope_known check (
                         (ip_status in ('none', 'know-how') and ip_scope is null)
                         or (ip_status in ('patent-applied', 'patent-granted') and ip_scope in ('domestic', 'international'))),
    partnerships     text[] not null constraint seed_partnerships_known check (
                         cardinality(partnerships) >= 1 and partnerships <@ array['licence', 'joint-research',
                         'sponsored-research', 'consulting', 'investment']::text[]),
    visibility       text not null default 'public' constraint seed_visibility_known check (visibility in ('public', 'confidential')),
    organisation_id  bigint not null constraint seed_organisation_known references organisations (id),
    coordinator_id   bigint constraint seed_coordinator_known references people (id),
    status           text not null default 'draft' constraint seed_status_known
                     check (status in ('draft', 'published', 'expired', 'archived', 'withdrawn')),
    published_at     timestamptz,
    expires_at       timestamptz,
    renewals         smallint not null default 0 constraint seed_renewals_limit check (renewals between 0 and 1),
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now(),
    constraint seed_published_dates check (status = 'draft' or status = 'withdrawn' or (published_at is not null and expires_at is not null))
);
create index seeds_status_field on seeds (status, primary_field);
create index seeds_organisation on seeds (organisation_id);

-- Technology requests.
create table needs (
    id               bigint generated always as identity primary key,
    ref              text not null constraint need_ref_unique unique
                     constraint need_ref_format check (ref ~ '^[A-Za-z0-9][A-Za-z0-9._-]{1,39}$'),
    title            text not null constraint need_title_length check (length(title) between 1 and 256),
    summary          text not null default '' constraint need_summary_length check (length(summary) <= 500),
    description      text not null default '' constraint need_description_length check (length(description) <= 4000),
    primary_field    text not null constraint need_primary_field_known references fields (code),
    secondary_fields text[] not null default '{}',
    keywords         text[] not null default '{}'
                     constraint need_keywords_count check (cardinality(keywords) <= 10),
    trl_min          smallint not null default 1 constraint need_trl_min_range check (trl_min between 1 and 9),
    trl_max          smallint not null default 9 constraint need_trl_max_range check (trl_max between 1 and 9),
    ip_required      text[] not null default '{}' constraint need_ip_required_known
                     check (ip_required <@ array['none', 'know-how', 'patent-applied', 'patent-granted']::text[]),
    partnerships     text[] not null constraint need_partnerships_known check (
                         cardinality(partnerships) >= 1 and partnerships <@ array['licence', 'joint-research',
                         'sponsored-research', 'consulting', 'investment']::text[]),
    scope            text not null default 'international-welcome' constraint need_scope_known
                     check (scope in ('same-cluster', 'domestic', 'international-welcome', 'international-only')),
    target_countries text[] not null default '{}',
    deadline         date,
    visibility       text not null default 'public' constraint need_visibility_known check (visibility in ('public', 'confidential')),
    organisation_id  bigint not null constraint need_organisation_known references organisations (id),
    contact_id       bigint constraint need_contact_known references people (id),
    status           text not null default 'draft' constraint need_status_known
                     check (status in ('draft', 'published', 'expired', 'archived', 'withdrawn')),
    published_at     timestamptz,
    expires_at       timestamptz,
    renewals         smallint not null default 0 constraint need_renewals_limit check (renewals between 0 and 1),
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now(),
    constraint need_trl_order check (trl_min <= trl_max),
    constraint need_published_dates check (status = 'draft' or status = 'withdrawn' or (published_at is not null and expires_at is not null))
);
create index needs_status_field on needs (status, primary_field);
create index needs_organisation on needs (organisation_id);

-- Rules that need more than one column or another table, shared by seeds and needs. TG_ARGV[0] is the rule prefix
-- ('seed' or 'need').
create function postings_check() returns trigger language plpgsql as $$
declare
    prefix text := TG_ARGV[0];
    keyword text;
    allowed boolean;
begin
    perform require_known_fields(new.secondary_fields, prefix || '_secondary_fields_known');
    if new.primary_field = any (new.secondary_fields) then
        raise exception 'secondary fields must not repeat the primary field "%"', new.primary_field
            using errcode = 'check_violation', constraint = prefix || '_secondary_fields_distinct';
    end if;
    foreach keyword in array new.keywords loop
        if length(btrim(keyword)) = 0 or length(keyword) > 64 then
            raise exception 'keyword "%" must be 1 to 64 characters', keyword
                using errcode = 'check_violation', constraint = prefix || '_keyword_length';
        end if;
    end loop;
    if tg_op = 'UPDATE' and new.status is distinct from old.status then
        allowed := case old.status
            when 'draft' then new.status in ('published', 'withdrawn')
            when 'published' then new.status in ('expired', 'withdrawn')
            when 'expired' then new.status in ('published', 'archived', 'withdrawn')
            else false
        end;
        if not allowed then
            raise exception 'a % cannot go from % to %', prefix, old.status, new.status
                using errcode = 'check_violation', constraint = prefix || '_status_transition';
        end if;
    end if;
    if tg_op = 'UPDATE' then
        new.updated_at := now();
    end if;
    return new;
end $$;

create trigger seeds_check before insert or update on seeds for each row execute function postings_check('seed');

create function needs_check() returns trigger language plpgsql as $$
begin
    perform require_known_countries(new.target_countries, 'need_target_countries_known');
    if not exists (select 1 from organisations o where o.id = new.organisation_id and o.kind = 'firm') then
        raise exception 'a need must be owned by a firm'
            using errcode = 'check_violation', constraint = 'need_organisation_firm';
    end if;
    return new;
end $$;
create trigger needs_check before insert or update on needs for each row execute function postings_check('need');
create trigger needs_owner_check before insert or update of organisation_id, target_countries on needs
    for each row execute function needs_check();
