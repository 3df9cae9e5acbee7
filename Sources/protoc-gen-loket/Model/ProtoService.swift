/// A service and its methods.
struct ProtoService {
    struct Method {
        var name: String
        /// Fully qualified with a leading dot.
        var inputType: String
        var outputType: String
        var clientStreaming: Bool
        var serverStreaming: Bool
        var comment: String
    }

    var name: String
    var fullName: String
    var methods: [Method]
    var comment: String
}
