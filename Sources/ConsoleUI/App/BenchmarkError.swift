/// Why a console measurement could not run.
public struct BenchmarkError: Error, CustomStringConvertible {
  /// What went wrong.
  public var message: String
  /// The message.
  public var description: String { message }
}

extension BenchmarkError: Sendable {}
