#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A printable document described as plain values: a title, sections of `label: value` lines and a footer (such as
/// a verification code and the issue date). A ``DocumentRenderer`` lays it out; nothing here says how.
public struct Document: Sendable, Hashable {
    /// One `label: value` line.
    public struct Line: Sendable, Hashable {
        /// What the value is, in the document's language(s).
        public var label: String
        /// The value; long values are wrapped by the renderer.
        public var value: String

        /// Creates a line.
        public init(label: String, value: String) {
            self.label = label
            self.value = value
        }
    }

    /// A group of lines under an optional heading.
    public struct Section: Sendable, Hashable {
        /// The heading; empty for none.
        public var heading: String
        /// The lines, in order.
        public var lines: [Line]

        /// Creates a section.
        public init(heading: String = "", lines: [Line]) {
            self.heading = heading
            self.lines = lines
        }
    }

    /// The title, shown at the top of the first page and stored as the document's title.
    public var title: String
    /// The languages the document is written in: one, or several for a multilingual form.
    public var languages: [Language]
    /// The sections, in order.
    public var sections: [Section]
    /// The lines shown at the bottom of every page.
    public var footer: [Line]
    /// When the document was made, stored as its creation date; fixed by the caller so that the same document
    /// renders to the same bytes.
    public var created: Date

    /// Creates a document.
    public init(title: String, languages: [Language], sections: [Section], footer: [Line], created: Date) {
        self.title = title
        self.languages = languages
        self.sections = sections
        self.footer = footer
        self.created = created
    }
}
