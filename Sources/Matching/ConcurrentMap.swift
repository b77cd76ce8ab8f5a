import Foundation

extension Array where Element: Sendable {
    /// `map` spread over the machine's active cores: the array is cut into one contiguous slice per core; the
    /// calling thread maps the first and threads of their own the others. The result is in the array's order,
    /// exactly as `map` gives it.
    ///
    /// Use it for pure, CPU-bound transforms of many elements (computing every match list of a full re-match).
    /// The extra threads are new ones, not Dispatch's or Swift concurrency's shared pool, so that tasks such as a
    /// worker's heartbeat still get a thread meanwhile; the calling thread blocks until every slice is done.
    public func concurrentMap<T: Sendable>(_ transform: @escaping @Sendable (Element) -> T) -> [T] {
        let slices = Swift.min(ProcessInfo.processInfo.activeProcessorCount, count)
        guard slices > 1 else { return map(transform) }
        let bounds = (0...slices).map { count * $0 / slices }
        let results = SliceResults<T>(count: slices)
        let done = DispatchGroup()
        for slice in 1..<slices {
            done.enter()
            let part = self[bounds[slice]..<bounds[slice + 1]]
            let thread = Thread {
                pthread_setspecific(sliceThreadKey, UnsafeRawPointer(bitPattern: 1))
                results.set(slice, part.map(transform))
                done.leave()
            }
            thread.start()
        }
        results.set(0, self[bounds[0]..<bounds[1]].map(transform))
        done.wait()
        return results.joined()
    }
}

extension Array where Element: Sendable {
    /// Changes every element in place, spread over the cores as `concurrentMap` spreads its work (each thread
    /// changes its own contiguous slice), so that elements holding arrays are changed without copying them.
    mutating func concurrentUpdate(_ body: @escaping @Sendable (inout Element) -> Void) {
        let slices = Swift.min(ProcessInfo.processInfo.activeProcessorCount, count)
        guard slices > 1 else {
            for i in indices { body(&self[i]) }
            return
        }
        let bounds = (0...slices).map { count * $0 / slices }
        withUnsafeMutableBufferPointer { buffer in
            let elements = DisjointSlices(buffer: buffer)
            _ = (0..<slices).map { bounds[$0]..<bounds[$0 + 1] }.concurrentMap { range in
                for i in range { body(&elements.buffer[i]) }
            }
        }
    }
}

/// A buffer whose disjoint slices threads change at once (`concurrentUpdate`).
private struct DisjointSlices<Element>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Element>
}

/// Marks the threads `concurrentMap` starts (a thread-specific value; thread names are no use on Linux, where a new
/// thread inherits its creator's).
private let sliceThreadKey: pthread_key_t = {
    var key = pthread_key_t()
    precondition(pthread_key_create(&key, nil) == 0, "no thread-specific key left for concurrentMap")
    return key
}()

/// Whether the calling thread is one that `concurrentMap` started.
var isConcurrentMapThread: Bool { pthread_getspecific(sliceThreadKey) != nil }

/// The slices' results of `concurrentMap`, each written once by its own thread.
private final class SliceResults<T>: @unchecked Sendable {
    private var slices: [[T]]
    private let lock = NSLock()

    init(count: Int) { slices = Array(repeating: [], count: count) }

    func set(_ slice: Int, _ values: [T]) { lock.withLock { slices[slice] = values } }

    func joined() -> [T] { lock.withLock { slices.flatMap { $0 } } }
}
