import CivilRegistryPlugin
import CorrespondencePlugin
import ExamplePlugin
import FeedbackPlugin
import LoketPluginAPI

/// Every plugin compiled into `loketd`: the one place to add a plugin. `plugins.disabled` leaves any of them out.
enum CompiledPlugins {
    static var all: [any Plugin] {
        [ExamplePlugin(), CivilRegistryPlugin(), FeedbackPlugin(), CorrespondencePlugin()]
    }
}
