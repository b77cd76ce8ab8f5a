import Postgres

/// How one record shape goes through a staging table: its columns, the SQL checks of what only the database knows,
/// and the statements that move the staged rows into the real tables. Every statement here is fixed text; values
/// arrive through COPY.
struct StagingPlan: Sendable {
    /// The temporary table (`import_seeds`).
    var table: String
    /// Column definitions after `line integer`, in COPY order.
    var columns: String
    /// Returns `line, value` for staged records whose unique key is already stored; its rule is the key's.
    var existing: StagingCheck
    /// Further checks returning `line, value` for each staged record that breaks `rule`.
    var checks: [StagingCheck]
    /// The statements that write the staged rows; the first one's row count is the number of records written.
    var insert: [String]
}

/// One SQL check over a staging table.
struct StagingCheck: Sendable {
    /// The rule broken by each row returned.
    var rule: Rule
    /// `select line, value from …`.
    var sql: String
    /// Whether the message names the value (`unknown organisation "x"`).
    var namesValue: Bool = true
}

/// A record shape the importer can stage.
protocol StagedRecord: ValidatableRecord {
    /// The staging table and its SQL.
    static var staging: StagingPlan { get }
    /// Appends the record's staging columns (after `line`) to a COPY row.
    func appendStagingValues(to writer: inout CopyTextWriter)
    /// Rules that apply only when importing (not to records in general).
    func importProblems() -> [Problem]
}

extension StagedRecord {
    func importProblems() -> [Problem] { [] }
}

// The `insert … select` statements end with `order by s.line`, so ids follow the file's order whatever join plan
// the planner picks; sorting 100,000 staged seeds costs well under a second.

/// The SQL timestamps of a posting imported as published: now, and a year from now.
private let publishedDates = """
    case when s.status = 'published' then now() end, \
    case when s.status = 'published' then now() + interval '365 days' end
    """

private func importableStatus(_ status: PostingStatus?) -> [Problem] {
    guard let status, !status.isImportable else { return [] }
    return [
        Problem(
            field: "status",
            message: "status on import must be draft or published, found \"\(status.rawValue)\"")
    ]
}

extension SeedRecord: StagedRecord {
    static let staging = StagingPlan(
        table: "import_seeds",
        columns: """
            ref text, title text, summary text, description text, primary_field text, secondary_fields text[], \
            keywords text[], trl integer, ip_status text, ip_scope text, partnerships text[], visibility text, \
            organisation text, coordinator text, status text
            """,
        existing: StagingCheck(
            rule: .seedRefUnique, sql: "select s.line, s.ref from import_seeds s join seeds t on t.ref = s.ref",
            namesValue: false),
        checks: [
            StagingCheck(
                rule: .seedOrganisationKnown,
                sql: """
                    select s.line, s.organisation from import_seeds s
                    where not exists (select 1 from organisations o where o.slug = s.organisation)
                    """),
            StagingCheck(
                rule: .seedCoordinatorKnown,
                sql: """
                    select s.line, s.coordinator from import_seeds s
                    where s.coordinator is not null and not exists (select 1 from people p where p.email = s.coordinator)
                    """),
        ],
        insert: [
            """
            insert into seeds (ref, title, summary, description, primary_field, secondary_fields, keywords, trl,
                ip_status, ip_scope, partnerships, visibility, organisation_id, coordinator_id, status, published_at,
                expires_at)
            select s.ref, s.title, s.summary, s.description, s.primary_field, s.secondary_fields, s.keywords, s.trl,
                s.ip_status, s.ip_scope, s.partnerships, s.visibility, o.id, p.id, s.status, \(publishedDates)
            from import_seeds s
            join organisations o on o.slug = s.organisation
            left join people p on p.email = s.coordinator
            order by s.line
            """
        ])

    func appendStagingValues(to writer: inout CopyTextWriter) {
        writer.append(ref)
        writer.append(title)
        writer.append(summary)
        writer.append(description)
        writer.append(primaryField)
        writer.append(secondaryFields)
        writer.append(keywords)
        writer.append(String(trl))
        writer.append(ipStatus.rawValue)
        writer.append(ipScope?.rawValue)
        writer.append(partnerships.map(\.rawValue))
        writer.append(visibility.rawValue)
        writer.append(organisation)
        writer.append(coordinator)
        writer.append((status ?? .draft).rawValue)
    }

    func importProblems() -> [Problem] { importableStatus(status) }
}

extension NeedRecord: StagedRecord {
    static let staging = StagingPlan(
        table: "import_needs",
        columns: """
            ref text, title text, summary text, description text, primary_field text, secondary_fields text[], \
            keywords text[], trl_min integer, trl_max integer, ip_required text[], partnerships text[], scope text, \
            target_countries text[], deadline text, visibility text, organisation text, contact text, status text
            """,
        existing: StagingCheck(
            rule: .needRefUnique, sql: "select s.line, s.ref from import_needs s join needs t on t.ref = s.ref",
            namesValue: false),
        checks: [
            StagingCheck(
                rule: .needOrganisationKnown,
                sql: """
                    select s.line, s.organisation from import_needs s
                    where not exists (select 1 from organisations o where o.slug = s.organisation)
                    """),
            StagingCheck(
                rule: .needOrganisationFirm,
                sql: """
                    select s.line, s.organisation from import_needs s
                    join organisations o on o.slug = s.organisation where o.kind <> 'firm'
                    """, namesValue: false),
            StagingCheck(
                rule: .needContactKnown,
                sql: """
                    select s.line, s.contact from import_needs s
                    where s.contact is not null and not exists (select 1 from people p where p.email = s.contact)
                    """),
        ],
        insert: [
            """
            insert into needs (ref, title, summary, description, primary_field, secondary_fields, keywords, trl_min,
                trl_max, ip_required, partnerships, scope, target_countries, deadline, visibility, organisation_id,
                contact_id, status, published_at, expires_at)
            select s.ref, s.title, s.summary, s.description, s.primary_field, s.secondary_fields, s.keywords,
                s.trl_min, s.trl_max, s.ip_required, s.partnerships, s.scope, s.target_countries, s.deadline::date,
                s.visibility, o.id, p.id, s.status, \(publishedDates)
            from import_needs s
            join organisations o on o.slug = s.organisation
            left join people p on p.email = s.contact
            order by s.line
            """
        ])

    func appendStagingValues(to writer: inout CopyTextWriter) {
        writer.append(ref)
        writer.append(title)
        writer.append(summary)
        writer.append(description)
        writer.append(primaryField)
        writer.append(secondaryFields)
        writer.append(keywords)
        writer.append(String(trlMin))
        writer.append(String(trlMax))
        writer.append(ipRequired.map(\.rawValue))
        writer.append(partnerships.map(\.rawValue))
        writer.append(scope.rawValue)
        writer.append(targetCountries)
        writer.append(deadline)
        writer.append(visibility.rawValue)
        writer.append(organisation)
        writer.append(contact)
        writer.append((status ?? .draft).rawValue)
    }

    func importProblems() -> [Problem] { importableStatus(status) }
}

extension ClusterRecord: StagedRecord {
    static let staging = StagingPlan(
        table: "import_clusters",
        columns: """
            slug text, name text, country text, region text, programme text, main_fields text[], start_year integer, \
            outcomes jsonb, is_sample boolean, note text
            """,
        existing: StagingCheck(
            rule: .clusterSlugUnique, sql: "select s.line, s.slug from import_clusters s join clusters t on t.slug = s.slug",
            namesValue: false),
        checks: [],
        insert: [
            """
            insert into clusters (slug, name, country, region, programme, main_fields, start_year, outcomes, is_sample,
                note)
            select s.slug, s.name, s.country, s.region, s.programme, s.main_fields, s.start_year, s.outcomes,
                s.is_sample, s.note
            from import_clusters s order by s.line
            """
        ])

    func appendStagingValues(to writer: inout CopyTextWriter) {
        writer.append(slug)
        writer.append(name)
        writer.append(country)
        writer.append(region)
        writer.append(programme.rawValue)
        writer.append(mainFields)
        writer.append(startYear.map(String.init))
        writer.append(JSONValue.object(outcomes).jsonText)
        writer.append(isSample)
        writer.append(note)
    }
}

extension SisterLinkRecord: StagedRecord {
    static let staging = StagingPlan(
        table: "import_sister_links",
        columns: "a text, b text, since integer, note text",
        existing: StagingCheck(
            rule: .sisterLinkUnique,
            sql: """
                select s.line, s.a || ' – ' || s.b from import_sister_links s
                join clusters ca on ca.slug = s.a join clusters cb on cb.slug = s.b
                join sister_links l on l.cluster_a = least(ca.id, cb.id) and l.cluster_b = greatest(ca.id, cb.id)
                """, namesValue: false),
        checks: [
            StagingCheck(
                rule: .sisterLinkClusterAKnown,
                sql: """
                    select s.line, s.a from import_sister_links s
                    where not exists (select 1 from clusters c where c.slug = s.a)
                    """),
            StagingCheck(
                rule: .sisterLinkClusterBKnown,
                sql: """
                    select s.line, s.b from import_sister_links s
                    where not exists (select 1 from clusters c where c.slug = s.b)
                    """),
        ],
        insert: [
            """
            insert into sister_links (cluster_a, cluster_b, since, note)
            select least(ca.id, cb.id), greatest(ca.id, cb.id), s.since, s.note
            from import_sister_links s
            join clusters ca on ca.slug = s.a join clusters cb on cb.slug = s.b
            order by s.line
            """
        ])

    func appendStagingValues(to writer: inout CopyTextWriter) {
        writer.append(a)
        writer.append(b)
        writer.append(since.map(String.init))
        writer.append(note)
    }
}

extension OrganisationRecord: StagedRecord {
    static let staging = StagingPlan(
        table: "import_organisations",
        columns: "slug text, name text, kind text, cluster text, country text, is_sample boolean",
        existing: StagingCheck(
            rule: .organisationSlugUnique,
            sql: "select s.line, s.slug from import_organisations s join organisations t on t.slug = s.slug",
            namesValue: false),
        checks: [
            StagingCheck(
                rule: .organisationClusterKnown,
                sql: """
                    select s.line, s.cluster from import_organisations s
                    where s.cluster is not null and not exists (select 1 from clusters c where c.slug = s.cluster)
                    """)
        ],
        insert: [
            """
            insert into organisations (slug, name, kind, cluster_id, country, is_sample)
            select s.slug, s.name, s.kind, c.id, s.country, s.is_sample
            from import_organisations s left join clusters c on c.slug = s.cluster
            order by s.line
            """
        ])

    func appendStagingValues(to writer: inout CopyTextWriter) {
        writer.append(slug)
        writer.append(name)
        writer.append(kind.rawValue)
        writer.append(cluster)
        writer.append(country)
        writer.append(isSample)
    }
}

/// The roles of staged people, one row per role.
private let stagedRoles = """
    import_people s cross join lateral jsonb_to_recordset(s.roles) as r(role text, organisation text, cluster text)
    """

extension PersonRecord: StagedRecord {
    static let staging = StagingPlan(
        table: "import_people",
        columns: "name text, email text, organisation text, roles jsonb",
        existing: StagingCheck(
            rule: .personEmailUnique, sql: "select s.line, s.email from import_people s join people t on t.email = s.email",
            namesValue: false),
        checks: [
            StagingCheck(
                rule: .personOrganisationKnown,
                sql: """
                    select s.line, s.organisation from import_people s
                    where s.organisation is not null
                        and not exists (select 1 from organisations o where o.slug = s.organisation)
                    """),
            StagingCheck(
                rule: .personRoleOrganisationKnown,
                sql: """
                    select s.line, r.organisation from \(stagedRoles)
                    where r.organisation is not null
                        and not exists (select 1 from organisations o where o.slug = r.organisation)
                    """),
            StagingCheck(
                rule: .personRoleClusterKnown,
                sql: """
                    select s.line, r.cluster from \(stagedRoles)
                    where r.cluster is not null and not exists (select 1 from clusters c where c.slug = r.cluster)
                    """),
        ],
        insert: [
            """
            insert into people (name, email, organisation_id)
            select s.name, s.email, o.id from import_people s left join organisations o on o.slug = s.organisation
            order by s.line
            """,
            """
            insert into person_roles (person_id, role, organisation_id, cluster_id)
            select p.id, r.role, o.id, c.id
            from \(stagedRoles)
            join people p on p.email = s.email
            left join organisations o on o.slug = r.organisation
            left join clusters c on c.slug = r.cluster
            """,
        ])

    func appendStagingValues(to writer: inout CopyTextWriter) {
        writer.append(name)
        writer.append(email)
        writer.append(organisation)
        let roleValues = roles.map { role in
            JSONValue.object(Dictionary(uniqueKeysWithValues: role.jsonMembers.map { ($0.key, $0.value) }))
        }
        writer.append(JSONValue.array(roleValues).jsonText)
    }
}
