import LoketPluginAPI

/// Where every piece of a ``Document``'s text goes on A4 pages: the title on the first page, each section's
/// heading kept with its first line, labels in a left column and values in a right one, long texts wrapped,
/// a new page whenever the next line would run into the footer. Pure: text widths come from `measure`, so the
/// layout can be checked without cairo.
struct DocumentLayout {
    /// One run of text at a position (points from the page's top-left corner, `baseline` the text's baseline).
    struct Placed: Sendable, Hashable {
        var text: String
        var x: Double
        var baseline: Double
        var style: TextStyle
    }

    /// A4 in points.
    static let pageWidth = 595.276
    static let pageHeight = 841.89
    /// 2 cm on every side.
    static let margin = 56.69
    static let textWidth = pageWidth - 2 * margin
    static let labelWidth = (textWidth * 0.38).rounded()
    static let columnGap = 14.0
    static let valueX = margin + labelWidth + columnGap
    static let valueWidth = pageWidth - margin - valueX
    /// Room kept free on the right of the footer for the page number.
    static let pageNumberWidth = 64.0

    /// The footer's lines, wrapped, the same on every page.
    let footer: [String]
    /// The baseline of the footer's first line, and the line above which the page's content must end.
    let footerTop: Double
    let contentBottom: Double
    /// The text of each page, in order; at least one page.
    private(set) var pages: [[Placed]] = [[]]
    private var y = margin
    private let measure: (String, TextStyle) -> Double

    /// Lays out `document`; `measure` gives the advance width of a text in a style.
    init(_ document: Document, measure: @escaping (String, TextStyle) -> Double) {
        self.measure = measure
        var footer: [String] = []
        for line in document.footer {
            let text = line.label.isEmpty ? line.value : "\(line.label): \(line.value)"
            footer += Self.wrap(text, width: Self.textWidth - Self.pageNumberWidth, style: .footer, measure: measure)
        }
        self.footer = footer
        let footerHeight = Double(max(footer.count, 1)) * TextStyle.footer.lineHeight
        footerTop = Self.pageHeight - Self.margin - footerHeight + TextStyle.footer.size
        contentBottom = footerTop - TextStyle.footer.size - 18

        for line in Self.wrap(document.title, width: Self.textWidth, style: .title, measure: measure) {
            place([(line, Self.margin)], style: .title)
        }
        y += 10
        for section in document.sections {
            let rows = section.lines.map { wrapped($0) }
            y += 8
            if !section.heading.isEmpty {
                // The heading stays with the section's first line (or the first lines that fit on a page).
                var first = 0.0
                if let row = rows.first { first = min(height(of: row), contentHeight) }
                if y + TextStyle.heading.lineHeight + first > contentBottom { newPage() }
                for line in Self.wrap(section.heading, width: Self.textWidth, style: .heading, measure: measure) {
                    place([(line, Self.margin)], style: .heading)
                }
                y += 2
            }
            for row in rows {
                let rowHeight = height(of: row)
                if rowHeight <= contentHeight, y + rowHeight > contentBottom { newPage() }
                for index in 0..<max(row.label.count, row.value.count) {
                    let label = index < row.label.count ? row.label[index] : nil
                    let value = index < row.value.count ? row.value[index] : nil
                    place(label.map { [($0, Self.margin)] } ?? [], style: .label, also: value.map { [($0, Self.valueX)] } ?? [])
                }
                y += 3
            }
        }
    }

    private var contentHeight: Double { contentBottom - Self.margin }

    private func wrapped(_ line: Document.Line) -> (label: [String], value: [String]) {
        if line.label.isEmpty {
            return ([], Self.wrap(line.value, width: Self.valueWidth, style: .value, measure: measure))
        }
        return (Self.wrap(line.label, width: Self.labelWidth, style: .label, measure: measure),
                Self.wrap(line.value, width: Self.valueWidth, style: .value, measure: measure))
    }

    private func height(of row: (label: [String], value: [String])) -> Double {
        Double(max(row.label.count, row.value.count, 1)) * TextStyle.value.lineHeight
    }

    /// Places texts of `style` (and `also`, as values) on one line, on a new page when the line does not fit.
    private mutating func place(_ texts: [(String, Double)], style: TextStyle, also values: [(String, Double)] = []) {
        if y + style.lineHeight > contentBottom, y > Self.margin { newPage() }
        let baseline = y + style.size
        for (text, x) in texts { pages[pages.count - 1].append(Placed(text: text, x: x, baseline: baseline, style: style)) }
        for (text, x) in values { pages[pages.count - 1].append(Placed(text: text, x: x, baseline: baseline, style: .value)) }
        y += style.lineHeight
    }

    private mutating func newPage() {
        pages.append([])
        y = Self.margin
    }

    /// `text` broken into lines no wider than `width`: at spaces where possible, inside a word only when the word
    /// alone is too wide; explicit line breaks are kept. Empty text gives no lines.
    static func wrap(_ text: String, width: Double, style: TextStyle, measure: (String, TextStyle) -> Double) -> [String] {
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var current = ""
            for word in paragraph.split(separator: " ") {
                let candidate = current.isEmpty ? String(word) : current + " " + word
                if measure(candidate, style) <= width {
                    current = candidate
                    continue
                }
                if !current.isEmpty { lines.append(current) }
                current = ""
                // A word wider than the line is cut where it must be.
                for character in word {
                    let longer = current + String(character)
                    if !current.isEmpty, measure(longer, style) > width {
                        lines.append(current)
                        current = String(character)
                    } else {
                        current = longer
                    }
                }
            }
            if !current.isEmpty || paragraph.isEmpty && !text.isEmpty { lines.append(current) }
        }
        return lines.filter { !$0.isEmpty }.isEmpty ? [] : lines
    }
}
