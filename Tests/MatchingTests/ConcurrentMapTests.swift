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

    @Test func updateChangesEveryElementOnceInPlace() {
        for count in [0, 1, 2, 3, 17, 10_000] {
            var values = (0..<count).map { [$0] }
            values.concurrentUpdate { $0.append($0[0] * 2) }
            #expect(values == (0..<count).map { [$0, $0 * 2] }, "count \(count)")
        }
    }
}

/// While `concurrentMap` keeps every core busy, the tasks of Swift concurrency's shared pool must still get a
/// thread (a worker's heartbeat renews its jobs' leases meanwhile), so it may take only its caller's thread from that
/// pool and must run every other slice on a thread of its own. (On Linux Dispatch's threads are that pool's: the
/// first version, on `DispatchQueue.concurrentPerform`, starved the heartbeat until the job's lease expired.)
@Suite struct ConcurrentMapThreadTests {
    final class Seen: @unchecked Sendable {
        private let lock = NSLock()
        private var marks: [Bool] = []
        func add(_ mark: Bool) { lock.withLock { marks.append(mark) } }
        var all: [Bool] { lock.withLock { marks } }
    }

    @Test func slicesButTheCallersRunOnThreadsOfTheirOwn() async {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let (caller, marks) = await Task.detached { () -> (Bool, [Bool]) in
            let seen = Seen()
            _ = Array(0..<(4 * cores)).concurrentMap { value -> Int in
                seen.add(isConcurrentMapThread)
                return value
            }
            return (isConcurrentMapThread, seen.all)
        }.value
        #expect(!caller)
        #expect(marks.count == 4 * cores)
        #expect(marks.filter { $0 }.count == (cores > 1 ? 4 * (cores - 1) : 0), "slices on threads of their own: \(marks)")
    }
}
