import ClusterMatch
import Testing

@Suite struct DomainValidationTests {
    let known = Sample.known

    func seedMessages(_ change: (inout SeedRecord) -> Void) -> [String] {
        Sample.messages(validate(Sample.seed(change), known: known))
    }

    func needMessages(_ change: (inout NeedRecord) -> Void) -> [String] {
        Sample.messages(validate(Sample.need(change), known: known))
    }

    @Test func validSamplesPass() {
        #expect(validate(Sample.seed(), known: known).isEmpty)
        #expect(validate(Sample.need(), known: known).isEmpty)
        #expect(validate(Sample.seed(), known: .none).isEmpty)
    }

    @Test func trlZeroAndTwelve() {
        #expect(seedMessages { $0.trl = 0 } == ["trl: trl must be between 1 and 9"])
        #expect(seedMessages { $0.trl = 12 } == ["trl: trl must be between 1 and 9"])
        #expect(seedMessages { $0.trl = 9 } == [])
        #expect(validate(Sample.seed { $0.trl = 0 }, known: known).first?.rule == .seedTRLRange)
    }

    @Test func unknownField() {
        #expect(seedMessages { $0.primaryField = "energy" } == ["primary_field: unknown field \"energy\""])
        #expect(
            seedMessages { $0.secondaryFields = ["energy", "nano", "energy", "quantum"] }
                == ["secondary_fields: unknown field \"energy\"", "secondary_fields: unknown field \"quantum\""])
        // Without a list of known fields the check is left to the database.
        #expect(validate(Sample.seed { $0.primaryField = "energy" }, known: .none).isEmpty)
    }

    @Test func secondaryFieldsMustNotRepeatThePrimary() {
        #expect(
            seedMessages { $0.secondaryFields = ["ict"] }
                == ["secondary_fields: secondary fields must not repeat the primary field \"ict\""])
        #expect(
            needMessages { $0.secondaryFields = ["aerospace"] }
                == ["secondary_fields: secondary fields must not repeat the primary field \"aerospace\""])
    }

    @Test func textLengths() {
        #expect(seedMessages { $0.summary = String(repeating: "a", count: 5000) } == ["summary: summary must be at most 500 characters"])
        #expect(seedMessages { $0.summary = String(repeating: "a", count: 500) } == [])
        #expect(seedMessages { $0.title = "" } == ["title: title must be 1 to 256 characters"])
        #expect(seedMessages { $0.title = String(repeating: "t", count: 257) } == ["title: title must be 1 to 256 characters"])
        #expect(seedMessages { $0.title = String(repeating: "t", count: 256) } == [])
        #expect(
            seedMessages { $0.description = String(repeating: "d", count: 4001) }
                == ["description: description must be at most 4000 characters"])
        #expect(needMessages { $0.title = "" } == ["title: title must be 1 to 256 characters"])
    }

    @Test func lengthsCountUnicodeScalarsLikePostgreSQL() {
        // 👍🏽 is one Character but two scalars; é written e + U+0301 is one Character but two scalars.
        let thumbs = "👍🏽"
        #expect(thumbs.count == 1 && TextRules.length(thumbs) == 2)
        let combining = "e\u{301}"
        #expect(combining.count == 1 && TextRules.length(combining) == 2)
        // 128 thumbs = 128 Characters but 256 scalars: fits a title exactly; one more does not.
        #expect(seedMessages { $0.title = String(repeating: thumbs, count: 128) } == [])
        #expect(
            seedMessages { $0.title = String(repeating: thumbs, count: 128) + "x" }
                == ["title: title must be 1 to 256 characters"])
        #expect(seedMessages { $0.summary = String(repeating: combining, count: 250) } == [])
        #expect(
            seedMessages { $0.summary = String(repeating: combining, count: 251) } == ["summary: summary must be at most 500 characters"])
        // Japanese: 3 bytes each in UTF-8, one character each.
        #expect(seedMessages { $0.summary = String(repeating: "技", count: 500) } == [])
        #expect(seedMessages { $0.summary = String(repeating: "技", count: 501) } == ["summary: summary must be at most 500 characters"])
        // Astral characters (4 bytes): 😀 is one scalar.
        #expect(seedMessages { $0.title = String(repeating: "😀", count: 256) } == [])
    }

    @Test func refFormat() {
        let bad = ["", "S", "-S1", ".S1", "S 1", "S/1", "S1\n", String(repeating: "a", count: 41), "Ｓ1", "S-é"]
        for ref in bad {
            #expect(
                seedMessages { $0.ref = ref }
                    == ["ref: ref must be 2 to 40 letters, digits, '.', '_' or '-', starting with a letter or digit"],
                "\(ref)")
        }
        for ref in ["S1", "s.1_2-3", String(repeating: "a", count: 40), "9-x"] {
            #expect(seedMessages { $0.ref = ref } == [], "\(ref)")
        }
    }

    @Test func sqlMetacharactersInATitleAreValid() {
        #expect(seedMessages { $0.title = "'; drop table seeds; --" } == [])
        #expect(seedMessages { $0.title = "Robert'); DROP TABLE seeds;-- \"quoted\" \\ $1 %s" } == [])
    }

    @Test func keywords() {
        #expect(
            seedMessages { $0.keywords = (1...11).map { "k\($0)" } } == ["keywords: at most 10 keywords are allowed"])
        #expect(seedMessages { $0.keywords = (1...10).map { "k\($0)" } } == [])
        #expect(seedMessages { $0.keywords = ["  "] } == ["keywords: keyword \"  \" must be 1 to 64 characters"])
        #expect(seedMessages { $0.keywords = [""] } == ["keywords: keyword \"\" must be 1 to 64 characters"])
        let long = String(repeating: "k", count: 65)
        #expect(seedMessages { $0.keywords = ["ok", long] } == ["keywords: keyword \"\(long)\" must be 1 to 64 characters"])
        #expect(seedMessages { $0.keywords = [String(repeating: "👍🏽", count: 32)] } == [])
        // btrim removes spaces only: a tab is a character.
        #expect(seedMessages { $0.keywords = ["\t"] } == [])
    }

    @Test func ipScopeGoesWithPatents() {
        let sentence =
            "ip_scope: ip_scope must be domestic or international for patent-applied or patent-granted, and empty otherwise"
        #expect(seedMessages { $0.ipScope = nil } == [sentence])
        #expect(seedMessages { $0.ipStatus = .none } == [sentence])
        #expect(
            seedMessages {
                $0.ipStatus = .knowHow; $0.ipScope = nil
            } == [])
        #expect(
            seedMessages {
                $0.ipStatus = .patentGranted; $0.ipScope = .international
            } == [])
    }

    @Test func partnershipsAtLeastOne() {
        #expect(
            seedMessages { $0.partnerships = [] }
                == [
                    "partnerships: partnerships must list at least one of licence, joint-research, sponsored-research, consulting, investment"
                ])
        #expect(needMessages { $0.partnerships = [] }.count == 1)
    }

    @Test func references() {
        #expect(seedMessages { $0.organisation = "acme" } == ["organisation: unknown organisation \"acme\""])
        #expect(seedMessages { $0.coordinator = "nobody@example.jp" } == ["coordinator: unknown person \"nobody@example.jp\""])
        #expect(seedMessages { $0.coordinator = nil } == [])
        #expect(needMessages { $0.contact = "nobody@example.jp" } == ["contact: unknown person \"nobody@example.jp\""])
        #expect(needMessages { $0.targetCountries = ["CA", "XX"] } == ["target_countries: unknown country \"XX\""])
        #expect(needMessages { $0.organisation = "hokkaido-university" } == ["organisation: a need must be owned by a firm"])
        #expect(needMessages { $0.organisation = "acme" } == ["organisation: unknown organisation \"acme\""])
    }

    @Test func needTRL() {
        #expect(needMessages { $0.trlMin = 0 } == ["trl_min: trl_min must be between 1 and 9"])
        #expect(needMessages { $0.trlMax = 12 } == ["trl_max: trl_max must be between 1 and 9"])
        #expect(
            needMessages {
                $0.trlMin = 8; $0.trlMax = 3
            } == ["trl_max: trl_min must not be greater than trl_max"])
        #expect(
            needMessages {
                $0.trlMin = 5; $0.trlMax = 5
            } == [])
    }

    @Test func needDeadline() {
        #expect(needMessages { $0.deadline = "2027-02-29" } == ["deadline: deadline must be a date written YYYY-MM-DD"])
        #expect(needMessages { $0.deadline = "31/03/2027" } == ["deadline: deadline must be a date written YYYY-MM-DD"])
        #expect(needMessages { $0.deadline = "2028-02-29" } == [])
    }

    @Test func lifecycleValues() {
        #expect(seedMessages { $0.renewals = 2 } == ["renewals: renewals must be 0 or 1"])
        #expect(
            seedMessages { $0.status = .expired }
                == ["published_at: a seed that is not a draft or withdrawn needs published_at and expires_at"])
        #expect(
            seedMessages {
                $0.status = .expired
                $0.publishedAt = "2025-01-01T00:00:00Z"
                $0.expiresAt = "2026-01-01T00:00:00Z"
            } == [])
    }

    @Test func severalProblemsComeInKeyOrder() {
        let messages = seedMessages {
            $0.ref = "x"
            $0.trl = 0
            $0.organisation = "acme"
            $0.title = ""
        }
        #expect(messages.map { $0.split(separator: ":").first! } == ["ref", "title", "trl", "organisation"])
    }

    @Test func clusters() {
        let cluster = ClusterRecord(
            slug: "sapporo", name: "Sapporo IT Carrozzeria", country: "JP", programme: .knowledgeCluster, mainFields: ["ict"],
            startYear: 2002)
        #expect(validate(cluster, known: known).isEmpty)
        var bad = cluster
        bad.slug = "Sapporo"
        bad.name = ""
        bad.country = "XX"
        bad.mainFields = ["ict", "energy"]
        bad.startYear = 1900
        #expect(
            Sample.messages(validate(bad, known: known)) == [
                "slug: slug must be 2 to 64 lowercase letters, digits or '-', starting with a letter or digit",
                "name: name must be 1 to 200 characters",
                "country: unknown country \"XX\"",
                "start_year: start_year must be between 1950 and 2100",
                "main_fields: unknown field \"energy\"",
            ])
    }

    @Test func organisations() {
        let organisation = OrganisationRecord(
            slug: "osaka-university", name: "Osaka University", kind: .university, cluster: "sapporo", country: "JP")
        #expect(validate(organisation, known: known).isEmpty)
        var bad = organisation
        bad.slug = "-osaka"
        bad.cluster = "atlantis"
        bad.country = "ZZ"
        #expect(
            Sample.messages(validate(bad, known: known)) == [
                "slug: slug must be 2 to 64 lowercase letters, digits or '-', starting with a letter or digit",
                "cluster: unknown cluster \"atlantis\"",
                "country: unknown country \"ZZ\"",
            ])
    }

    @Test func people() {
        let person = PersonRecord(
            name: "Aiko Tanaka", email: "a.tanaka@example.jp", organisation: "hokkaido-university",
            roles: [
                RoleRecord(role: .coordinator, organisation: "hokkaido-university"), RoleRecord(role: .coordinator, cluster: "sapporo"),
                RoleRecord(role: .forumOrganiser),
            ])
        #expect(validate(person, known: known).isEmpty)
        for email in ["no-at.example.jp", "a@b@c", "a b@c", "@c", "a@", "a@b\u{3000}c"] {
            var bad = person
            bad.email = email
            #expect(
                Sample.messages(validate(bad, known: known)) == ["email: email must be one '@' between two parts, without spaces"],
                "\(email)")
        }
        var bad = person
        bad.name = ""
        bad.organisation = "acme"
        bad.roles = [
            RoleRecord(role: .coordinator), RoleRecord(role: .firmContact, cluster: "sapporo"),
            RoleRecord(role: .coordinator, cluster: "atlantis"), RoleRecord(role: .forumOrganiser), RoleRecord(role: .forumOrganiser),
        ]
        let scope = "roles: a coordinator needs an organisation or a cluster, and a firm-contact needs an organisation"
        #expect(
            Sample.messages(validate(bad, known: known)) == [
                "name: name must be 1 to 200 characters",
                "organisation: unknown organisation \"acme\"",
                scope, scope,
                "roles: unknown cluster \"atlantis\"",
                "roles: the same role is given twice",
            ])
    }

    @Test func sisterLinks() {
        #expect(validate(SisterLinkRecord(a: "gifu", b: "criaq-quebec", since: 2012), known: known).isEmpty)
        #expect(
            Sample.messages(validate(SisterLinkRecord(a: "gifu", b: "gifu", since: 1900), known: known)) == [
                "b: a sister link must join two different clusters", "since: since must be between 1950 and 2100",
            ])
        #expect(
            Sample.messages(validate(SisterLinkRecord(a: "atlantis", b: "gifu"), known: known)) == ["a: unknown cluster \"atlantis\""])
    }

    @Test func knownReferencesGrowWithinAnImport() {
        var known = Sample.known
        known.add(OrganisationRecord(slug: "new-firm", name: "New Firm", kind: .firm, country: "JP"))
        #expect(validate(Sample.need { $0.organisation = "new-firm" }, known: known).isEmpty)
        var unknown = KnownReferences.none
        unknown.add(OrganisationRecord(slug: "new-firm", name: "New Firm", kind: .firm, country: "JP"))
        #expect(unknown.organisations == nil)
    }
}
