/// Proper edge colourings of simple graphs: no two edges at a node share a colour. Nodes are `0 ..< nodeCount`,
/// edges are processed in their given order, so the result is deterministic.
public struct EdgeColouring: Sendable {
    /// The colour of each edge.
    public private(set) var colours: [Int]
    /// The number of colours available (some may be unused).
    public let colourCount: Int
    private let ends: [(Int, Int)]
    /// at[node * colourCount + colour] = the edge of that colour at the node, or −1.
    private var at: [Int32]

    private init(nodeCount: Int, edges: [(Int, Int)], colourCount: Int) {
        ends = edges
        self.colourCount = max(colourCount, 1)
        colours = Array(repeating: -1, count: edges.count)
        at = Array(repeating: -1, count: nodeCount * self.colourCount)
    }

    /// The largest number of edges at one node.
    public static func maxDegree(nodeCount: Int, edges: [(Int, Int)]) -> Int {
        var degree = [Int](repeating: 0, count: nodeCount)
        for (u, v) in edges {
            degree[u] += 1
            degree[v] += 1
        }
        return degree.max() ?? 0
    }

    /// Colours a bipartite graph with exactly Δ colours (König's theorem), by flipping alternating paths.
    /// - Precondition: the graph is bipartite and simple.
    public static func bipartite(nodeCount: Int, edges: [(Int, Int)]) -> EdgeColouring {
        let delta = maxDegree(nodeCount: nodeCount, edges: edges)
        var colouring = EdgeColouring(nodeCount: nodeCount, edges: edges, colourCount: delta)
        for (edge, (u, v)) in edges.enumerated() {
            let a = colouring.freeColour(at: u)
            let b = colouring.freeColour(at: v)
            if colouring.edge(at: v, colour: a) >= 0 {
                colouring.flipPath(from: v, first: a, second: b)
            }
            colouring.set(edge, a)
        }
        return colouring
    }

    /// Colours any simple graph with at most Δ + 1 colours (Misra–Gries: fans, cd-path inversion, fan rotation).
    public static func misraGries(nodeCount: Int, edges: [(Int, Int)]) -> EdgeColouring {
        let delta = maxDegree(nodeCount: nodeCount, edges: edges)
        var colouring = EdgeColouring(nodeCount: nodeCount, edges: edges, colourCount: delta + 1)
        var edgeBetween: [Int: Int] = [:]  // key u * nodeCount + v
        for (edge, (u, v)) in edges.enumerated() {
            edgeBetween[u * nodeCount + v] = edge
            edgeBetween[v * nodeCount + u] = edge
        }
        for (edge, (x, f0)) in edges.enumerated() {
            // A maximal fan of x starting at f0.
            var fan = [f0]
            var inFan: Set<Int> = [f0]
            var extended = true
            while extended {
                extended = false
                let last = fan[fan.count - 1]
                for colour in 0..<colouring.colourCount where colouring.edge(at: last, colour: colour) < 0 {
                    let next = colouring.edge(at: x, colour: colour)
                    guard next >= 0 else { continue }
                    let other = colouring.other(next, than: x)
                    if !inFan.contains(other) {
                        fan.append(other)
                        inFan.insert(other)
                        extended = true
                        break
                    }
                }
            }
            let c = colouring.freeColour(at: x)
            let d = colouring.freeColour(at: fan[fan.count - 1])
            if c != d { colouring.flipPath(from: x, first: d, second: c) }
            // The first fan vertex w with d free, keeping [f0 … w] a fan.
            var w = fan.count - 1
            for index in fan.indices {
                if index > 0 {
                    let colour = colouring.colours[edgeBetween[x * nodeCount + fan[index]]!]
                    if colouring.edge(at: fan[index - 1], colour: colour) >= 0 { break }
                }
                if colouring.edge(at: fan[index], colour: d) < 0 {
                    w = index
                    break
                }
            }
            // Rotate the fan prefix: (x, f_i) takes the colour of (x, f_{i+1}); (x, w) takes d.
            let fanEdges = (0...w).map { index in index == 0 ? edge : edgeBetween[x * nodeCount + fan[index]]! }
            let shifted = (0..<w).map { colouring.colours[fanEdges[$0 + 1]] }
            for fanEdge in fanEdges.dropFirst() { colouring.clear(fanEdge) }
            for index in 0..<w { colouring.set(fanEdges[index], shifted[index]) }
            colouring.set(fanEdges[w], d)
        }
        return colouring
    }

    /// The number of colours actually used.
    public var usedColourCount: Int { Set(colours).filter { $0 >= 0 }.count }

    func edge(at node: Int, colour: Int) -> Int { Int(at[node * colourCount + colour]) }

    func other(_ edge: Int, than node: Int) -> Int { ends[edge].0 == node ? ends[edge].1 : ends[edge].0 }

    func freeColour(at node: Int) -> Int {
        for colour in 0..<colourCount where at[node * colourCount + colour] < 0 { return colour }
        preconditionFailure("no free colour at node \(node)")
    }

    mutating func set(_ edge: Int, _ colour: Int) {
        let (u, v) = ends[edge]
        colours[edge] = colour
        at[u * colourCount + colour] = Int32(edge)
        at[v * colourCount + colour] = Int32(edge)
    }

    mutating func clear(_ edge: Int) {
        let colour = colours[edge]
        guard colour >= 0 else { return }
        let (u, v) = ends[edge]
        at[u * colourCount + colour] = -1
        at[v * colourCount + colour] = -1
        colours[edge] = -1
    }

    /// Swaps colours `first` and `second` on the maximal path that leaves `start` by its `first` edge.
    mutating func flipPath(from start: Int, first: Int, second: Int) {
        var path: [Int] = []
        var node = start
        var colour = first
        while case let next = edge(at: node, colour: colour), next >= 0 {
            path.append(next)
            node = other(next, than: node)
            colour = colour == first ? second : first
        }
        let old = path.map { colours[$0] }
        for edge in path { clear(edge) }
        for (edge, colour) in zip(path, old) { set(edge, colour == first ? second : first) }
    }

    /// Evens out the colour classes: while two classes differ by more than one, an alternating path of the two
    /// colours with more edges of the larger class is swapped, moving one edge across. Stays proper.
    public mutating func balance(nodeCount: Int) {
        guard !colours.isEmpty else { return }
        while true {
            var size = [Int](repeating: 0, count: colourCount)
            for colour in colours where colour >= 0 { size[colour] += 1 }
            let large = size.indices.max { (size[$0], -$0) < (size[$1], -$1) }!
            let small = size.indices.min { (size[$0], $0) < (size[$1], $1) }!
            guard size[large] - size[small] > 1 else { return }
            var moved = false
            for node in 0..<nodeCount where edge(at: node, colour: large) >= 0 && edge(at: node, colour: small) < 0 {
                var count = 0
                var cursor = node
                var colour = large
                while case let next = edge(at: cursor, colour: colour), next >= 0 {
                    count += 1
                    cursor = other(next, than: cursor)
                    colour = colour == large ? small : large
                }
                if count % 2 == 1 {
                    flipPath(from: node, first: large, second: small)
                    moved = true
                    break
                }
            }
            if !moved { return }
        }
    }
}
