import LoketPluginAPI
import CorrespondencePlugin
import ExamplePlugin

/// Every plugin compiled into `loketd`: the one place to add a plugin. `plugins.disabled` leaves any of them out.
enum CompiledPlugins {
    static var all: [any Plugin] {
        [ExamplePlugin(), CorrespondencePlugin()]
    }
}
