/// A domain rule, named after the SQL constraint (or trigger-raised constraint name) that enforces it in
/// `sql/0001_foundation.sql`, so a database violation and a pre-write check produce the same sentence.
///
/// Rules with default PostgreSQL names (`sister_links_pkey`, `people_organisation_id_fkey`, …) are the ones the
/// schema leaves unnamed; they are listed so the store can map every violation it can meet.
public enum Rule: String, CaseIterable, Sendable, Hashable {
    // MARK: reference data
    /// `fields.code` format.
    case fieldCodeFormat = "field_code_format"
    /// `fields.label` length.
    case fieldLabelLength = "field_label_length"
    /// `countries.code` format.
    case countryCodeFormat = "country_code_format"

    // MARK: clusters and sister links
    /// Cluster slugs are unique.
    case clusterSlugUnique = "cluster_slug_unique"
    /// Cluster slug format.
    case clusterSlugFormat = "cluster_slug_format"
    /// Cluster name length.
    case clusterNameLength = "cluster_name_length"
    /// A cluster's country is a known country.
    case clusterCountryKnown = "cluster_country_known"
    /// A cluster's programme is one of `Programme`.
    case clusterProgrammeKnown = "cluster_programme_known"
    /// A cluster's start year is plausible.
    case clusterStartYearRange = "cluster_start_year_range"
    /// A cluster's outcomes are a JSON object.
    case clusterOutcomesObject = "cluster_outcomes_object"
    /// A cluster's main fields are known fields.
    case clusterFieldsKnown = "cluster_fields_known"
    /// A sister link's year is plausible.
    case sisterLinkSinceRange = "sister_link_since_range"
    /// A sister link joins two different clusters (stored smaller id first).
    case sisterLinkOrdered = "sister_link_ordered"
    /// A pair of clusters is linked once.
    case sisterLinkUnique = "sister_links_pkey"
    /// A sister link's first cluster exists.
    case sisterLinkClusterAKnown = "sister_links_cluster_a_fkey"
    /// A sister link's second cluster exists.
    case sisterLinkClusterBKnown = "sister_links_cluster_b_fkey"

    // MARK: organisations and people
    /// Organisation slugs are unique.
    case organisationSlugUnique = "organisation_slug_unique"
    /// Organisation slug format.
    case organisationSlugFormat = "organisation_slug_format"
    /// Organisation name length.
    case organisationNameLength = "organisation_name_length"
    /// An organisation's kind is one of `OrganisationKind`.
    case organisationKindKnown = "organisation_kind_known"
    /// An organisation's cluster exists.
    case organisationClusterKnown = "organisation_cluster_known"
    /// An organisation's country is a known country.
    case organisationCountryKnown = "organisation_country_known"
    /// Person name length.
    case personNameLength = "person_name_length"
    /// Email addresses are unique.
    case personEmailUnique = "person_email_unique"
    /// Email format.
    case personEmailFormat = "person_email_format"
    /// A person's organisation exists.
    case personOrganisationKnown = "people_organisation_id_fkey"
    /// A role is one of `RoleKind`.
    case personRoleKnown = "person_role_known"
    /// A role names what it is for.
    case personRoleScope = "person_role_scope"
    /// A role's organisation exists.
    case personRoleOrganisationKnown = "person_roles_organisation_id_fkey"
    /// A role's cluster exists.
    case personRoleClusterKnown = "person_roles_cluster_id_fkey"
    /// A person holds each role once.
    case personRoleUnique = "person_roles_unique"

    // MARK: seeds
    /// Seed refs are unique.
    case seedRefUnique = "seed_ref_unique"
    /// Seed ref format.
    case seedRefFormat = "seed_ref_format"
    /// Seed title length.
    case seedTitleLength = "seed_title_length"
    /// Seed summary length.
    case seedSummaryLength = "seed_summary_length"
    /// Seed description length.
    case seedDescriptionLength = "seed_description_length"
    /// A seed's primary field is known.
    case seedPrimaryFieldKnown = "seed_primary_field_known"
    /// A seed's secondary fields are known.
    case seedSecondaryFieldsKnown = "seed_secondary_fields_known"
    /// A seed's secondary fields do not repeat its primary field.
    case seedSecondaryFieldsDistinct = "seed_secondary_fields_distinct"
    /// At most 10 keywords.
    case seedKeywordsCount = "seed_keywords_count"
    /// Each keyword is 1–64 characters.
    case seedKeywordLength = "seed_keyword_length"
    /// TRL 1–9.
    case seedTRLRange = "seed_trl_range"
    /// IP status is one of `IPStatus`.
    case seedIPStatusKnown = "seed_ip_status_known"
    /// IP scope is given exactly for patents.
    case seedIPScopeKnown = "seed_ip_scope_known"
    /// At least one known partnership.
    case seedPartnershipsKnown = "seed_partnerships_known"
    /// Visibility is one of `Visibility`.
    case seedVisibilityKnown = "seed_visibility_known"
    /// A seed's organisation exists.
    case seedOrganisationKnown = "seed_organisation_known"
    /// A seed's coordinator exists.
    case seedCoordinatorKnown = "seed_coordinator_known"
    /// Status is one of `PostingStatus`.
    case seedStatusKnown = "seed_status_known"
    /// A seed is renewed at most once.
    case seedRenewalsLimit = "seed_renewals_limit"
    /// A seed past draft has publication dates.
    case seedPublishedDates = "seed_published_dates"
    /// A seed's status moves only along the lifecycle.
    case seedStatusTransition = "seed_status_transition"

    // MARK: needs
    /// Need refs are unique.
    case needRefUnique = "need_ref_unique"
    /// Need ref format.
    case needRefFormat = "need_ref_format"
    /// Need title length.
    case needTitleLength = "need_title_length"
    /// Need summary length.
    case needSummaryLength = "need_summary_length"
    /// Need description length.
    case needDescriptionLength = "need_description_length"
    /// A need's primary field is known.
    case needPrimaryFieldKnown = "need_primary_field_known"
    /// A need's secondary fields are known.
    case needSecondaryFieldsKnown = "need_secondary_fields_known"
    /// A need's secondary fields do not repeat its primary field.
    case needSecondaryFieldsDistinct = "need_secondary_fields_distinct"
    /// At most 10 keywords.
    case needKeywordsCount = "need_keywords_count"
    /// Each keyword is 1–64 characters.
    case needKeywordLength = "need_keyword_length"
    /// Minimum TRL 1–9.
    case needTRLMinRange = "need_trl_min_range"
    /// Maximum TRL 1–9.
    case needTRLMaxRange = "need_trl_max_range"
    /// Minimum TRL not above maximum TRL.
    case needTRLOrder = "need_trl_order"
    /// Accepted IP statuses are known.
    case needIPRequiredKnown = "need_ip_required_known"
    /// At least one known partnership.
    case needPartnershipsKnown = "need_partnerships_known"
    /// Scope is one of `NeedScope`.
    case needScopeKnown = "need_scope_known"
    /// Target countries are known.
    case needTargetCountriesKnown = "need_target_countries_known"
    /// Visibility is one of `Visibility`.
    case needVisibilityKnown = "need_visibility_known"
    /// A need's organisation exists.
    case needOrganisationKnown = "need_organisation_known"
    /// A need's organisation is a firm.
    case needOrganisationFirm = "need_organisation_firm"
    /// A need's contact exists.
    case needContactKnown = "need_contact_known"
    /// Status is one of `PostingStatus`.
    case needStatusKnown = "need_status_known"
    /// A need is renewed at most once.
    case needRenewalsLimit = "need_renewals_limit"
    /// A need past draft has publication dates.
    case needPublishedDates = "need_published_dates"
    /// A need's status moves only along the lifecycle.
    case needStatusTransition = "need_status_transition"

    /// Looks up the rule a violated constraint stands for (`PostgresError.constraint`); nil for unknown names.
    public init?(constraintName: String) { self.init(rawValue: constraintName) }

    /// The SQL constraint name.
    public var constraintName: String { rawValue }

    /// The record field the rule concerns, spelled as in the record shapes (`trl`, `organisation`, `roles`).
    public var field: String {
        switch self {
        case .fieldCodeFormat, .countryCodeFormat: "code"
        case .fieldLabelLength: "label"
        case .clusterSlugUnique, .clusterSlugFormat, .organisationSlugUnique, .organisationSlugFormat: "slug"
        case .clusterNameLength, .organisationNameLength, .personNameLength: "name"
        case .clusterCountryKnown, .organisationCountryKnown: "country"
        case .clusterProgrammeKnown: "programme"
        case .clusterStartYearRange: "start_year"
        case .clusterOutcomesObject: "outcomes"
        case .clusterFieldsKnown: "main_fields"
        case .sisterLinkSinceRange: "since"
        case .sisterLinkClusterAKnown: "a"
        case .sisterLinkOrdered, .sisterLinkUnique, .sisterLinkClusterBKnown: "b"
        case .organisationKindKnown: "kind"
        case .organisationClusterKnown: "cluster"
        case .personEmailUnique, .personEmailFormat: "email"
        case .personOrganisationKnown: "organisation"
        case .personRoleKnown, .personRoleScope, .personRoleOrganisationKnown, .personRoleClusterKnown,
            .personRoleUnique:
            "roles"
        case .seedRefUnique, .seedRefFormat, .needRefUnique, .needRefFormat: "ref"
        case .seedTitleLength, .needTitleLength: "title"
        case .seedSummaryLength, .needSummaryLength: "summary"
        case .seedDescriptionLength, .needDescriptionLength: "description"
        case .seedPrimaryFieldKnown, .needPrimaryFieldKnown: "primary_field"
        case .seedSecondaryFieldsKnown, .seedSecondaryFieldsDistinct, .needSecondaryFieldsKnown,
            .needSecondaryFieldsDistinct:
            "secondary_fields"
        case .seedKeywordsCount, .seedKeywordLength, .needKeywordsCount, .needKeywordLength: "keywords"
        case .seedTRLRange: "trl"
        case .needTRLMinRange: "trl_min"
        case .needTRLMaxRange, .needTRLOrder: "trl_max"
        case .seedIPStatusKnown: "ip_status"
        case .seedIPScopeKnown: "ip_scope"
        case .needIPRequiredKnown: "ip_required"
        case .seedPartnershipsKnown, .needPartnershipsKnown: "partnerships"
        case .needScopeKnown: "scope"
        case .needTargetCountriesKnown: "target_countries"
        case .seedVisibilityKnown, .needVisibilityKnown: "visibility"
        case .seedOrganisationKnown, .needOrganisationKnown, .needOrganisationFirm: "organisation"
        case .seedCoordinatorKnown: "coordinator"
        case .needContactKnown: "contact"
        case .seedStatusKnown, .needStatusKnown, .seedStatusTransition, .needStatusTransition: "status"
        case .seedRenewalsLimit, .needRenewalsLimit: "renewals"
        case .seedPublishedDates, .needPublishedDates: "published_at"
        }
    }

    /// The rule as one human sentence, shown when a value breaks it.
    public var sentence: String {
        switch self {
        case .fieldCodeFormat:
            "code must be 2 to 32 lowercase letters, digits or '-', starting with a letter"
        case .fieldLabelLength: "label must be 1 to 80 characters"
        case .countryCodeFormat: "code must be two capital letters (ISO 3166-1 alpha-2)"
        case .clusterSlugUnique: "slug is already used by another cluster"
        case .organisationSlugUnique: "slug is already used by another organisation"
        case .clusterSlugFormat, .organisationSlugFormat:
            "slug must be 2 to 64 lowercase letters, digits or '-', starting with a letter or digit"
        case .clusterNameLength, .organisationNameLength, .personNameLength: "name must be 1 to 200 characters"
        case .clusterCountryKnown, .organisationCountryKnown, .needTargetCountriesKnown: "unknown country"
        case .clusterProgrammeKnown: "programme must be one of \(Programme.allowedList)"
        case .clusterStartYearRange: "start_year must be between 1950 and 2100"
        case .clusterOutcomesObject: "outcomes must be a JSON object"
        case .clusterFieldsKnown, .seedPrimaryFieldKnown, .seedSecondaryFieldsKnown, .needPrimaryFieldKnown,
            .needSecondaryFieldsKnown:
            "unknown field"
        case .sisterLinkSinceRange: "since must be between 1950 and 2100"
        case .sisterLinkOrdered: "a sister link must join two different clusters"
        case .sisterLinkUnique: "these clusters are already linked"
        case .sisterLinkClusterAKnown, .sisterLinkClusterBKnown, .organisationClusterKnown,
            .personRoleClusterKnown:
            "unknown cluster"
        case .organisationKindKnown: "kind must be one of \(OrganisationKind.allowedList)"
        case .personOrganisationKnown, .personRoleOrganisationKnown, .seedOrganisationKnown,
            .needOrganisationKnown:
            "unknown organisation"
        case .personEmailUnique: "email is already used by another person"
        case .personEmailFormat: "email must be one '@' between two parts, without spaces"
        case .personRoleKnown: "role must be one of \(RoleKind.allowedList)"
        case .personRoleScope:
            "a coordinator needs an organisation or a cluster, and a firm-contact needs an organisation"
        case .personRoleUnique: "the same role is given twice"
        case .seedRefUnique: "ref is already used by another seed"
        case .needRefUnique: "ref is already used by another need"
        case .seedRefFormat, .needRefFormat:
            "ref must be 2 to 40 letters, digits, '.', '_' or '-', starting with a letter or digit"
        case .seedTitleLength, .needTitleLength: "title must be 1 to 256 characters"
        case .seedSummaryLength, .needSummaryLength: "summary must be at most 500 characters"
        case .seedDescriptionLength, .needDescriptionLength: "description must be at most 4000 characters"
        case .seedSecondaryFieldsDistinct, .needSecondaryFieldsDistinct:
            "secondary fields must not repeat the primary field"
        case .seedKeywordsCount, .needKeywordsCount: "at most 10 keywords are allowed"
        case .seedKeywordLength, .needKeywordLength: "each keyword must be 1 to 64 characters"
        case .seedTRLRange: "trl must be between 1 and 9"
        case .needTRLMinRange: "trl_min must be between 1 and 9"
        case .needTRLMaxRange: "trl_max must be between 1 and 9"
        case .needTRLOrder: "trl_min must not be greater than trl_max"
        case .seedIPStatusKnown: "ip_status must be one of \(IPStatus.allowedList)"
        case .seedIPScopeKnown:
            "ip_scope must be domestic or international for patent-applied or patent-granted, and empty otherwise"
        case .needIPRequiredKnown: "ip_required must list only \(IPStatus.allowedList)"
        case .seedPartnershipsKnown, .needPartnershipsKnown:
            "partnerships must list at least one of \(Partnership.allowedList)"
        case .needScopeKnown: "scope must be one of \(NeedScope.allowedList)"
        case .seedVisibilityKnown, .needVisibilityKnown: "visibility must be one of \(Visibility.allowedList)"
        case .needOrganisationFirm: "a need must be owned by a firm"
        case .seedCoordinatorKnown, .needContactKnown: "unknown person"
        case .seedStatusKnown, .needStatusKnown: "status must be one of \(PostingStatus.allowedList)"
        case .seedRenewalsLimit, .needRenewalsLimit: "renewals must be 0 or 1"
        case .seedPublishedDates: "a seed that is not a draft or withdrawn needs published_at and expires_at"
        case .needPublishedDates: "a need that is not a draft or withdrawn needs published_at and expires_at"
        case .seedStatusTransition: "a seed cannot make this status change"
        case .needStatusTransition: "a need cannot make this status change"
        }
    }

    /// The message for a value that breaks the rule: unknown references name the value (`unknown field "energy"`),
    /// keyword and field rules quote it, and every other rule gives its sentence.
    public func message(value: String) -> String {
        switch self {
        case .seedKeywordLength, .needKeywordLength: "keyword \"\(value)\" must be 1 to 64 characters"
        case .seedSecondaryFieldsDistinct, .needSecondaryFieldsDistinct:
            "secondary fields must not repeat the primary field \"\(value)\""
        default: isUnknownReference ? "\(sentence) \"\(value)\"" : sentence
        }
    }

    /// Whether the rule is about a reference to something that must already exist (field, country, cluster, …).
    public var isUnknownReference: Bool { sentence.hasPrefix("unknown ") }

    /// A problem reporting this rule, with the value named when the rule carries one.
    public func problem(value: String? = nil, file: String? = nil, line: Int? = nil) -> Problem {
        Problem(file: file, line: line, field: field, message: value.map(message(value:)) ?? sentence, rule: self)
    }
}
