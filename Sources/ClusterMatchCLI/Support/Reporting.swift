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

/// Renders rows as an aligned text table with a header.
func renderTable(_ headers: [String], _ rows: [[String]]) -> String {
    var widths = headers.map { $0.count }
    for row in rows {
        for (index, cell) in row.enumerated() where index < widths.count { widths[index] = max(widths[index], min(cell.count, 60)) }
    }
    func line(_ cells: [String]) -> String {
        cells.enumerated().map { index, cell in
            let clipped = cell.count > 60 ? String(cell.prefix(59)) + "…" : cell
            return index == cells.count - 1 ? clipped : clipped.padding(toLength: widths[index], withPad: " ", startingAt: 0)
        }.joined(separator: "  ")
    }
    return ([line(headers), line(widths.map { String(repeating: "-", count: $0) })] + rows.map(line)).joined(separator: "\n")
}
