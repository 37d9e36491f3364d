public import Foundation

/// The commands of a batch file, split into lines and tokens.
///
/// Blank lines and lines holding only a comment are left out, so every ``lines`` element is a
/// command to run or a syntax error to report. A line ending in an unquoted backslash continues
/// on the next one; see ``ScriptLine`` for how columns count then. Lines end at `\n`, and a
/// `\r` before it is dropped, so files with Windows line endings read the same.
public struct Script: Hashable {
  /// The name used in messages, usually the file's path.
  public var name: String
  /// The commands, in order.
  public var lines: [ScriptLine]

  /// Splits the text of a script.
  ///
  /// - Complexity: O(n) in the length of `text`.
  public init(text: String, name: String) {
    self.name = name
    var assembler = ScriptLineAssembler()
    var lines: [ScriptLine] = []
    var number = 0
    var physicalLines = text.utf8.split(
      separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
    // A final newline ends the last line; it does not start an empty one.
    if physicalLines.count > 1, physicalLines.last?.isEmpty == true { physicalLines.removeLast() }
    for physical in physicalLines {
      number += 1
      if let line = assembler.add(Self.decode(physical), number: number) { lines.append(line) }
    }
    if let line = assembler.finish(lastNumber: number) { lines.append(line) }
    self.lines = lines
  }

  /// A reader that yields each command of `handle` as soon as its line has arrived.
  ///
  /// Use it for `--batch -`: a program feeding commands through a pipe gets each result
  /// before it sends the next command. The handle is not closed by the reader.
  public static func lines(from handle: FileHandle, name: String = "stdin") -> ScriptReader {
    ScriptReader(descriptor: handle.fileDescriptor, name: name)
  }

  /// Decodes one physical line, dropping a final carriage return; invalid UTF-8 becomes U+FFFD.
  static func decode(_ bytes: some BidirectionalCollection<UInt8>) -> String {
    if bytes.last == UInt8(ascii: "\r") {
      return String(decoding: bytes.dropLast(), as: UTF8.self)
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}

extension Script: Sendable {}
