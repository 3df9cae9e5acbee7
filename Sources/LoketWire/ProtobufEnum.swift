/// A protobuf enum as a Swift enum that keeps values it does not know.
///
/// proto3 enums are open: a peer may send a number this build has no case for. Generated enums carry it in an
/// `unrecognized(Int32)` case so that decoding and re-encoding preserves it.
public protocol ProtobufEnum: Sendable, Hashable, CaseIterable {
    /// Creates the case for a wire number; unknown numbers become `unrecognized`.
    init(rawValue: Int32)

    /// The wire number of this case.
    var rawValue: Int32 { get }
}
