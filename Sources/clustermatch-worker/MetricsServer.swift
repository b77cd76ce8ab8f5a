import Foundation
import Logging
import Prometheus
import ServiceLifecycle
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Serves the Prometheus text exposition at `GET /metrics` (and `GET /healthz`) on one TCP port: a minimal
/// HTTP/1.1 responder (one request per connection, then close) on a thread of its own, so its blocking socket calls
/// never occupy Swift's cooperative threads.
struct MetricsServer: Service {
    let registry: PrometheusCollectorRegistry
    let address: String
    let port: Int
    let logger: Logger

    /// The server thread's stop flag (guarded by a mutex).
    final class StopFlag: Sendable {
        private let value = Mutex(false)
        var isSet: Bool { value.withLock { $0 } }
        func set() { value.withLock { $0 = true } }
    }

    struct BindError: Error, CustomStringConvertible {
        var description: String
    }

    func run() async throws {
        let socketFD = try openListeningSocket()
        logger.info("serving metrics", metadata: ["metrics.address": "\(address):\(port)"])
        let stop = StopFlag()
        let registry = self.registry
        let thread = Thread {
            Self.serve(socketFD, registry: registry, stop: stop)
            close(socketFD)
        }
        thread.name = "metrics-http"
        thread.start()
        try? await gracefulShutdown()
        stop.set()
    }

    private func openListeningSocket() throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw BindError(description: "socket: \(String(cString: strerror(errno)))") }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        guard inet_pton(AF_INET, address, &addr.sin_addr) == 1 else {
            close(fd)
            throw BindError(description: "CLUSTERMATCH_WORKER_METRICS_ADDRESS=\(address) is not an IPv4 address")
        }
        let bound = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 16) == 0 else {
            let message = String(cString: strerror(errno))
            close(fd)
            throw BindError(description: "cannot listen on \(address):\(port): \(message)")
        }
        return fd
    }

    private static func serve(_ listener: Int32, registry: PrometheusCollectorRegistry, stop: StopFlag) {
        while !stop.isSet {
            var descriptor = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, 200) > 0 else { continue }
            let client = accept(listener, nil, nil)
            guard client >= 0 else { continue }
            var timeout = timeval(tv_sec: 2, tv_usec: 0)
            setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            setsockopt(client, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            respond(to: client, registry: registry)
            close(client)
        }
    }

    private static func respond(to client: Int32, registry: PrometheusCollectorRegistry) {
        var request: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while request.count < 16_384 {
            let count = read(client, &chunk, chunk.count)
            guard count > 0 else { break }
            request.append(contentsOf: chunk[0..<count])
            if request.count >= 4, request.suffix(4).elementsEqual([13, 10, 13, 10]) { break }
        }
        let firstLine = String(decoding: request.prefix { $0 != 13 && $0 != 10 }, as: UTF8.self)
        let parts = firstLine.split(separator: " ")
        let status: String
        var body: [UInt8]
        var contentType = "text/plain; charset=utf-8"
        if parts.count >= 2, parts[0] == "GET", parts[1] == "/metrics" || parts[1].hasPrefix("/metrics?") {
            status = "200 OK"
            body = []
            registry.emit(into: &body)
            contentType = "text/plain; version=0.0.4; charset=utf-8"
        } else if parts.count >= 2, parts[0] == "GET", parts[1] == "/healthz" {
            status = "200 OK"
            body = Array("ok\n".utf8)
        } else {
            status = "404 Not Found"
            body = Array("not found: GET /metrics or /healthz\n".utf8)
        }
        let head = "HTTP/1.1 \(status)\r\nContent-Type: \(contentType)\r\nContent-Length: \(body.count)\r\nConnection: close\r\n\r\n"
        var response = Array(head.utf8)
        response.append(contentsOf: body)
        var sent = 0
        while sent < response.count {
            let count = response[sent...].withUnsafeBytes { write(client, $0.baseAddress, $0.count) }
            guard count > 0 else { return }
            sent += count
        }
    }
}
