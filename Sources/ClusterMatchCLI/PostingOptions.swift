public import ArgumentParser
public import ClusterMatch

extension PostingStatus: ExpressibleByArgument {}
extension IPStatus: ExpressibleByArgument {}
extension IPScope: ExpressibleByArgument {}
extension Partnership: ExpressibleByArgument {}
extension Visibility: ExpressibleByArgument {}
extension NeedScope: ExpressibleByArgument {}

/// The text and field options seeds and needs share (post requires some; update changes only those given).
struct PostingTextOptions: ParsableArguments {
    @Option(help: "Title, 1–256 characters.") var title: String?
    @Option(help: "Summary, at most 500 characters (shown even when confidential).") var summary: String?
    @Option(help: "Description, at most 4,000 characters.") var description: String?
    @Option(name: .customLong("field"), help: "Primary field code (aerospace, biotech, ict, nano, …).") var primaryField: String?
    @Option(name: .customLong("secondary-field"), help: "A secondary field (repeatable).") var secondaryFields: [String] = []
    @Option(name: .customLong("keyword"), help: "A keyword (repeatable, at most 10).") var keywords: [String] = []
    @Option(name: .customLong("partnership"), help: "licence, joint-research, sponsored-research, consulting or investment (repeatable).")
    var partnerships: [Partnership] = []
    @Option(help: "public, or confidential (others see title and summary only).") var visibility: Visibility?
    @Option(name: .customLong("org"), help: "Owning organisation (slug).") var organisation: String?
}

/// The filter and viewer options of `seed list` and `need list`.
struct PostingListOptions: ParsableArguments {
    @Option(help: "Only this status.") var status: PostingStatus?
    @Option(help: "Only this field (primary or secondary).") var field: String?
    @Option(name: .customLong("org"), help: "Only this organisation (slug).") var organisation: String?
    @Option(help: "Only this cluster (slug).") var cluster: String?
    @Option(help: "At most this many, newest first.") var limit = 50
    @Option(name: .customLong("as"), help: "Your email: confidential details show only to their coordinators or contacts.") var viewer: String?
    @Flag(help: "One record per line (JSON Lines, the import shape plus id, cluster, country, dates).") var json = false

    var filter: PostingFilter {
        PostingFilter(status: status, field: field, organisation: organisation, cluster: cluster, limit: max(1, min(limit, 10_000)))
    }
}

/// The id-or-ref argument and viewer shared by show and the lifecycle commands.
struct PostingReference: ParsableArguments {
    @Argument(help: "The numeric id or the reference code.") var id: String
}


/// `publish ID [--days N]`.
struct PublishCommand<Kind: PostingKindTag>: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "publish", abstract: "Publish a draft (or republish an expired \(Kind.kind.rawValue)).")
    }
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var reference: PostingReference
    @Option(help: "Days until it expires (default 365).") var days = PostingLifecycle.defaultDays

    func run() async throws {
        try await reportingFailures {
            guard (1...365).contains(days) else { throw CLIError("days: days must be between 1 and 365") }
            try await database.withConnection { connection in
                let id = try await PostingLifecycle.resolve(Kind.kind, reference.id, on: connection)
                try await PostingLifecycle.publish(Kind.kind, id: id, days: days, on: connection)
            }
            print("published \(Kind.kind.rawValue) \(reference.id)")
        }
    }
}

/// `withdraw ID`.
struct WithdrawCommand<Kind: PostingKindTag>: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "withdraw", abstract: "Withdraw a \(Kind.kind.rawValue); it is kept, no longer matched.")
    }
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var reference: PostingReference

    func run() async throws {
        try await reportingFailures {
            try await database.withConnection { connection in
                let id = try await PostingLifecycle.resolve(Kind.kind, reference.id, on: connection)
                try await PostingLifecycle.withdraw(Kind.kind, id: id, on: connection)
            }
            print("withdrew \(Kind.kind.rawValue) \(reference.id)")
        }
    }
}

/// `renew ID [--days N]`.
struct RenewCommand<Kind: PostingKindTag>: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "renew", abstract: "Renew a published or expired \(Kind.kind.rawValue) once, by up to 365 days.")
    }
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var reference: PostingReference
    @Option(help: "Days to add (1–365).") var days = PostingLifecycle.defaultDays

    func run() async throws {
        try await reportingFailures {
            try await database.withConnection { connection in
                let id = try await PostingLifecycle.resolve(Kind.kind, reference.id, on: connection)
                try await PostingLifecycle.renew(Kind.kind, id: id, days: days, on: connection)
            }
            print("renewed \(Kind.kind.rawValue) \(reference.id) by \(days) days")
        }
    }
}

/// Selects seeds or needs for the generic lifecycle commands.
protocol PostingKindTag: Sendable { static var kind: PostingKind { get } }
/// Seeds.
enum SeedTag: PostingKindTag { static let kind = PostingKind.seed }
/// Needs.
enum NeedTag: PostingKindTag { static let kind = PostingKind.need }

/// Renders seeds or needs as a table row set.
func postingTable(_ rows: [(id: Int64?, ref: String, status: String, field: String, trl: String, org: String, title: String)]) -> String {
    renderTable(["id", "ref", "status", "field", "trl", "organisation", "title"],
                rows.map { ["\($0.id ?? 0)", $0.ref, $0.status, $0.field, $0.trl, $0.org, $0.title] })
}
