/// The lifecycle state of a seed or need (`seed_status_known`, `need_status_known`).
public enum PostingStatus: String, Vocabulary {
    /// Being written; not visible to matching.
    case draft
    /// Visible and matched until it expires.
    case published
    /// Past its expiry date; may be renewed (published again) or archived.
    case expired
    /// Kept for the record; final.
    case archived
    /// Withdrawn by its owner; final.
    case withdrawn

    /// The statuses a posting may move to from this one, as the `*_status_transition` trigger allows.
    public var allowedNextStatuses: [PostingStatus] {
        switch self {
        case .draft: [.published, .withdrawn]
        case .published: [.expired, .withdrawn]
        case .expired: [.published, .archived, .withdrawn]
        case .archived, .withdrawn: []
        }
    }

    /// Whether moving from this status to `next` is allowed (staying put always is).
    public func canMove(to next: PostingStatus) -> Bool { next == self || allowedNextStatuses.contains(next) }

    /// Whether a posting with this status needs `published_at` and `expires_at` (`*_published_dates`).
    public var needsPublicationDates: Bool { self != .draft && self != .withdrawn }

    /// Whether an import may set this status (`draft` or `published`; the rest come from the lifecycle).
    public var isImportable: Bool { self == .draft || self == .published }
}
