import CLibPQ
import Foundation

/// Sends a cancel request for whatever statement a connection is running; safe to call from any thread.
///
/// Thread safety: `PQcancel` is documented as thread-safe; the handle is freed only in `deinit`, and `lock` keeps
/// `invalidate()` from racing a cancel in flight.
final class CancelHandle: @unchecked Sendable {
    private let lock = NSLock()
    private var handle: OpaquePointer?

    init(connection: OpaquePointer) {
        handle = PQgetCancel(connection)
    }

    /// Asks the server to cancel the running statement; returns whether the request was sent.
    @discardableResult
    func cancel() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard let handle else { return false }
        var buffer = [CChar](repeating: 0, count: 256)
        return PQcancel(handle, &buffer, Int32(buffer.count)) == 1
    }

    /// Frees the handle; later cancels do nothing.
    func invalidate() {
        lock.lock()
        defer { lock.unlock() }
        if let handle { PQfreeCancel(handle) }
        handle = nil
    }

    deinit { invalidate() }
}
