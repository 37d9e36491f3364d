import ArgumentParser
import Foundation
import Model
import Operations
import QdrantServer

/// `ragops serve`: the data directory behind Qdrant's REST API, until SIGTERM or SIGINT.
struct ServeCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "serve",
    abstract: "Answer Qdrant's REST API on the data directory (for qdrant-client, LangChain, LlamaIndex).",
    discussion: """
      Holds the data directory until SIGTERM or SIGINT, which stop new connections, let requests \
      in flight finish (for at most --shutdown-grace seconds, then cancel them) and close the \
      store (every acknowledged write is already durable). The \
      backup schedules run inside it, as in the console. Listens \
      on 127.0.0.1:6333 unless --listen says otherwise; any other address needs an API key. Keys \
      come from --api-key / --read-only-api-key or, kept out of the process list, from \
      $RAGOPS_API_KEY / $RAGOPS_READ_ONLY_API_KEY.
      """)

  @OptionGroup var globals: GlobalOptions

  @Option(help: ArgumentHelp("The address and port to listen on (port 0 picks a free one).", valueName: "host:port"))
  var listen = "127.0.0.1:6333"

  @Option(help: ArgumentHelp("A key that may only read.", valueName: "key"))
  var readOnlyApiKey: String?

  @Option(help: ArgumentHelp("The largest request body accepted, in MiB.", valueName: "MiB"))
  var maxRequestMb = 32

  @Option(help: ArgumentHelp("Seconds requests in flight may take to finish after SIGTERM.", valueName: "seconds"))
  var shutdownGrace = 30

  @Option(help: ArgumentHelp("Serve HTTPS with this PEM certificate chain (with --tls-key).", valueName: "file"))
  var tlsCert: String?

  @Option(help: ArgumentHelp("The PEM private key of --tls-cert.", valueName: "file"))
  var tlsKey: String?

  func validate() throws {
    guard (1...1_024).contains(maxRequestMb) else { throw ValidationError("--max-request-mb must be 1…1024") }
    guard (0...3_600).contains(shutdownGrace) else { throw ValidationError("--shutdown-grace must be 0…3600") }
    _ = try ListenAddress(listen)
    if (tlsCert == nil) != (tlsKey == nil) { throw ValidationError("give --tls-cert and --tls-key together") }
  }

  func run() async throws {
    let environment = ProcessInfo.processInfo.environment
    guard globals.url == nil else {
      Console.error("error: serve serves a data directory (--data), not --url\n")
      throw ExitCode(ExitStatus.usage.rawValue)
    }
    let address = try ListenAddress(listen)
    let keys = APIKeys(
      full: globals.apiKey ?? environment["RAGOPS_API_KEY"],
      readOnly: readOnlyApiKey ?? environment["RAGOPS_READ_ONLY_API_KEY"]
    )
    guard address.isLoopback || keys.isRequired else {
      Console.error(
        "error: \(address.host) is reachable from other machines; give --api-key (or $RAGOPS_API_KEY) to listen there\n"
      )
      throw ExitCode(ExitStatus.usage.rawValue)
    }
    let directory = DataDirectory.resolve(explicit: globals.data, environment: environment)
    let backend: any Backend
    do {
      backend = try BackendChoice.openEmbedded(directory: directory, readOnly: globals.readOnly)
    } catch {
      let report = FailureReport(error)
      Console.error("error: \(report.message)\n")
      throw ExitCode(report.status.rawValue)
    }
    for note in backend.openingNotes { Console.error("recovered: \(note)\n") }
    // The backup schedules run beside the server, as in the console (not when read-only).
    let stopScheduler = Latch()
    let scheduler = BackgroundScheduler.start(
      for: backend, stop: stopScheduler, log: { line in Console.error("scheduler: \(line)\n") })
    // A backup in progress finishes (and is verified) before the store closes.
    func stopSchedulerAndClose(after status: ExitStatus) -> ExitStatus {
      stopScheduler.open()
      scheduler?.wait()
      return backend.close(after: status) { Console.error($0 + "\n") }
    }
    let server = QdrantServer(
      backend: backend,
      options: QdrantServer.Options(
        host: address.host, port: address.port, keys: keys, maximumRequestBytes: maxRequestMb << 20,
        drainSeconds: shutdownGrace,
        tls: tlsCert.flatMap { certificate in tlsKey.map { (certificate, $0) } }))
    let scheme = tlsCert == nil ? "http" : "https"
    do {
      try await server.run { host, port in
        Console.out("ragops serve: listening on \(scheme)://\(host):\(port) (data \(directory))\n")
      }
    } catch let error as ServerSetupError {
      Console.error("error: \(error.message)\n")
      _ = stopSchedulerAndClose(after: .usage)
      throw ExitCode(ExitStatus.usage.rawValue)
    } catch {
      Console.error("error: the server stopped: \(error)\n")
      _ = stopSchedulerAndClose(after: .commandFailed)
      throw ExitCode(ExitStatus.commandFailed.rawValue)
    }
    let status = stopSchedulerAndClose(after: .success)
    Console.error("ragops serve: stopped; the data directory is closed\n")
    if status != .success { throw ExitCode(status.rawValue) }
  }
}

/// A `host:port` to listen on.
struct ListenAddress {
  /// The host or address.
  var host: String
  /// The port (0 for any free one).
  var port: Int

  /// Reads `host:port` (`[::1]:6333` for IPv6).
  init(_ text: String) throws {
    guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
      (0...65_535).contains(port)
    else { throw ValidationError("--listen must be host:port, such as 127.0.0.1:6333") }
    var host = String(text[..<colon])
    if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
    guard !host.isEmpty else { throw ValidationError("--listen needs a host, such as 127.0.0.1:6333") }
    self.host = host
    self.port = port
  }

  /// Whether only this machine can reach the address.
  var isLoopback: Bool { host == "localhost" || host == "::1" || host.hasPrefix("127.") }
}
