/// An action that may not follow in an act's chain: the status it met and what is allowed instead.
public struct ActTransitionError: Error, Sendable, Hashable {
    /// The act's status when the action was tried.
    public var status: ActStatus
    /// The refused action.
    public var action: ActAction
    /// The actions that may come next (empty when the act is final).
    public var allowed: [ActAction]
}
