import Foundation

/// The key contacts are deduplicated on: the e-mail address when there is one, otherwise the name and postal
/// address, compared without case, accents or extra spaces. "Jan  Peeters" and "jan peeters" at the same address
/// are one contact; so are two letters from `An.Peeters@Example.be`.
public enum ContactKey {
    /// The key for a contact.
    public static func key(name: String, email: String, postalAddress: String) -> String {
        let mail = fold(email).replacingOccurrences(of: " ", with: "")
        if !mail.isEmpty { return "email:" + mail }
        return "name:" + fold(name) + "|" + fold(postalAddress)
    }

    /// Lowercased, without diacritics, punctuation reduced to spaces, runs of spaces reduced to one.
    static func fold(_ text: String) -> String {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
            .lowercased()
        var result = ""
        var pendingSpace = false
        for scalar in folded.unicodeScalars {
            if CharacterSet.alphanumerics.contains(scalar) || scalar == "@" || scalar == "." || scalar == "-" {
                if pendingSpace && !result.isEmpty { result += " " }
                pendingSpace = false
                result.unicodeScalars.append(scalar)
            } else {
                pendingSpace = true
            }
        }
        return result
    }
}
