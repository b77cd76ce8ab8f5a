/// Vocabulary shared by all fields: general research terms, benefits and the people who write postings.
enum SharedVocabulary {
    /// General research and development terms, used across every topic.
    static let general: [String] = [
        "proof of concept", "prototype", "pilot production", "scale-up", "mass production", "cost reduction",
        "reliability", "durability", "throughput", "energy efficiency", "production yield", "repeatability",
        "field trial", "validation data", "process window", "design rules", "performance benchmark",
        "manufacturing cost", "life-cycle assessment", "supply chain", "regulatory approval", "technology transfer",
        "patent portfolio", "sample evaluation", "joint development", "test bench", "simulation model",
        "measurement accuracy", "operating temperature", "system integration", "quality control",
        "process stability", "failure analysis", "material selection", "sensitivity", "spatial resolution",
        "response time", "power consumption", "signal-to-noise ratio", "service life", "maintenance cost",
        "safety assessment", "standardisation", "data analysis", "process monitoring", "lead time",
        "environmental impact", "recyclability", "user evaluation", "certification", "traceability",
        "miniaturisation", "automation", "calibration", "robustness", "interoperability", "weight reduction",
        "carbon footprint", "feasibility study", "reproducibility",
    ]

    /// Benefits a technology offers or a firm wants.
    static let benefits: [String] = [
        "lower cost", "higher throughput", "reduced weight", "improved reliability", "shorter lead times",
        "lower energy consumption", "higher sensitivity", "longer service life", "reduced environmental impact",
        "simpler maintenance", "higher accuracy", "faster processing", "better yield", "smaller footprint",
        "improved safety", "lower emissions", "higher resolution", "greater robustness", "easier integration",
        "reduced waste", "lower noise", "faster time to market", "better scalability", "improved comfort",
        "less rework", "stable quality", "reduced downtime", "higher strength", "better biocompatibility",
        "lower operating cost",
    ]

    /// Who speaks in a seed ("{O} has developed ...").
    static let seedOwners: [String] = [
        "our laboratory", "the research group", "the inventors", "our team", "the institute", "the project team",
    ]

    /// Who speaks in a need ("{O} manufactures ...").
    static let needOwners: [String] = [
        "our company", "the company", "our R&D division", "our production team", "our engineering department",
        "the firm",
    ]
}
