public import ArgumentParser
public import ClusterMatch
import Foundation

extension Programme: ExpressibleByArgument {}
extension OrganisationKind: ExpressibleByArgument {}

/// `clustermatch cluster list|show|add|link`.
struct ClusterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster", abstract: "Clusters and their sister links.", subcommands: [List.self, Show.self, Add.self, Link.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List clusters.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "Only clusters in this country (ISO 3166 alpha-2).") var country: String?
        @Flag(help: "One cluster record per line (JSON Lines, the import shape).") var json = false

        func run() async throws {
            try await reportingFailures {
                let clusters = try await database.withConnection { try await ClusterStore.list(country: country, on: $0) }
                if json {
                    for summary in clusters { print(summary.cluster.jsonLine) }
                    return
                }
                print(renderTable(
                    ["slug", "name", "country", "programme", "fields", "sisters", "orgs", "seeds", "needs"],
                    clusters.map {
                        [$0.cluster.slug, $0.cluster.name, $0.cluster.country, $0.cluster.programme.rawValue,
                         $0.cluster.mainFields.joined(separator: ","), $0.sisters.joined(separator: ","), "\($0.organisations)",
                         "\($0.seeds)", "\($0.needs)"]
                    }))
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one cluster with its published outcome figures.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The cluster's slug.") var slug: String
        @Flag(help: "Print the cluster record as JSON.") var json = false

        func run() async throws {
            try await reportingFailures {
                let summary = try await database.withConnection { try await ClusterStore.show(slug, on: $0) }
                if json {
                    print(summary.cluster.jsonLine)
                    return
                }
                let cluster = summary.cluster
                print("\(cluster.name) (\(cluster.slug))\(cluster.isSample ? "  [sample data]" : "")")
                print("country: \(cluster.country)  region: \(cluster.region)  programme: \(cluster.programme.rawValue)  since: \(cluster.startYear.map(String.init) ?? "-")")
                print("fields: \(cluster.mainFields.joined(separator: ", "))")
                print("sister clusters: \(summary.sisters.isEmpty ? "none" : summary.sisters.joined(separator: ", "))")
                print("organisations: \(summary.organisations)  seeds: \(summary.seeds)  needs: \(summary.needs)")
                if !cluster.outcomes.isEmpty {
                    print("outcomes:")
                    for key in cluster.outcomes.keys.sorted() {
                        print("  \(key): \(cluster.outcomes[key]!.jsonText)")
                    }
                }
                if !cluster.note.isEmpty { print("note: \(cluster.note)") }
            }
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a cluster.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "Slug: lower-case letters, digits and '-'.") var slug: String
        @Option(help: "Display name.") var name: String
        @Option(help: "Country (ISO 3166 alpha-2).") var country: String
        @Option(help: "Region or prefecture.") var region = ""
        @Option(help: "knowledge-cluster, city-area, regional-innovation, super-cluster or foreign.") var programme: Programme
        @Option(name: .customLong("field"), help: "A main field (repeatable).") var fields: [String] = []
        @Option(help: "First year.") var startYear: Int?
        @Option(help: "A note.") var note = ""

        func run() async throws {
            try await reportingFailures {
                let cluster = ClusterRecord(
                    slug: slug, name: name, country: country, region: region, programme: programme, mainFields: fields,
                    startYear: startYear, note: note)
                try await database.withConnection { try await ClusterStore.add(cluster, on: $0) }
                print("added cluster \(slug)")
            }
        }
    }

    struct Link: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Link two clusters as sister clusters.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "One cluster's slug.") var a: String
        @Argument(help: "The other cluster's slug.") var b: String
        @Option(help: "Year the link began.") var since: Int?
        @Option(help: "A note (the event, the agreement).") var note = ""

        func run() async throws {
            try await reportingFailures {
                try await database.withConnection { try await ClusterStore.link(SisterLinkRecord(a: a, b: b, since: since, note: note), on: $0) }
                print("linked \(a) and \(b)")
            }
        }
    }
}

/// `clustermatch org list|add`.
struct OrgCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "org", abstract: "Organisations: universities, institutes, firms, TLOs, cluster HQs, funders.",
        subcommands: [List.self, Add.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List organisations.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "Only this cluster (slug).") var cluster: String?
        @Option(help: "Only this kind.") var kind: OrganisationKind?
        @Flag(help: "One organisation record per line (JSON Lines).") var json = false

        func run() async throws {
            try await reportingFailures {
                let organisations = try await database.withConnection {
                    try await ClusterStore.organisations(cluster: cluster, kind: kind, on: $0)
                }
                if json {
                    for organisation in organisations { print(organisation.jsonLine) }
                    return
                }
                print(renderTable(
                    ["slug", "name", "kind", "cluster", "country"],
                    organisations.map { [$0.slug, $0.name, $0.kind.rawValue, $0.cluster ?? "-", $0.country] }))
            }
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add an organisation.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "Slug: lower-case letters, digits and '-'.") var slug: String
        @Option(help: "Display name.") var name: String
        @Option(help: "university, research-institute, firm, tlo, cluster-hq or funder.") var kind: OrganisationKind
        @Option(help: "Its cluster (slug).") var cluster: String?
        @Option(help: "Country (ISO 3166 alpha-2).") var country: String

        func run() async throws {
            try await reportingFailures {
                let organisation = OrganisationRecord(slug: slug, name: name, kind: kind, cluster: cluster, country: country)
                try await database.withConnection { try await ClusterStore.add(organisation, on: $0) }
                print("added organisation \(slug)")
            }
        }
    }
}
