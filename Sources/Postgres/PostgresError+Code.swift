extension PostgresError {
    /// A SQLSTATE code; the constants name the ones this project reacts to.
    public struct Code: RawRepresentable, Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
        /// The five-character SQLSTATE.
        public var rawValue: String

        /// Wraps a SQLSTATE.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// Wraps a SQLSTATE literal.
        public init(stringLiteral value: String) { self.rawValue = value }

        public var description: String { rawValue }

        /// 08000: the connection failed in a way libpq could not classify.
        public static let connectionException: Code = "08000"
        /// 08001: the client could not establish a connection.
        public static let connectionRefused: Code = "08001"
        /// 08006: an established connection was lost.
        public static let connectionFailure: Code = "08006"
        /// 08P01: the client and server disagree on the protocol (also used for libpq misuse).
        public static let protocolViolation: Code = "08P01"
        /// 22P02: a value's text is not valid for its type.
        public static let invalidTextRepresentation: Code = "22P02"
        /// 22001: a string is too long for its column.
        public static let stringDataRightTruncation: Code = "22001"
        /// 22021: bytes that are not valid in the database encoding.
        public static let characterNotInRepertoire: Code = "22021"
        /// 23502: NOT NULL violated.
        public static let notNullViolation: Code = "23502"
        /// 23503: foreign key violated.
        public static let foreignKeyViolation: Code = "23503"
        /// 23505: unique constraint violated.
        public static let uniqueViolation: Code = "23505"
        /// 23514: check constraint violated.
        public static let checkViolation: Code = "23514"
        /// 40001: serialization failure; retry the transaction.
        public static let serializationFailure: Code = "40001"
        /// 40P01: deadlock detected; retry the transaction.
        public static let deadlockDetected: Code = "40P01"
        /// 42P01: no such table.
        public static let undefinedTable: Code = "42P01"
        /// 42601: SQL syntax error.
        public static let syntaxError: Code = "42601"
        /// 3D000: no such database.
        public static let invalidCatalogName: Code = "3D000"
        /// 42P04: the database already exists.
        public static let duplicateDatabase: Code = "42P04"
        /// 55P03: a lock could not be obtained (NOWAIT / lock_timeout).
        public static let lockNotAvailable: Code = "55P03"
        /// 57014: the statement was cancelled (by request or statement_timeout).
        public static let queryCanceled: Code = "57014"
        /// 57P01: the server is shutting down (terminated by administrator).
        public static let adminShutdown: Code = "57P01"
        /// 57P02: the server crashed.
        public static let crashShutdown: Code = "57P02"
        /// 57P03: the server is starting up or shutting down and refuses connections.
        public static let cannotConnectNow: Code = "57P03"
        /// P0001: raised by PL/pgSQL `RAISE EXCEPTION` without a code.
        public static let raiseException: Code = "P0001"
    }
}
