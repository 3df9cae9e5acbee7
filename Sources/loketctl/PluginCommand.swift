import ArgumentParser
import LoketHost
import LoketRPC

/// `loketctl plugin ...`: which plugins run, and where they are enabled.
struct PluginCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plugin",
        abstract: "List plugins and enable or disable them per department.",
        subcommands: [List.self, Enable.self, Disable.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the plugins this server runs, with their status in every active department.")

        @OptionGroup var options: ServerOptions

        @Option(help: ArgumentHelp("Only this department's status.", valueName: "id"))
        var department: String?

        func run() async throws {
            let response = try await AdminConnection.call(
                options, Loket_Admin_V1_Admin.Method.listPlugins,
                Loket_Admin_V1_ListPluginsRequest.with { $0.departmentId = department ?? "" },
                as: Loket_Admin_V1_ListPluginsResponse.self)
            Output.emit(
                options.json, json: .object([("plugins", .array(response.plugins.map(\.json)))]),
                table: Loket_Admin_V1_Plugin.table(response.plugins))
        }
    }

    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Enable a plugin for a department (on every loketd within a second).")

        @OptionGroup var options: ServerOptions

        @Argument(help: "The plugin's id.")
        var plugin: String

        @Argument(help: "The department's id.")
        var department: String

        func run() async throws {
            try await PluginCommand.set(plugin, department, Loket_Admin_V1_Admin.Method.enablePlugin, options)
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Disable a plugin for a department (on every loketd within a second).")

        @OptionGroup var options: ServerOptions

        @Argument(help: "The plugin's id.")
        var plugin: String

        @Argument(help: "The department's id.")
        var department: String

        func run() async throws {
            try await PluginCommand.set(plugin, department, Loket_Admin_V1_Admin.Method.disablePlugin, options)
        }
    }

    private static func set(
        _ plugin: String, _ department: String, _ method: MethodDescriptor, _ options: ServerOptions
    ) async throws {
        let status = try await AdminConnection.call(
            options, method,
            Loket_Admin_V1_PluginEnablementRequest.with {
                $0.pluginId = plugin
                $0.departmentId = department
            }, as: Loket_Admin_V1_PluginStatus.self)
        Output.emit(options.json, json: status.json, table: status.table)
    }
}
