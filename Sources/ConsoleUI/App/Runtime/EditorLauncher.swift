import Foundation
import Model
import Operations

/// Edits a payload in the user's `$EDITOR` (or `vi`) through a private temporary file.
enum EditorLauncher {
  /// Why editing did not produce a payload.
  struct Failure: Error {
    /// What went wrong, never quoting the file.
    var message: String
  }

  /// Writes `payload` as pretty JSON, runs the editor on it, reads it back.
  ///
  /// - Parameter runOutside: hands the terminal to the editor for the duration.
  /// - Throws: ``Failure`` when the file cannot be written, the editor fails, or the result
  ///   is not a JSON object (the message gives the line and column, not the text).
  static func edit(_ payload: JSONObject, environment: [String: String], runOutside: (() -> Int32) -> Int32)
    throws(Failure) -> JSONObject
  {
    let directory = environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
    var template = Array((directory + "/ragops-payload-XXXXXX.json").utf8CString)
    let descriptor = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
      guard let base = buffer.baseAddress else { return -1 }
      return mkstemps(base, 5)
    }
    guard descriptor >= 0 else { throw Failure(message: "cannot create a temporary file in \(directory)") }
    let path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    defer { unlink(path) }
    let text = JSONWriter.pretty(.object(payload)) + "\n"
    let written = text.utf8CString.withUnsafeBufferPointer { write(descriptor, $0.baseAddress, $0.count - 1) }
    close(descriptor)
    guard written == text.utf8.count else { throw Failure(message: "cannot write the temporary file") }
    let editor =
      environment["VISUAL"].flatMap { $0.isEmpty ? nil : $0 } ?? environment["EDITOR"].flatMap { $0.isEmpty ? nil : $0 }
      ?? "vi"
    let status = runOutside {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/bin/sh")
      process.arguments = ["-c", editor + " \"$1\"", "sh", path]
      let exit: Latch
      do {
        exit = try process.startWatched()
      } catch {
        return -1
      }
      exit.wait()
      return process.terminationStatus
    }
    guard status == 0 else {
      throw Failure(message: "the editor (\(editor)) exited with status \(status); nothing saved")
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw Failure(message: "cannot read the edited file back")
    }
    let value: JSONValue
    do {
      value = try JSONParser.parse(Array(data))
    } catch {
      throw Failure(
        message: "the edited payload is not valid JSON (line \(error.line), column \(error.column)); nothing saved")
    }
    guard case .object(let object) = value else {
      throw Failure(message: "the edited payload must be a JSON object; nothing saved")
    }
    return object
  }
}
