/// The flow network of a shortlist: a hub node that supplies and absorbs flow, a tree of arcs per participant and
/// side (participant → foreign partners → country → cluster, so cluster and country caps nest), and one unit arc
/// per candidate pair between the two participants' trees. Costs are recorded symbolically and priced once the
/// node count (and so the fairness weights) is known.
struct ShortlistNetwork {
    enum Cost {
        case zero
        /// The bonus for a participant's j-th partner, negated.
        case partner(Int)
        /// The bonus for a partner counted towards a minimum of international partners, negated.
        case international
        /// The pair score, negated.
        case score(Int)
    }

    enum Direction {
        /// Flow leaves the hub into the participant and runs down its tree to the pair arcs.
        case outgoing
        /// Flow arrives from pair arcs and runs up the tree to the participant and the hub.
        case incoming
    }

    private(set) var nodeCount = 1  // node 0 is the hub
    private var tails: [Int] = []
    private var heads: [Int] = []
    private var capacities: [Int] = []
    private var costs: [Cost] = []
    static let hub = 0

    private mutating func node() -> Int {
        nodeCount += 1
        return nodeCount - 1
    }

    /// Adds an arc and returns its index.
    @discardableResult
    mutating func arc(_ tail: Int, _ head: Int, capacity: Int, cost: Cost) -> Int {
        tails.append(tail)
        heads.append(head)
        capacities.append(capacity)
        costs.append(cost)
        return tails.count - 1
    }

    private mutating func link(_ parent: Int, _ child: Int, _ direction: Direction, capacity: Int, cost: Cost) {
        switch direction {
        case .outgoing: arc(parent, child, capacity: capacity, cost: cost)
        case .incoming: arc(child, parent, capacity: capacity, cost: cost)
        }
    }

    /// Builds one participant's tree for one side.
    /// - Parameters:
    ///   - partners: the participant's possible partners (in its adjacency order).
    ///   - forcedPartners: partners already fixed by forced pairs; they use up caps.
    /// - Returns: for each partner, the node its pair arc attaches to, or nil when the caps leave no room.
    mutating func addTree(
        for participant: Participant, partners: [Participant], forcedPartners: [Participant], direction: Direction
    ) -> [Int?] {
        let remaining = participant.maxMeetings - forcedPartners.count
        guard remaining > 0, !partners.isEmpty else { return Array(repeating: nil, count: partners.count) }
        let root = node()
        for j in (forcedPartners.count + 1)...participant.maxMeetings {
            link(Self.hub, root, direction, capacity: 1, cost: .partner(j))
        }
        let forcedForeign = forcedPartners.filter { $0.country != participant.country }.count
        let foreignMinimum = max(0, participant.minInternational - forcedForeign)
        let hasForeign = partners.contains { $0.country != participant.country }
        var foreignNode = root
        if foreignMinimum > 0 && hasForeign {
            foreignNode = node()
            link(root, foreignNode, direction, capacity: foreignMinimum, cost: .international)
            link(root, foreignNode, direction, capacity: remaining, cost: .zero)
        }
        func forcedCount(_ keyPath: KeyPath<Participant, String>, _ value: String) -> Int {
            forcedPartners.reduce(0) { $0 + ($1[keyPath: keyPath] == value ? 1 : 0) }
        }
        var leaves = [Int?](repeating: nil, count: partners.count)
        let byCountry = Dictionary(grouping: partners.indices, by: { partners[$0].country })
        for country in byCountry.keys.sorted() {
            let members = byCountry[country]!
            let parent = country == participant.country ? root : foreignNode
            var countryNode = parent
            if let cap = participant.maxPerCountry {
                let room = cap - forcedCount(\.country, country)
                if room <= 0 { continue }
                if room < members.count {
                    countryNode = node()
                    link(parent, countryNode, direction, capacity: room, cost: .zero)
                }
            }
            let byCluster = Dictionary(grouping: members, by: { partners[$0].cluster })
            for cluster in byCluster.keys.sorted() {
                let clusterMembers = byCluster[cluster]!
                var clusterNode = countryNode
                if let cap = participant.maxPerCluster {
                    let room = cap - forcedCount(\.cluster, cluster)
                    if room <= 0 { continue }
                    if room < clusterMembers.count {
                        clusterNode = node()
                        link(countryNode, clusterNode, direction, capacity: room, cost: .zero)
                    }
                }
                for member in clusterMembers { leaves[member] = clusterNode }
            }
        }
        return leaves
    }

    /// Prices the symbolic costs with the weights and returns the network ready to solve.
    func flowNetwork(weights: FairnessWeights) -> MinCostFlow {
        var flow = MinCostFlow(nodeCount: nodeCount)
        for index in tails.indices {
            let cost: Int64 =
                switch costs[index] {
                case .zero: 0
                case .partner(let j): -weights.bonus(forPartner: j)
                case .international: -weights.international
                case .score(let score): -Int64(score)
                }
            flow.addArc(from: tails[index], to: heads[index], capacity: capacities[index], cost: cost)
        }
        return flow
    }
}
