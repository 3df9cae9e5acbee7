import LoketPluginAPI

/// Proto enums to the model's values and back.
extension CorrespondenceService {
    typealias ProtoDirection = Loket_Correspondence_V1_Direction
    typealias ProtoChannel = Loket_Correspondence_V1_Channel
    typealias ProtoStatus = Loket_Correspondence_V1_Status

    static func direction(_ value: ProtoDirection) -> Direction? {
        switch value {
        case .incoming: .incoming
        case .outgoing: .outgoing
        default: nil
        }
    }

    static func proto(_ direction: Direction) -> ProtoDirection {
        direction == .incoming ? .incoming : .outgoing
    }

    static func channel(_ value: ProtoChannel) -> String? {
        switch value {
        case .letter: "letter"
        case .email: "email"
        case .form: "form"
        case .other: "other"
        default: nil
        }
    }

    static func proto(channel: String) -> ProtoChannel {
        switch channel {
        case "letter": .letter
        case "email": .email
        case "form": .form
        default: .other
        }
    }

    static func status(_ value: ProtoStatus) -> ItemStatus? {
        switch value {
        case .registered: .registered
        case .dispatched: .dispatched
        case .assigned: .assigned
        case .inTreatment: .inTreatment
        case .answered: .answered
        case .closed: .closed
        case .draft: .draft
        case .toSign: .toSign
        case .signed: .signed
        case .sent: .sent
        default: nil
        }
    }

    static func proto(_ status: ItemStatus) -> ProtoStatus {
        switch status {
        case .registered: .registered
        case .dispatched: .dispatched
        case .assigned: .assigned
        case .inTreatment: .inTreatment
        case .answered: .answered
        case .closed: .closed
        case .draft: .draft
        case .toSign: .toSign
        case .signed: .signed
        case .sent: .sent
        }
    }

    static func proto(status text: String?) -> ProtoStatus {
        text.flatMap(ItemStatus.init(rawValue:)).map(proto) ?? .unspecified
    }

    /// The workflow step of a request; nil for an unknown action or a missing department or agent.
    static func action(_ request: Loket_Correspondence_V1_TransitionRequest) -> WorkflowAction? {
        switch request.action {
        case .dispatch: .dispatch(department: request.departmentId)
        case .assign: .assign(agent: request.agent)
        case .startTreatment: .startTreatment
        case .answer: .answer
        case .close: .close
        case .submitForSignature: .submitForSignature
        case .sign: .sign
        case .returnToDraft: .returnToDraft
        case .send: .send
        default: nil
        }
    }
}
