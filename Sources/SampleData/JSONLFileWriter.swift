public import Foundation

/// Writes JSON Lines records to a file or file handle through a 1 MiB buffer.
///
/// Not thread-safe: use one writer from one task. Call `close()` (or `flush()`) to write the buffered tail.
public final class JSONLFileWriter {
    private let handle: FileHandle
    private let closesHandle: Bool
    private var buffer: [UInt8] = []
    private let chunkSize = 1 << 20

    /// Creates (or truncates) the file at `url` and writes to it.
    /// - Throws: `CocoaError` if the file cannot be created or opened.
    public init(url: URL) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
        handle = try FileHandle(forWritingTo: url)
        closesHandle = true
        buffer.reserveCapacity(chunkSize + 16384)
    }

    /// Writes to an open handle (for example `FileHandle.standardOutput`), which `close()` leaves open.
    public init(handle: FileHandle) {
        self.handle = handle
        closesHandle = false
        buffer.reserveCapacity(chunkSize + 16384)
    }

    /// Appends one record as a line.
    /// - Throws: an I/O error from writing a full buffer.
    public func write(_ record: some JSONLRecord) throws {
        record.appendJSONLine(to: &buffer)
        if buffer.count >= chunkSize { try flush() }
    }

    /// Writes everything buffered so far.
    /// - Throws: an I/O error.
    public func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes and, if the writer opened the file, closes it.
    /// - Throws: an I/O error.
    public func close() throws {
        try flush()
        if closesHandle { try handle.close() }
    }
}

extension Generator {
    /// The files `writeJSONL(to:seeds:needs:)` writes, in import order.
    public static let fileNames = ["clusters.jsonl", "organisations.jsonl", "seeds.jsonl", "needs.jsonl"]

    /// Writes clusters.jsonl, organisations.jsonl, seeds.jsonl and needs.jsonl into `directory` (which must exist),
    /// replacing files of those names. Memory stays bounded: records are streamed through a 1 MiB buffer.
    /// - Parameters:
    ///   - directory: an existing directory.
    ///   - seeds: how many seeds to write.
    ///   - needs: how many needs to write.
    /// - Throws: an I/O error; files written so far are left in place.
    public func writeJSONL(to directory: URL, seeds: Int, needs: Int) throws {
        let clusterWriter = try JSONLFileWriter(url: directory.appendingPathComponent("clusters.jsonl"))
        for cluster in clusters() { try clusterWriter.write(cluster) }
        try clusterWriter.close()

        let organisationWriter = try JSONLFileWriter(url: directory.appendingPathComponent("organisations.jsonl"))
        for organisation in organisations() { try organisationWriter.write(organisation) }
        try organisationWriter.close()

        let seedWriter = try JSONLFileWriter(url: directory.appendingPathComponent("seeds.jsonl"))
        try forEachSeed(count: seeds) { try seedWriter.write($0) }
        try seedWriter.close()

        let needWriter = try JSONLFileWriter(url: directory.appendingPathComponent("needs.jsonl"))
        try forEachNeed(count: needs) { try needWriter.write($0) }
        try needWriter.close()
    }
}
