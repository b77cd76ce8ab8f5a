import Foundation

/// Paths to committed test resources and to the shared evaluation data beside the repository.
enum TestResources {
    /// The contents of a committed resource file.
    static func text(_ name: String) throws -> String {
        guard let url = Bundle.module.url(forResource: "Resources/\(name)", withExtension: nil)
            ?? Bundle.module.url(forResource: name, withExtension: nil)
        else { throw CocoaError(.fileNoSuchFile) }
        return try String(contentsOf: url, encoding: .utf8)
    }

    /// The package root, found from this file's path.
    static let packageRoot = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The shared Cranfield collection folder (`../shared/eval/cranfield` from the package root).
    static let cranfield = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/eval/cranfield")
}
