import ClusterMatch

/// Known references and sample records shared by the domain and records tests.
enum Sample {
    static let known = KnownReferences(
        fields: ["aerospace", "biotech", "ict", "nano"],
        countries: ["JP", "CA", "FR", "US", "DE"],
        organisations: ["hokkaido-university": .university, "gifu-aero-firm": .firm],
        clusters: ["sapporo", "gifu", "criaq-quebec"],
        people: ["a.tanaka@example.jp", "k.ito@example.jp"]
    )

    static func seed(_ change: (inout SeedRecord) -> Void = { _ in }) -> SeedRecord {
        var seed = SeedRecord(
            ref: "S-SAP-001", title: "Edge sensor fusion for snow roads", summary: "Short summary.",
            description: "Longer description.", primaryField: "ict", secondaryFields: ["nano"],
            keywords: ["edge computing", "sensor fusion"], trl: 4, ipStatus: .patentApplied, ipScope: .domestic,
            partnerships: [.licence, .jointResearch], visibility: .public, organisation: "hokkaido-university",
            coordinator: "a.tanaka@example.jp", status: .published)
        change(&seed)
        return seed
    }

    static func need(_ change: (inout NeedRecord) -> Void = { _ in }) -> NeedRecord {
        var need = NeedRecord(
            ref: "N-GIF-001", title: "Lightweight composite brackets", summary: "Firm seeks composites.",
            description: "", primaryField: "aerospace", secondaryFields: [], keywords: ["composites"], trlMin: 4,
            trlMax: 7, ipRequired: [.patentGranted], partnerships: [.licence], scope: .internationalWelcome,
            targetCountries: ["CA", "FR"], deadline: "2027-03-31", visibility: .public, organisation: "gifu-aero-firm",
            contact: "k.ito@example.jp", status: .published)
        change(&need)
        return need
    }

    /// The messages of a list of problems, `field: message`.
    static func messages(_ problems: [Problem]) -> [String] { problems.map(\.description) }
}
