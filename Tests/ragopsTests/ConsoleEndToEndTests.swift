import Foundation
import Testing

/// The console driven through a pseudo-terminal by `Tests/e2e/console_e2e.py` (pyte and
/// pexpect): demo opens, a collection's points are filtered, a snapshot is taken and listed,
/// `q` quits and the terminal is restored. Fails, never skips, when Python or its modules are
/// missing (`.ci/run` installs them).
struct ConsoleEndToEndTests {
  @Test func theConsoleWorksThroughAPseudoTerminal() throws {
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("e2e/console_e2e.py").path
    let output = try RagopsBinary.run(["python3", script, RagopsBinary.path], executable: "/usr/bin/env")
    #expect(output.status == 0, "\(output.standardError)")
    #expect(output.standardOutput.contains("console end-to-end: ok"))
  }
}
