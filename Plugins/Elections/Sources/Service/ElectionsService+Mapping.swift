import Foundation
import LoketPluginAPI

extension ElectionsService {
    static func kind(_ kind: Loket_Elections_V1_ElectionKind) -> ElectionKind? {
        switch kind {
        case .municipal: .municipal
        case .provincial: .provincial
        case .regional: .regional
        case .federal: .federal
        case .european: .european
        case .unspecified, .unrecognized: nil
        }
    }

    static func protoKind(_ kind: ElectionKind) -> Loket_Elections_V1_ElectionKind {
        switch kind {
        case .municipal: .municipal
        case .provincial: .provincial
        case .regional: .regional
        case .federal: .federal
        case .european: .european
        }
    }

    static func protoStatus(_ status: ApplicationStatus?) -> Loket_Elections_V1_ApplicationStatus {
        switch status {
        case .pending: .pending
        case .approved: .approved
        case .refused: .refused
        case .withdrawn: .withdrawn
        case nil: .unspecified
        }
    }

    static func parity(_ parity: Loket_Elections_V1_Parity) -> Parity? {
        switch parity {
        case .unspecified, .all: .all
        case .odd: .odd
        case .even: .even
        case .unrecognized: nil
        }
    }

    static func protoParity(_ parity: Parity) -> Loket_Elections_V1_Parity {
        switch parity {
        case .all: .all
        case .odd: .odd
        case .even: .even
        }
    }

    static func reason(_ reason: Loket_Elections_V1_ProxyReason) -> ProxyReason? {
        switch reason {
        case .illness: .illness
        case .work: .work
        case .studies: .studies
        case .abroad: .abroad
        case .detention: .detention
        case .religion: .religion
        case .unspecified, .unrecognized: nil
        }
    }

    static func protoReason(_ reason: ProxyReason?) -> Loket_Elections_V1_ProxyReason {
        switch reason {
        case .illness: .illness
        case .work: .work
        case .studies: .studies
        case .abroad: .abroad
        case .detention: .detention
        case .religion: .religion
        case nil: .unspecified
        }
    }

    static func relationship(_ relationship: Loket_Elections_V1_Relationship) -> Relationship {
        switch relationship {
        case .spouse: .spouse
        case .cohabitant: .cohabitant
        case .parent: .parent
        case .child: .child
        case .sibling: .sibling
        case .grandparent: .grandparent
        case .grandchild: .grandchild
        case .unspecified, .none, .unrecognized: .none
        }
    }

    static func protoRelationship(_ relationship: Relationship) -> Loket_Elections_V1_Relationship {
        switch relationship {
        case .none: .none
        case .spouse: .spouse
        case .cohabitant: .cohabitant
        case .parent: .parent
        case .child: .child
        case .sibling: .sibling
        case .grandparent: .grandparent
        case .grandchild: .grandchild
        }
    }

    static func protoElection(_ record: ElectionRecord) -> Election {
        .with {
            $0.id = record.id.uuidString.lowercased()
            $0.kind = protoKind(record.kind)
            $0.name = record.name
            $0.municipality = record.municipality
            $0.electionDay = record.electionDay.description
            $0.referenceDate = record.referenceDate.description
            $0.applicationDeadline = record.applicationDeadline.description
            $0.compulsory = record.compulsory
            $0.documentLanguages = record.documentLanguages.map(\.rawValue)
            $0.opensAt = record.opensAt
            $0.closesAt = record.closesAt
            $0.rollClosedAt = record.rollClosedAt ?? ""
        }
    }
}
