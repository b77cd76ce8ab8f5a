import Foundation
import ServiceLifecycle

/// Runs `body` every `interval` until graceful shutdown or cancellation (the first run is immediate).
func tick(every interval: Duration, _ body: () async -> Void) async {
    while !Task.isShuttingDownGracefully && !Task.isCancelled {
        await body()
        try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
    }
}

/// An error's description on one line (libpq's messages span several), for log metadata and job error records.
func oneLine(_ error: any Error) -> String {
    "\(error)".split(whereSeparator: { $0.isNewline || $0 == "\t" }).map { $0.trimmingCharacters(in: .whitespaces) }
        .filter { !$0.isEmpty }.joined(separator: " ")
}
