import Dispatch
import Foundation

extension Array where Element: Sendable {
    /// `map` spread over the machine's active cores: the array is cut into one contiguous slice per core, each
    /// mapped on its own thread. The result is in the array's order, exactly as `map` gives it.
    ///
    /// Use it for pure, CPU-bound transforms of many elements (computing every match list of a full re-match);
    /// the calling thread blocks until every slice is done.
    public func concurrentMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        let slices = Swift.min(ProcessInfo.processInfo.activeProcessorCount, count)
        guard slices > 1 else { return map(transform) }
        var results = [[T]](repeating: [], count: slices)
        results.withUnsafeMutableBufferPointer { results in
            let output = SliceOutput(base: results.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: slices) { slice in
                let range = (count * slice / slices)..<(count * (slice + 1) / slices)
                // Each iteration writes only its own slot.
                output.base[slice] = self[range].map(transform)
            }
        }
        return results.flatMap { $0 }
    }
}

/// The result slots of `concurrentMap`, shared by its threads (each writes a slot of its own).
private struct SliceOutput<T>: @unchecked Sendable {
    let base: UnsafeMutablePointer<[T]>
}
