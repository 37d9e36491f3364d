import ArgumentParser
import ConsoleUI
import Foundation
import Operations
import Model

/// `ragops`: the console, `--batch`, `-c` and every operator command from the shell.
@main
struct Ragops: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ragops",
    abstract: "Operate the vector store behind a RAG system: an embedded engine and its console.",
    discussion: """
      With no command, ragops opens the console on a terminal (and prints the collections \
      table when standard input or output is not a terminal). Every command below also runs from a script with --batch or \
      -c, one command per line. Exit codes: 0 ok, 1 a command failed, 2 a parse or usage error, \
      3 the data directory is locked by another process.
      """,
    version: BackendChoice.embeddedVersion,
    subcommands: OperatorCommands.all + [ServeCommand.self, SchedulerCommand.self, BenchGroup.self])

  @OptionGroup var globals: GlobalOptions

  @Option(
    name: .customLong("batch"),
    help: ArgumentHelp("Run the commands in FILE (- for standard input), one per line.", valueName: "file"))
  var batch: String?

  @Option(name: .customShort("c"), help: ArgumentHelp("Run one command.", valueName: "command"))
  var command: String?

  @Flag(name: .customLong("keep-going"), help: "With --batch, continue after a failed command.")
  var keepGoing = false

  @Flag(name: .long, help: "Use the demo data directory, creating it with sample collections on first run.")
  var demo = false

  @Option(
    name: .long,
    help: ArgumentHelp(
      "The console's theme: a name or a .toml path (default $RAGOPS_THEME, then qdrant-dark; NO_COLOR selects mono).",
      valueName: "name|path"))
  var theme: String?

  @Flag(name: .long, help: "Report mouse clicks and the wheel to the console (Shift-drag still selects text).")
  var mouse = false

  func validate() throws {
    if batch != nil && command != nil { throw ValidationError("give either --batch or -c, not both") }
  }

  static func main() async {
    let arguments = Array(CommandLine.arguments.dropFirst())
    let parsed: any ParsableCommand
    do {
      parsed = try parseAsRoot(arguments)
    } catch {
      let status: ExitStatus = exitCode(for: error) == .success ? .success : .usage
      let text = fullMessage(for: error)
      if status == .success { Console.out(text + "\n") } else { Console.error(text + "\n") }
      Foundation.exit(status.rawValue)
    }
    if let root = parsed as? Ragops {
      Foundation.exit(await root.runRoot().rawValue)
    } else if let runner = parsed as? BackupRunCommand {
      let directory = DataDirectory.resolve(
        explicit: runner.globals.data, environment: ProcessInfo.processInfo.environment)
      let (status, result) = runner.runStandalone(dataDirectory: directory) { Console.error($0 + "\n") }
      if let result {
        if runner.globals.json {
          let status: JSONValue = status == .success ? "ok" : "error"
          Console.out(JSONWriter.compact(["command": "backup run", "status": status, "result": result.json]) + "\n")
        } else {
          let text = TextRenderer.render(result)
          Console.out(text.hasSuffix("\n") ? text : text + "\n")
        }
      }
      Foundation.exit(status.rawValue)
    } else if let operatorCommand = parsed as? any OperatorCommand {
      Foundation.exit(await Self.runDirect(operatorCommand).rawValue)
    } else {
      // A command of its own (`scheduler`, `bench …`), `--help`, `help …`, or a group without a
      // subcommand: ArgumentParser's own behaviour. An async command must be awaited: its
      // synchronous `run()` only prints help.
      do {
        if var command = parsed as? any AsyncParsableCommand {
          try await command.run()
        } else {
          var command = parsed
          try command.run()
        }
        Foundation.exit(ExitStatus.success.rawValue)
      } catch let code as ExitCode {
        // The command reported its failure itself; its status stands.
        Foundation.exit(code.rawValue)
      } catch {
        let success = exitCode(for: error) == .success
        let text = fullMessage(for: error)
        if success { Console.out(text + "\n") } else { Console.error(text + "\n") }
        Foundation.exit(success ? ExitStatus.success.rawValue : ExitStatus.usage.rawValue)
      }
    }
  }

  private func runRoot() async -> ExitStatus {
    let directory =
      demo
      ? Self.demoDirectory(globals.data)
      : DataDirectory.resolve(explicit: globals.data, environment: ProcessInfo.processInfo.environment)
    // The demo is a data directory of its own: never a server named by --url or $QDRANT_URL.
    if demo && (globals.url != nil || globals.apiKey != nil || globals.cacert != nil) {
      Console.error("error: --demo uses a data directory of its own; it does not take --url, --api-key or --cacert\n")
      return .usage
    }
    return await Self.withBackend(directory: directory, globals: globals, remote: !demo) {
      (backend) async throws(StoreError) in
      if demo, try await DemoData.install(into: backend) {
        do throws(BackupError) {
          try DemoData.installBackups(into: backend)
        } catch {
          Console.error("warning: demo backups: \(error.message)\n")
        }
        Console.error("created demo data in \(directory)\n")
      }
      let runner = CommandRunner(
        context: CommandContext(backend: backend, standardInputIsFree: batch != "-"),
        options: .init(json: globals.json, keepGoing: keepGoing), output: Console.out, errorOutput: Console.error)
      if let batch {
        if batch == "-" {
          var reader = Script.lines(from: FileHandle.standardInput, name: "stdin")
          return await runner.run(lines: { try reader.next() }, name: "stdin")
        }
        guard let data = FileManager.default.contents(atPath: batch) else {
          Console.error("\(batch): error: cannot read the script file\n")
          return .commandFailed
        }
        return await runner.run(script: Script(text: String(decoding: data, as: UTF8.self), name: batch))
      }
      if let command {
        return await runner.run(script: Script(text: command, name: "-c"))
      }
      if isatty(0) == 1 && isatty(1) == 1 {
        return await openConsole(backend)
      }
      Console.out("ragops \(backend.version) · \(backend.location)\n\n")
      return await runner.run(script: Script(text: "collections", name: "ragops"))
    }
  }

  /// Runs the interactive console on the terminal.
  private func openConsole(_ backend: any Backend) async -> ExitStatus {
    let options = ConsoleApp.Options(
      backend: backend, theme: theme, mouse: mouse, readOnly: globals.readOnly || backend.isReadOnly,
      environment: ProcessInfo.processInfo.environment)
    do {
      // The console's loop owns the main thread; engine work runs in its worker task.
      try await MainActor.run { try ConsoleApp.run(options) }
      return .success
    } catch let error as ThemeError {
      // A theme the user named is a usage error.
      Console.error("error: \(error)\n")
      return .usage
    } catch {
      let report = FailureReport(error)
      Console.error("error: \(report.message)\n")
      return report.status
    }
  }

  private static func runDirect(_ command: any OperatorCommand) async -> ExitStatus {
    let directory = DataDirectory.resolve(
      explicit: command.globals.data, environment: ProcessInfo.processInfo.environment)
    return await withBackend(directory: directory, globals: command.globals) {
      (backend) async throws(StoreError) in
      let runner = CommandRunner(
        context: CommandContext(backend: backend), options: .init(json: command.globals.json),
        output: Console.out, errorOutput: Console.error)
      return await runner.run(command: command)
    }
  }

  /// Opens the backend the options name (a Qdrant endpoint unless `remote` is false, else the
  /// data directory), runs `body`, then closes it (an embedded one seals large unsealed
  /// segments).
  private static func withBackend(
    directory: String, globals: GlobalOptions, remote: Bool = true,
    _ body: (any Backend) async throws(StoreError) -> ExitStatus
  ) async -> ExitStatus {
    do {
      let backend: any Backend
      if remote, let endpoint = try globals.remoteEndpoint(environment: ProcessInfo.processInfo.environment) {
        backend = try await BackendChoice.openQdrant(endpoint, readOnly: globals.readOnly)
      } else {
        backend = try BackendChoice.openEmbedded(directory: directory, readOnly: globals.readOnly)
      }
      let status = try await body(backend)
      for note in backend.openingNotes { Console.error("recovered: \(note)\n") }
      return backend.close(after: status) { Console.error($0 + "\n") }
    } catch {
      let report = FailureReport(error)
      Console.error("error: \(report.message)\n")
      return report.status
    }
  }

  private static func demoDirectory(_ explicit: String?) -> String {
    if let explicit { return explicit }
    return DataDirectory.resolve(explicit: nil, environment: ProcessInfo.processInfo.environment) + "-demo"
  }
}

/// Unbuffered standard output and error, so each result is visible before the next command
/// runs (a driving process can wait for it).
enum Console {
  static func out(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
  }

  static func error(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
  }
}
