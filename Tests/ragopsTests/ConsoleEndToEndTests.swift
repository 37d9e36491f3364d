import Foundation
import Testing

/// The console driven through a pseudo-terminal by `Tests/e2e/console_e2e.py` (pyte and
/// pexpect): demo opens, a collection's points are filtered, a snapshot is taken and listed,
/// `q` quits and the terminal is restored. Fails, never skips, when the test Python or its
/// modules are missing (`.ci/deps` installs them).
struct ConsoleEndToEndTests {
  @Test func theConsoleWorksThroughAPseudoTerminal() throws {
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("e2e/console_e2e.py").path
    #expect(TestPython.missing == nil, "\(TestPython.missing ?? "")")
    let output = try RagopsBinary.run([script, RagopsBinary.path], executable: TestPython.path)
    #expect(output.status == 0, "\(output.standardError)")
    #expect(output.standardOutput.contains("console end-to-end: ok"))
  }
}
