import Foundation
import LanternPluginSDK

/// How values are stored: dates as integer microseconds since 1970, structured values as JSON text.
enum SQLiteCoding {
    static func date(_ date: Date?) -> SQLValue {
        date.map { .integer(Int64(($0.timeIntervalSince1970 * 1_000_000).rounded())) } ?? .null
    }
    static func date(_ micros: Int64?) -> Date? { micros.map { Date(timeIntervalSince1970: Double($0) / 1_000_000) } }

    static func text(_ text: String?) -> SQLValue { text.map { .text($0) } ?? .null }
    static func real(_ value: Double?) -> SQLValue { value.map { .real($0) } ?? .null }
    static func integer(_ value: Int?) -> SQLValue { value.map { .integer(Int64($0)) } ?? .null }

    static func json<T: Encodable>(_ value: T?) -> SQLValue {
        guard let value, let data = try? JSONEncoder().encode(value) else { return .null }
        return .text(String(decoding: data, as: UTF8.self))
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String?) -> T? {
        guard let text else { return nil }
        return try? JSONDecoder().decode(type, from: Data(text.utf8))
    }
}
