public import Logging

/// Listens on channels over a dedicated connection and reconnects when it is lost.
///
/// Call ``run()`` from a task you own (a service's `run`, a task group); read ``events``. After every (re)connect it
/// emits ``Event/connected`` first: notifications sent while it was away are lost, so a consumer re-checks its state
/// then (as the worker's polling backstop does).
public final class Listener: Sendable {
    /// What the listener reports.
    public enum Event: Sendable, Equatable {
        /// The connection is (re)established and listening; anything sent while it was down was missed.
        case connected
        /// A notification arrived.
        case notification(PostgresNotification)
    }

    /// The events, in arrival order.
    public let events: AsyncStream<Event>
    private let continuation: AsyncStream<Event>.Continuation
    private let connectionString: ConnectionString
    private let channels: [String]
    private let reconnectDelay: Duration
    private let pollInterval: Duration
    private let logger: Logger

    /// Prepares a listener; nothing connects until ``run()``.
    /// - Parameters:
    ///   - reconnectDelay: the pause before connecting again after a failure.
    ///   - pollInterval: how long one wait on the socket lasts (how quickly cancellation is seen).
    public init(
        connectionString: ConnectionString, channels: [String], reconnectDelay: Duration = .seconds(1),
        pollInterval: Duration = .milliseconds(250), logger: Logger
    ) {
        (events, continuation) = AsyncStream.makeStream(of: Event.self, bufferingPolicy: .bufferingNewest(10_000))
        self.connectionString = connectionString
        self.channels = channels
        self.reconnectDelay = reconnectDelay
        self.pollInterval = pollInterval
        self.logger = logger
    }

    /// Connects, listens and forwards notifications until the calling task is cancelled; then finishes ``events``.
    ///
    /// Never throws: a lost connection is logged and retried after `reconnectDelay`.
    public func run() async {
        defer { continuation.finish() }
        while !Task.isCancelled {
            var connection: Connection?
            do {
                let opened = try await Connection.connect(to: connectionString, logger: logger)
                connection = opened
                for channel in channels { try await opened.listen(channel) }
                continuation.yield(.connected)
                while !Task.isCancelled {
                    for notification in try await opened.waitForNotifications(timeout: pollInterval) {
                        continuation.yield(.notification(notification))
                    }
                }
            } catch {
                logger.warning("listener connection lost; reconnecting", metadata: ["error": "\(error)"])
                try? await Task.sleep(for: reconnectDelay)
            }
            await connection?.close()
        }
    }
}
