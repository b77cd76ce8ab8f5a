import Shortlists
import Testing

@Suite("Min-cost flow")
struct MinCostFlowTests {
    /// The minimum circulation cost by cycle cancelling: Bellman–Ford finds a negative residual cycle, which is
    /// saturated, until none is left. Slow, simple and independent of the solver.
    private func cycleCancellingCost(nodes: Int, arcs: [(Int, Int, Int, Int64)]) -> Int64 {
        var flow = [Int](repeating: 0, count: arcs.count)
        while true {
            // Residual arcs: (from, to, cost, arc index, forward?)
            var residual: [(Int, Int, Int64, Int, Bool)] = []
            for (index, (tail, head, capacity, cost)) in arcs.enumerated() {
                if flow[index] < capacity { residual.append((tail, head, cost, index, true)) }
                if flow[index] > 0 { residual.append((head, tail, -cost, index, false)) }
            }
            var distance = [Int64](repeating: 0, count: nodes)
            var via = [Int](repeating: -1, count: nodes)
            var updated = -1
            for _ in 0..<nodes {
                updated = -1
                for (at, arc) in residual.enumerated() where distance[arc.0] + arc.2 < distance[arc.1] {
                    distance[arc.1] = distance[arc.0] + arc.2
                    via[arc.1] = at
                    updated = arc.1
                }
            }
            guard updated >= 0 else { break }
            var node = updated
            for _ in 0..<nodes { node = residual[via[node]].0 }  // step back onto the cycle
            var cycle: [Int] = []
            var cursor = node
            repeat {
                cycle.append(via[cursor])
                cursor = residual[via[cursor]].0
            } while cursor != node
            let amount = cycle.map { at -> Int in
                let arc = residual[at]
                return arc.4 ? arcs[arc.3].2 - flow[arc.3] : flow[arc.3]
            }.min()!
            for at in cycle {
                let arc = residual[at]
                flow[arc.3] += arc.4 ? amount : -amount
            }
        }
        return zip(arcs, flow).reduce(0) { $0 + $1.0.3 * Int64($1.1) }
    }

    @Test("random networks: the optimum equals cycle cancelling, and the potentials certify it")
    func randomNetworks() throws {
        var random = SplitMix64(seed: 2024)
        for round in 0..<200 {
            let nodes = 2 + Int(random.next() % 7)
            var arcs: [(Int, Int, Int, Int64)] = []
            for _ in 0..<Int(random.next() % 16) {
                let tail = Int(random.next() % UInt64(nodes))
                let head = Int(random.next() % UInt64(nodes))
                guard tail != head else { continue }
                arcs.append((tail, head, Int(random.next() % 5), Int64(random.next() % 41) - 20))
            }
            var network = MinCostFlow(nodeCount: nodes)
            for arc in arcs { network.addArc(from: arc.0, to: arc.1, capacity: arc.2, cost: arc.3) }
            try network.solve()
            #expect(network.certifiesOptimality(), "round \(round)")
            #expect(network.totalCost == cycleCancellingCost(nodes: nodes, arcs: arcs), "round \(round)")
        }
    }

    @Test("an assignment: three workers, three jobs")
    func assignment() throws {
        // hub 0, workers 1...3, jobs 4...6; profits as negative costs.
        let profit: [[Int64]] = [[9, 2, 7], [6, 4, 3], [5, 8, 1]]
        var network = MinCostFlow(nodeCount: 7)
        for worker in 0..<3 {
            network.addArc(from: 0, to: 1 + worker, capacity: 1, cost: -100)
            network.addArc(from: 4 + worker, to: 0, capacity: 1, cost: 0)
            for job in 0..<3 { network.addArc(from: 1 + worker, to: 4 + job, capacity: 1, cost: -profit[worker][job]) }
        }
        try network.solve()
        #expect(network.certifiesOptimality())
        // Best: worker 0 → job 2 (7), worker 1 → job 0 (6), worker 2 → job 1 (8) = 21.
        #expect(network.totalCost == -300 - 21)
        #expect(network.flow(on: 2 + 2) == 1)  // worker 0's arc to job 2
    }

    @Test("an unsolved network does not certify itself")
    func unsolved() {
        var network = MinCostFlow(nodeCount: 2)
        network.addArc(from: 0, to: 1, capacity: 1, cost: -1)
        network.addArc(from: 1, to: 0, capacity: 1, cost: 0)
        #expect(!network.certifiesOptimality())
    }
}
