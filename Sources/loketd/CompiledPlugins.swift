import CivilRegistryPlugin
import CorrespondencePlugin
import ElectionsPlugin
import ExamplePlugin
import FeedbackPlugin
import LoketPluginAPI

/// Every plugin compiled into `loketd`: the one place to add a plugin. `plugins.disabled` leaves any of them out.
enum CompiledPlugins {
    static var all: [any Plugin] {
        // Order matters for migrations: plugins migrate in this order. ElectionsPlugin reads the civil registry's
        // view civil_registry.register_residents_v1 (at run time only, never in its migrations), and stays after
        // CivilRegistryPlugin so that any future migration of it may refer to that view.
        [ExamplePlugin(), CivilRegistryPlugin(), ElectionsPlugin(), FeedbackPlugin(), CorrespondencePlugin()]
    }
}
