public import ArgumentParser
public import ClusterMatch
import Foundation
import Postgres

/// `clustermatch inbox --for EMAIL`.
struct InboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inbox", abstract: "Show someone's notifications (expiry notices, new matches, digests), newest first.")
    @OptionGroup var database: DatabaseOptions
    @Option(name: .customLong("for"), help: "The recipient (an email address, or org:<slug>).") var recipient: String
    @Flag(help: "Only unread notifications.") var unread = false
    @Flag(help: "Mark the shown notifications read.") var markRead = false
    @Option(help: "At most this many (1–1000).") var limit = 20
    @Flag(help: "One JSON object per notification.") var json = false

    func validate() throws {
        guard (1...1000).contains(limit) else { throw ValidationError("--limit must be between 1 and 1000") }
    }

    func run() async throws {
        try await reportingFailures {
            let notifications = try await database.withConnection { connection in
                let found = try await Outbox.inbox(for: recipient, unreadOnly: unread, limit: limit, on: connection)
                if markRead { try await Outbox.markRead(found.map(\.id), on: connection) }
                return found
            }
            if json {
                for notification in notifications {
                    guard case .object(var object) = notification.deliveryJSON else { continue }
                    object["channel"] = .string(notification.channel.rawValue)
                    object["delivered_at"] = notification.deliveredAt.map { .string(formatTime($0)) } ?? .null
                    object["read_at"] = notification.readAt.map { .string(formatTime($0)) } ?? .null
                    print(JSONValue.object(object).jsonText)
                }
                return
            }
            if notifications.isEmpty {
                print("no \(unread ? "unread " : "")notifications for \(recipient)")
                return
            }
            print(renderTable(
                ["id", "when", "kind", "subject", "read"],
                notifications.map { ["\($0.id)", formatTime($0.createdAt), $0.kind, $0.subject, $0.readAt == nil ? "" : "read"] }))
        }
    }
}

extension Subscription.Kind: ExpressibleByArgument {}
extension NotificationChannel: ExpressibleByArgument {}

/// `clustermatch subscription add|list|remove`.
struct SubscriptionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "subscription", abstract: "Saved alerts: new matches above a score, or a cluster digest.",
        subcommands: [Add.self, List.self, Remove.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Save a subscription.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "Who gets the notifications (an email address).") var subscriber: String
        @Option(help: "need-matches, seed-matches or cluster-digest.") var kind: Subscription.Kind
        @Option(help: "The need's or seed's ref, or the cluster's slug.") var target: String
        @Option(help: "The lowest match score that notifies (0–1).") var minScore = 0.6
        @Option(help: "Days between digests.") var digestDays = 7
        @Option(help: "inbox, sink or webhook.") var channel: NotificationChannel = .inbox
        @Option(help: "The webhook URL (with --channel webhook).") var webhookURL: String?

        func validate() throws {
            guard (0...1).contains(minScore) else { throw ValidationError("--min-score must be between 0 and 1") }
            guard (1...365).contains(digestDays) else { throw ValidationError("--digest-days must be between 1 and 365") }
            guard (channel == .webhook) == (webhookURL != nil) else {
                throw ValidationError("--webhook-url is required with --channel webhook, and only then")
            }
        }

        func run() async throws {
            try await reportingFailures {
                let subscription = Subscription(
                    subscriber: subscriber, kind: kind, target: target, minScore: minScore, digestEverySeconds: digestDays * 86_400,
                    channel: channel, webhookURL: webhookURL)
                let id = try await database.withConnection { try await SubscriptionStore.add(subscription, on: $0) }
                print("subscription \(id) saved")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List subscriptions.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "Only this subscriber's.") var subscriber: String?

        func run() async throws {
            try await reportingFailures {
                let subscriptions = try await database.withConnection { try await SubscriptionStore.list(subscriber: subscriber, on: $0) }
                print(renderTable(
                    ["id", "subscriber", "kind", "target", "min score", "channel"],
                    subscriptions.map {
                        ["\($0.id ?? 0)", $0.subscriber, $0.kind.rawValue, $0.target, String(format: "%.2f", $0.minScore),
                         $0.channel == .webhook ? "webhook \($0.webhookURL ?? "")" : $0.channel.rawValue]
                    }))
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete a subscription.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The subscription's id.") var id: Int64

        func run() async throws {
            try await reportingFailures {
                guard try await database.withConnection({ try await SubscriptionStore.remove(id, on: $0) }) else {
                    throw CLIError("no subscription \(id)")
                }
                print("subscription \(id) removed")
            }
        }
    }
}
