import CLibPQ
import Foundation

/// A NOTIFY delivered to a session that LISTENs on its channel.
public struct PostgresNotification: Sendable, Equatable {
    /// The channel name.
    public var channel: String
    /// The payload (empty when none was given).
    public var payload: String
    /// The server process that sent it.
    public var senderPID: Int32
}

extension Connection {
    /// Starts listening on `channel` (quoted as an identifier). Runs on this connection's thread.
    public func listen(_ channel: String, file: String = #fileID, line: Int = #line) async throws {
        try await execute("listen \(quoteIdentifier(channel))", file: file, line: line)
    }

    /// Stops listening on `channel`.
    public func unlisten(_ channel: String, file: String = #fileID, line: Int = #line) async throws {
        try await execute("unlisten \(quoteIdentifier(channel))", file: file, line: line)
    }

    /// Sends a notification (delivered to listeners when the current transaction commits).
    public func notify(_ channel: String, payload: String = "", file: String = #fileID, line: Int = #line) async throws {
        try await execute("select pg_notify($1, $2)", [channel, payload], file: file, line: line)
    }

    /// Returns the notifications that have arrived, waiting up to `timeout` for the first one.
    ///
    /// Blocks this connection's thread in `poll()` on the socket for at most `timeout`; use a short timeout (for
    /// example 250 ms) and call it in a loop so task cancellation is seen between calls.
    /// - Throws: `PostgresError` (`08006`) when the connection is lost.
    public func waitForNotifications(
        timeout: Duration, file: String = #fileID, line: Int = #line
    ) throws -> [PostgresNotification] {
        let pg = try requireOpen(sql: nil, file: file, line: line)
        if bufferedNotifications.isEmpty {
            guard PQconsumeInput(pg) == 1 else { throw connectionError(sql: nil, file: file, line: line) }
            drainNotifications()
        }
        if bufferedNotifications.isEmpty {
            let socket = PQsocket(pg)
            guard socket >= 0 else { throw connectionError(sql: nil, file: file, line: line) }
            var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            let (seconds, attoseconds) = timeout.components
            let milliseconds = Int32(clamping: seconds * 1000 + attoseconds / 1_000_000_000_000_000)
            let ready = poll(&descriptor, 1, milliseconds)
            if ready > 0 {
                guard PQconsumeInput(pg) == 1 else { throw connectionError(sql: nil, file: file, line: line) }
                drainNotifications()
            }
            if PQstatus(pg) != CONNECTION_OK { throw connectionError(sql: nil, file: file, line: line) }
        }
        defer { bufferedNotifications.removeAll() }
        return bufferedNotifications
    }

    /// Moves notifications from libpq's buffer into ours (they arrive during any command).
    func drainNotifications() {
        guard let pg else { return }
        while let notice = PQnotifies(pg) {
            bufferedNotifications.append(
                PostgresNotification(
                    channel: String(cString: notice.pointee.relname), payload: String(cString: notice.pointee.extra),
                    senderPID: notice.pointee.be_pid))
            PQfreemem(notice)
        }
    }
}

/// Quotes an SQL identifier (`"name"`, doubling embedded quotes).
public func quoteIdentifier(_ name: String) -> String {
    "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}
