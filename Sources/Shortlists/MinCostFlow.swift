/// A minimum-cost circulation on a network with integer capacities and `Int64` costs, solved by cost scaling.
///
/// Arcs may have negative costs; the solver finds a circulation of minimum total cost (a min-cost flow of any
/// amount, when the network has a hub node that plays source and sink). The algorithm is Goldberg–Tarjan cost
/// scaling with FIFO push/relabel and a price-update heuristic: costs are multiplied by `nodeCount + 1`, so a
/// 1-optimal circulation of the scaled costs is optimal for the original ones. After solving, exact integer
/// `potentials` are computed with the original costs, and `certifiesOptimality()` checks them independently.
public struct MinCostFlow: Sendable {
    /// The number of nodes; nodes are `0 ..< nodeCount`.
    public let nodeCount: Int
    private var tails: [Int32] = []
    private var heads: [Int32] = []
    private var capacities: [Int32] = []
    private var costs: [Int64] = []
    private var flows: [Int32] = []
    /// Node potentials after `solve()`: every residual arc `(v, w)` has `cost + π(v) − π(w) ≥ 0`.
    public private(set) var potentials: [Int64]
    /// Whether `solve()` has run to completion.
    public private(set) var isSolved = false

    /// Creates an empty network.
    public init(nodeCount: Int) {
        precondition(nodeCount >= 0 && nodeCount < Int(Int32.max), "node count out of range")
        self.nodeCount = nodeCount
        potentials = Array(repeating: 0, count: nodeCount)
    }

    /// The number of arcs added so far.
    public var arcCount: Int { tails.count }

    /// Adds an arc and returns its index, used to read its flow after `solve()`.
    @discardableResult
    public mutating func addArc(from tail: Int, to head: Int, capacity: Int, cost: Int64) -> Int {
        precondition(tail >= 0 && tail < nodeCount && head >= 0 && head < nodeCount, "arc end out of range")
        precondition(capacity >= 0 && capacity < Int(Int32.max), "capacity out of range")
        tails.append(Int32(tail))
        heads.append(Int32(head))
        capacities.append(Int32(capacity))
        costs.append(cost)
        isSolved = false
        return tails.count - 1
    }

    /// The flow on arc `arc` after `solve()`.
    public func flow(on arc: Int) -> Int { flows.isEmpty ? 0 : Int(flows[arc]) }

    /// The arc's ends, capacity and cost.
    public func arc(_ arc: Int) -> (tail: Int, head: Int, capacity: Int, cost: Int64) {
        (Int(tails[arc]), Int(heads[arc]), Int(capacities[arc]), costs[arc])
    }

    /// The total cost of the current flow.
    public var totalCost: Int64 {
        var total: Int64 = 0
        for arc in flows.indices where flows[arc] != 0 { total += Int64(flows[arc]) * costs[arc] }
        return total
    }

    /// Checks the solution independently: capacities respected, flow conserved at every node, and every residual
    /// arc has a non-negative reduced cost under `potentials` (the optimality certificate for a circulation).
    public func certifiesOptimality() -> Bool {
        guard isSolved, flows.count == tails.count else { return false }
        var balance = Array(repeating: 0, count: nodeCount)
        for arc in tails.indices {
            let flow = Int(flows[arc])
            guard flow >= 0, flow <= Int(capacities[arc]) else { return false }
            let tail = Int(tails[arc])
            let head = Int(heads[arc])
            balance[tail] -= flow
            balance[head] += flow
            let (reduced, overflow) = costs[arc].addingReportingOverflow(potentials[tail] - potentials[head])
            if overflow { return false }
            if flow < Int(capacities[arc]) && reduced < 0 { return false }  // forward residual arc
            if flow > 0 && reduced > 0 { return false }  // backward residual arc has cost −reduced
        }
        return balance.allSatisfy { $0 == 0 }
    }

    /// Finds a minimum-cost circulation.
    /// - Parameters:
    ///   - isCancelled: polled between phases and every few thousand operations; when it returns true the solve
    ///     stops and throws `CancellationError`.
    ///   - progress: called after each scaling phase with the phase number and ε.
    /// - Throws: `CancellationError`, or `ShortlistError` when the costs are too large for exact `Int64` arithmetic.
    public mutating func solve(
        isCancelled: () -> Bool = { false }, progress: (_ phase: Int, _ epsilon: Int64) -> Void = { _, _ in }
    ) throws {
        let workspace = try CostScalingWorkspace(
            nodeCount: nodeCount, tails: tails, heads: heads, capacities: capacities, costs: costs)
        try workspace.run(isCancelled: isCancelled, progress: progress)
        flows = workspace.flows(arcCount: tails.count)
        potentials = try workspace.exactPotentials()
        isSolved = true
    }
}
