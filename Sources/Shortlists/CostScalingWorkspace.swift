/// The arrays of one cost-scaling run, laid out as a compressed adjacency list (each node's residual arcs are
/// contiguous). Owns its buffers and frees them in `deinit`; used by one thread only, inside `MinCostFlow.solve`.
final class CostScalingWorkspace {
    private let nodeCount: Int
    private let scale: Int64
    private let maxScaledCost: Int64
    private let first: UnsafeMutableBufferPointer<Int32>  // nodeCount + 1 offsets
    private let target: UnsafeMutableBufferPointer<Int32>
    private let reverse: UnsafeMutableBufferPointer<Int32>
    private let residual: UnsafeMutableBufferPointer<Int32>
    private let cost: UnsafeMutableBufferPointer<Int64>  // scaled
    private let position: UnsafeMutableBufferPointer<Int32>  // arc i's forward residual arc
    private let capacity: UnsafeMutableBufferPointer<Int32>
    private let price: UnsafeMutableBufferPointer<Int64>
    private let excess: UnsafeMutableBufferPointer<Int64>
    private let current: UnsafeMutableBufferPointer<Int32>
    private let queue: UnsafeMutableBufferPointer<Int32>
    private let isQueued: UnsafeMutableBufferPointer<Bool>
    private let distance: UnsafeMutableBufferPointer<Int32>
    private let bucketHead: UnsafeMutableBufferPointer<Int32>
    private let bucketNext: UnsafeMutableBufferPointer<Int32>
    private let bucketPrevious: UnsafeMutableBufferPointer<Int32>
    /// Prices below this are refused: all sums of a price, a price and a cost stay inside `Int64`.
    private let priceLimit = Int64.max / 4
    private var relabelsSinceUpdate = 0

    init(nodeCount: Int, tails: [Int32], heads: [Int32], capacities: [Int32], costs: [Int64]) throws {
        self.nodeCount = nodeCount
        let arcCount = tails.count
        var largest: Int64 = 0
        for value in costs {
            guard value != Int64.min else { throw ShortlistError.costsTooLarge(largest: value) }
            largest = max(largest, abs(value))
        }
        scale = Int64(nodeCount + 1)
        let (scaled, overflow) = largest.multipliedReportingOverflow(by: scale)
        guard !overflow, scaled < Int64.max / 64 else { throw ShortlistError.costsTooLarge(largest: largest) }
        maxScaledCost = scaled

        first = .allocate(capacity: nodeCount + 1)
        first.initialize(repeating: 0)
        for arc in 0..<arcCount {
            first[Int(tails[arc]) + 1] += 1
            first[Int(heads[arc]) + 1] += 1
        }
        for node in 0..<nodeCount { first[node + 1] += first[node] }
        let fill = UnsafeMutableBufferPointer<Int32>.allocate(capacity: nodeCount + 1)
        defer { fill.deallocate() }
        _ = fill.initialize(from: first)
        target = .allocate(capacity: 2 * arcCount)
        reverse = .allocate(capacity: 2 * arcCount)
        residual = .allocate(capacity: 2 * arcCount)
        cost = .allocate(capacity: 2 * arcCount)
        position = .allocate(capacity: arcCount)
        capacity = .allocate(capacity: arcCount)
        for arc in 0..<arcCount {
            let tail = Int(tails[arc])
            let head = Int(heads[arc])
            let forward = Int(fill[tail])
            fill[tail] += 1
            let backward = Int(fill[head])
            fill[head] += 1
            target[forward] = Int32(head)
            target[backward] = Int32(tail)
            reverse[forward] = Int32(backward)
            reverse[backward] = Int32(forward)
            residual[forward] = capacities[arc]
            residual[backward] = 0
            cost[forward] = costs[arc] * scale
            cost[backward] = -costs[arc] * scale
            position[arc] = Int32(forward)
            capacity[arc] = capacities[arc]
        }
        price = .allocate(capacity: nodeCount)
        price.initialize(repeating: 0)
        excess = .allocate(capacity: nodeCount)
        excess.initialize(repeating: 0)
        current = .allocate(capacity: nodeCount)
        current.initialize(repeating: 0)
        queue = .allocate(capacity: max(nodeCount, 1))
        isQueued = .allocate(capacity: nodeCount)
        isQueued.initialize(repeating: false)
        distance = .allocate(capacity: nodeCount)
        bucketHead = .allocate(capacity: 2 * nodeCount + 2)
        bucketNext = .allocate(capacity: nodeCount)
        bucketPrevious = .allocate(capacity: nodeCount)
    }

    deinit {
        for buffer in [
            first, target, reverse, residual, position, capacity, current, queue, distance, bucketHead, bucketNext, bucketPrevious,
        ] {
            buffer.deallocate()
        }
        cost.deallocate()
        price.deallocate()
        excess.deallocate()
        isQueued.deallocate()
    }

    /// Runs the scaling phases down to ε = 1 on the scaled costs.
    func run(isCancelled: () -> Bool, progress: (Int, Int64) -> Void) throws {
        guard maxScaledCost > 0 else { return }
        var epsilon = maxScaledCost
        var phase = 0
        let alpha: Int64 = 16
        repeat {
            if isCancelled() { throw CancellationError() }
            epsilon = max(1, epsilon / alpha)
            phase += 1
            try refine(epsilon: epsilon, isCancelled: isCancelled)
            progress(phase, epsilon)
        } while epsilon > 1
    }

    /// Makes the circulation ε-optimal: saturates every arc of negative reduced cost, then pushes the excesses
    /// away (FIFO order), lowering prices by relabels until no node has excess.
    private func refine(epsilon: Int64, isCancelled: () -> Bool) throws {
        for node in 0..<nodeCount {
            let nodePrice = price[node]
            for arc in Int(first[node])..<Int(first[node + 1]) where residual[arc] > 0 {
                let head = Int(target[arc])
                if cost[arc] + nodePrice - price[head] < 0 {
                    let amount = residual[arc]
                    residual[arc] = 0
                    residual[Int(reverse[arc])] += amount
                    excess[node] -= Int64(amount)
                    excess[head] += Int64(amount)
                }
            }
        }
        var head = 0
        var count = 0
        for node in 0..<nodeCount {
            current[node] = first[node]
            if excess[node] > 0 {
                queue[count] = Int32(node)
                count += 1
                isQueued[node] = true
            }
        }
        var operations = 0
        while count > 0 {
            let node = Int(queue[head])
            head += 1
            if head == nodeCount { head = 0 }
            count -= 1
            isQueued[node] = false
            try discharge(node, epsilon: epsilon, head: head, count: &count)
            operations += 1
            if operations & 4095 == 0, isCancelled() { throw CancellationError() }
            if relabelsSinceUpdate > nodeCount {
                relabelsSinceUpdate = 0
                try updatePrices(epsilon: epsilon)
            }
        }
    }

    private func discharge(_ node: Int, epsilon: Int64, head: Int, count: inout Int) throws {
        let end = Int(first[node + 1])
        while excess[node] > 0 {
            var arc = Int(current[node])
            let nodePrice = price[node]
            while arc < end {
                if residual[arc] > 0 {
                    let next = Int(target[arc])
                    if cost[arc] + nodePrice - price[next] < 0 {
                        let amount = min(excess[node], Int64(residual[arc]))
                        residual[arc] -= Int32(amount)
                        residual[Int(reverse[arc])] += Int32(amount)
                        excess[node] -= amount
                        excess[next] += amount
                        if excess[next] > 0 && !isQueued[next] {
                            var tail = head + count
                            if tail >= nodeCount { tail -= nodeCount }
                            queue[tail] = Int32(next)
                            count += 1
                            isQueued[next] = true
                        }
                        if excess[node] == 0 { break }
                    }
                }
                arc += 1
            }
            current[node] = Int32(arc)
            if excess[node] > 0 { try relabel(node, epsilon: epsilon) }
        }
    }

    /// Lowers the node's price so that its cheapest residual arc gets reduced cost −ε.
    private func relabel(_ node: Int, epsilon: Int64) throws {
        var best = Int64.min
        for arc in Int(first[node])..<Int(first[node + 1]) where residual[arc] > 0 {
            let candidate = price[Int(target[arc])] - cost[arc]
            if candidate > best { best = candidate }
        }
        guard best != Int64.min else { throw ShortlistError.internalInconsistency("node \(node) has excess but no residual arc") }
        let updated = best - epsilon
        guard updated > -priceLimit, updated < priceLimit else { throw ShortlistError.costsTooLarge(largest: maxScaledCost / scale) }
        price[node] = updated
        current[node] = first[node]
        relabelsSinceUpdate += 1
    }

    /// The price-update heuristic: lowers prices so that every node with excess is joined to a node with a deficit
    /// by a path of admissible arcs, measured in steps of ε (a bucket-based shortest path towards the deficits).
    /// Keeps ε-optimality; nodes that cannot reach a deficit keep their prices.
    private func updatePrices(epsilon: Int64) throws {
        // distance[v]: the least k such that lowering price[v] by k·ε gives v a path of admissible arcs to a deficit.
        // Buckets are doubly linked lists in preallocated buffers; a node moves between them as its distance falls.
        let unreached = Int32.max
        let bucketCount = 2 * nodeCount + 2
        for node in 0..<nodeCount { distance[node] = unreached }
        for bucket in 0..<bucketCount { bucketHead[bucket] = -1 }
        func insert(_ node: Int, _ bucket: Int) {
            let head = bucketHead[bucket]
            bucketNext[node] = head
            bucketPrevious[node] = -1
            if head >= 0 { bucketPrevious[Int(head)] = Int32(node) }
            bucketHead[bucket] = Int32(node)
        }
        func remove(_ node: Int, _ bucket: Int) {
            let next = bucketNext[node]
            let previous = bucketPrevious[node]
            if previous >= 0 { bucketNext[Int(previous)] = next } else { bucketHead[bucket] = next }
            if next >= 0 { bucketPrevious[Int(next)] = previous }
        }
        var remaining = 0
        for node in 0..<nodeCount {
            if excess[node] < 0 {
                distance[node] = 0
                insert(node, 0)
            } else if excess[node] > 0 {
                remaining += 1
            }
        }
        var level = 0
        while level < bucketCount && remaining > 0 {
            while bucketHead[level] >= 0 {
                let node = Int(bucketHead[level])
                remove(node, level)
                distance[node] = -distance[node] - 1  // scanned: stored as −(d + 1)
                if excess[node] > 0 { remaining -= 1 }
                let nodePrice = price[node]
                for arc in Int(first[node])..<Int(first[node + 1]) {
                    let back = Int(reverse[arc])
                    guard residual[back] > 0 else { continue }
                    let from = Int(target[arc])
                    let known = distance[from]
                    guard known > Int32(level) else { continue }  // scanned (negative) or already as close
                    let reduced = cost[back] + price[from] - nodePrice
                    let steps = reduced < 0 ? 0 : reduced / epsilon + 1
                    guard steps < Int64(bucketCount - level) else { continue }
                    let candidate = level + Int(steps)
                    if Int32(candidate) < known {
                        if known != unreached { remove(from, Int(known)) }
                        distance[from] = Int32(candidate)
                        insert(from, candidate)
                    }
                }
            }
            level += 1
        }
        let ceiling = Int32(level)
        for node in 0..<nodeCount {
            let stored = distance[node]
            let steps = stored < 0 ? -stored - 1 : min(stored, ceiling)
            if steps > 0 {
                let updated = price[node] - Int64(steps) * epsilon
                guard updated > -priceLimit else { throw ShortlistError.costsTooLarge(largest: maxScaledCost / scale) }
                price[node] = updated
            }
            current[node] = first[node]
        }
    }

    /// The flow on each input arc.
    func flows(arcCount: Int) -> [Int32] {
        (0..<arcCount).map { capacity[$0] - residual[Int(position[$0])] }
    }

    /// Exact potentials for the original costs: the scaled prices divided by the scale (reduced costs then lie at
    /// −1 or above), repaired by label-correcting relaxations until every residual arc has reduced cost ≥ 0.
    func exactPotentials() throws -> [Int64] {
        var label = (0..<nodeCount).map { node -> Int64 in
            let value = price[node]
            return value >= 0 ? value / scale : -((-value + scale - 1) / scale)
        }
        var pending = Array(0..<nodeCount)
        var isPending = [Bool](repeating: true, count: nodeCount)
        var index = 0
        var relaxations = 0
        let limit = max(1_000_000, nodeCount * 64)
        while index < pending.count {
            let node = pending[index]
            index += 1
            isPending[node] = false
            for arc in Int(first[node])..<Int(first[node + 1]) where residual[arc] > 0 {
                let next = Int(target[arc])
                let bound = label[node] + cost[arc] / scale
                if label[next] > bound {
                    label[next] = bound
                    relaxations += 1
                    guard relaxations < limit else {
                        throw ShortlistError.internalInconsistency("potentials did not converge: a negative cycle remains")
                    }
                    if !isPending[next] {
                        isPending[next] = true
                        pending.append(next)
                    }
                }
            }
            if index > 4096 && index * 2 > pending.count {
                pending.removeFirst(index)
                index = 0
            }
        }
        return label
    }
}
