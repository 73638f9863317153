import LanternPluginSDK

/// One JSON object of a metrics query with its path (`metrics[1]`, `config`), so that every failure names the
/// part of the query it is about. Members the query language does not know are ignored, as Langfuse's schema
/// strips them. A member set to `null` counts as absent.
struct MetricsQueryObject: Sendable {
    /// The members as sent.
    let members: [String: JSONValue]
    /// Where the object sits in the query; empty for the query itself.
    let path: String

    /// The object with `members` at `path`.
    init(members: [String: JSONValue], path: String) {
        self.members = members
        self.path = path
    }

    /// `value` as the object at `path`; fails when it is not an object, describing the expected `shape`.
    init(_ value: JSONValue, path: String, shape: String) throws(ValidationFailure) {
        guard case .object(let members) = value else {
            throw ValidationFailure("\(path): must be an object \(shape) (got \(Self.show(value)))")
        }
        self.init(members: members, path: path)
    }

    /// The path of member `key`, e.g. `metrics[1].measure`.
    func path(of key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }

    /// A failure about member `key`, or about the object itself when `key` is nil.
    func failure(_ reason: String, at key: String? = nil) -> ValidationFailure {
        ValidationFailure("\(key.map(path(of:)) ?? path): \(reason)")
    }

    /// Member `key`; nil when it is absent or `null`.
    func value(_ key: String) -> JSONValue? {
        guard let value = members[key], value != .null else { return nil }
        return value
    }

    /// The required string member `key`.
    func string(_ key: String) throws(ValidationFailure) -> String {
        guard let value = value(key) else { throw failure("is required", at: key) }
        guard case .string(let text) = value else { throw failure("must be a string (got \(Self.show(value)))", at: key) }
        return text
    }

    /// The optional object member `key` (nil when absent); `shape` describes what it should look like.
    func object(_ key: String, shape: String) throws(ValidationFailure) -> MetricsQueryObject? {
        guard let value = value(key) else { return nil }
        return try MetricsQueryObject(value, path: path(of: key), shape: shape)
    }

    /// The optional array member `key` whose elements are objects of `shape`, each with its own path
    /// (`filters[0]`); nil when absent.
    func objects(_ key: String, shape: String) throws(ValidationFailure) -> [MetricsQueryObject]? {
        guard let value = value(key) else { return nil }
        guard case .array(let elements) = value else {
            throw failure("must be an array of \(shape) (got \(Self.show(value)))", at: key)
        }
        var objects: [MetricsQueryObject] = []
        for (index, element) in elements.enumerated() {
            objects.append(try MetricsQueryObject(element, path: "\(path(of: key))[\(index)]", shape: shape))
        }
        return objects
    }

    /// The optional whole-number member `key` within `range`; nil when absent.
    func integer(_ key: String, in range: ClosedRange<Int>) throws(ValidationFailure) -> Int? {
        guard let value = value(key) else { return nil }
        guard case .number(let number) = value, number == number.rounded(),
              number >= Double(range.lowerBound), number <= Double(range.upperBound) else {
            throw failure("must be an integer from \(range.lowerBound) to \(range.upperBound) (got \(Self.show(value)))", at: key)
        }
        return Int(number)
    }

    /// A short rendering of a value for error messages: its JSON text, cut after 60 characters; "nothing" for nil.
    static func show(_ value: JSONValue?) -> String {
        guard let value else { return "nothing" }
        let text = value.jsonText
        return text.count > 60 ? String(text.prefix(57)) + "..." : text
    }
}
