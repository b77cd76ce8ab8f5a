import ClusterMatch
import Foundation
import Testing

@Suite struct DomainRuleTests {
    /// Every constraint name written in the schema (named constraints and trigger-raised ones).
    static func schemaConstraintNames() throws -> Set<String> {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("sql/0001_foundation.sql")
        let sql = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
            .map { line in line.range(of: "--").map { String(line[..<$0.lowerBound]) } ?? String(line) }
            .joined(separator: "\n")
        var names = Set<String>()
        let words = sql.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_" || $0 == "'") })
        for (index, word) in words.enumerated() where word == "constraint" && index + 1 < words.count {
            names.insert(String(words[index + 1]).trimmingCharacters(in: CharacterSet(charactersIn: "'")))
        }
        names.remove("rule")  // `constraint = rule` in the helper functions
        names.remove("prefix")  // `constraint = prefix || '_…'` in postings_check
        for word in words where word.hasPrefix("'") && word.hasSuffix("'") && word.count > 2 {
            let name = word.dropFirst().dropLast()
            if name.hasPrefix("_") {
                names.insert("seed" + name)
                names.insert("need" + name)
            } else if name.hasSuffix("_known") {
                names.insert(String(name))
            }
        }
        return names
    }

    @Test func everySchemaConstraintHasARule() throws {
        let names = try Self.schemaConstraintNames()
        #expect(names.count > 60)
        for name in names {
            #expect(Rule(constraintName: name) != nil, "no Rule for constraint \(name)")
        }
        #expect(names.contains("cluster_fields_known"))
        #expect(names.contains("seed_status_transition"))
        #expect(names.contains("need_organisation_firm"))
    }

    @Test func lookupByConstraintName() {
        #expect(Rule(constraintName: "seed_trl_range") == .seedTRLRange)
        #expect(Rule(constraintName: "seed_trl_range")?.sentence == "trl must be between 1 and 9")
        #expect(Rule(constraintName: "seed_trl_range")?.field == "trl")
        #expect(Rule(constraintName: "no_such_rule") == nil)
        for rule in Rule.allCases {
            #expect(Rule(constraintName: rule.constraintName) == rule)
            #expect(!rule.field.isEmpty)
            #expect(!rule.sentence.isEmpty && !rule.sentence.hasSuffix("."))
        }
    }

    @Test func sentencesFromTheBrief() {
        #expect(Rule.seedTitleLength.sentence == "title must be 1 to 256 characters")
        #expect(Rule.seedSummaryLength.sentence == "summary must be at most 500 characters")
        #expect(Rule.seedRefFormat.sentence.hasPrefix("ref must be 2 to 40 letters, digits, '.', '_' or '-'"))
        #expect(Rule.seedOrganisationKnown.sentence == "unknown organisation")
        #expect(Rule.needOrganisationFirm.sentence == "a need must be owned by a firm")
        #expect(Rule.seedRefUnique.sentence == "ref is already used by another seed")
        #expect(Rule.needTRLOrder.field == "trl_max")
        #expect(Rule.seedSecondaryFieldsDistinct.field == "secondary_fields")
        #expect(Rule.needOrganisationFirm.field == "organisation")
        #expect(Rule.clusterSlugUnique.field == "slug")
        #expect(Rule.seedStatusTransition.field == "status")
        #expect(Rule.seedCoordinatorKnown.field == "coordinator")
        #expect(Rule.needContactKnown.field == "contact")
        #expect(Rule.clusterCountryKnown.field == "country")
        #expect(Rule.organisationClusterKnown.field == "cluster")
        #expect(Rule.seedPrimaryFieldKnown.field == "primary_field")
        #expect(Rule.needTargetCountriesKnown.field == "target_countries")
        #expect(Rule.clusterFieldsKnown.field == "main_fields")
        #expect(Rule.seedKeywordLength.field == "keywords")
    }

    @Test func unknownReferenceMessagesNameTheValue() {
        #expect(Rule.seedPrimaryFieldKnown.message(value: "energy") == "unknown field \"energy\"")
        #expect(Rule.clusterCountryKnown.message(value: "XX") == "unknown country \"XX\"")
        #expect(Rule.seedOrganisationKnown.message(value: "acme") == "unknown organisation \"acme\"")
        #expect(Rule.organisationClusterKnown.message(value: "atlantis") == "unknown cluster \"atlantis\"")
        #expect(Rule.needContactKnown.message(value: "x@y") == "unknown person \"x@y\"")
        #expect(Rule.seedKeywordLength.message(value: " ") == "keyword \" \" must be 1 to 64 characters")
        #expect(
            Rule.seedSecondaryFieldsDistinct.message(value: "ict")
                == "secondary fields must not repeat the primary field \"ict\"")
        // Messages match what the schema's triggers raise, so store and validator agree.
        #expect(Rule.seedTRLRange.message(value: "12") == "trl must be between 1 and 9")
    }

    @Test func vocabularyMessages() {
        #expect(
            Partnership.notOneOf("licensing")
                == "\"licensing\" is not one of licence, joint-research, sponsored-research, consulting, investment")
        #expect(IPStatus.allowedList == "none, know-how, patent-applied, patent-granted")
        #expect(OrganisationKind.allCases.map(\.rawValue) == ["university", "research-institute", "firm", "tlo", "cluster-hq", "funder"])
        #expect(
            Programme.allCases.map(\.rawValue) == ["knowledge-cluster", "city-area", "regional-innovation", "super-cluster", "foreign"])
        #expect(NeedScope.allCases.map(\.rawValue) == ["same-cluster", "domestic", "international-welcome", "international-only"])
        #expect(RoleKind.allCases.map(\.rawValue) == ["coordinator", "firm-contact", "forum-organiser"])
        #expect(PostingStatus.allCases.map(\.rawValue) == ["draft", "published", "expired", "archived", "withdrawn"])
    }

    @Test func statusTransitionsFollowTheTrigger() {
        #expect(PostingStatus.draft.canMove(to: .published))
        #expect(PostingStatus.draft.canMove(to: .withdrawn))
        #expect(!PostingStatus.draft.canMove(to: .expired))
        #expect(PostingStatus.published.canMove(to: .expired))
        #expect(!PostingStatus.published.canMove(to: .draft))
        #expect(PostingStatus.expired.canMove(to: .published))
        #expect(PostingStatus.expired.canMove(to: .archived))
        #expect(!PostingStatus.archived.canMove(to: .published))
        #expect(!PostingStatus.withdrawn.canMove(to: .draft))
        #expect(PostingStatus.archived.canMove(to: .archived))
    }

    @Test func problemDescription() {
        let problem = Rule.seedTRLRange.problem(file: "seeds.csv", line: 12)
        #expect(problem.description == "seeds.csv:12: trl: trl must be between 1 and 9")
        #expect(Rule.seedTRLRange.problem().description == "trl: trl must be between 1 and 9")
        #expect(Problem(line: 3, field: "trl", message: "m").description == "line 3: trl: m")
        #expect(Problem(file: "a.jsonl", field: "", message: "file is empty").description == "a.jsonl: file is empty")
        let failure = ValidationFailure([problem, Problem(field: "x", message: "y")])
        #expect(failure.description == "seeds.csv:12: trl: trl must be between 1 and 9\nx: y")
    }
}
