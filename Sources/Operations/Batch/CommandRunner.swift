import ArgumentParser
import Model

/// Runs operator commands from script lines and reports results and errors.
///
/// Text results go to `output` as tables; with `json` every result is one line
/// `{"command": …, "status": "ok", "result": …}`. Errors go to `errorOutput` as
/// `NAME:LINE:COL: error: message` (with the line and a caret under the column for usage
/// errors), and in JSON mode also to `output` as `{"status": "error", …}`.
public final class CommandRunner {
  /// The most words one command may have. The argument parser's work grows with the square of
  /// the words, so a script line (or a command continued over many lines) with more is a
  /// usage error at the first word past the cap, reported without parsing it.
  public static let maximumWordsPerCommand = 4_096

  /// How results are written and failures handled.
  public struct Options: Sendable {
    /// One JSON object per result.
    public var json: Bool
    /// Continue after a failed command.
    public var keepGoing: Bool

    /// Creates options.
    public init(json: Bool = false, keepGoing: Bool = false) {
      self.json = json
      self.keepGoing = keepGoing
    }
  }

  private let context: CommandContext
  private let options: Options
  private let output: (String) -> Void
  private let errorOutput: (String) -> Void

  /// Creates a runner.
  public init(
    context: CommandContext, options: Options, output: @escaping (String) -> Void,
    errorOutput: @escaping (String) -> Void
  ) {
    self.context = context
    self.options = options
    self.output = output
    self.errorOutput = errorOutput
  }

  /// A parsed line, or why it could not be parsed.
  private enum Parsed {
    case command(any OperatorCommand, ScriptLine)
    case help(String)
    case failure
  }

  /// Runs a whole script: checks every line first and runs nothing if one is malformed.
  ///
  /// - Returns: the exit status.
  public func run(script: Script) async -> ExitStatus {
    var parsed: [Parsed] = []
    var status = ExitStatus.success
    for line in script.lines {
      let result = parse(line, name: script.name)
      if case .failure = result { status = .usage }
      parsed.append(result)
    }
    if status != .success { return status }
    for entry in parsed {
      let outcome = await run(entry, name: script.name)
      status = max(status, outcome)
      if outcome != .success && !options.keepGoing { return outcome }
    }
    return status
  }

  /// Runs lines as they arrive (`--batch -`), each result written before the next is read.
  public func run(lines next: () throws -> ScriptLine?, name: String) async -> ExitStatus {
    var status = ExitStatus.success
    while true {
      let line: ScriptLine?
      do {
        line = try next()
      } catch {
        errorOutput("\(name): error: \(error)\n")
        return max(status, .commandFailed)
      }
      guard let line else { return status }
      let outcome = await run(parse(line, name: name), name: name)
      status = max(status, outcome)
      if outcome != .success && !options.keepGoing { return outcome }
    }
  }

  /// Runs one command parsed from the shell's own arguments.
  public func run(command: any OperatorCommand) async -> ExitStatus {
    let path = OperatorCommands.path(of: type(of: command))
    do {
      try command.checkArguments()
      write(try await command.execute(in: context), command: path)
      return .success
    } catch {
      let report = FailureReport(error, filterExpression: command.filterExpression)
      errorOutput("error: \(report.message)\n" + report.illustration.map { "  \($0)\n" }.joined())
      return report.status
    }
  }

  // MARK: Parsing

  private func parse(_ line: ScriptLine, name: String) -> Parsed {
    let tokens: [ScriptToken]
    switch line.tokens {
    case .success(let value): tokens = value
    case .failure(let error):
      reportUsage(name: name, line: line, column: error.column, message: error.message)
      return .failure
    }
    if tokens.count > Self.maximumWordsPerCommand {
      reportUsage(
        name: name, line: line, column: tokens[Self.maximumWordsPerCommand].column,
        message: "a command has at most \(Self.maximumWordsPerCommand) words; this one has \(tokens.count)")
      return .failure
    }
    let words = tokens.map(\.text)
    if let first = tokens.first, !first.text.hasPrefix("-"), !Self.commandNames.contains(first.text) {
      let suggestion = Self.closest(to: first.text).map { " (did you mean '\($0)'?)" } ?? ""
      reportUsage(name: name, line: line, column: first.column, message: "unknown command '\(first.text)'\(suggestion)")
      return .failure
    }
    let command: any ParsableCommand
    do {
      command = try OperatorCommands.parseAsRoot(words)
    } catch {
      if OperatorCommands.exitCode(for: error) == .success {
        return .help(OperatorCommands.fullMessage(for: error))
      }
      let message = OperatorCommands.message(for: error)
      reportUsage(name: name, line: line, column: column(ofFailure: message, in: tokens), message: message)
      return .failure
    }
    guard let operatorCommand = command as? any OperatorCommand else {
      // `help …`, `--help` or a group alone: ArgumentParser answers with help text.
      do {
        var helpCommand = command
        try helpCommand.run()
        return .help("")
      } catch {
        return .help(OperatorCommands.fullMessage(for: error))
      }
    }
    if !operatorCommand.globals.isEmpty {
      let flag = tokens.first { $0.text.hasPrefix("--data") || $0.text == "--json" || $0.text == "--read-only" }
      reportUsage(
        name: name, line: line, column: flag?.column ?? 1,
        message: "--data, --json and --read-only belong on the ragops command line, not in a script")
      return .failure
    }
    do {
      try operatorCommand.checkArguments()
    } catch {
      reportArgumentError(error, name: name, line: line, tokens: tokens)
      return .failure
    }
    return .command(operatorCommand, line)
  }

  private static let commandNames: Set<String> = Set(
    OperatorCommands.all.compactMap { $0.configuration.commandName } + ["help"])

  /// The known command name nearest to `word` by edit distance, if it is close.
  private static func closest(to word: String) -> String? {
    func distance(_ a: [Character], _ b: [Character]) -> Int {
      var previous = Array(0...b.count)
      for (i, x) in a.enumerated() {
        var current = [i + 1]
        for (j, y) in b.enumerated() {
          current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
        }
        previous = current
      }
      return previous[b.count]
    }
    let scored = commandNames.map { ($0, distance(Array(word), Array($0))) }.min {
      $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0)
    }
    guard let scored, scored.1 <= max(1, word.count / 3) else { return nil }
    return scored.0
  }

  /// The column of the word that makes the parser fail, found from the parser's behaviour
  /// rather than its wording: the shortest prefix of the line that fails with the same
  /// message ends at that word (found by bisection, since every longer prefix still holds it).
  /// A missing argument has no word of its own: when the message says so, or the command's
  /// own name already fails that way, the column is just past the end of the line.
  ///
  /// - Complexity: O(log n) parses of at most n words.
  private func column(ofFailure message: String, in tokens: [ScriptToken]) -> Int {
    let endOfLine = (tokens.last?.endColumn ?? 0) + 1
    if message.hasPrefix("Missing expected argument") { return endOfLine }
    let words = tokens.map(\.text)
    func failsAlike(_ count: Int) -> Bool {
      do {
        _ = try OperatorCommands.parseAsRoot(Array(words.prefix(count)))
        return false
      } catch {
        return OperatorCommands.message(for: error) == message
      }
    }
    var low = 1
    var high = words.count
    while low < high {
      let middle = (low + high) / 2
      if failsAlike(middle) { high = middle } else { low = middle + 1 }
    }
    guard !words.isEmpty, low > OperatorCommands.commandWordCount(of: words), failsAlike(low) else { return endOfLine }
    return tokens[low - 1].column
  }

  // MARK: Running

  private func run(_ parsed: Parsed, name: String) async -> ExitStatus {
    switch parsed {
    case .failure:
      return .usage
    case .help(let text):
      if !text.isEmpty { output(text.hasSuffix("\n") ? text : text + "\n") }
      return .success
    case .command(let command, let line):
      let path = OperatorCommands.path(of: type(of: command))
      do {
        let result = try await command.execute(in: context)
        write(result, command: path)
        return .success
      } catch {
        let report = FailureReport(error)
        guard report.status == .usage else {
          reportFailure(name: name, line: line, command: path, message: report.message)
          return report.status
        }
        // A malformed argument found only while running: reported at its column like a
        // parse error.
        guard let tokens = try? line.tokens.get() else { return .usage }
        reportArgumentError(error, name: name, line: line, tokens: tokens)
        return .usage
      }
    }
  }

  private func write(_ result: CommandResult, command: String) {
    if options.json {
      guard result.json != .null else { return }
      output(JSONWriter.compact(["command": .string(command), "status": "ok", "result": result.json]) + "\n")
    } else {
      let text = TextRenderer.render(result)
      if !text.isEmpty { output(text.hasSuffix("\n") ? text : text + "\n") }
    }
  }

  // MARK: Reporting

  private func reportArgumentError(_ error: any Error, name: String, line: ScriptLine, tokens: [ScriptToken]) {
    switch error {
    case let error as FilterSyntaxError:
      let column = sourceColumn(of: error, tokens: tokens)
      reportUsage(name: name, line: line, column: column, message: "filter: \(error.message)")
    case let error as ArgumentSyntaxError:
      let column =
        token(for: error.argument, in: tokens).map { token in
          token.sourceColumn(
            ofCharacterAt: Self.valueStart(of: token, argument: error.argument) + max(0, (error.offset ?? 1) - 1))
        } ?? 1
      reportUsage(name: name, line: line, column: column, message: error.message)
    default:
      let message = (error as? ValidationError)?.message ?? OperatorCommands.message(for: error)
      reportUsage(name: name, line: line, column: 1, message: message)
    }
  }

  /// Maps a filter error's column to the line: the token after `--filter` (or `--filter=`).
  private func sourceColumn(of filterError: FilterSyntaxError, tokens: [ScriptToken]) -> Int {
    for (index, token) in tokens.enumerated() {
      if token.text == "--filter", index + 1 < tokens.count {
        return tokens[index + 1].sourceColumn(ofCharacterAt: max(0, filterError.column - 1))
      }
      if token.text.hasPrefix("--filter=") {
        return token.sourceColumn(ofCharacterAt: 9 + max(0, filterError.column - 1))
      }
    }
    return 1
  }

  private func token(for argument: String, in tokens: [ScriptToken]) -> ScriptToken? {
    tokens.first { $0.text == argument } ?? tokens.first { $0.text.hasSuffix("=" + argument) }
  }

  private static func valueStart(of token: ScriptToken, argument: String) -> Int {
    token.text == argument ? 0 : token.text.count - argument.count
  }

  private func reportUsage(name: String, line: ScriptLine, column: Int, message: String) {
    errorOutput(
      "\(name):\(line.number):\(column): error: \(message)\n  \(line.text)\n  \(line.caretMarker(atColumn: column))\n")
    if options.json {
      output(
        JSONWriter.compact([
          "status": "error", "error": .string(message), "line": .int(Int64(line.number)), "column": .int(Int64(column)),
        ]) + "\n")
    }
  }

  private func reportFailure(name: String, line: ScriptLine, command: String, message: String) {
    errorOutput("\(name):\(line.number): error: \(message)\n")
    if options.json {
      output(
        JSONWriter.compact([
          "command": .string(command), "status": "error", "error": .string(message), "line": .int(Int64(line.number)),
        ]) + "\n")
    }
  }
}

extension OperatorCommand {
  /// Checks argument syntax (filters, JSON, ids) before anything runs; default: nothing.
  public func checkArguments() throws {}
}
