import VectorEngine

/// What a command runs against.
public final class CommandContext {
  /// The store.
  public let backend: any Backend
  /// Whether `--file -` may read standard input (not when the script itself comes from it).
  public let standardInputIsFree: Bool
  /// Makes a progress reporter for long imports.
  public let makeProgress: () -> ImportProgress

  /// Creates a context.
  public init(backend: any Backend, standardInputIsFree: Bool = true, makeProgress: @escaping () -> ImportProgress = { ImportProgress() }) {
    self.backend = backend
    self.standardInputIsFree = standardInputIsFree
    self.makeProgress = makeProgress
  }
}
