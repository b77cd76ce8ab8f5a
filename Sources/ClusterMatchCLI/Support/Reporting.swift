import ArgumentParser
import ClusterMatch
import Foundation
import Postgres

/// Runs a command body and turns failures into what a user should see: one line per problem on stderr and exit
/// status 1 (argument errors stay with ArgumentParser, status 2).
func reportingFailures(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let failure as ValidationFailure {
        for problem in failure.problems { printError(problem.description) }
        throw ExitCode.failure
    } catch let error as PostgresError {
        printError(describe(error))
        throw ExitCode.failure
    } catch let error as ArgumentParser.ValidationError {
        throw error
    } catch let error as ExitCode {
        throw error
    } catch let error as CleanExit {
        throw error
    } catch {
        printError("error: \(error)")
        throw ExitCode.failure
    }
}

/// A database error in the domain's words when it violates a known rule: our triggers raise the rule's own sentence
/// (with the offending value); PostgreSQL's built-in "… violates … constraint" messages are replaced by the sentence.
func describe(_ error: PostgresError) -> String {
    if let name = error.constraint, let rule = Rule(constraintName: name) {
        return "\(rule.field): \(error.message.contains("violates") ? rule.sentence : error.message)"
    }
    return "error: \(error.description)"
}

/// Writes one line to standard error.
func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

/// Renders rows as an aligned text table with a header; cells are clipped to 60 columns of terminal width.
func renderTable(_ headers: [String], _ rows: [[String]]) -> String {
    let limit = 60
    let clippedRows = rows.map { $0.map { clip($0, to: limit) } }
    var widths = headers.map(displayWidth)
    for row in clippedRows {
        for (index, cell) in row.enumerated() where index < widths.count { widths[index] = max(widths[index], displayWidth(cell)) }
    }
    func line(_ cells: [String]) -> String {
        cells.enumerated().map { index, cell in
            index == cells.count - 1 ? cell : cell + String(repeating: " ", count: max(0, widths[index] - displayWidth(cell)))
        }.joined(separator: "  ")
    }
    return ([line(headers), line(widths.map { String(repeating: "-", count: $0) })] + clippedRows.map(line)).joined(separator: "\n")
}

/// How many terminal columns `text` takes: East Asian wide and full-width characters (and most emoji) take two,
/// combining marks and zero-width characters none.
func displayWidth(_ text: String) -> Int {
    text.unicodeScalars.reduce(0) { $0 + columns(of: $1) }
}

private func columns(of scalar: Unicode.Scalar) -> Int {
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format: return 0
    default: break
    }
    switch scalar.value {
    case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
         0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F680...0x1F6FF,
         0x1F900...0x1F9FF, 0x20000...0x3FFFD:
        return 2
    default:
        return 1
    }
}

/// Cuts `text` to at most `limit` columns, ending with "…" when it was cut.
func clip(_ text: String, to limit: Int) -> String {
    guard displayWidth(text) > limit else { return text }
    var result = ""
    var used = 0
    for character in text {
        let width = displayWidth(String(character))
        if used + width > limit - 1 { break }
        result.append(character)
        used += width
    }
    return result + "…"
}
