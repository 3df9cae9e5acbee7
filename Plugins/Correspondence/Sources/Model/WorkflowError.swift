/// A workflow step that the item's status does not allow.
public struct WorkflowError: Error, Sendable, Hashable {
    /// The item's status.
    public let status: ItemStatus
    /// The step that was refused.
    public let action: WorkflowAction
}
