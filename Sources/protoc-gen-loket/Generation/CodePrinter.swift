/// Accumulates generated source text with indentation.
struct CodePrinter {
    private(set) var text = ""
    private var indentation = ""

    mutating func line(_ content: String = "") {
        if content.isEmpty {
            text += "\n"
        } else {
            text += indentation + content + "\n"
        }
    }

    /// Prints `header {`, the body indented, then `}`. A header that already opens a closure (`... in`) gets no
    /// extra brace.
    mutating func block(_ header: String, closing: String = "}", _ body: (inout CodePrinter) -> Void) {
        line(header.hasSuffix(" in") ? header : header + " {")
        indent(body)
        line(closing)
    }

    mutating func indent(_ body: (inout CodePrinter) -> Void) {
        let saved = indentation
        indentation += "    "
        body(&self)
        indentation = saved
    }

    /// Prints a proto comment as `///` doc lines.
    mutating func docComment(_ comment: String) {
        var lines = comment.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while let last = lines.last, last.trimmingCharacters(in: .whitespaces).isEmpty { lines.removeLast() }
        for commentLine in lines {
            let trimmed = commentLine.hasPrefix(" ") ? String(commentLine.dropFirst()) : commentLine
            line(trimmed.isEmpty ? "///" : "/// " + trimmed)
        }
    }
}
