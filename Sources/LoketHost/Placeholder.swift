/// Placeholder.
public enum LoketHostPlaceholder {}
