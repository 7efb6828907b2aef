import LeadModel

/// What dedup compares of one valid lead: its contact data, name and street parts, place and job.
public struct DedupProfile: Sendable, Hashable {
    public var id: Int64
    public var service: ServiceType
    public var zip: String?
    /// E.164.
    public var phone: String?
    public var email: String?
    public var name: PersonName?
    /// The standardized street line's parts; nil when the lead had no street or it could not be parsed.
    public var address: StandardAddress?

    public init(id: Int64, service: ServiceType, zip: String?, phone: String?, email: String?, name: PersonName?, address: StandardAddress?) {
        self.id = id
        self.service = service
        self.zip = zip
        self.phone = phone
        self.email = email
        self.name = name
        self.address = address
    }

    /// A profile from an enriched lead's fields; the street line is parsed again (it is already in
    /// standard form, so this only recovers its parts).
    public init(id: Int64, service: ServiceType, zip: String?, phone: String?, email: String?, name: String?, street: String?) {
        var address: StandardAddress?
        if let street, case .standard(let parts) = AddressNormalizer.normalize(street) { address = parts }
        self.init(id: id, service: service, zip: zip, phone: phone, email: email, name: name.flatMap(PersonName.init), address: address)
    }

    /// A profile from a freshly enriched lead and its parsed street (see `LeadEnricher.enrichWithAddress`).
    public init(id: Int64, lead: Lead, address: StandardAddress?) {
        self.init(
            id: id, service: lead.service, zip: lead.zip, phone: lead.phone, email: lead.email, name: lead.name.flatMap(PersonName.init),
            address: address)
    }

    /// The three digits after `+1`.
    var areaCode: Substring? {
        guard let phone, phone.hasPrefix("+1"), phone.count == 12 else { return nil }
        return phone.dropFirst(2).prefix(3)
    }

    /// The blocking keys: two leads are compared only when they share one. Exact keys (phone, email)
    /// decide alone; the others bring together leads at one house number in one ZIP, or with sound-alike
    /// names in one ZIP or one phone area code.
    public var keys: [DedupKey] {
        var keys: [DedupKey] = []
        if let phone { keys.append(DedupKey(.phone, phone)) }
        if let email { keys.append(DedupKey(.email, email)) }
        if let zip, let address {
            if let number = address.number { keys.append(DedupKey(.address, "\(zip)|\(number)")) }
            if let box = address.poBox { keys.append(DedupKey(.address, "\(zip)|po \(box)")) }
        }
        for code in name?.blockCodes ?? [] {
            if let zip { keys.append(DedupKey(.nameInZIP, "\(zip)|\(code)")) }
            if let areaCode { keys.append(DedupKey(.nameInAreaCode, "\(areaCode)|\(code)")) }
        }
        return keys
    }
}

/// One blocking key of a lead. Stored only as a keyed hash (a blind index), never in clear.
public struct DedupKey: Sendable, Hashable {
    public enum Kind: Int16, Sendable, CaseIterable {
        case phone = 1, email, address, nameInZIP, nameInAreaCode
    }

    public var kind: Kind
    public var value: String

    public init(_ kind: Kind, _ value: String) {
        self.kind = kind
        self.value = value
    }

    /// The text that is hashed: the kind keeps equal values of different kinds apart.
    public var hashInput: String { "\(kind.rawValue):\(value)" }
}
