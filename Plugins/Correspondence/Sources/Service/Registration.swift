import Foundation
import LoketPluginAPI

/// A registration request, checked: what the service needs beyond the request's own fields.
struct Registration: Sendable {
    var direction: Direction
    var channel: String
    var language: ItemLanguage
    var receivedOn: Day
    var tags: [String]
    var answers: [UUID]
}
