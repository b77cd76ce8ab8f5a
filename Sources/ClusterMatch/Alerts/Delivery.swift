import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Synchronization

/// Where the worker writes `sink` notifications: one JSON line each, appended to a file, or standard output ("-").
/// (Writes are serialised by a mutex; each line goes out in one `write`.)
public final class NotificationSink: Sendable {
    /// The file path, or "-" for standard output.
    public let path: String
    private let lock = Mutex(())

    /// A sink writing to `path` ("-": standard output).
    public init(path: String) { self.path = path }

    /// Appends one line.
    /// - Throws: ``DeliveryError`` when the file cannot be opened or written.
    public func write(_ value: JSONValue) throws {
        let line = Array((value.jsonText + "\n").utf8)
        try lock.withLock { _ in
            let fd = path == "-" ? STDOUT_FILENO : open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw DeliveryError(message: "cannot open \(path): \(String(cString: strerror(errno)))", isPermanent: false) }
            defer { if fd != STDOUT_FILENO { close(fd) } }
            var sent = 0
            while sent < line.count {
                let count = line[sent...].withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
                guard count > 0 else { throw DeliveryError(message: "cannot write \(path): \(String(cString: strerror(errno)))", isPermanent: false) }
                sent += count
            }
        }
    }
}

/// Posts notifications to webhooks: `POST` with a JSON body and an `Idempotency-Key` header that stays the same on
/// every retry of the same notification, so the receiver can drop repeats.
public struct WebhookClient: Sendable {
    /// How long one request may take.
    public var timeout: Duration

    /// A client with the given request timeout.
    public init(timeout: Duration = .seconds(10)) { self.timeout = timeout }

    /// Sends `notification` to its webhook URL.
    ///
    /// A 2xx answer is success. 408, 429 and 5xx answers and network errors throw a retryable ``DeliveryError``;
    /// other 4xx answers throw a permanent one (retrying won't help).
    public func post(_ notification: AlertNotification, attempt: Int) async throws {
        guard let text = notification.webhookURL, let url = URL(string: text) else {
            throw DeliveryError(message: "notification \(notification.id) has no valid webhook URL", isPermanent: true)
        }
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.timeoutInterval = timeout.inSeconds
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue(notification.idempotencyKey, forHTTPHeaderField: "Idempotency-Key")
        request.setValue("\(attempt)", forHTTPHeaderField: "X-Clustermatch-Attempt")
        request.setValue("clustermatch-worker", forHTTPHeaderField: "User-Agent")
        request.httpBody = Data(notification.deliveryJSON.jsonText.utf8)
        let response: URLResponse
        do {
            (_, response) = try await URLSession.shared.data(for: request)
        } catch {
            throw DeliveryError(message: "POST \(text) failed: \(error.localizedDescription)", isPermanent: false)
        }
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        guard (200..<300).contains(status) else {
            let permanent = (400..<500).contains(status) && status != 408 && status != 429
            throw DeliveryError(message: "POST \(text) answered \(status)", isPermanent: permanent)
        }
    }
}

/// A delivery failed.
public struct DeliveryError: Error, Sendable, CustomStringConvertible {
    /// What happened.
    public var message: String
    /// Whether retrying cannot help.
    public var isPermanent: Bool
    public var description: String { message }
}
