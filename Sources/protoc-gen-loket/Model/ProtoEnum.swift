/// An enum type.
struct ProtoEnum {
    struct Value {
        var name: String
        var number: Int32
        var comment: String
    }

    var name: String
    var fullName: String
    var values: [Value]
    var comment: String
}
