public import ArgumentParser

/// Options that choose the data directory and the output form; given on the shell command
/// line (before or after the command), never inside a script line.
public struct GlobalOptions: ParsableArguments {
  /// The data directory.
  @Option(
    name: .long,
    help: ArgumentHelp("The data directory (default: $RAGOPS_DATA, else $XDG_DATA_HOME/ragops).", valueName: "dir"))
  public var data: String?

  /// JSON output.
  @Flag(name: .long, help: "Print one JSON object per result instead of text tables.")
  public var json = false

  /// Read-only access.
  @Flag(name: .long, help: "Open the data directory read-only, without taking its lock.")
  public var readOnly = false

  /// Creates empty options.
  public init() {}

  /// Whether any option was given (scripts may not set them per line).
  public var isEmpty: Bool { data == nil && !json && !readOnly }
}
