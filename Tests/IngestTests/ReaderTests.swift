import Foundation
import Ingest
import LeadModel
import Testing

func utf16LE(_ text: String) -> Data {
    var data = Data([0xFF, 0xFE])
    for unit in text.utf16 { data.append(contentsOf: [UInt8(unit & 0xFF), UInt8(unit >> 8)]) }
    return data
}

func readAll(_ url: URL) throws -> [ExportRecord] {
    var reader = try ExportFormat.detect(url: url).reader(url: url)
    var records: [ExportRecord] = []
    while let record = try reader.next() { records.append(record) }
    return records
}

func write(_ name: String, _ data: Data) throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ingest-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let url = folder.appendingPathComponent(name)
    try data.write(to: url)
    return url
}

@Suite struct MetaLeadReaderTests {
    static let header = "id\tcreated_time\tad_id\tad_name\tadset_id\tadset_name\tcampaign_id\tcampaign_name\tform_id\tform_name\tis_organic\tplatform\tfull_name\tphone_number\temail\tzip_code\twhat_service_do_you_need?\n"

    @Test func utf16TabSeparatedExportWithPrefixes() throws {
        let row = "l:123\t2026-11-24T11:18:23-06:00\tag:1\tAd\tas:2\tSet\tc:77\tEmergency\tf:9\tForm\tfalse\tfb\tJosé Núñez\tp:+13125550123\tj@example.com\tz:60614\tBurst pipe\n"
        let url = try write("leads.csv", utf16LE(Self.header + row))
        #expect(try ExportFormat.detect(url: url) == .metaLeads)
        let records = try readAll(url)
        guard case .lead(let lead) = records.first else { Issue.record("expected a lead, got \(records)"); return }
        #expect(lead.platformLeadID == "123")
        #expect(lead.campaignID == "77")
        #expect(lead.answers[.phone] == "+13125550123")
        #expect(lead.answers[.zip] == "60614")
        #expect(lead.fullName == "José Núñez")
        #expect(lead.answers[.service] == "Burst pipe")
        #expect(lead.createdAt == Date(timeIntervalSince1970: 1_795_540_703))
    }

    @Test func commaSeparatedUTF8AfterASpreadsheetAndTestLeads() throws {
        let csv = Self.header.replacingOccurrences(of: "\t", with: ",")
            + "l:1,2026-11-24T11:18:23+0000,ag:1,Ad,as:2,Set,c:7,C,f:9,F,TRUE,ig,<test lead: dummy data>,p:+13125550123,test@fb.com,60614,Leak\n"
        let records = try readAll(try write("x.txt", Data(csv.utf8)))
        guard case .lead(let lead) = records.first else { Issue.record("expected a lead"); return }
        #expect(lead.isTest)
    }

    @Test func truncatedRowIsRejectedWithItsLineAndTheRestLoads() throws {
        let good = "l:1\t2026-11-24T11:18:23-06:00\tag:1\tAd\tas:2\tSet\tc:7\tC\tf:9\tF\tfalse\tfb\tA B\tp:+13125550123\ta@example.com\t60614\tLeak\n"
        let records = try readAll(try write("x.csv", Data((Self.header + "l:2\t2026-11-24\tag:1\n" + good).utf8)))
        #expect(records.count == 2)
        guard case .rejected(let row) = records[0] else { Issue.record("expected a rejection"); return }
        #expect(row.line == 2)
        #expect(row.reason.contains("expected 17 fields"))
        guard case .lead = records[1] else { Issue.record("expected a lead"); return }
    }
}

@Suite struct GoogleLeadReaderTests {
    @Test func sixtyFourBitIdsKeepEveryDigit() throws {
        let line = #"{"lead_id":"L1","user_column_data":[{"column_id":"FULL_NAME","string_value":"Ann Lee"},{"column_id":"PHONE_NUMBER","string_value":"+13125550123"},{"column_id":"POSTAL_CODE","string_value":"60614"},{"column_id":"what_service","column_name":"What service do you need?","string_value":"Drain"}],"campaign_id":9007199254740993,"form_id":12,"is_test":true,"lead_submit_time":"2026-11-24 11:18:23-06:00"}"#
        let records = try readAll(try write("g.json", Data((line + "\n").utf8)))
        guard case .lead(let lead) = records.first else { Issue.record("expected a lead"); return }
        #expect(lead.campaignID == "9007199254740993")
        #expect(lead.isTest)
        #expect(lead.answers[.service] == "Drain")
        #expect(lead.fullName == "Ann Lee")
    }

    @Test func arrayFormAndBadLines() throws {
        let array = #"[{"lead_id":"A","user_column_data":[]},{"user_column_data":[]}]"#
        let records = try readAll(try write("g.json", Data(array.utf8)))
        #expect(records.count == 2)
        guard case .rejected(let row) = records[1] else { Issue.record("expected a rejection"); return }
        #expect(row.reason.contains("lead_id"))
        let lines = "{\"lead_id\":\"A\",\"user_column_data\":[]}\n{not json\n"
        let lineRecords = try readAll(try write("g.jsonl", Data(lines.utf8)))
        guard case .rejected(let bad) = lineRecords[1] else { Issue.record("expected a rejection"); return }
        #expect(bad.line == 2)
    }
}

@Suite struct SpendReaderTests {
    @Test func googleCampaignReportWithTitleLinesAndTotals() throws {
        let csv = "Campaign report\n\"November 24, 2026 - November 24, 2026\"\nCampaign,Campaign ID,Day,Currency code,Cost,Impr.,Clicks,Conversions\nPlumbing,9007199254740993,2026-11-24,USD,\"2,520.05\",\"10,234\",512,43.00\nTotal: Account,--,--,USD,\"2,520.05\",--,--,--\n"
        let records = try readAll(try write("report.csv", Data(csv.utf8)))
        #expect(records.count == 1)
        guard case .spend(let row) = records[0] else { Issue.record("expected spend"); return }
        #expect(row.cost == Money(cents: 252_005))
        #expect(row.impressions == 10234)
        #expect(row.campaignID == "9007199254740993")
    }

    @Test("spend rows: currency and its minor units kept, negatives and impossible amounts refused with a reason", arguments: [
        ("USD", "\"2,520.05\"", "spend 252005 USD"),
        ("JPY", "\"2,138\"", "spend 2138 JPY"),
        ("JPY", "2138.00", "spend 2138 JPY"),
        ("JPY", "\"2,138.18\"", "rejected cost 2,138.18 has more decimals than JPY has (0)"),
        ("KWD", "12.345", "spend 12345 KWD"),
        ("EUR", "-40.00", "rejected cost is negative (-40.00): spend cannot be below zero"),
        ("XYZ", "10.00", "rejected unknown currency \"XYZ\" (not an ISO 4217 code)"),
        ("USD", "12.3.4", "rejected cost is not a number"),
    ])
    func spendAmounts(currency: String, cost: String, expected: String) throws {
        let csv = "Campaign,Campaign ID,Day,Currency code,Cost,Impr.,Clicks\nPlumbing,77,2026-11-24,\(currency),\(cost),10,1\n"
        let records = try readAll(try write("report.csv", Data(csv.utf8)))
        switch records.first {
        case .spend(let row): #expect("spend \(row.cost.cents) \(row.cost.currency)" == expected)
        case .rejected(let row): #expect("rejected \(row.reason)" == expected)
        default: Issue.record("no record")
        }
    }

    @Test func adwordsMicrosFollowTheCurrency() throws {
        let xml = #"<report><table><row campaign="Tokyo" campaignID="5" day="2026-11-24" currency="JPY" cost="2138180000" impressions="1" clicks="1"/><row campaign="Refund" day="2026-11-24" currency="USD" cost="-5000000"/></table></report>"#
        let records = try readAll(try write("adwords.xml", Data(xml.utf8)))
        guard case .spend(let row) = records.first else { Issue.record("expected spend"); return }
        #expect(row.cost == Money(cents: 2138, currency: "JPY"))
        guard case .rejected(let refund) = records.last else { Issue.record("expected a rejection"); return }
        #expect(refund.reason.contains("negative"))
    }

    @Test func metaInsightsCurrencyFromHeader() throws {
        let csv = "Reporting starts,Reporting ends,Campaign name,Amount spent (EUR),Impressions,Link clicks,Leads\n2026-11-24,2026-11-24,Emergency,812.4,45000,1200,150\n2026-11-24,2026-11-24,Bad,abc,1,1,1\n"
        let records = try readAll(try write("insights.csv", Data(csv.utf8)))
        guard case .spend(let row) = records[0] else { Issue.record("expected spend"); return }
        #expect(row.cost == Money(cents: 81240, currency: "EUR"))
        guard case .rejected(let bad) = records[1] else { Issue.record("expected a rejection"); return }
        #expect(bad.reason.contains("cost"))
    }
}

@Suite struct FormatDetectionTests {
    @Test("bad files get a specific error", arguments: [
        ("empty.csv", Data(), IngestError.Code.emptyFile),
        ("blank.csv", Data("\n\n  \n".utf8), .emptyFile),
        ("bin.csv", Data([0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x10]), .binaryFile),
        ("other.csv", Data("a,b,c\n1,2,3\n".utf8), .unknownFormat),
    ])
    func badFiles(name: String, data: Data, code: IngestError.Code) throws {
        let url = try write(name, data)
        #expect(throws: IngestError.self) { try ExportFormat.detect(url: url) }
        do { _ = try ExportFormat.detect(url: url) } catch let error as IngestError { #expect(error.code == code) }
    }

    @Test func anUnrecognisedFileIsDescribedByItsShapeNotItsContent() throws {
        // A header-less lead export: its first line is a person.
        let url = try write("noheader.csv", Data("Maria Lopez,(847) 296-7731,maria.lopez@example.com,1420 Lee St\n".utf8))
        do {
            _ = try ExportFormat.detect(url: url)
            Issue.record("an unrecognised file was accepted")
        } catch let error as IngestError {
            #expect(error.code == .unknownFormat)
            for secret in ["Maria", "Lopez", "847", "7731", "example.com", "Lee St"] { #expect(!error.description.contains(secret)) }
            #expect(error.description.contains("4 comma-separated fields"))
        }
    }

    @Test func headerOnlyMetaFileYieldsNothing() throws {
        let url = try write("m.csv", Data(MetaLeadReaderTests.header.utf8))
        #expect(try readAll(url).isEmpty)
    }
}

@Suite struct MetaGraphLeadReaderTests {
    static let lead = #"{"id":"l:1234567890123456789","created_time":"2026-11-24T11:18:23+0000","ad_id":"120211","form_id":"998877665544","campaign_id":9007199254740993,"field_data":[{"name":"full_name","values":["Ann Lee"]},{"name":"phone_number","values":["+13125552671"]},{"name":"zip_code","values":["60614"]},{"name":"what_service_do_you_need?","values":["Burst pipe"]},{"name":"budget","values":["$500"]}]}"#

    @Test func bulkReadPage() throws {
        let page = "{\"data\":[\(Self.lead),{\"id\":\"2\"}],\"paging\":{\"cursors\":{\"before\":\"a\",\"after\":\"b\"}}}"
        let url = try write("leads.json", Data(page.utf8))
        #expect(try ExportFormat.detect(url: url) == .metaGraphLeads)
        let records = try readAll(url)
        guard case .lead(let lead) = records.first else { Issue.record("expected a lead"); return }
        #expect(lead.platformLeadID == "1234567890123456789")
        #expect(lead.campaignID == "9007199254740993")
        #expect(lead.answers[.phone] == "+13125552671")
        #expect(lead.answers[.service] == "Burst pipe")
        #expect(lead.extra["budget"] == "$500")
        guard case .rejected(let row) = records[1] else { Issue.record("expected a rejection"); return }
        #expect(row.reason == "missing \"field_data\"")
    }

    @Test func singleLeadAndLines() throws {
        #expect(try readAll(try write("one.json", Data(Self.lead.utf8))).count == 1)
        let records = try readAll(try write("many.jsonl", Data((Self.lead + "\n{\"id\":\n" + Self.lead.replacingOccurrences(of: "l:1234", with: "l:9999") + "\n").utf8)))
        #expect(records.count == 3)
        guard case .rejected(let row) = records[1] else { Issue.record("expected a rejection"); return }
        #expect(row.line == 2)
    }
}

@Suite struct AdWordsXMLReaderTests {
    static let report = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <report><report-name name="CAMPAIGN_PERFORMANCE_REPORT"/><date-range date="Nov 24, 2026"/>
        <table><columns><column name="campaign" display="Campaign"/></columns>
        <row campaign="Plumbing &amp; Drains" campaignID="9007199254740993" day="2026-11-24" currency="USD" cost="2520050000" impressions="10234" clicks="512"/>
        <row campaign="Broken" campaignID="1" day="24/11/2026" currency="USD" cost="1" impressions="1" clicks="1"/>
        </table></report>
        """

    @Test func rowsWithMoneyInMicros() throws {
        let url = try write("report.xml", Data(Self.report.utf8))
        #expect(try ExportFormat.detect(url: url) == .adwordsXML)
        let records = try readAll(url)
        guard case .spend(let row) = records[0] else { Issue.record("expected spend"); return }
        #expect(row.campaignName == "Plumbing & Drains")
        #expect(row.cost == Money(cents: 252_005))
        #expect(row.campaignID == "9007199254740993")
        guard case .rejected(let bad) = records[1] else { Issue.record("expected a rejection"); return }
        #expect(bad.reason.contains("day"))
    }

    @Test("hostile or broken XML is refused without crashing", arguments: [
        (Data("<report><r\u{0}".utf8) + Data([0xC3, 0x28]) + Data("ow a=\"1\"/></report>".utf8), IngestError.Code.binaryFile),
        (Data("<report><r".utf8) + Data([0xC3, 0x28]) + Data("ow a=\"1\"/></report>".utf8), .invalidEncoding),
        (Data("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;\">]><report>&lol2;</report>".utf8), .unknownFormat),
        (Data("<report><row campaign=\"x\"></report>".utf8), .malformedXML),
        (Data("<report><row campaign=\"x\"/>".utf8), .malformedXML),
    ])
    func hostile(data: Data, code: IngestError.Code) throws {
        let url = try write("bad.xml", data)
        do {
            _ = try readAll(url)
            Issue.record("expected \(code)")
        } catch let error as IngestError {
            #expect(error.code == code)
        }
    }
}

@Suite struct GoogleKeyTests {
    static func line(_ id: String, key: String?) -> String {
        "{\"lead_id\":\"\(id)\",\"user_column_data\":[]" + (key.map { ",\"google_key\":\"\($0)\"" } ?? "") + "}"
    }

    @Test func leadsMustCarryTheConfiguredKey() throws {
        let url = try write("g.jsonl", Data([Self.line("A", key: "s3cret"), Self.line("B", key: "wrong"), Self.line("C", key: nil)].joined(separator: "\n").utf8))
        var reader = try ExportFormat.googleLeads.reader(url: url, options: ReaderOptions(googleKey: Secret("s3cret")))
        var reasons: [String] = []
        while let record = try reader.next() {
            switch record {
            case .lead(let lead): reasons.append("lead \(lead.platformLeadID)")
            case .rejected(let row): reasons.append(row.reason)
            case .spend: break
            }
        }
        #expect(reasons == ["lead A", "google_key does not match the configured key", "google_key missing"])
        #expect(try readAll(url).count == 3)  // without a configured key nothing is checked
    }
}

@Suite struct EncodingDetectionTests {
    @Test("UTF-16 without a byte-order mark is read as text", arguments: [true, false])
    func utf16WithoutBOM(littleEndian: Bool) throws {
        let text = MetaLeadReaderTests.header
            + "l:123\t2026-11-24T11:18:23-06:00\tag:1\tAd\tas:2\tSet\tc:77\tEmergency\tf:9\tForm\tfalse\tfb\tJosé Núñez\tp:+13125550123\tj@example.com\tz:60614\tBurst pipe\n"
        var data = Data()
        for unit in text.utf16 { data.append(contentsOf: littleEndian ? [UInt8(unit & 0xFF), UInt8(unit >> 8)] : [UInt8(unit >> 8), UInt8(unit & 0xFF)]) }
        let url = try write("leads.csv", data)
        #expect(try ExportFormat.detect(url: url) == .metaLeads)
        guard case .lead(let lead) = try readAll(url).first else { Issue.record("no lead"); return }
        #expect(lead.fullName == "José Núñez")
    }

    @Test func aBinaryFileIsStillBinary() throws {
        let url = try write("x.csv", Data([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00, 0x41, 0x00]))
        do {
            _ = try ExportFormat.detect(url: url)
            Issue.record("accepted")
        } catch let error as IngestError {
            #expect(error.code == .binaryFile)
        }
    }

    @Test func aLineLongerThanAnyLeadStopsTheFileWithAClearError() throws {
        var data = Data(#"{"lead_id":"1","user_column_data":[{"column_id":"FULL_NAME","string_value":""#.utf8)
        data.append(Data(repeating: UInt8(ascii: "a"), count: 17 << 20))
        data.append(Data("\"}]}\n".utf8))
        let url = try write("huge.jsonl", data)
        #expect(throws: IngestError.self) { _ = try readAll(url) }
        do { _ = try readAll(url) } catch let error as IngestError {
            #expect(error.code == .recordTooLarge)
            #expect(error.detail.contains("longer than 16 MB"))
        }
        var array = Data(#"[{"lead_id":"1","user_column_data":[{"column_id":"FULL_NAME","string_value":""#.utf8)
        array.append(Data(repeating: UInt8(ascii: "a"), count: 17 << 20))
        array.append(Data("\"}]}]".utf8))
        let arrayURL = try write("huge.json", array)
        do {
            _ = try readAll(arrayURL)
            Issue.record("accepted")
        } catch let error as IngestError {
            #expect(error.code == .recordTooLarge)
        }
    }
}
