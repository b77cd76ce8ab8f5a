extension Parsed where Record: ValidatableRecord {
    /// Applies the domain rules to every record read, and finds values that must be unique but repeat within the
    /// file (each repeat is reported on every line involved, and all of them are set aside).
    /// - Parameter known: What records may refer to; nil sets are left to the database.
    /// - Returns: The valid records, and every problem (reading and rules) in line order.
    public func validated(against known: KnownReferences) -> Parsed<Record> {
        var result = Parsed(file: file)
        var ruleProblems: [Problem] = []
        // Count each unique value first; collect lines only for the values that repeat.
        var counts: [String: Int] = [:]
        counts.reserveCapacity(records.count)
        for item in records { counts[item.record.uniqueKey, default: 0] += 1 }
        var repeatedLines: [String: [Int]] = [:]
        for item in records where counts[item.record.uniqueKey]! > 1 {
            repeatedLines[item.record.uniqueKey, default: []].append(item.line)
        }
        result.records.reserveCapacity(records.count)
        for item in records {
            var found = item.record.problems(known: known).map { $0.located(file: file, line: item.line) }
            if !repeatedLines.isEmpty, let lines = repeatedLines[item.record.uniqueKey] {
                let others = lines.filter { $0 != item.line }.map(String.init).joined(separator: ", ")
                let rule = Record.uniqueKeyRule
                found.append(
                    Problem(
                        file: file, line: item.line, field: rule.field,
                        message: item.record.repeatedMessage(lines: (others.contains(",") ? "lines " : "line ") + others),
                        rule: rule))
            }
            if found.isEmpty {
                result.records.append(item)
            } else {
                ruleProblems += found
            }
        }
        result.problems = Self.merge(problems, ruleProblems)
        return result
    }

    /// Merges two problem lists that are each in line order (problems without a line first).
    private static func merge(_ a: [Problem], _ b: [Problem]) -> [Problem] {
        var merged: [Problem] = []
        merged.reserveCapacity(a.count + b.count)
        var i = 0
        var j = 0
        while i < a.count || j < b.count {
            if j == b.count || (i < a.count && (a[i].line ?? 0) <= (b[j].line ?? 0)) {
                merged.append(a[i])
                i += 1
            } else {
                merged.append(b[j])
                j += 1
            }
        }
        return merged
    }
}
