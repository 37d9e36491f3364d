/// Turns physical lines into ``ScriptLine``s: joins continuations, drops blank and comment lines.
///
/// A physical line whose only problem is a backslash at its end continues on the next line.
/// The backslash becomes a space and the next line is appended, so columns keep counting
/// from the first line. Shared by ``Script`` (whole text) and ``ScriptReader`` (streaming).
struct ScriptLineAssembler {
  /// The joined text so far and its first line number, while a continuation is open.
  private var pending: (number: Int, text: String)?

  /// Adds physical line `number`; returns a command when one is complete and not empty.
  ///
  /// - Complexity: O(n) in the length of the joined line.
  mutating func add(_ line: String, number: Int) -> ScriptLine? {
    let first = pending?.number ?? number
    let text = (pending?.text ?? "") + line
    pending = nil
    do {
      let tokens = try ScriptTokenizer.tokenize(text)
      if tokens.isEmpty { return nil }
      return ScriptLine(number: first, lastNumber: number, text: text, tokens: .success(tokens))
    } catch {
      if error.kind == .trailingBackslash {
        pending = (first, String(text.dropLast()) + " ")
        return nil
      }
      return ScriptLine(number: first, lastNumber: number, text: text, tokens: .failure(error))
    }
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
}
