import LeadModel
import Foundation

/// The Google Ads lead form webhook payload (one lead), as Google documents it.
struct GoogleLeadForm: Decodable {
    struct Column: Decodable {
        var columnID: String?
        var columnName: String?
        var stringValue: String?

        enum CodingKeys: String, CodingKey {
            case columnID = "column_id"
            case columnName = "column_name"
            case stringValue = "string_value"
        }
    }

    var leadID: String
    var userColumnData: [Column]
    var formID: FlexibleID?
    var campaignID: FlexibleID?
    var isTest: Bool?
    var leadSubmitTime: String?
    var googleKey: String?

    enum CodingKeys: String, CodingKey {
        case leadID = "lead_id"
        case userColumnData = "user_column_data"
        case formID = "form_id"
        case campaignID = "campaign_id"
        case isTest = "is_test"
        case leadSubmitTime = "lead_submit_time"
        case googleKey = "google_key"
    }
}

/// A 64-bit id that JSON may carry as a number or a string; never passed through `Double`.
struct FlexibleID: Decodable {
    var text: String

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int64.self) {
            text = String(number)
        } else if let number = try? container.decode(UInt64.self) {
            text = String(number)
        } else {
            text = try container.decode(String.self)
        }
    }
}
