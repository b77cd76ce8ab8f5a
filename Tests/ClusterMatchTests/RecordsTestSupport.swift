import Foundation

/// Foundation coders for the Codable tests.
enum JSONTestCoding {
    static var decoder: JSONCoder { JSONCoder() }
    static var encoder: JSONCoder { JSONCoder() }

    struct JSONCoder {
        func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws -> T {
            try JSONDecoder().decode(type, from: Data(bytes))
        }
        func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T { try JSONDecoder().decode(type, from: data) }
        func encode<T: Encodable>(_ value: T) throws -> Data { try JSONEncoder().encode(value) }
    }
}
