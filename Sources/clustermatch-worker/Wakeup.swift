import Synchronization

/// A level-triggered wake-up for one waiting loop: ``fire()`` from anywhere; ``wait(timeout:)`` returns at once if
/// it was fired since the last wait, else when it is fired, the timeout passes or the task is cancelled.
/// (State guarded by a mutex; at most one waiter at a time.)
final class Wakeup: Sendable {
    private struct State {
        var isFired = false
        var waiter: CheckedContinuation<Void, Never>?
    }
    private let state = Mutex(State())

    /// Wakes the waiter, or the next wait.
    func fire() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            if let waiter = state.waiter {
                state.waiter = nil
                return waiter
            }
            state.isFired = true
            return nil
        }
        waiter?.resume()
    }

    /// Waits for ``fire()`` for at most `timeout`.
    func wait(timeout: Duration) async {
        if state.withLock({ state in
            defer { state.isFired = false }
            return state.isFired
        }) { return }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.waitForFire() }
            group.addTask { try? await Task.sleep(for: timeout) }
            await group.next()
            group.cancelAll()
            // Resume a waiter left behind by the timeout (cancellation of waitForFire does that too).
            self.cancelWaiter()
        }
    }

    private func waitForFire() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let resumeNow = state.withLock { state -> Bool in
                    if state.isFired || Task.isCancelled {
                        state.isFired = false
                        return true
                    }
                    state.waiter = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            cancelWaiter()
        }
    }

    private func cancelWaiter() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume()
    }
}
