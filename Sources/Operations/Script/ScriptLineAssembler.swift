/// Turns physical lines into ``ScriptLine``s: joins continuations, drops blank and comment lines.
///
/// A physical line whose only problem is a backslash at its end continues on the next line.
/// The backslash becomes a space and the next line is appended, so columns keep counting
/// from the first line. Shared by ``Script`` (whole text) and ``ScriptReader`` (streaming).
///
/// A command continued over many lines costs time linear in its length: each continuation
/// line is tokenized on its own to see whether it continues too (at a join the tokenizer is
/// outside quotes, at the start of a token, just as at the start of a line), the joined text
/// grows in place, and the whole command is tokenized once, when its last line arrives.
struct ScriptLineAssembler {
  /// The joined text so far and its first line number, while a continuation is open.
  private var pending: (number: Int, text: String)?

  /// Adds physical line `number`; returns a command when one is complete and not empty.
  ///
  /// - Complexity: O(n) in the length of `line`, plus O(m) in the length of the joined
  ///   command when this line completes it.
  mutating func add(_ line: String, number: Int) -> ScriptLine? {
    guard var open = pending else { return complete(line, first: number, last: number) }
    pending = nil
    if Self.endsInContinuation(line) {
      open.text.append(contentsOf: Self.continued(line))
      pending = open
      return nil
    }
    open.text.append(contentsOf: line)
    return complete(open.text, first: open.number, last: number)
  }

  /// Ends the input; returns an error line when the last line asked for a continuation.
  mutating func finish(lastNumber: Int) -> ScriptLine? {
    guard let open = pending else { return nil }
    pending = nil
    let text = String(open.text.dropLast()) + "\\"
    let error = ScriptSyntaxError(
      kind: .trailingBackslash,
      message: "the last line ends with a backslash but no line follows", column: text.count)
    return ScriptLine(
      number: open.number, lastNumber: lastNumber, text: text, tokens: .failure(error))
  }

  /// Tokenizes the command `text` (lines `first` to `last`), or opens a continuation.
  private mutating func complete(_ text: String, first: Int, last: Int) -> ScriptLine? {
    do {
      let tokens = try ScriptTokenizer.tokenize(text)
      if tokens.isEmpty { return nil }
      return ScriptLine(number: first, lastNumber: last, text: text, tokens: .success(tokens))
    } catch {
      if error.kind == .trailingBackslash {
        pending = (first, Self.continued(text))
        return nil
      }
      return ScriptLine(number: first, lastNumber: last, text: text, tokens: .failure(error))
    }
  }

  /// Whether `line`, read from the start of a token outside quotes, ends in a backslash that
  /// escapes nothing (and has no other error before it).
  private static func endsInContinuation(_ line: String) -> Bool {
    do {
      _ = try ScriptTokenizer.tokenize(line)
      return false
    } catch {
      return error.kind == .trailingBackslash
    }
  }

  /// `line` with its final backslash replaced by a space.
  private static func continued(_ line: String) -> String {
    String(line.dropLast()) + " "
  }
}
