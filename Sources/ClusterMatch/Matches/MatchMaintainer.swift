public import Foundation
public import Matching
public import Postgres

/// Keeps the stored match lists current one changed item at a time (the worker's `match.item` handler), so that
/// they always equal what a full re-match computes from the same postings at the same corpus statistics.
///
/// The maintainer holds a matcher in memory whose statistics are frozen at its last full re-match
/// (`CorpusStatistics`); with them, a pair's score depends only on the two items and the snapshot. For every list it
/// remembers the list's admission and bounds (`MatchList.admission`, `ListBounds`) and the owner's query expansion.
/// A changed item X can change only these lists, which it recomputes:
/// - X's own list (deleted when X is no longer published);
/// - every list of the other kind that X's old form is admitted to (`AdmissionIndex`), every list X's new form is
///   admitted to unless its bounds show the arrival changes nothing, and every list whose owner's text has a term
///   that X's change made appear in, or vanish from, X's index;
/// - every list that names an item whose expansion those recomputations changed (its reverse scores move).
/// `update` recomputes X's own list at once and makes pending the lists X's old form reached; X's new form waits
/// in the admission index as an arrival, taken in by each list it reaches in order of arrival: at once by the
/// lists whose expansions X's own list reads (its owner's and its matched items'), and by all others in `drain`
/// (`match.pending`), which then recomputes pending lists a slice at a time. So a post's own list does not wait
/// for the thousands of lists it reaches. A list that is not pending, and has taken in every arrival it is
/// admitted to, is current; every list is written as a full re-match computes it at that moment.
///
/// The lists reflect this maintainer's in-memory state, so only one maintainer may keep them at a time: the one
/// `match_state` names at the sequence it wrote last. Any other first re-matches everything (`rematchAll`), which
/// makes it the writer, unless the writer is a live worker: then `prepare` says so and the job waits for it.
public actor MatchMaintainer {
    /// The session advisory lock under which `match.item`, `match.pending` and `match.all` compute and write.
    public static let lockKey: Int64 = 7_424_116_382

    /// Entries per list.
    public let listLength: Int
    /// The id this maintainer writes into `match_state` (its worker's id).
    public let writerID: String
    /// How old the named writer's last heartbeat may be before other workers treat it as gone.
    public let writerLease: Duration
    private var state: State?
    private var sequence: Int64 = -1
    /// When (database time) this maintainer's last full re-match began, while its state is from it.
    private var fullRematchStartedAt: Date?

    /// Creates a maintainer writing lists of `listLength` entries as `writerID` (by default a fresh UUID, a
    /// writer no worker heartbeat names).
    public init(listLength: Int = MatchLists.defaultLength, writerID: String = UUID().uuidString, writerLease: Duration = .seconds(30)) {
        self.listLength = max(1, listLength)
        self.writerID = writerID
        self.writerLease = writerLease
    }

    /// The matcher and what every list depends on. The matcher's `expandedQueries` hold every owner's current
    /// expansion (the reverse query of the pairs that name it).
    struct State {
        var loaded: MatchLoader.Loaded
        /// Owners of lists by kind: their admission terms in the other kind's index.
        var admissions = PerKind(AdmissionIndex())
        /// Owners whose lists are not current (every other owner's stored list is).
        var pending = PerKind(Set<Int64>())
        /// Pending owners whose expansion may have moved: the expansion they had (kept out of the matcher until
        /// they are recomputed, so that nothing uses it meanwhile).
        var previous = PerKind([Int64: AnalyzedQuery?]())
        /// Pending owners whose expansion counts as moved whatever it is (their text, or how it resolves, changed).
        var forced = PerKind(Set<Int64>())
        /// Pending owners whose bounds no longer follow their pool since their expansion was put in question (a
        /// change that may have moved it was not taken into them): every arrival drops their expansion, until
        /// one worked out at the current state comes with fresh bounds (`ExpansionTracking`).
        var stale = PerKind(Set<Int64>())
        /// Every owner's stored list as a hash of its entries (an owner without one has no list): a recomputed list
        /// that hashes the same is not written again. Most lists a change makes pending come out as they were, and
        /// rewriting them made most of the database's work under a steady stream of posts.
        var stored = PerKind([Int64: Int]())

        var pendingCount: Int { pending[.seed].count + pending[.need].count }

        var matcher: Matcher { loaded.matcher }

        init(loaded: MatchLoader.Loaded, computed: MatchLists.Computed) {
            self.loaded = loaded
            for (id, list) in computed.needLists {
                record(.need, id, list)
                if !list.matches.isEmpty { stored.need[id] = list.matches.hashValue }
            }
            for (id, list) in computed.seedLists {
                record(.seed, id, list)
                if !list.matches.isEmpty { stored.seed[id] = list.matches.hashValue }
            }
        }

        /// Records an owner's list: its admission and its expansion, and the current expansions of the other kind's
        /// items that computing it worked out (so that no other list works them out again).
        mutating func record(_ kind: PostingKind, _ id: Int64, _ list: MatchList) {
            admissions[kind].set(id, list: list)
            self[expansion: kind, id] = list.expansion
            let other: PostingKind = kind == .seed ? .need : .seed
            for (item, expansion) in list.reverseExpansions { self[expansion: other, item] = expansion }
            for (item, tracking) in list.reverseTracking { takeExpansion(other, item, tracking) }
        }

        /// Records an item's expansion worked out at the current state. A stale owner's comes with bounds that
        /// follow its pool from now on.
        mutating func takeExpansion(_ kind: PostingKind, _ id: Int64, _ tracking: ExpansionTracking) {
            self[expansion: kind, id] = tracking.expansion
            if stale[kind].remove(id) != nil {
                admissions[kind].set(id, terms: tracking.admissionTerms, admission: tracking.admission, bounds: tracking.bounds)
            }
        }

        /// Makes an owner's list pending; with `invalidate`, its expansion too: the expansion its stored list was
        /// made with is kept in `previous`, and any newer one known is dropped, since it may have moved again.
        mutating func markPending(_ kind: PostingKind, _ id: Int64, invalidate: Bool, forced isForced: Bool = false) {
            pending[kind].insert(id)
            if invalidate {
                if previous[kind][id] == nil { previous[kind][id] = .some(self[expansion: kind, id]) }
                self[expansion: kind, id] = nil
                stale[kind].insert(id)
            }
            if isForced { forced[kind].insert(id) }
        }

        /// Recomputes pending owners' lists into `update` (on every core when there are several); returns the
        /// owners whose expansion moved.
        ///
        /// A list reads its owner's expansion and those of the items it matches, so before those are read, the
        /// arrivals waiting for their owners are taken in (`catchUp`): the owners' first, then, once the lists
        /// have ranked their candidates, the matched items'.
        mutating func recompute(_ owners: [(PostingKind, Int64)], length: Int, into update: inout Update) -> [(PostingKind, Int64)] {
            catchUp(owners, into: &update)
            let started = started(owners, length: length)
            let matched = started.flatMap { list in
                list.map { list in list.matchedIDs.map { (list.isNeedList ? PostingKind.seed : .need, $0) } } ?? []
            }
            catchUp(matched, into: &update)
            // The matched items' expansions the lists lack, worked out once for all of them.
            let lacking = matcher.lackingExpansions(of: started.compactMap { $0 })
            for (kind, worked) in [(PostingKind.seed, lacking.seeds), (.need, lacking.needs)] {
                for (id, tracking) in worked { takeExpansion(kind, id, tracking) }
                update.expansionsWorkedOut += worked.count
            }
            var moved: [(PostingKind, Int64)] = []
            for ((kind, id), list) in zip(owners, finished(started)) where recorded(kind, id, list, into: &update) {
                moved.append((kind, id))
            }
            return moved
        }

        /// The owners' lists as the matcher ranks their candidates now (nil: the owner should have no list). (The
        /// matcher's copy ends here, before the caller changes the original.)
        func started(_ owners: [(PostingKind, Int64)], length: Int) -> [StartedList?] {
            let matcher = matcher
            let start: @Sendable ((PostingKind, Int64)) -> StartedList? = { owner in
                let (kind, id) = owner
                switch kind {
                case .need:
                    guard matcher.needs.profiles[id]?.isOpen == true else { return nil }
                    return try? matcher.startList(forNeed: id, limit: length)
                case .seed:
                    guard matcher.seeds.profiles[id]?.isOpen == true else { return nil }
                    return try? matcher.startList(forSeed: id, limit: length)
                }
            }
            return owners.count > 1 ? owners.concurrentMap(start) : owners.map(start)
        }

        /// The started lists finished with the matcher's expansions as they are now.
        func finished(_ started: [StartedList?]) -> [MatchList?] {
            let matcher = matcher
            let finish: @Sendable (StartedList?) -> MatchList? = { $0.map(matcher.finishList) }
            return started.count > 1 ? started.concurrentMap(finish) : started.map(finish)
        }

        /// Takes the arrivals waiting for these owners into their lists' bounds, oldest first, making pending
        /// the lists they may change (and dropping the expansions they may move).
        mutating func catchUp(_ owners: [(PostingKind, Int64)], into update: inout Update) {
            for kind in [PostingKind.need, .seed] where admissions[kind].waitingCount > 0 {
                let ids = owners.lazy.filter { $0.0 == kind }.map(\.1)
                mark(kind, Self.takingIn(by: kind, in: &self) { $0.catchUp(ids, in: $1, state: $2, query: $3, total: $4) }, into: &update)
            }
        }

        /// Takes the oldest waiting arrival into the bounds of every list of `kind` it is admitted to; false when
        /// none waits.
        mutating func takeInOldest(_ kind: PostingKind, into update: inout Update) -> Bool {
            guard admissions[kind].waitingCount > 0 else { return false }
            mark(kind, Self.takingIn(by: kind, in: &self) { $0.takeInOldest(in: $1, state: $2, query: $3, total: $4) }, into: &update)
            return true
        }

        /// How many arrivals wait to be taken in by some list.
        var waitingCount: Int { admissions.seed.waitingCount + admissions.need.waitingCount }

        /// Arrivals taken in by the lists of `kind` (`AdmissionIndex.catchUp`, `takeInOldest`): `take` gets the
        /// admission index of those lists, the index the arrivals are documents of, and where an owner stands,
        /// its text as a query there and an arrival's total in its list. (The copies of the matcher and of the
        /// pending and stale sets end here, before the caller changes the originals.)
        private static func takingIn(
            by kind: PostingKind, in state: inout State,
            _ take: (
                inout AdmissionIndex, SearchIndex, (Int64) -> AdmissionIndex.OwnerState, @escaping AdmissionIndex.OwnerQuery,
                @escaping AdmissionIndex.ArrivalTotal
            ) -> [(owner: Int64, expansion: AdmissionIndex.ExpansionChange)]
        ) -> [(owner: Int64, expansion: AdmissionIndex.ExpansionChange)] {
            let matcher = state.matcher
            let pending = state.pending[kind]
            let stale = state.stale[kind]
            let expansions = kind == .seed ? matcher.expandedQueries.seeds : matcher.expandedQueries.needs
            let ownerState = { (owner: Int64) -> AdmissionIndex.OwnerState in
                guard pending.contains(owner) else { return .current }
                guard stale.contains(owner) else { return .pending }
                return expansions[owner] == nil ? .settled : .questioned
            }
            // The arrivals are documents of the other kind's index; an owner's expansion is its text run there.
            let index = kind == .seed ? matcher.needs.index : matcher.seeds.index
            let query: AdmissionIndex.OwnerQuery = { owner in
                (kind == .seed ? matcher.seeds.document(owner) : matcher.needs.document(owner))
                    .map { AnalyzedQuery(document: $0, fieldWeights: index.configuration.fieldWeights) }
            }
            let total: AdmissionIndex.ArrivalTotal = { owner, document, relevance in
                kind == .seed
                    ? matcher.storedTotal(seedID: owner, needID: document, relevance: relevance)
                    : matcher.storedTotal(seedID: document, needID: owner, relevance: relevance)
            }
            return take(&state.admissions[kind], index, ownerState, query, total)
        }

        /// Makes pending the lists of `kind` an arrival may change. An expansion it moves in a way the bounds follow
        /// is replaced; one it may move otherwise is dropped (worked out again when next needed), and so is that of
        /// an owner whose bounds no longer follow its pool (`stale`).
        private mutating func mark(
            _ kind: PostingKind, _ reached: [(owner: Int64, expansion: AdmissionIndex.ExpansionChange)], into update: inout Update
        ) {
            update.reached += reached.count
            for (owner, change) in reached {
                switch change {
                case .moved(let expansion) where !stale[kind].contains(owner):
                    update.followed += 1
                    markPending(kind, owner, invalidate: false)
                    if previous[kind][owner] == nil { previous[kind][owner] = .some(self[expansion: kind, owner]) }
                    self[expansion: kind, owner] = expansion
                case .stays where !stale[kind].contains(owner):
                    markPending(kind, owner, invalidate: false)
                default:
                    update.questioned += 1
                    markPending(kind, owner, invalidate: true)
                }
            }
        }

        /// Takes in a pending owner's recomputed list (into `update`); returns true when its expansion moved.
        private mutating func recorded(_ kind: PostingKind, _ id: Int64, _ list: MatchList?, into update: inout Update) -> Bool {
            pending[kind].remove(id)
            stale[kind].remove(id)
            let before = previous[kind].removeValue(forKey: id) ?? self[expansion: kind, id]
            let isForced = forced[kind].remove(id) != nil
            var matches: [Match] = []
            let moved: Bool
            if let list {
                matches = list.matches
                update.expansionsWorkedOut += list.reverseExpansions.count
                record(kind, id, list)
                moved = isForced || before != list.expansion
            } else {
                moved = before != nil
                forget(kind, id)
            }
            // Written only when it differs from the stored list (an empty list: none stored).
            let digest = matches.isEmpty ? nil : matches.hashValue
            if digest != stored[kind][id] {
                stored[kind][id] = digest
                if kind == .need { update.needLists[id] = matches } else { update.seedLists[id] = matches }
            }
            return moved
        }

        mutating func forget(_ kind: PostingKind, _ id: Int64) {
            admissions[kind].remove(id)
            self[expansion: kind, id] = nil
        }

        subscript(expansion kind: PostingKind, id: Int64) -> AnalyzedQuery? {
            get { kind == .need ? loaded.matcher.expandedQueries.needs[id] : loaded.matcher.expandedQueries.seeds[id] }
            set {
                if kind == .need { loaded.matcher.expandedQueries.needs[id] = newValue } else { loaded.matcher.expandedQueries.seeds[id] = newValue }
            }
        }

        /// The index of `kind`'s items.
        func index(_ kind: PostingKind) -> SearchIndex { kind == .seed ? matcher.seeds.index : matcher.needs.index }
    }

    /// The lists to write for one change.
    public struct Update: Sendable {
        /// New need lists by need id, only those that differ from the stored ones (empty: the need has no list any
        /// more).
        public var needLists: [Int64: [Match]] = [:]
        /// New seed lists by seed id, likewise.
        public var seedLists: [Int64: [Match]] = [:]

        /// How many lists of the other kind the change reached: made pending (to be recomputed by `drain`), or,
        /// pending already, had their owner's expansion put in question.
        public var reached = 0
        /// How many of those had their owner's expansion put in question (dropped until worked out again), how
        /// many had it moved to one the bounds follow (an arrival joined its feedback documents), and how many
        /// expansions the lists written here worked out.
        public var questioned = 0
        public var followed = 0
        public var expansionsWorkedOut = 0
        /// How many of the questioned lists were reached because a term of theirs appeared in the other kind's
        /// index or vanished from it (their queries resolve anew).
        public var resolvedAnew = 0

        /// Seconds `update` spent reading the items; applying them to the matcher (with the lists their old forms
        /// reach, and their new forms' arrivals queued); computing their own lists (with the lists those read
        /// taking in what waits for them); and finding the lists that name an item whose expansion moved.
        public var seconds: (read: Double, reach: Double, own: Double, holders: Double) = (0, 0, 0, 0)

        /// `seconds` in milliseconds, for a log line.
        public var milliseconds: String {
            String(format: "read %.1f, reach %.1f, own %.1f, holders %.1f", seconds.read * 1000, seconds.reach * 1000, seconds.own * 1000, seconds.holders * 1000)
        }

        /// How many lists change.
        public var listCount: Int { needLists.count + seedLists.count }
    }

    /// Whether this maintainer may keep the lists now.
    public enum Readiness: Sendable, Equatable {
        /// It may: `update` and `write` next.
        case ready
        /// The live worker with this id keeps them; leave the change to it.
        case keptBy(String)
    }

    /// Makes sure the stored lists reflect this maintainer's matcher, re-matching everything first when they do not,
    /// unless another live worker keeps them. Call it holding the lock (`lockKey`), outside any transaction.
    public func prepare(on connection: Connection) async throws -> Readiness {
        let (writer, isCurrent) = try await storedWriter(on: connection)
        if isCurrent { return .ready }
        if let writer, writer != writerID {
            let alive = try await connection.query(
                "select exists (select 1 from workers where id = $1 and not stopping and heartbeat_at > now() - make_interval(secs => $2))",
                [writer, writerLease.inSeconds])
            if try alive[0].decode(Bool.self, at: 0) { return .keptBy(writer) }
        }
        try await rematchAll(on: connection)
        return .ready
    }

    /// The writer `match_state` names, and whether the stored lists are this maintainer's current ones.
    private func storedWriter(on connection: Connection) async throws -> (writer: String?, isCurrent: Bool) {
        let row = try await connection.query("select writer, sequence from match_state")[0]
        let writer = try row.decode(String?.self, at: 0)
        return (writer, try state != nil && writer == writerID && row.decode(Int64.self, at: 1) == sequence)
    }

    /// `rematchAll`, unless the stored lists are this maintainer's and come from a full re-match that began at or
    /// after `requested` (database time: when the job asking for it was enqueued), which already took in every
    /// change made before then; returns nil when it did nothing.
    ///
    /// A worker's first full re-match may be asked for twice at start (its first `match.item`, or an explicit
    /// job, and the periodic schedule seen for the first time); at 100k seeds each costs minutes.
    public func rematchAll(on connection: Connection, unlessSince requested: Date) async throws -> MatchLists.Summary? {
        if let fullRematchStartedAt, fullRematchStartedAt >= requested, try await storedWriter(on: connection).isCurrent { return nil }
        return try await rematchAll(on: connection)
    }

    /// Recomputes and replaces every list (fresh statistics, recorded in `match_runs`) and becomes their writer.
    @discardableResult
    public func rematchAll(on connection: Connection) async throws -> MatchLists.Summary {
        state = nil
        sequence = -1
        fullRematchStartedAt = nil
        let startedAt = try await connection.query("select now()")[0].decode(Date.self, at: 0)
        let (summary, loaded, computed) = try await MatchLists.recomputeAll(on: connection, length: listLength, writer: writerID)
        state = State(loaded: loaded, computed: computed)
        sequence = summary.sequence
        fullRematchStartedAt = startedAt
        return summary
    }

    /// Reads the changed items as they are now and applies them to the matcher in turn, then computes their own
    /// lists together (on every core) at the state after the last; every other list the changes reach becomes
    /// pending (`hasPending`, `drain`). Call `prepare` first; then write the update (`write`) and report the commit
    /// (`committed`), or `abandon` on any failure, since the matcher has already moved on.
    public func update(for items: [(kind: PostingKind, id: Int64)], on connection: Connection) async throws -> Update {
        guard var state else { throw MatchMaintainerError.notPrepared }
        self.state = nil
        let clock = ContinuousClock()
        var mark = clock.now
        func lap() -> Double {
            defer { mark = clock.now }
            return (clock.now - mark).inSeconds
        }
        var seen = PerKind(Set<Int64>())
        let items = items.filter { seen[$0.kind].insert($0.id).inserted }
        let seedIDs = items.filter { $0.kind == .seed }.map(\.id)
        let needIDs = items.filter { $0.kind == .need }.map(\.id)
        let seedRows = seedIDs.isEmpty ? [:] : try await Self.current(SeedSource(), ids: seedIDs, on: connection)
        let needRows = needIDs.isEmpty ? [:] : try await Self.current(NeedSource(), ids: needIDs, on: connection)
        let read = lap()
        var update = Update()
        var changed: [(PostingKind, Int64)] = []
        var arriving = PerKind([Int64]())
        for (kind, id) in items {
            let reached = switch kind {
            case .seed: Self.apply(seedRows[id], kind: kind, id: id, to: \.seeds, labels: \.seeds, in: &state)
            case .need: Self.apply(needRows[id], kind: kind, id: id, to: \.needs, labels: \.needs, in: &state)
            }
            guard let reached else { continue }
            update.reached += reached.lists
            update.questioned += reached.questioned
            update.resolvedAnew += reached.resolvedAnew
            if reached.arrives { arriving[kind].append(id) }
            changed.append((kind, id))
        }
        // The new forms arrive in the pools of the lists they are admitted to, in the order applied; their bounds
        // take them in later (`State.catchUp`, `State.takeInOldest`), before anything reads those lists'
        // expansions.
        for kind in [PostingKind.seed, .need] where !arriving[kind].isEmpty {
            state.admissions[kind == .seed ? .need : .seed].arrive(arriving[kind], in: state.index(kind))
        }
        let reach = lap()
        let moved = state.recompute(changed, length: listLength, into: &update)
        let own = lap()
        try await Self.markHolders(of: moved, in: &state, update: update, on: connection)
        update.seconds = (read, reach, own, lap())
        self.state = state
        return update
    }

    /// The items of `ids` as they are now, by id (those gone are missing).
    private static func current<Source: ItemSource>(
        _ source: Source, ids: [Int64], on connection: Connection
    ) async throws -> [Int64: LoadedItem<Source.Profile>] {
        Dictionary(try await MatchLoader.items(source, ids: ids, on: connection).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// Applies item `id` as read (`row`; nil: gone) to the matcher and makes pending every list the change
    /// reaches, its own included (forced); returns how many lists of the other kind it reached (how many of those
    /// were questioned, and how many because a term appeared or vanished) and whether its new form arrives in the
    /// other kind's lists (the caller queues it: `AdmissionIndex.arrive`), or nil when the matcher already held
    /// exactly that.
    private static func apply<Profile: Hashable & LocatedProfile>(
        _ row: LoadedItem<Profile>?, kind: PostingKind, id: Int64, to corpus: WritableKeyPath<Matcher, MatchCorpus<Profile>>,
        labels: WritableKeyPath<MatchLoader.Loaded, [Int64: MatchLoader.Label]>, in state: inout State
    ) -> (lists: Int, questioned: Int, resolvedAnew: Int, arrives: Bool)? {
        let other: PostingKind = kind == .seed ? .need : .seed
        // The item's old form: the lists it is admitted to (it may be in their pools), and its terms.
        let departed = state.admissions[other].owners(admitting: id, in: state.index(kind))
        // Changing a corpus empties the matcher's expansions; they are put back after. (No copy of the state's
        // collections may outlive the lines that need it: the next change to the original would copy it whole.)
        func changeCorpus<T>(_ change: (inout MatchCorpus<Profile>) -> T) -> T {
            let expansions = state.matcher.expandedQueries
            state.loaded.matcher.expandedQueries = Matcher.Expansions()
            defer { state.loaded.matcher.expandedQueries = consume expansions }
            return change(&state.loaded.matcher[keyPath: corpus])
        }
        if let row { state.loaded[keyPath: labels][id] = row.label }
        if let row, row.isCurrent, state.index(kind).holds(id, row.document) {
            // Its text stays (a draft published, its profile changed): pools, first passes and expansions are
            // made from text alone, drafts' included, so no expansion moves and the only lists that may change
            // are its own and those whose pools hold it (they may take it in, let it go or score it anew).
            guard state.matcher[keyPath: corpus].profiles[id] != row.profile else { return nil }
            changeCorpus { $0.setProfile(row.profile, of: id) }
            for owner in departed { state.markPending(other, owner, invalidate: false) }
            state.markPending(kind, id, invalidate: true, forced: true)
            return (departed.count, 0, 0, false)
        }
        let oldTerms = Set(state.index(kind).terms(of: id))
        let appearedOrVanished = changeCorpus {
            applyCurrent(row?.isCurrent == true ? row : nil, id: id, oldTerms: oldTerms, to: &$0)
        }
        guard let appearedOrVanished else { return nil }
        // Lists whose pools the old form may have left are recomputed (so an arrival of the old form still waiting
        // is forgotten), and so are those of owners with a term that appeared in or vanished from the index (it
        // changes how their queries resolve, and so their expansions).
        var resolvedAnew = Set<Int64>()
        for term in appearedOrVanished { resolvedAnew.formUnion(state.index(other).documents(containing: term)) }
        let reachedByOldForm = departed.union(resolvedAnew)
        for owner in reachedByOldForm {
            state.markPending(other, owner, invalidate: true, forced: resolvedAnew.contains(owner))
        }
        // A waiting arrival of its old form is forgotten; the new form arrives once the whole batch is applied.
        state.admissions[other].forgetArrival(of: id)
        state.markPending(kind, id, invalidate: true, forced: true)
        return (reachedByOldForm.count, reachedByOldForm.count, resolvedAnew.count, true)
    }

    /// True when some lists are not current yet, or some arrivals wait to be taken in by the lists they reach
    /// (see `drain`).
    public var hasPending: Bool { state.map { $0.pendingCount > 0 || $0.waitingCount > 0 } ?? false }

    /// The number of lists not current yet.
    public var pendingCount: Int { state?.pendingCount ?? 0 }

    /// Takes waiting arrivals into the lists they reach, oldest first, then recomputes up to `limit` pending lists
    /// (needs' first), `drainChunk` at a time on every core, stopping early once `budget` has passed so that a
    /// `match.item` never waits long behind it (but never before some work is done); write the update like
    /// `update`'s.
    public func drain(limit: Int, budget: Duration = .seconds(3600), on connection: Connection) async throws -> Update {
        guard var state else { throw MatchMaintainerError.notPrepared }
        self.state = nil
        var update = Update()
        var moved: [(PostingKind, Int64)] = []
        let deadline = ContinuousClock.now + budget
        var worked = false
        while !worked || ContinuousClock.now < deadline {
            guard state.takeInOldest(.seed, into: &update) || state.takeInOldest(.need, into: &update) else { break }
            worked = true
        }
        // Any order will do; sorting every pending owner for each slice would cost more than some slices.
        var owners = state.pending.need.prefix(limit).map { (PostingKind.need, $0) }
        owners += state.pending.seed.prefix(limit - owners.count).map { (PostingKind.seed, $0) }
        var done = 0
        while done < owners.count && (!worked || ContinuousClock.now < deadline) {
            worked = true
            let chunk = Array(owners[done..<min(done + Self.drainChunk, owners.count)])
            moved += state.recompute(chunk, length: listLength, into: &update)
            done += chunk.count
        }
        try await Self.markHolders(of: moved, in: &state, update: update, on: connection)
        self.state = state
        return update
    }

    /// How many pending lists `drain` computes at once.
    static let drainChunk = 8

    /// Makes pending the lists that name an owner whose expansion moved (their reverse scores move with it): stored
    /// lists, and those about to be written in `update`.
    private static func markHolders(
        of moved: [(PostingKind, Int64)], in state: inout State, update: Update, on connection: Connection
    ) async throws {
        for kind in [PostingKind.need, .seed] {
            let owners = moved.filter { $0.0 == kind }.map(\.1)
            guard !owners.isEmpty else { continue }
            let moving = Set(owners)
            // Lists naming a need are seed lists, and the reverse.
            let holderKind: PostingKind = kind == .need ? .seed : .need
            let sql = kind == .need
                ? "select distinct seed_id from seed_matches where need_id = any($1)"
                : "select distinct need_id from need_matches where seed_id = any($1)"
            for row in try await connection.query(sql, [owners]) {
                state.markPending(holderKind, try row.decode(Int64.self, at: 0), invalidate: false)
            }
            for (holder, matches) in kind == .need ? update.seedLists : update.needLists
            where matches.contains(where: { moving.contains(kind == .need ? $0.needID : $0.seedID) }) {
                state.markPending(holderKind, holder, invalidate: false)
            }
        }
    }

    /// Applies item `id` as it is now (`item`; nil: gone, or neither draft nor published) to `corpus`.
    ///
    /// - Parameter oldTerms: the item's terms in the corpus before.
    /// - Returns: nil when the corpus already held exactly that; else the terms whose live document frequency went
    ///   from 0 to more, or to 0.
    private static func applyCurrent<Profile: Hashable & LocatedProfile>(
        _ item: LoadedItem<Profile>?, id: Int64, oldTerms: Set<String>, to corpus: inout MatchCorpus<Profile>
    ) -> Set<String>? {
        let terms = oldTerms.union(item?.document.terms.map(\.term) ?? [])
        let before = Dictionary(uniqueKeysWithValues: terms.map { ($0, corpus.index.documentFrequency(of: $0)) })
        if let item {
            if corpus.profiles[id] == item.profile && corpus.index.holds(id, item.document) { return nil }
            corpus.upsert(id, profile: item.profile, document: item.document)
        } else if !corpus.remove(id) {
            return nil
        }
        return Set(before.filter { ($0.value == 0) != (corpus.index.documentFrequency(of: $0.key) == 0) }.keys)
    }

    /// Replaces the lists of `update` and advances `match_state` to this writer, in the caller's transaction;
    /// returns the new sequence (pass it to `committed` once the transaction has committed).
    public func write(_ update: Update, on connection: Connection) async throws -> Int64 {
        try await MatchLists.replace(
            .need, owners: Array(update.needLists.keys), with: MatchLists.copyRows(update.needLists, of: .need), on: connection)
        try await MatchLists.replace(
            .seed, owners: Array(update.seedLists.keys), with: MatchLists.copyRows(update.seedLists, of: .seed), on: connection)
        return try await MatchLists.advanceState(writer: writerID, on: connection)
    }

    /// Records that the lists written with `sequence` committed.
    public func committed(_ sequence: Int64) { self.sequence = sequence }

    /// Forgets the matcher after an update that did not commit: the next `prepare` re-matches everything.
    public func abandon() {
        state = nil
        sequence = -1
        fullRematchStartedAt = nil
    }
}

/// One value for each kind of posting, changed in place (no hashing of the kind, no copy).
struct PerKind<Value> {
    var seed: Value
    var need: Value

    init(_ value: Value) {
        seed = value
        need = value
    }

    subscript(kind: PostingKind) -> Value {
        get { kind == .seed ? seed : need }
        _modify {
            if kind == .seed { yield &seed } else { yield &need }
        }
    }
}

extension PerKind: Sendable where Value: Sendable {}

/// A maintainer used out of order.
public enum MatchMaintainerError: Error, CustomStringConvertible {
    /// `update` before a successful `prepare`.
    case notPrepared

    public var description: String { "the match maintainer must be prepared (prepare(on:)) before an update" }
}
