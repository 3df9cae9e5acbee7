import ArgumentParser
import LoketHost

/// `loketctl department ...`: the city's departments.
struct DepartmentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "department",
        abstract: "Create, list, rename and deactivate departments.",
        subcommands: [Create.self, List.self, Rename.self, Deactivate.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a department.")

        @OptionGroup var options: ServerOptions

        @Argument(help: "Lowercase letters, digits and hyphens, starting with a letter, e.g. burgerzaken; never changes.")
        var id: String

        @Argument(help: "The department's name, e.g. \"Burgerzaken\".")
        var name: String

        func run() async throws {
            let department = try await AdminConnection.call(
                options, Loket_Admin_V1_Admin.Method.createDepartment,
                Loket_Admin_V1_CreateDepartmentRequest.with {
                    $0.id = id
                    $0.name = name
                }, as: Loket_Admin_V1_Department.self)
            Output.emit(options.json, json: department.json, table: Loket_Admin_V1_Department.table([department]))
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List departments, active ones first.")

        @OptionGroup var options: ServerOptions

        @Flag(help: "Include deactivated departments.")
        var includeInactive = false

        func run() async throws {
            let response = try await AdminConnection.call(
                options, Loket_Admin_V1_Admin.Method.listDepartments,
                Loket_Admin_V1_ListDepartmentsRequest.with { $0.includeInactive = includeInactive },
                as: Loket_Admin_V1_ListDepartmentsResponse.self)
            Output.emit(
                options.json, json: .object([("departments", .array(response.departments.map(\.json)))]),
                table: Loket_Admin_V1_Department.table(response.departments))
        }
    }

    struct Rename: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Rename a department (its id stays).")

        @OptionGroup var options: ServerOptions

        @Argument(help: "The department's id.")
        var id: String

        @Argument(help: "The new name.")
        var name: String

        func run() async throws {
            let department = try await AdminConnection.call(
                options, Loket_Admin_V1_Admin.Method.renameDepartment,
                Loket_Admin_V1_RenameDepartmentRequest.with {
                    $0.id = id
                    $0.name = name
                }, as: Loket_Admin_V1_Department.self)
            Output.emit(options.json, json: department.json, table: Loket_Admin_V1_Department.table([department]))
        }
    }

    struct Deactivate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Deactivate a department: its principals can no longer use any plugin. Its data stays.")

        @OptionGroup var options: ServerOptions

        @Argument(help: "The department's id.")
        var id: String

        func run() async throws {
            let department = try await AdminConnection.call(
                options, Loket_Admin_V1_Admin.Method.deactivateDepartment,
                Loket_Admin_V1_DeactivateDepartmentRequest.with { $0.id = id }, as: Loket_Admin_V1_Department.self)
            Output.emit(options.json, json: department.json, table: Loket_Admin_V1_Department.table([department]))
        }
    }
}
