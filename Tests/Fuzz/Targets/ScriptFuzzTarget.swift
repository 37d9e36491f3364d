@testable import Operations
@testable import VectorEngine

/// Batch scripts (`Script`, `ScriptTokenizer`, `ScriptReader`): the text split whole and
/// streamed from a file must give the same commands; every token's source columns and every
/// caret marker are computed.
enum ScriptFuzzTarget {
  /// Runs `input` as a batch script.
  static func run(_ input: [UInt8], in workspace: FuzzWorkspace) -> FuzzOutcome {
    let script = Script(text: FuzzBytes.text(input), name: "fuzz.rg")
    let streamed = workspace.withFreshFolder { folder in
      let path = folder + "/fuzz.rg"
      FuzzWorkspace.write(input, to: path)
      return stream(path)
    }
    precondition(
      streamed == script.lines, "ScriptReader and Script split the same bytes differently")
    var outcome = FuzzOutcome.accepted
    for line in script.lines {
      switch line.tokens {
      case .success(let tokens):
        for token in tokens {
          for offset in -1...(token.text.count + 1) {
            let column = token.sourceColumn(ofCharacterAt: offset)
            precondition(column >= token.column, "a token's character lies before the token")
            _ = line.caretMarker(atColumn: column)
          }
          _ = token.endColumn
        }
      case .failure(let error):
        outcome = .rejected
        _ = line.caretMarker(atColumn: error.column)
      }
    }
    return outcome
  }

  /// Every command `ScriptReader` reads from `path`.
  private static func stream(_ path: String) -> [ScriptLine] {
    var lines: [ScriptLine] = []
    do {
      let descriptor = try System.open(path, .readOnly)
      defer { descriptor.close() }
      var reader = ScriptReader(descriptor: descriptor.rawValue, name: "fuzz.rg")
      while let line = try reader.next() { lines.append(line) }
    } catch {
      fatalError("fuzz harness: cannot stream \(path): \(error)")
    }
    return lines
  }
}
