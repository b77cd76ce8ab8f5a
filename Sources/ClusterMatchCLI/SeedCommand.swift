import ArgumentParser
import ClusterMatch

/// `clustermatch seed post|list|show|update|publish|withdraw|renew`.
struct SeedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed", abstract: "Technology seeds (offers) posted by coordinators.",
        subcommands: [Post.self, List.self, Show.self, Update.self, PublishCommand<SeedTag>.self, WithdrawCommand<SeedTag>.self,
                      RenewCommand<SeedTag>.self, MatchesCommand<SeedTag>.self])

    /// Seed-only options shared by post and update.
    struct SeedOptions: ParsableArguments {
        @Option(help: "Technology readiness level, 1–9.") var trl: Int?
        @Option(help: "none, know-how, patent-applied or patent-granted.") var ipStatus: IPStatus?
        @Option(help: "domestic or international (only with a patent).") var ipScope: IPScope?
        @Option(help: "The posting coordinator's email.") var coordinator: String?
    }

    struct Post: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Post a new seed (a draft unless --publish).")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "Reference code, unique (2–40 letters, digits, '.', '_', '-').") var ref: String
        @OptionGroup var text: PostingTextOptions
        @OptionGroup var options: SeedOptions
        @Flag(help: "Publish at once (for 365 days).") var publish = false
        @Flag(help: "Print the stored seed as JSON.") var json = false

        func run() async throws {
            try await reportingFailures {
                guard let title = text.title else { throw ValidationError("--title is required") }
                guard let field = text.primaryField else { throw ValidationError("--field is required") }
                guard let trl = options.trl else { throw ValidationError("--trl is required") }
                guard let organisation = text.organisation else { throw ValidationError("--org is required") }
                let seed = SeedRecord(
                    ref: ref, title: title, summary: text.summary ?? "", description: text.description ?? "", primaryField: field,
                    secondaryFields: text.secondaryFields, keywords: text.keywords, trl: trl, ipStatus: options.ipStatus ?? .none,
                    ipScope: options.ipScope, partnerships: text.partnerships, visibility: text.visibility ?? .public,
                    organisation: organisation, coordinator: options.coordinator, status: publish ? .published : .draft)
                let stored = try await database.withConnection { try await SeedStore.post(seed, on: $0) }
                print(json ? stored.jsonLine : "posted seed \(stored.ref) (id \(stored.id ?? 0), \(stored.status?.rawValue ?? "draft"))")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List seeds, newest first.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var list: PostingListOptions

        func run() async throws {
            try await reportingFailures {
                let seeds = try await database.withConnection { try await SeedStore.list(list.filter, viewer: list.viewer, on: $0) }
                if list.json {
                    for seed in seeds { print(seed.jsonLine) }
                    return
                }
                print(postingTable(seeds.map {
                    ($0.id, $0.ref, $0.status?.rawValue ?? "", $0.primaryField, "\($0.trl)", $0.organisation, $0.title)
                }))
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one seed (confidential details only to its coordinators).")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var reference: PostingReference
        @Option(name: .customLong("as"), help: "Your email.") var viewer: String?
        @Flag(help: "Print the seed as JSON.") var json = false

        func run() async throws {
            try await reportingFailures {
                let seed = try await database.withConnection { try await SeedStore.show(reference.id, viewer: viewer, on: $0) }
                if json {
                    print(seed.jsonLine)
                    return
                }
                print("\(seed.ref)  \(seed.title)")
                print("status: \(seed.status?.rawValue ?? "-")  visibility: \(seed.visibility.rawValue)  TRL \(seed.trl)  IP: \(seed.ipStatus.rawValue)\(seed.ipScope.map { " (\($0.rawValue))" } ?? "")")
                print("field: \(([seed.primaryField] + seed.secondaryFields).joined(separator: ", "))  offers: \(seed.partnerships.map(\.rawValue).joined(separator: ", "))")
                print("organisation: \(seed.organisation)  cluster: \(seed.cluster ?? "-")  country: \(seed.country ?? "-")  coordinator: \(seed.coordinator ?? "-")")
                print("published: \(seed.publishedAt ?? "-")  expires: \(seed.expiresAt ?? "-")  renewals: \(seed.renewals ?? 0)")
                if !seed.keywords.isEmpty { print("keywords: \(seed.keywords.joined(separator: "; "))") }
                print("\n\(seed.summary)")
                if seed.visibility == .confidential && seed.description.isEmpty {
                    print("\n(confidential: details are shown to the seed's coordinators only)")
                } else if !seed.description.isEmpty {
                    print("\n\(seed.description)")
                }
            }
        }
    }

    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change a seed's fields (only those given).")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var reference: PostingReference
        @OptionGroup var text: PostingTextOptions
        @OptionGroup var options: SeedOptions
        @Flag(help: "Remove all keywords (then add those given with --keyword).") var clearKeywords = false

        func run() async throws {
            try await reportingFailures {
                try await database.withConnection { connection in
                    let id = try await PostingLifecycle.resolve(.seed, reference.id, on: connection)
                    var seed = try await SeedStore.show(String(id), viewer: nil, on: connection, revealing: true)
                    if let value = text.title { seed.title = value }
                    if let value = text.summary { seed.summary = value }
                    if let value = text.description { seed.description = value }
                    if let value = text.primaryField { seed.primaryField = value }
                    if !text.secondaryFields.isEmpty { seed.secondaryFields = text.secondaryFields }
                    if clearKeywords { seed.keywords = [] }
                    if !text.keywords.isEmpty { seed.keywords = (clearKeywords ? [] : seed.keywords) + text.keywords }
                    if !text.partnerships.isEmpty { seed.partnerships = text.partnerships }
                    if let value = text.visibility { seed.visibility = value }
                    if let value = text.organisation { seed.organisation = value }
                    if let value = options.trl { seed.trl = value }
                    if let value = options.ipStatus {
                        seed.ipStatus = value
                        if !value.isPatent { seed.ipScope = nil }
                    }
                    if let value = options.ipScope { seed.ipScope = value }
                    if let value = options.coordinator { seed.coordinator = value }
                    try await SeedStore.update(id: id, to: seed, on: connection)
                }
                print("updated seed \(reference.id)")
            }
        }
    }
}
