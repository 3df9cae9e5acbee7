import Testing

@testable import CorrespondencePlugin

@Suite("Workflows")
struct WorkflowTests {
    @Test("An incoming item runs registered -> dispatched -> assigned -> in treatment -> answered -> closed")
    func incomingHappyPath() throws {
        var workflow = IncomingWorkflow()
        #expect(workflow.status == .registered)
        try workflow.apply(.dispatch(department: "burgerzaken"))
        #expect(workflow.status == .dispatched)
        #expect(workflow.department == "burgerzaken")
        try workflow.apply(.assign(agent: "an.peeters"))
        #expect(workflow.status == .assigned)
        #expect(workflow.agent == "an.peeters")
        try workflow.apply(.startTreatment)
        #expect(workflow.status == .inTreatment)
        try workflow.apply(.answer)
        #expect(workflow.status == .answered)
        try workflow.apply(.close)
        #expect(workflow.status == .closed)
    }

    @Test("Steps out of order are refused and leave the state as it was")
    func incomingRefusals() throws {
        let workflow = IncomingWorkflow()
        for action: WorkflowAction in [.assign(agent: "x"), .startTreatment, .answer, .close, .send, .sign] {
            #expect(throws: WorkflowError(status: .registered, action: action)) { try workflow.next(action) }
        }
        var closed = IncomingWorkflow()
        try closed.apply(.dispatch(department: "a"))
        try closed.apply(.assign(agent: "b"))
        try closed.apply(.startTreatment)
        #expect(throws: WorkflowError.self) { try closed.apply(.dispatch(department: "c")) }
        #expect(closed.status == .inTreatment)
        #expect(closed.department == "a")
    }

    @Test("Re-routing clears the agent; re-assigning is allowed until treatment starts")
    func rerouting() throws {
        var workflow = IncomingWorkflow()
        try workflow.apply(.dispatch(department: "a"))
        try workflow.apply(.assign(agent: "one"))
        try workflow.apply(.assign(agent: "two"))
        #expect(workflow.agent == "two")
        try workflow.apply(.dispatch(department: "b"))
        #expect(workflow.status == .dispatched)
        #expect(workflow.agent == nil)
        #expect(workflow.department == "b")
    }

    @Test("A sent reply answers an item in any open status, then closes it",
          arguments: [ItemStatus.registered, .dispatched, .assigned, .inTreatment])
    func answerByReply(status: ItemStatus) throws {
        var workflow = try #require(IncomingWorkflow(status: status, department: nil, agent: nil))
        #expect(throws: WorkflowError.self) { try workflow.next(.closeByReply) }
        try workflow.apply(.answerByReply)
        #expect(workflow.status == .answered)
        try workflow.apply(.closeByReply)
        #expect(workflow.status == .closed)
    }

    @Test("A sent reply closes an item answered before by other means; a closed item stays closed")
    func closeByReply() throws {
        let answered = try #require(IncomingWorkflow(status: .answered, department: "a", agent: "b"))
        #expect(try answered.next(.closeByReply) == .closed)
        let closed = try #require(IncomingWorkflow(status: .closed, department: "a", agent: "b"))
        #expect(throws: WorkflowError.self) { try closed.next(.closeByReply) }
    }

    @Test("Answered and closed items are not answered again; outgoing statuses are no incoming state")
    func answerByReplyRefused() throws {
        for status in [ItemStatus.answered, .closed] {
            let workflow = try #require(IncomingWorkflow(status: status, department: nil, agent: nil))
            #expect(throws: WorkflowError.self) { try workflow.next(.answerByReply) }
        }
        for status in [ItemStatus.draft, .toSign, .signed, .sent] {
            #expect(IncomingWorkflow(status: status, department: nil, agent: nil) == nil)
            #expect(OutgoingWorkflow(status: status) != nil)
        }
        #expect(OutgoingWorkflow(status: .registered) == nil)
    }

    @Test("An outgoing item runs draft -> to sign -> signed -> sent, with a return to draft")
    func outgoing() throws {
        var workflow = OutgoingWorkflow()
        #expect(workflow.status == .draft)
        #expect(throws: WorkflowError(status: .draft, action: .send)) { try workflow.apply(.send) }
        try workflow.apply(.submitForSignature)
        try workflow.apply(.returnToDraft)
        #expect(workflow.status == .draft)
        try workflow.apply(.submitForSignature)
        #expect(workflow.status == .toSign)
        #expect(throws: WorkflowError.self) { try workflow.apply(.send) }
        try workflow.apply(.sign)
        #expect(workflow.status == .signed)
        try workflow.apply(.send)
        #expect(workflow.status == .sent)
        for action: WorkflowAction in [.send, .sign, .submitForSignature, .returnToDraft, .answer, .close] {
            #expect(throws: WorkflowError.self) { try workflow.next(action) }
        }
    }

    @Test("Every status has a database spelling that reads back")
    func statusSpelling() {
        for status in ItemStatus.allCases {
            #expect(ItemStatus(rawValue: status.rawValue) == status)
        }
        #expect(ItemStatus.inTreatment.rawValue == "in_treatment")
        #expect(ItemStatus.open == [.registered, .dispatched, .assigned, .inTreatment])
    }
}
