/// What a synthetic customer asks for: the form's service answer, timing answer and free text.
public struct SyntheticRequest: Sendable, Hashable {
    public var service: String
    public var when: String
    public var details: String

    static let all: [SyntheticRequest] = [
        .init(service: "Leak repair", when: "This week", details: "Leak under the kitchen sink, dripping into the cabinet"),
        .init(service: "Leak repair", when: "Flexible", details: "Slow drip from the bathtub faucet"),
        .init(service: "Drain cleaning", when: "As soon as possible", details: "Kitchen drain is clogged and backed up"),
        .init(service: "Drain cleaning", when: "This week", details: "Shower drains slowly"),
        .init(service: "Water heater", when: "Today", details: "No hot water since this morning, tank is 12 years old"),
        .init(service: "Water heater", when: "Flexible", details: "Want a quote to replace with a tankless heater"),
        .init(service: "Burst pipe", when: "Emergency - right now", details: "Pipe burst in the basement, water everywhere"),
        .init(service: "Sewer line", when: "This week", details: "Sewage smell in the basement, main line may be blocked"),
        .init(service: "Toilet repair", when: "Soon", details: "Toilet keeps running and will not stop"),
        .init(service: "Installation", when: "Flexible", details: "Install a new garbage disposal"),
        .init(service: "Other", when: "Flexible", details: "Need someone to look at low water pressure"),
    ]
}
