/// The rules seeds and needs share, named per posting kind.
private struct PostingRules {
    let refFormat, titleLength, summaryLength, descriptionLength: Rule
    let primaryFieldKnown, secondaryFieldsKnown, secondaryFieldsDistinct: Rule
    let keywordsCount, keywordLength, organisationKnown, renewalsLimit, publishedDates: Rule

    static let seed = PostingRules(
        refFormat: .seedRefFormat, titleLength: .seedTitleLength, summaryLength: .seedSummaryLength,
        descriptionLength: .seedDescriptionLength, primaryFieldKnown: .seedPrimaryFieldKnown,
        secondaryFieldsKnown: .seedSecondaryFieldsKnown, secondaryFieldsDistinct: .seedSecondaryFieldsDistinct,
        keywordsCount: .seedKeywordsCount, keywordLength: .seedKeywordLength, organisationKnown: .seedOrganisationKnown,
        renewalsLimit: .seedRenewalsLimit, publishedDates: .seedPublishedDates)

    static let need = PostingRules(
        refFormat: .needRefFormat, titleLength: .needTitleLength, summaryLength: .needSummaryLength,
        descriptionLength: .needDescriptionLength, primaryFieldKnown: .needPrimaryFieldKnown,
        secondaryFieldsKnown: .needSecondaryFieldsKnown, secondaryFieldsDistinct: .needSecondaryFieldsDistinct,
        keywordsCount: .needKeywordsCount, keywordLength: .needKeywordLength, organisationKnown: .needOrganisationKnown,
        renewalsLimit: .needRenewalsLimit, publishedDates: .needPublishedDates)
}

extension Checker {
    /// The shared rules about a posting's text and fields, in key order.
    fileprivate mutating func postingText(
        _ rules: PostingRules, ref: String, title: String, summary: String, description: String, primaryField: String,
        secondaryFields: [String], keywords: [String]
    ) {
        require(TextRules.isRef(ref), rules.refFormat)
        length(title, 1...256, rules.titleLength)
        length(summary, 0...500, rules.summaryLength)
        length(description, 0...4000, rules.descriptionLength)
        field(primaryField, rules.primaryFieldKnown)
        fields(secondaryFields, rules.secondaryFieldsKnown)
        require(!secondaryFields.contains(primaryField), rules.secondaryFieldsDistinct, value: primaryField)
        require(keywords.count <= 10, rules.keywordsCount)
        for keyword in keywords where TextRules.isBadKeyword(keyword) {
            problems.append(rules.keywordLength.problem(value: keyword))
        }
    }

    /// The shared rules about a posting's owner and lifecycle. `*_published_dates` is checked only for `expired`
    /// and `archived`: a `published` import gets its dates from the store when it is written.
    fileprivate mutating func postingState(
        _ rules: PostingRules, organisation: String, status: PostingStatus?, renewals: Int?, publishedAt: String?,
        expiresAt: String?
    ) {
        self.organisation(organisation, rules.organisationKnown)
        if let renewals { require((0...1).contains(renewals), rules.renewalsLimit) }
        if let status, status == .expired || status == .archived {
            require(publishedAt != nil && expiresAt != nil, rules.publishedDates)
        }
    }
}

extension SeedRecord: ValidatableRecord {
    /// The rules `seed_*` (all but `seed_ref_unique` across the database and `seed_status_transition`, which
    /// depend on stored rows).
    public func problems(known: KnownReferences) -> [Problem] {
        var check = Checker(known: known)
        check.postingText(
            .seed, ref: ref, title: title, summary: summary, description: description, primaryField: primaryField,
            secondaryFields: secondaryFields, keywords: keywords)
        check.require((1...9).contains(trl), .seedTRLRange)
        check.require(ipStatus.isPatent == (ipScope != nil), .seedIPScopeKnown)
        check.require(!partnerships.isEmpty, .seedPartnershipsKnown)
        check.postingState(
            .seed, organisation: organisation, status: status, renewals: renewals, publishedAt: publishedAt,
            expiresAt: expiresAt)
        check.person(coordinator, .seedCoordinatorKnown)
        return check.problems
    }

    /// The ref.
    public var uniqueKey: String { ref }
    /// `seed_ref_unique`.
    public static var uniqueKeyRule: Rule { .seedRefUnique }
}

extension NeedRecord: ValidatableRecord {
    /// The rules `need_*` (all but `need_ref_unique` across the database and `need_status_transition`, which
    /// depend on stored rows), plus `deadline` being a real `YYYY-MM-DD` date.
    public func problems(known: KnownReferences) -> [Problem] {
        var check = Checker(known: known)
        check.postingText(
            .need, ref: ref, title: title, summary: summary, description: description, primaryField: primaryField,
            secondaryFields: secondaryFields, keywords: keywords)
        check.require((1...9).contains(trlMin), .needTRLMinRange)
        check.require((1...9).contains(trlMax), .needTRLMaxRange)
        check.require(trlMin <= trlMax, .needTRLOrder)
        check.require(!partnerships.isEmpty, .needPartnershipsKnown)
        check.countries(targetCountries, .needTargetCountriesKnown)
        if let deadline, !TextRules.isDate(deadline) {
            check.problems.append(Problem(field: "deadline", message: "deadline must be a date written YYYY-MM-DD"))
        }
        check.postingState(
            .need, organisation: organisation, status: status, renewals: renewals, publishedAt: publishedAt,
            expiresAt: expiresAt)
        if let kind = known.organisations?[organisation] { check.require(kind == .firm, .needOrganisationFirm) }
        check.person(contact, .needContactKnown)
        return check.problems
    }

    /// The ref.
    public var uniqueKey: String { ref }
    /// `need_ref_unique`.
    public static var uniqueKeyRule: Rule { .needRefUnique }
}
