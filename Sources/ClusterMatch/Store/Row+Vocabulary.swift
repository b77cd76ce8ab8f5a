import Postgres

extension Row {
    /// Decodes the text cell at `column` as a vocabulary value; a value this binary does not know is an error, not
    /// a silent default.
    func word<V: Vocabulary>(_ type: V.Type = V.self, at column: Int) throws -> V {
        let text = try decode(String.self, at: column)
        guard let value = V(rawValue: text) else {
            throw PostgresDecodingError(column: "\(column)", type: "\(V.self)", reason: .invalidText(text))
        }
        return value
    }

    /// Decodes an optional vocabulary value.
    func optionalWord<V: Vocabulary>(_ type: V.Type = V.self, at column: Int) throws -> V? {
        isNull(at: column) ? nil : try word(V.self, at: column)
    }

    /// Decodes a text array of vocabulary values.
    func words<V: Vocabulary>(_ type: V.Type = V.self, at column: Int) throws -> [V] {
        try decode([String].self, at: column).map { text in
            guard let value = V(rawValue: text) else {
                throw PostgresDecodingError(column: "\(column)", type: "\(V.self)", reason: .invalidText(text))
            }
            return value
        }
    }
}
