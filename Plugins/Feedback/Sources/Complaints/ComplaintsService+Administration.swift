import Foundation
import LoketPluginAPI

extension ComplaintsService {
    static func isCode(_ text: String) -> Bool {
        text.wholeMatch(of: /[a-z][a-z0-9-]{0,39}/) != nil
    }

    func listCategories(
        request: Loket_Feedback_V1_ListCategoriesRequest, context: ServerContext
    ) async throws -> Loket_Feedback_V1_ListCategoriesResponse {
        try await plugin.transaction(context) { transaction in
            let rows = try await transaction.query(
                """
                SELECT main, sub, term_days, term_in_working_days, title_nl, title_fr, title_de, title_en, active
                FROM feedback.categories ORDER BY main, sub
                """)
            return .with { $0.categories = rows.compactMap { try? Self.decodeCategory($0) } }
        }
    }

    func putCategory(request: Loket_Feedback_V1_Category, context: ServerContext) async throws -> Loket_Feedback_V1_Category {
        let titles = [request.titleNl, request.titleFr, request.titleDe, request.titleEn]
        guard Self.isCode(request.main), Self.isCode(request.sub), (1...365).contains(request.termDays),
            titles.allSatisfy({ !$0.isBlank && $0.count <= 200 })
        else {
            throw plugin.localizer.error(.invalidArgument, FeedbackMessages.invalidCategory, for: context)
        }
        return try await plugin.transaction(context) { transaction in
            let rows = try await transaction.query(
                """
                INSERT INTO feedback.categories (main, sub, term_days, term_in_working_days, title_nl, title_fr,
                                                 title_de, title_en, active)
                VALUES (\(request.main), \(request.sub), \(Int(request.termDays)), \(request.termInWorkingDays),
                        \(request.titleNl), \(request.titleFr), \(request.titleDe), \(request.titleEn), \(request.active))
                ON CONFLICT (main, sub) DO UPDATE SET term_days = excluded.term_days,
                    term_in_working_days = excluded.term_in_working_days, title_nl = excluded.title_nl,
                    title_fr = excluded.title_fr, title_de = excluded.title_de, title_en = excluded.title_en,
                    active = excluded.active
                RETURNING main, sub, term_days, term_in_working_days, title_nl, title_fr, title_de, title_en, active
                """)
            try await transaction.audit(
                AuditRecord(
                    .update, subjects: [AuditSubject(kind: "feedback-category", id: "\(request.main)/\(request.sub)")]))
            return try Self.decodeCategory(rows[0])
        }
    }

    static func decodeCategory(_ row: PostgresRow) throws -> Loket_Feedback_V1_Category {
        let (main, sub, days, working, nl, fr, de, en, active) = try row.decode(
            String.self, String.self, Int.self, Bool.self, String.self, String.self, String.self, String.self,
            Bool.self)
        return .with {
            $0.main = main
            $0.sub = sub
            $0.termDays = Int32(clamping: days)
            $0.termInWorkingDays = working
            $0.titleNl = nl
            $0.titleFr = fr
            $0.titleDe = de
            $0.titleEn = en
            $0.active = active
        }
    }

    func listRoutingRules(
        request: Loket_Feedback_V1_ListRoutingRulesRequest, context: ServerContext
    ) async throws -> Loket_Feedback_V1_RoutingRules {
        try await plugin.transaction(context) { transaction in
            Self.message(try await Self.routingRules(transaction))
        }
    }

    func replaceRoutingRules(
        request: Loket_Feedback_V1_RoutingRules, context: ServerContext
    ) async throws -> Loket_Feedback_V1_RoutingRules {
        var positions = Set<Int32>()
        for rule in request.rules {
            guard rule.position > 0, positions.insert(rule.position).inserted, !rule.departmentId.isEmpty,
                rule.keywords.count <= 50, rule.keywords.allSatisfy({ !$0.isBlank && $0.count <= 100 })
            else {
                throw plugin.localizer.error(.invalidArgument, FeedbackMessages.invalidRule, for: context, "\(rule.position)")
            }
            if !rule.channel.isEmpty, !Self.channels.contains(rule.channel) {
                throw plugin.localizer.error(.invalidArgument, FeedbackMessages.invalidChannel, for: context, rule.channel)
            }
        }
        return try await plugin.transaction(context) { transaction in
            for rule in request.rules {
                guard try await Self.departmentExists(rule.departmentId, transaction) else {
                    throw plugin.localizer.error(
                        .invalidArgument, FeedbackMessages.unknownDepartment, for: context, rule.departmentId)
                }
            }
            try await transaction.query("DELETE FROM feedback.routing_rules")
            for rule in request.rules {
                func optional(_ text: String) -> String? { text.isEmpty ? nil : text }
                try await transaction.query(
                    """
                    INSERT INTO feedback.routing_rules (position, main_category, sub_category, channel, keywords,
                                                        department_id)
                    VALUES (\(Int(rule.position)), \(optional(rule.mainCategory)), \(optional(rule.subCategory)),
                            \(optional(rule.channel)), \(rule.keywords), \(rule.departmentId))
                    """)
            }
            try await transaction.audit(
                AuditRecord(.update, subjects: [AuditSubject(kind: "feedback-routing", id: "rules")]))
            return Self.message(try await Self.routingRules(transaction))
        }
    }

    static func message(_ rules: [RoutingRule]) -> Loket_Feedback_V1_RoutingRules {
        .with {
            $0.rules = rules.map { rule in
                .with {
                    $0.position = Int32(clamping: rule.position)
                    $0.mainCategory = rule.mainCategory ?? ""
                    $0.subCategory = rule.subCategory ?? ""
                    $0.channel = rule.channel ?? ""
                    $0.keywords = rule.keywords
                    $0.departmentId = rule.department
                }
            }
        }
    }

    func getSettings(
        request: Loket_Feedback_V1_GetSettingsRequest, context: ServerContext
    ) async throws -> Loket_Feedback_V1_Settings {
        try await plugin.transaction(context) { transaction in try await Self.settings(transaction) }
    }

    func updateSettings(request: Loket_Feedback_V1_Settings, context: ServerContext) async throws -> Loket_Feedback_V1_Settings {
        guard (0...60).contains(request.firstAnswerWorkingDays), (1...36_500).contains(request.retentionDays),
            ["anonymize", "delete"].contains(request.retentionAction), (1...365).contains(request.invitationValidDays)
        else {
            throw plugin.localizer.error(.invalidArgument, FeedbackMessages.invalidSettings, for: context)
        }
        return try await plugin.transaction(context) { transaction in
            try await transaction.query(
                """
                UPDATE feedback.settings SET first_answer_working_days = \(Int(request.firstAnswerWorkingDays)),
                    retention_days = \(Int(request.retentionDays)), retention_action = \(request.retentionAction),
                    invitation_valid_days = \(Int(request.invitationValidDays))
                """)
            try await transaction.audit(
                AuditRecord(.update, subjects: [AuditSubject(kind: "feedback-settings", id: "settings")]))
            return try await Self.settings(transaction)
        }
    }
}
