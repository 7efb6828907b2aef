import Foundation

/// A horizontal bar chart drawn as SVG on the server (no script): one group of bars per label, one bar
/// per series, each with its value written beside it. Colours are presentation attributes, not
/// styles, so a CSP without `unsafe-inline` allows it; every label is XML-escaped.
public struct BarChart: Sendable, Hashable {
    /// One series: its name, colour and how a value is written.
    public struct Series: Sendable, Hashable {
        public var name: String
        public var colour: String
        public init(name: String, colour: String) {
            (self.name, self.colour) = (name, colour)
        }
    }

    /// One group: its label and, per series, a value and the text written beside its bar.
    public struct Group: Sendable, Hashable {
        public var label: String
        public var values: [Double]
        public var texts: [String]
        public init(label: String, values: [Double], texts: [String]) {
            (self.label, self.values, self.texts) = (label, values, texts)
        }
    }

    public var title: String
    public var series: [Series]
    public var groups: [Group]

    public init(title: String, series: [Series], groups: [Group]) {
        (self.title, self.series, self.groups) = (title, series, groups)
    }

    static let width = 420.0, labelHeight = 20.0, barHeight = 15.0, gap = 10.0, valueWidth = 80.0

    /// The chart as an `<svg>` element that scales to its container's width.
    public var svg: String {
        let perGroup = Self.labelHeight + Double(series.count) * (Self.barHeight + 2) + Self.gap
        let legend = 24.0
        let height = legend + Double(groups.count) * perGroup
        let largest = groups.flatMap(\.values).max() ?? 0
        let scale = largest > 0 ? (Self.width - Self.valueWidth) / largest : 0
        var out = ##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \##(Int(Self.width)) \##(Int(height))" role="img" aria-labelledby="chart-title" class="chart">"##
        out += "<title id=\"chart-title\">\(Self.escape(title))</title>"
        var x = 0.0
        for item in series {
            out += ##"<rect x="\##(Int(x))" y="4" width="12" height="12" fill="\##(item.colour)"/>"##
            out += ##"<text x="\##(Int(x) + 16)" y="14" font-size="12" fill="#1d2430">\##(Self.escape(item.name))</text>"##
            x += 24 + Double(item.name.count) * 7
        }
        var y = legend
        for group in groups {
            out += ##"<text x="0" y="\##(Int(y + 13))" font-size="14" fill="#1d2430">\##(Self.escape(group.label))</text>"##
            var barY = y + Self.labelHeight
            for (index, value) in group.values.enumerated() where index < series.count {
                let length = max(value * scale, value > 0 ? 1 : 0)
                let text = index < group.texts.count ? group.texts[index] : ""
                out += ##"<rect x="0" y="\##(Int(barY))" width="\##(String(format: "%.1f", length))" height="\##(Int(Self.barHeight))" fill="\##(series[index].colour)"/>"##
                out += ##"<text x="\##(String(format: "%.1f", length + 4))" y="\##(Int(barY + 11))" font-size="12" fill="#5b6575">\##(Self.escape(text))</text>"##
                barY += Self.barHeight + 2
            }
            y += perGroup
        }
        return out + "</svg>"
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "'", with: "&#39;")
    }
}
