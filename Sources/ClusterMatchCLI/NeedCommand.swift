import ArgumentParser
import ClusterMatch

/// `clustermatch need post|list|show|update|publish|withdraw|renew`.
struct NeedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "need", abstract: "Technology needs (requests) posted by firms.",
        subcommands: [Post.self, List.self, Show.self, Update.self, PublishCommand<NeedTag>.self, WithdrawCommand<NeedTag>.self,
                      RenewCommand<NeedTag>.self, MatchesCommand<NeedTag>.self])

    /// Need-only options shared by post and update.
    struct NeedOptions: ParsableArguments {
        @Option(help: "Lowest acceptable TRL (1–9).") var trlMin: Int?
        @Option(help: "Highest acceptable TRL (1–9).") var trlMax: Int?
        @Option(name: .customLong("ip-required"), help: "An acceptable IP status (repeatable; none given: any).") var ipRequired: [IPStatus] = []
        @Option(help: "same-cluster, domestic, international-welcome or international-only.") var scope: NeedScope?
        @Option(name: .customLong("target-country"), help: "A preferred partner country, ISO alpha-2 (repeatable).") var targetCountries: [String] = []
        @Option(help: "Deadline, YYYY-MM-DD.") var deadline: String?
        @Option(help: "The firm contact's email.") var contact: String?
    }

    struct Post: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Post a new need (a draft unless --publish).")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "Reference code, unique (2–40 letters, digits, '.', '_', '-').") var ref: String
        @OptionGroup var text: PostingTextOptions
        @OptionGroup var options: NeedOptions
        @Flag(help: "Publish at once (for 365 days).") var publish = false
        @Flag(help: "Print the stored need as JSON.") var json = false

        func run() async throws {
            try await reportingFailures {
                guard let title = text.title else { throw ValidationError("--title is required") }
                guard let field = text.primaryField else { throw ValidationError("--field is required") }
                guard let organisation = text.organisation else { throw ValidationError("--org is required") }
                let need = NeedRecord(
                    ref: ref, title: title, summary: text.summary ?? "", description: text.description ?? "", primaryField: field,
                    secondaryFields: text.secondaryFields, keywords: text.keywords, trlMin: options.trlMin ?? 1, trlMax: options.trlMax ?? 9,
                    ipRequired: options.ipRequired, partnerships: text.partnerships, scope: options.scope ?? .internationalWelcome,
                    targetCountries: options.targetCountries, deadline: options.deadline, visibility: text.visibility ?? .public,
                    organisation: organisation, contact: options.contact, status: publish ? .published : .draft)
                let stored = try await database.withConnection { try await NeedStore.post(need, on: $0) }
                print(json ? stored.jsonLine : "posted need \(stored.ref) (id \(stored.id ?? 0), \(stored.status?.rawValue ?? "draft"))")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List needs, newest first.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var list: PostingListOptions

        func run() async throws {
            try await reportingFailures {
                let needs = try await database.withConnection { try await NeedStore.list(list.filter, viewer: list.viewer, on: $0) }
                if list.json {
                    for need in needs { print(need.jsonLine) }
                    return
                }
                print(postingTable(needs.map {
                    ($0.id, $0.ref, $0.status?.rawValue ?? "", $0.primaryField, "\($0.trlMin)-\($0.trlMax)", $0.organisation, $0.title)
                }))
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one need (confidential details only to its firm's contacts).")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var reference: PostingReference
        @Option(name: .customLong("as"), help: "Your email.") var viewer: String?
        @Flag(help: "Print the need as JSON.") var json = false

        func run() async throws {
            try await reportingFailures {
                let need = try await database.withConnection { try await NeedStore.show(reference.id, viewer: viewer, on: $0) }
                if json {
                    print(need.jsonLine)
                    return
                }
                print("\(need.ref)  \(need.title)")
                print("status: \(need.status?.rawValue ?? "-")  visibility: \(need.visibility.rawValue)  TRL \(need.trlMin)-\(need.trlMax)  scope: \(need.scope.rawValue)")
                print("field: \(([need.primaryField] + need.secondaryFields).joined(separator: ", "))  wants: \(need.partnerships.map(\.rawValue).joined(separator: ", "))")
                if !need.ipRequired.isEmpty { print("IP accepted: \(need.ipRequired.map(\.rawValue).joined(separator: ", "))") }
                if !need.targetCountries.isEmpty { print("target countries: \(need.targetCountries.joined(separator: ", "))") }
                print("organisation: \(need.organisation)  cluster: \(need.cluster ?? "-")  country: \(need.country ?? "-")  contact: \(need.contact ?? "-")")
                print("deadline: \(need.deadline ?? "-")  published: \(need.publishedAt ?? "-")  expires: \(need.expiresAt ?? "-")")
                if !need.keywords.isEmpty { print("keywords: \(need.keywords.joined(separator: "; "))") }
                print("\n\(need.summary)")
                if need.visibility == .confidential && need.description.isEmpty {
                    print("\n(confidential: details are shown to the firm's contacts only)")
                } else if !need.description.isEmpty {
                    print("\n\(need.description)")
                }
            }
        }
    }

    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change a need's fields (only those given).")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var reference: PostingReference
        @OptionGroup var text: PostingTextOptions
        @OptionGroup var options: NeedOptions

        func run() async throws {
            try await reportingFailures {
                try await database.withConnection { connection in
                    let id = try await PostingLifecycle.resolve(.need, reference.id, on: connection)
                    var need = try await NeedStore.show(String(id), viewer: nil, on: connection, revealing: true)
                    if let value = text.title { need.title = value }
                    if let value = text.summary { need.summary = value }
                    if let value = text.description { need.description = value }
                    if let value = text.primaryField { need.primaryField = value }
                    if !text.secondaryFields.isEmpty { need.secondaryFields = text.secondaryFields }
                    if !text.keywords.isEmpty { need.keywords = text.keywords }
                    if !text.partnerships.isEmpty { need.partnerships = text.partnerships }
                    if let value = text.visibility { need.visibility = value }
                    if let value = text.organisation { need.organisation = value }
                    if let value = options.trlMin { need.trlMin = value }
                    if let value = options.trlMax { need.trlMax = value }
                    if !options.ipRequired.isEmpty { need.ipRequired = options.ipRequired }
                    if let value = options.scope { need.scope = value }
                    if !options.targetCountries.isEmpty { need.targetCountries = options.targetCountries }
                    if let value = options.deadline { need.deadline = value }
                    if let value = options.contact { need.contact = value }
                    try await NeedStore.update(id: id, to: need, on: connection)
                }
                print("updated need \(reference.id)")
            }
        }
    }
}
