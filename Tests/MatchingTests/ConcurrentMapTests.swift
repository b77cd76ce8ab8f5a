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

/// While `concurrentMap` keeps every core busy, other tasks must still run (a worker's heartbeat renews its
/// jobs' leases meanwhile): it may block only its caller's thread.
@Suite struct ConcurrentMapLivenessTests {
    actor Ticks {
        var count = 0
        func tick() { count += 1 }
    }

    @Test func otherTasksKeepRunningDuringTheMap() async throws {
        let ticks = Ticks()
        let ticker = Task {
            while !Task.isCancelled {
                await ticks.tick()
                try? await Task.sleep(for: .milliseconds(10))
            }
        }
        try await Task.sleep(for: .milliseconds(50))
        let before = await ticks.count
        // Each element spins for 100 ms of wall time: about a second on every core.
        let spun = await Task.detached {
            Array(0..<(10 * ProcessInfo.processInfo.activeProcessorCount)).concurrentMap { value -> Int in
                let end = ContinuousClock.now + .milliseconds(100)
                var n = value
                while ContinuousClock.now < end { n = n &* 31 &+ 7 }
                return value
            }
        }.value
        let during = await ticks.count - before
        ticker.cancel()
        #expect(spun.count == 10 * ProcessInfo.processInfo.activeProcessorCount)
        // A ticker starved for the whole map would show at most a tick or two.
        #expect(during >= 10, "the ticker ran \(during) times during a map of about a second")
    }
}
