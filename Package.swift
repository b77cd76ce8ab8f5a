// swift-tools-version: 6.0
import PackageDescription

// The matcher and the store are optimised in debug builds too: their tests (Cranfield, incremental matching over
// 2,000 changes) run real workloads, which unoptimised generic code makes 10–20 times slower.
let optimisedInDebug: [SwiftSetting] = [.unsafeFlags(["-O"], .when(configuration: .debug))]

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "clustermatch",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "clustermatch", targets: ["clustermatch"]),
        .executable(name: "clustermatch-worker", targets: ["clustermatch-worker"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"]), .brew(["libpq"])]),
        .target(
            name: "Postgres",
            dependencies: ["CLibPQ", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
        .target(name: "CPrefetch"),
        .target(name: "Matching", dependencies: ["CPrefetch"], swiftSettings: strict + optimisedInDebug),
        .target(name: "SampleData", swiftSettings: strict),
        .target(name: "Shortlists", swiftSettings: strict),
        .executableTarget(name: "EmbedSQLTool", path: "Sources/EmbedSQLTool"),
        .plugin(
            name: "EmbedSQLPlugin",
            capability: .buildTool(),
            dependencies: ["EmbedSQLTool"],
            path: "Sources/EmbedSQLPlugin"
        ),
        .target(
            name: "ClusterMatch",
            dependencies: [
                "Postgres", "Matching", "Shortlists", .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict + optimisedInDebug,
            plugins: ["EmbedSQLPlugin"]
        ),
        .target(
            name: "ClusterMatchCLI",
            dependencies: [
                "ClusterMatch", "Matching", "SampleData", "Postgres", "Shortlists",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(name: "clustermatch", dependencies: ["ClusterMatchCLI"], swiftSettings: strict),
        .executableTarget(
            name: "clustermatch-worker",
            dependencies: [
                "ClusterMatch", "Postgres", .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: strict,
            // jemalloc as the worker's allocator (Debian libjemalloc-dev): after a full re-match frees millions of
            // list entries, glibc kept 12 GB resident at 100k seeds (0.8-1.1 GB with jemalloc) and matched slower
            // (README, Performance: bench worker with both).
            linkerSettings: [.linkedLibrary("jemalloc", .when(platforms: [.linux]))]
        ),
        .target(name: "TestSupport", dependencies: ["Postgres"], path: "Tests/TestSupport", swiftSettings: strict),
        .testTarget(name: "PostgresTests", dependencies: ["Postgres", "TestSupport", .product(name: "Logging", package: "swift-log")], swiftSettings: strict),
        .testTarget(
            name: "WorkerTests",
            dependencies: ["ClusterMatch", "Postgres", "TestSupport"],
            swiftSettings: strict
        ),
        .testTarget(name: "MatchingTests", dependencies: ["Matching"], resources: [.copy("Resources")], swiftSettings: strict),
        .testTarget(name: "SampleDataTests", dependencies: ["SampleData"], swiftSettings: strict),
        .testTarget(name: "ShortlistsTests", dependencies: ["Shortlists"], swiftSettings: strict),
        .testTarget(
            name: "ClusterMatchTests",
            dependencies: [
                "ClusterMatch", "ClusterMatchCLI", "Postgres", "Matching", "SampleData", "Shortlists", "TestSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
    ]
)
