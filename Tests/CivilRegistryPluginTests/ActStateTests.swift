import Testing

@testable import CivilRegistryPlugin

@Suite("The act state machine")
struct ActStateTests {
    /// The rules written out as a table, independently of the implementation: (status, action) → status after,
    /// for an act without a pending duplicate flag.
    static let unflagged: [ActStatus: [ActAction: ActStatus]] = [
        .new: [.created: .draft],
        .draft: [.declared: .declared, .rejected: .rejected],
        .declared: [.validated: .validated, .rejected: .rejected],
        .validated: [.registered: .registered, .rejected: .rejected],
        .registered: [.certified: .registered, .correctionRequested: .correctionRequested],
        .correctionRequested: [.correctionApproved: .registered, .correctionRejected: .registered],
        .rejected: [:],
        .duplicate: [:],
    ]

    /// With a possible duplicate pending: validation and registration wait, the marks become possible.
    static let flagged: [ActStatus: [ActAction: ActStatus]] = [
        .new: [.created: .draft],
        .draft: [.declared: .declared, .rejected: .rejected, .markedDuplicate: .duplicate, .markedNotDuplicate: .draft],
        .declared: [.rejected: .rejected, .markedDuplicate: .duplicate, .markedNotDuplicate: .declared],
        .validated: [.rejected: .rejected, .markedDuplicate: .duplicate, .markedNotDuplicate: .validated],
        .registered: [.certified: .registered, .correctionRequested: .correctionRequested],
        .correctionRequested: [.correctionApproved: .registered, .correctionRejected: .registered],
        .rejected: [:],
        .duplicate: [:],
    ]

    static func expected(kind: ActKind, status: ActStatus, flagged: Bool, action: ActAction) -> ActStatus? {
        if status == .new, action == .notified { return kind == .birth ? .draft : nil }
        return (flagged ? Self.flagged : Self.unflagged)[status]?[action]
    }

    @Test("every action from every status, for every act type, flagged or not", arguments: ActKind.allCases)
    func everyTransition(kind: ActKind) {
        for status in ActStatus.allCases {
            for flagged in [false, true] {
                let state = ActState(kind: kind, status: status, possibleDuplicate: flagged)
                for action in ActAction.allCases {
                    let expected = Self.expected(kind: kind, status: status, flagged: flagged, action: action)
                    let result = try? state.applying(action)
                    #expect(result?.status == expected, "\(kind) \(status) flagged=\(flagged) \(action)")
                    if let result, action == .markedDuplicate || action == .markedNotDuplicate
                        || action == .rejected
                    {
                        #expect(!result.possibleDuplicate)
                    } else if let result {
                        #expect(result.possibleDuplicate == flagged)
                    }
                }
                let allowed = ActAction.allCases.filter {
                    Self.expected(kind: kind, status: status, flagged: flagged, action: $0) != nil
                }
                #expect(state.allowedActions == allowed)
            }
        }
    }

    @Test("a refused action names the status and the allowed next actions")
    func refusal() {
        let state = ActState(kind: .marriage, status: .draft)
        #expect(throws: ActTransitionError(status: .draft, action: .registered, allowed: [.declared, .rejected])) {
            try state.applying(.registered)
        }
        let final = ActState(kind: .death, status: .rejected)
        #expect(throws: ActTransitionError(status: .rejected, action: .declared, allowed: [])) {
            try final.applying(.declared)
        }
    }

    @Test("the whole course of a hospital-notified birth")
    func birthCourse() throws {
        var state = ActState(kind: .birth)
        for action: ActAction in [.notified, .declared, .validated, .registered, .certified, .certified,
            .correctionRequested, .correctionRejected, .correctionRequested, .correctionApproved]
        {
            state = try state.applying(action)
        }
        #expect(state.status == .registered)
    }

    @Test("only a birth can start with a notification", arguments: ActKind.allCases)
    func notification(kind: ActKind) {
        #expect(((try? ActState(kind: kind).applying(.notified)) != nil) == (kind == .birth))
    }

    @Test("actions that need a reason")
    func reasons() {
        #expect(ActAction.allCases.filter(\.requiresReason) == [
            .rejected, .correctionRequested, .correctionApproved, .correctionRejected, .markedDuplicate,
            .markedNotDuplicate,
        ])
    }

    @Test("final statuses")
    func finals() {
        #expect(ActStatus.allCases.filter(\.isFinal) == [.rejected, .duplicate])
    }

    @Test("every action and status has a name in each language")
    func names() {
        for action in ActAction.allCases {
            let text = ActText.name(of: action)
            #expect(![text.dutch, text.french, text.german, text.english].contains(""))
        }
        for status in ActStatus.allCases {
            #expect(!ActText.name(of: status).french.isEmpty)
        }
    }
}
