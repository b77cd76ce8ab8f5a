import ClusterMatch
import Logging
import Postgres
import ServiceLifecycle

/// LISTENs on the jobs channel over its own connection (``Listener`` reconnects when it is lost) and wakes the
/// queue named in each notification; after every (re)connect it wakes all queues, because notifications sent while
/// it was away are lost (the runner's polling backstop covers the gap too).
struct NotificationWakeups: Service {
    let configuration: WorkerConfiguration
    let runner: JobRunner
    let logger: Logger

    func run() async throws {
        let listener = Listener(
            connectionString: configuration.database.with("application_name", "clustermatch-worker-listen"),
            channels: [JobQueue.channel], reconnectDelay: min(configuration.pollInterval, .seconds(1)),
            pollInterval: .milliseconds(100), logger: logger)
        await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await listener.run() }
                for await event in listener.events {
                    switch event {
                    case .connected:
                        logger.debug("listening for job notifications")
                        runner.hint(queue: nil)
                    case .notification(let notification):
                        runner.hint(queue: notification.payload.isEmpty ? nil : notification.payload)
                    }
                }
            }
        }
    }
}
