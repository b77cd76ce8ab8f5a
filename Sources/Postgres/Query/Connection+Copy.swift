import CLibPQ

extension Connection {
    /// Streams `data` (COPY text or CSV format, as `sql` says) into `COPY … FROM STDIN` and returns the rows copied.
    ///
    /// Runs and blocks on this connection's thread, sending 64 KB chunks with `PQputCopyData`. A server-side error
    /// (bad row, constraint) ends the copy and is thrown with its SQLSTATE; nothing of the COPY is kept.
    /// - Parameters:
    ///   - sql: a `COPY table (columns) FROM STDIN …` statement written by our code, never from input.
    ///   - data: the rows in the format the statement names.
    @discardableResult
    public func copyIn(
        _ sql: String, data: [UInt8], file: String = #fileID, line: Int = #line
    ) async throws -> Int {
        try await cancellable(sql: sql, file: file, line: line) { connection in
            try connection.copyInBlocking(sql, data: data, file: file, line: line)
        }
    }

    private func copyInBlocking(_ sql: String, data: [UInt8], file: String, line: Int) throws -> Int {
        let pg = try requireOpen(sql: sql, file: file, line: line)
        let start = PQexec(pg, sql)
        defer { PQclear(start) }
        guard let start, PQresultStatus(start) == PGRES_COPY_IN else {
            _ = try makeResult(start, sql: sql, file: file, line: line)
            throw PostgresError(code: .protocolViolation, message: "statement did not start COPY FROM STDIN", query: sql, file: file, line: line)
        }
        let chunkSize = 64 * 1024
        var offset = 0
        var sendError: String?
        data.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                while offset < chars.count {
                    let length = min(chunkSize, chars.count - offset)
                    if PQputCopyData(pg, chars.baseAddress! + offset, Int32(length)) != 1 {
                        sendError = String(cString: PQerrorMessage(pg))
                        return
                    }
                    offset += length
                }
            }
        }
        if PQputCopyEnd(pg, sendError) != 1 {
            throw connectionError(sql: sql, file: file, line: line)
        }
        var rows = 0
        var failure: (any Error)?
        while let result = PQgetResult(pg) {
            defer { PQclear(result) }
            do {
                let decoded = try makeResult(result, sql: sql, file: file, line: line)
                rows += decoded.affectedRows ?? 0
            } catch {
                if failure == nil { failure = error }
            }
        }
        drainNotifications()
        if let failure { throw failure }
        return rows
    }
}

/// Builds the body of a `COPY … FROM STDIN` in PostgreSQL's text format: tab-separated, `\N` for NULL, with
/// backslash, tab, newline and carriage return escaped.
public struct CopyTextWriter: Sendable {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8] = []
    private var isAtRowStart = true

    /// An empty writer.
    public init() {}

    /// Appends one column value (nil is NULL).
    public mutating func append(_ value: String?) {
        if !isAtRowStart { bytes.append(UInt8(ascii: "\t")) }
        isAtRowStart = false
        guard let value else {
            bytes.append(UInt8(ascii: "\\"))
            bytes.append(UInt8(ascii: "N"))
            return
        }
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case UInt8(ascii: "\t"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case UInt8(ascii: "\n"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case UInt8(ascii: "\r"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            default: bytes.append(byte)
            }
        }
    }

    /// Appends one column value in its bind-parameter text form (arrays as literals, dates in ISO).
    public mutating func append(_ value: some PostgresEncodable) { append(value.postgresText) }

    /// Ends the current row.
    public mutating func endRow() {
        bytes.append(UInt8(ascii: "\n"))
        isAtRowStart = true
    }
}
