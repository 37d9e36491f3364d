/// Reads script commands from a file descriptor one line at a time, as they arrive.
///
/// `next()` returns as soon as a complete command is buffered; it blocks only when it needs
/// more input, and reads whatever is available rather than waiting for a full buffer. That
/// makes `--batch -` interactive: a program writes a command, reads its result, writes the next.
public struct ScriptReader: ~Copyable {
  /// The longest physical line accepted, in bytes.
  public static let maximumLineLength = 1 << 20

  /// The script's name, used in errors.
  public let name: String
  private var input: InputBuffer
  private var assembler = ScriptLineAssembler()
  private var lineNumber = 0
  private var finished = false

  /// Creates a reader over `descriptor`, which stays open and owned by the caller.
  public init(descriptor: Int32, name: String) {
    self.name = name
    self.input = InputBuffer(
      source: ByteSource(borrowing: descriptor), capacity: 64 << 10,
      maximumCapacity: Self.maximumLineLength)
  }

  /// The next command, or `nil` at the end of input.
  ///
  /// Blank and comment-only lines are skipped. A line that cannot be tokenized is returned
  /// with its ``ScriptSyntaxError`` so the caller can report it and decide whether to go on.
  ///
  /// - Complexity: O(n) in the length of the command's lines.
  /// - Throws: ``ScriptReadError`` when reading fails or a line exceeds
  ///   ``maximumLineLength``.
  public mutating func next() throws(ScriptReadError) -> ScriptLine? {
    while !finished {
      let bytes: UnsafeRawBufferPointer?
      do {
        bytes = try input.nextLine()
      } catch {
        throw ScriptReadError(name: name, message: error.message(lineNumber: lineNumber + 1))
      }
      guard let bytes else {
        finished = true
        return assembler.finish(lastNumber: lineNumber)
      }
      lineNumber += 1
      if let line = assembler.add(Script.decode(bytes), number: lineNumber) { return line }
    }
    return nil
  }
}

extension ScriptReader: Sendable {}
