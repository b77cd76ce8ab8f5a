/// A file format of the import/export commands, chosen by file extension.
public enum RecordFormat: String, Sendable, Hashable, CaseIterable {
    /// RFC 4180 CSV with a header row; lists joined with `;`.
    case csv
    /// JSON Lines: one JSON object per line (`.jsonl` or `.ndjson`).
    case jsonLines = "jsonl"

    /// The format for a path's extension (case-insensitive): `.csv`, `.jsonl`, `.ndjson`.
    /// - Throws: `ValidationFailure` naming the extension when it is not one of those.
    public init(path: String) throws(ValidationFailure) {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let ext = name.contains(".") ? String(name.split(separator: ".").last ?? "").lowercased() : ""
        switch ext {
        case "csv": self = .csv
        case "jsonl", "ndjson": self = .jsonLines
        case "":
            throw ValidationFailure([
                Problem(file: path, field: "", message: "the file name has no extension; use .csv, .jsonl or .ndjson")
            ])
        default:
            throw ValidationFailure([
                Problem(file: path, field: "", message: "unsupported file extension \".\(ext)\"; use .csv, .jsonl or .ndjson")
            ])
        }
    }
}
