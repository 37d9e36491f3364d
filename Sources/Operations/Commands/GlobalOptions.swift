public import Model
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

  /// A Qdrant endpoint instead of a data directory.
  @Option(
    name: .long,
    help: ArgumentHelp(
      "Operate the Qdrant API at this URL (a Qdrant cluster, Qdrant Cloud or `ragops serve`); default: $QDRANT_URL.",
      valueName: "url"))
  public var url: String?

  /// The key for `--url`.
  @Option(
    name: .customLong("api-key"),
    help: ArgumentHelp(
      "The API key: the one sent to --url (default: $QDRANT_API_KEY), or for `serve` the one clients must send (default: $RAGOPS_API_KEY); the variables keep it out of the process list.",
      valueName: "key"
    ))
  public var apiKey: String?

  /// Extra CA certificates for an `https` `--url`.
  @Option(
    name: .long,
    help: ArgumentHelp(
      "A PEM file of CA certificates to trust for an https --url, beside the system's (a self-signed server's own).",
      valueName: "file"))
  public var cacert: String?

  /// Creates empty options.
  public init() {}

  /// Whether any option was given (scripts may not set them per line).
  public var isEmpty: Bool { data == nil && !json && !readOnly && url == nil && apiKey == nil && cacert == nil }

  /// The Qdrant endpoint to operate, if any: `--url`, else `$QDRANT_URL` unless `--data` names
  /// a directory; the key from `--api-key`, else `$QDRANT_API_KEY`.
  ///
  /// - Throws: ``StoreError`` `invalidInput` for a URL that is not one, or a key without a URL.
  public func remoteEndpoint(environment: [String: String]) throws(StoreError) -> QdrantEndpoint? {
    if let url {
      return try QdrantEndpoint(url: url, apiKey: apiKey ?? environment["QDRANT_API_KEY"], caCertificates: cacert)
    }
    if data != nil {
      guard apiKey == nil else { throw StoreError(.invalidInput, "--api-key goes with --url, not with --data") }
      return nil
    }
    guard let url = environment["QDRANT_URL"], !url.isEmpty else {
      guard apiKey == nil else { throw StoreError(.invalidInput, "--api-key needs --url (or $QDRANT_URL)") }
      return nil
    }
    return try QdrantEndpoint(url: url, apiKey: apiKey ?? environment["QDRANT_API_KEY"], caCertificates: cacert)
  }
}
