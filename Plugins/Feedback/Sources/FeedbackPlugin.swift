import Foundation
import LoketPluginAPI

/// Complaints, questions, requests and compliments, and the satisfaction surveys that follow them (issue 8).
public struct FeedbackPlugin: Plugin {
    /// Creates the plugin; the host calls this once, in its list of compiled-in plugins.
    public init() {}

    static let complaints = Loket_Feedback_V1_Complaints.serviceName
    static let surveys = Loket_Feedback_V1_Surveys.serviceName

    /// Registering a case: clerks, and a web form or mail-desk integration with this scope.
    static let submit = Permission("feedback.cases.submit", roles: [.clerk, .integration])
    /// Reading cases and deadline lists.
    static let read = Permission("feedback.cases.read")
    /// Changing status, notes, re-routing.
    static let handle = Permission("feedback.cases.handle")
    /// Categories, routing rules, settings, survey definitions and retention: administrators only.
    static let administer = Permission("feedback.administer", roles: [.administrator])
    /// The analysis figures.
    static let analyze = Permission("feedback.analysis.read")
    /// Inviting a visitor after a counter visit.
    static let invite = Permission("feedback.surveys.invite")
    /// Opening and answering invitations: the survey page (an integration) or a clerk on a citizen's behalf.
    static let respond = Permission("feedback.surveys.respond", roles: [.clerk, .integration])

    public var manifest: PluginManifest {
        func complaints(_ method: String, _ permission: Permission, _ data: PersonalDataUse = .none) -> MethodPolicy {
            MethodPolicy(service: Self.complaints, method: method, permission: permission, personalData: data)
        }
        func surveys(_ method: String, _ permission: Permission) -> MethodPolicy {
            MethodPolicy(service: Self.surveys, method: method, permission: permission)
        }
        return PluginManifest(
            id: "feedback",
            version: "1.0.0",
            title: LocalizedText(
                nl: "Klachten en tevredenheid", fr: "Plaintes et satisfaction", de: "Beschwerden und Zufriedenheit",
                en: "Complaints and satisfaction"),
            migrations: (try? Migration.load(fromBundle: .module)) ?? [],
            methods: [
                complaints("SubmitCase", Self.submit, .writes),
                complaints("GetCase", Self.read, .reads),
                complaints("ListCases", Self.read),
                complaints("ChangeStatus", Self.handle),
                complaints("AddNote", Self.handle),
                complaints("Reroute", Self.handle),
                complaints("ListDeadlines", Self.read),
                complaints("ListCategories", Self.read),
                complaints("PutCategory", Self.administer),
                complaints("ListRoutingRules", Self.read),
                complaints("ReplaceRoutingRules", Self.administer),
                complaints("GetSettings", Self.read),
                complaints("UpdateSettings", Self.administer),
                complaints("Analyze", Self.analyze),
                complaints("ApplyRetention", Self.administer, .writes),
                surveys("PutSurvey", Self.administer),
                surveys("ListSurveys", Self.read),
                surveys("InviteVisitor", Self.invite),
                surveys("OpenInvitation", Self.respond),
                surveys("SubmitAnswers", Self.respond),
            ],
            messages: FeedbackMessages.catalog,
            protoFiles: FeedbackPluginProtoFiles.all)
    }

    public func makeServices(context: PluginContext) throws -> [any RPCService] {
        [ComplaintsService(plugin: context), SurveysService(plugin: context)]
    }
}
