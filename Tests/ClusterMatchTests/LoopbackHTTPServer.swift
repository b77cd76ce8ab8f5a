import Foundation
import Synchronization

/// A tiny HTTP/1.1 server on 127.0.0.1 (an ephemeral port) that answers each request with the next status of a
/// script (then the last one) and records what it received; for webhook tests. Runs on a thread of its own.
final class LoopbackHTTPServer: Sendable {
    struct Request: Sendable {
        var head: String
        var body: String
        func header(_ name: String) -> String? {
            for line in head.split(separator: "\r\n") {
                let parts = line.split(separator: ":", maxSplits: 1)
                if parts.count == 2, parts[0].lowercased() == name.lowercased() { return parts[1].trimmingCharacters(in: .whitespaces) }
            }
            return nil
        }
    }

    let port: Int
    private let socketFD: Int32
    private let state: Mutex<(requests: [Request], statuses: [Int], stopped: Bool)>

    init(statuses: [Int]) throws {
        state = Mutex((requests: [], statuses: statuses, stopped: false))
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = 0
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer -> Bool in
                bind(fd, pointer, length) == 0 && listen(fd, 16) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else { throw CocoaError(.fileNoSuchFile) }
        socketFD = fd
        port = Int(UInt16(bigEndian: addr.sin_port))
        Thread { [self] in serve() }.start()
    }

    var requests: [Request] { state.withLock { $0.requests } }

    func stop() { state.withLock { $0.stopped = true } }

    private func serve() {
        while !state.withLock({ $0.stopped }) {
            var descriptor = pollfd(fd: socketFD, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, 100) > 0 else { continue }
            let client = accept(socketFD, nil, nil)
            guard client >= 0 else { continue }
            var data: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = read(client, &buffer, buffer.count)
                guard count > 0 else { break }
                data += buffer[0..<count]
                let text = String(decoding: data, as: UTF8.self)
                if let range = text.range(of: "\r\n\r\n") {
                    let head = String(text[..<range.lowerBound])
                    let length = Request(head: head, body: "").header("Content-Length").flatMap(Int.init) ?? 0
                    if text.utf8.count - text[..<range.upperBound].utf8.count >= length { break }
                }
            }
            let text = String(decoding: data, as: UTF8.self)
            let parts = text.components(separatedBy: "\r\n\r\n")
            let status = state.withLock { state -> Int in
                state.requests.append(Request(head: parts.first ?? "", body: parts.dropFirst().joined(separator: "\r\n\r\n")))
                return state.statuses.count > 1 ? state.statuses.removeFirst() : state.statuses.first ?? 200
            }
            let response = Array("HTTP/1.1 \(status) Status\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".utf8)
            _ = response.withUnsafeBytes { write(client, $0.baseAddress, $0.count) }
            close(client)
        }
        close(socketFD)
    }
}
