import ServiceLifecycle

/// Runs `body` every `interval` until graceful shutdown or cancellation (the first run is immediate).
func tick(every interval: Duration, _ body: () async -> Void) async {
    while !Task.isShuttingDownGracefully && !Task.isCancelled {
        await body()
        try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
    }
}
