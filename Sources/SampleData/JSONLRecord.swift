/// A record that encodes itself as one line of JSON Lines, with the snake_case keys of fixtures/README.md.
public protocol JSONLRecord: Sendable {
    /// Appends the record as compact JSON followed by a newline.
    func appendJSONLine(to buffer: inout [UInt8])
}

extension JSONLRecord {
    /// The record as one JSON line, without the trailing newline.
    public var jsonLine: String {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(2048)
        appendJSONLine(to: &buffer)
        buffer.removeLast()
        return String(decoding: buffer, as: UTF8.self)
    }
}

extension ClusterRecord: JSONLRecord {
    public func appendJSONLine(to buffer: inout [UInt8]) {
        var json = JSONObjectWriter(buffer: buffer)
        buffer = []
        json.key("slug", slug)
        json.key("name", name)
        json.key("country", country)
        json.key("region", region)
        json.key("programme", programme)
        json.key("main_fields", mainFields)
        json.key("start_year", startYear)
        json.key("outcomes", outcomes)
        json.key("is_sample", isSample)
        json.key("note", note)
        buffer = json.finish()
    }
}

extension OrganisationRecord: JSONLRecord {
    public func appendJSONLine(to buffer: inout [UInt8]) {
        var json = JSONObjectWriter(buffer: buffer)
        buffer = []
        json.key("slug", slug)
        json.key("name", name)
        json.key("kind", kind)
        json.key("cluster", cluster)
        json.key("country", country)
        json.key("is_sample", isSample)
        buffer = json.finish()
    }
}

extension SeedRecord: JSONLRecord {
    public func appendJSONLine(to buffer: inout [UInt8]) {
        var json = JSONObjectWriter(buffer: buffer)
        buffer = []
        json.key("ref", ref)
        json.key("title", title)
        json.key("summary", summary)
        json.key("description", description)
        json.key("primary_field", primaryField)
        json.key("secondary_fields", secondaryFields)
        json.key("keywords", keywords)
        json.key("trl", trl)
        json.key("ip_status", ipStatus)
        json.key("ip_scope", ipScope)
        json.key("partnerships", partnerships)
        json.key("visibility", visibility)
        json.key("organisation", organisation)
        json.key("coordinator", coordinator)
        json.key("status", status)
        buffer = json.finish()
    }
}

extension NeedRecord: JSONLRecord {
    public func appendJSONLine(to buffer: inout [UInt8]) {
        var json = JSONObjectWriter(buffer: buffer)
        buffer = []
        json.key("ref", ref)
        json.key("title", title)
        json.key("summary", summary)
        json.key("description", description)
        json.key("primary_field", primaryField)
        json.key("secondary_fields", secondaryFields)
        json.key("keywords", keywords)
        json.key("trl_min", trlMin)
        json.key("trl_max", trlMax)
        json.key("ip_required", ipRequired)
        json.key("partnerships", partnerships)
        json.key("scope", scope)
        json.key("target_countries", targetCountries)
        json.key("deadline", deadline)
        json.key("visibility", visibility)
        json.key("organisation", organisation)
        json.key("contact", contact)
        json.key("status", status)
        buffer = json.finish()
    }
}
