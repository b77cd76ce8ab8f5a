import Foundation
import Testing

@testable import Matching

@Suite struct ConcurrentMapTests {
    @Test func keepsOrderAndEveryElement() {
        for count in [0, 1, 2, 3, 17, 10_000] {
            let values = Array(0..<count)
            #expect(values.concurrentMap { $0 * 3 + 1 } == values.map { $0 * 3 + 1 }, "count \(count)")
        }
    }

    @Test func runsEveryElementOnce() {
        let values = (0..<5_000).map { "item \($0)" }
        let mapped = values.concurrentMap { $0.uppercased() }
        #expect(mapped.count == values.count)
        #expect(Set(mapped).count == values.count)
        #expect(mapped.last == "ITEM 4999")
    }
}

/// While `concurrentMap` keeps every core busy, the tasks of Swift concurrency's shared pool must still get a
/// thread (a worker's heartbeat renews its jobs' leases meanwhile), so it may take only its caller's thread from that
/// pool and must run every other slice on a thread of its own. (On Linux Dispatch's threads are that pool's: the
/// first version, on `DispatchQueue.concurrentPerform`, starved the heartbeat until the job's lease expired.)
@Suite struct ConcurrentMapThreadTests {
    final class Seen: @unchecked Sendable {
        private let lock = NSLock()
        private var names: [String?] = []
        func add(_ name: String?) { lock.withLock { names.append(name) } }
        var all: [String?] { lock.withLock { names } }
    }

    /// Maps `count` elements, returning the caller's thread name and the name of each element's thread.
    static func threadNames(mapping count: Int) -> (caller: String?, names: [String?]) {
        let seen = Seen()
        _ = Array(0..<count).concurrentMap { value -> Int in
            seen.add(Thread.current.name)
            return value
        }
        return (Thread.current.name, seen.all)
    }

    @Test func slicesButTheCallersRunOnThreadsOfTheirOwn() async {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let (caller, names) = await Task.detached { Self.threadNames(mapping: 4 * cores) }.value
        #expect(names.count == 4 * cores)
        let own = names.filter { $0 == concurrentMapThreadName }.count
        #expect(own == (cores > 1 ? 4 * (cores - 1) : 0), "threads: \(names)")
        #expect(names.allSatisfy { $0 == concurrentMapThreadName || $0 == caller })
    }
}
