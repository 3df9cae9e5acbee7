import Testing

@testable import FeedbackPlugin

@Suite struct CaseStateMachineTests {
    @Test func theUsualPathRunsReceivedToClosed() throws {
        var machine = CaseStateMachine()
        let first = try machine.apply(to: .inTreatment)
        #expect(first.isFirstAnswer && !first.isFinalAnswer && !first.isReopening)
        let answered = try machine.apply(to: .answered, answerText: "We hebben de put hersteld.")
        #expect(answered.isFinalAnswer && !answered.isFirstAnswer)
        let closed = try machine.apply(to: .closed)
        #expect(closed.isClosing)
        #expect(machine.status == .closed)
    }

    @Test func aDirectAnswerIsBothFirstAndFinal() throws {
        var machine = CaseStateMachine()
        let transition = try machine.apply(to: "answered", answerText: "Dank u voor uw compliment.")
        #expect(transition.isFirstAnswer && transition.isFinalAnswer)
    }

    @Test(arguments: [
        (CaseStatus.received, CaseStatus.closed), (.received, .received), (.inTreatment, .closed),
        (.inTreatment, .received), (.answered, .received), (.closed, .answered), (.closed, .closed),
        (.closed, .received),
    ])
    func forbiddenChangesAreRefusedAndLeaveTheStatus(from: CaseStatus, to: CaseStatus) {
        var machine = CaseStateMachine(status: from)
        #expect(throws: TransitionError.notAllowed(from: from, to: to)) {
            try machine.apply(to: to, reason: "r", answerText: "a")
        }
        #expect(machine.status == from)
    }

    @Test func everyStatusHasTheDocumentedSuccessors() {
        #expect(CaseStateMachine.successors(of: .received) == [.inTreatment, .answered])
        #expect(CaseStateMachine.successors(of: .inTreatment) == [.answered])
        #expect(CaseStateMachine.successors(of: .answered) == [.closed, .inTreatment])
        #expect(CaseStateMachine.successors(of: .closed) == [.inTreatment])
    }

    @Test func answeringNeedsTheAnswerText() {
        var machine = CaseStateMachine(status: .inTreatment)
        #expect(throws: TransitionError.answerTextRequired) { try machine.apply(to: .answered, answerText: "  \n") }
        #expect(machine.status == .inTreatment)
    }

    @Test func reopeningNeedsAReason() throws {
        var closed = CaseStateMachine(status: .closed)
        #expect(throws: TransitionError.reasonRequired) { try closed.apply(to: .inTreatment) }
        let reopened = try closed.apply(to: .inTreatment, reason: "De burger belde terug: nog steeds kapot.")
        #expect(reopened.isReopening && !reopened.isFirstAnswer)
        var answered = CaseStateMachine(status: .answered)
        #expect(try answered.apply(to: .inTreatment, reason: "aanvulling").isReopening)
    }

    @Test func anUnknownStatusIsNamed() {
        var machine = CaseStateMachine()
        #expect(throws: TransitionError.unknownStatus("done")) { try machine.apply(to: "done") }
        #expect(TransitionError.unknownStatus("done").arguments == ["done"])
        #expect(TransitionError.notAllowed(from: .closed, to: .answered).arguments == ["closed", "answered"])
    }

    @Test func everyRefusalHasAMessageInFourLanguages() {
        let errors: [TransitionError] = [
            .unknownStatus("x"), .notAllowed(from: .received, to: .closed), .answerTextRequired, .reasonRequired,
        ]
        for error in errors {
            let text = FeedbackMessages.catalog[error.messageKey]
            #expect(text != nil)
            if let text {
                #expect(Set([text.dutch, text.french, text.german, text.english]).count == 4)
            }
        }
    }
}
