-- 0003 visibility: who may see the full text (description, keywords) of a confidential seed or need. Everyone sees
-- the title and summary; this function is the one place the rule is written, and exports call it.
--
-- A seed's details are for a coordinator of its organisation or of that organisation's cluster; a need's details are
-- for a firm-contact of its organisation. A null or unknown viewer sees no details.
create function can_see_details(viewer_email text, kind text, organisation_id bigint) returns boolean
language sql stable as $$
    select case can_see_details.kind
        when 'seed' then exists (
            select 1
            from people p
            join person_roles r on r.person_id = p.id
            where p.email = can_see_details.viewer_email
                and r.role = 'coordinator'
                and (r.organisation_id = can_see_details.organisation_id
                    or r.cluster_id = (select o.cluster_id from organisations o where o.id = can_see_details.organisation_id)))
        when 'need' then exists (
            select 1
            from people p
            join person_roles r on r.person_id = p.id
            where p.email = can_see_details.viewer_email
                and r.role = 'firm-contact'
                and r.organisation_id = can_see_details.organisation_id)
        else false
    end
$$;
