import Foundation
import LoketPluginAPI

/// The printable form of an extract, read back from its stored text (the record of what was issued): the first
/// line is the title, each following block of lines a section (a line without `label: value` shape heading it),
/// and the last block, the issue date and verification code, the footer. Made from the text alone, an extract
/// renders to the same PDF when it is issued and every time it is verified.
enum ExtractDocument {
    /// The document of the extract whose text is `text`, in `language`, issued at `issuedAt`.
    static func make(text: String, language: ExtractLanguage, issuedAt: Date) -> Document {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let title = lines.isEmpty ? "" : lines.removeFirst()
        var blocks: [[String]] = [[]]
        for line in lines {
            if line.trimmingCharacters(in: .whitespaces).isEmpty {
                if !blocks[blocks.count - 1].isEmpty { blocks.append([]) }
            } else {
                blocks[blocks.count - 1].append(line)
            }
        }
        blocks.removeAll(where: \.isEmpty)
        let footer = blocks.count > 1 ? blocks.removeLast().map(Self.line) : []
        let sections = blocks.map { block in
            var block = block
            let heading = block.first.map { !$0.contains(": ") } == true ? block.removeFirst() : ""
            return Document.Section(heading: heading, lines: block.map(Self.line))
        }
        let languages: [Language]
        switch language {
        case .single(let one): languages = [one]
        case .multilingual: languages = Language.allCases
        }
        return Document(title: title, languages: languages, sections: sections, footer: footer, created: issuedAt)
    }

    /// `label: value` split at the first `: ` (labels have none); a line without one is all value.
    private static func line(_ text: String) -> Document.Line {
        guard let separator = text.range(of: ": ") else { return Document.Line(label: "", value: text) }
        return Document.Line(label: String(text[..<separator.lowerBound]), value: String(text[separator.upperBound...]))
    }
}
