import Foundation
import TestSupport
import Testing

/// `--read-only` covers backups: every command that would change an archive, the catalog or a
/// schedule is refused from the shell, from `-c` and from scripts, and nothing changes.
struct BackupReadOnlyEndToEndTests {
  @Test func readOnlyRefusesEveryBackupChangeFromTheShellAndFromScripts() throws {
    let scratch = ScratchDirectory()
    let data = try BackupDataDirectory.prepare(scratch)
    let archive = try BackupDataDirectory.firstArchive(data)
    let listing = ["--data", data, "--json", "backup", "list", "--all"]
    let schedules = ["--data", data, "--json", "schedule", "list"]
    let before = try RagopsBinary.run(listing).standardOutput + RagopsBinary.run(schedules).standardOutput
    let commands = [
      "backup delete 1", "backup now", "backup now --collection docs", "backup restore 1 --as copy",
      "backup run --if-due", "schedule set other --every 1h", "schedule pause nightly", "schedule resume nightly",
      "schedule delete nightly", "schedule delete nightly --delete-backups",
    ]
    for command in commands {
      let direct = try RagopsBinary.run(
        ["--data", data, "--read-only"] + command.split(separator: " ").map(String.init))
      #expect(direct.status == 1, "\(command): \(direct.standardError)")
      #expect(direct.standardError.contains("is open read-only"), "\(command): \(direct.standardError)")
      let scripted = try RagopsBinary.run(["--data", data, "--read-only", "-c", command])
      #expect(scripted.status == 1, "-c \(command): \(scripted.standardError)")
      #expect(scripted.standardError.contains("is open read-only"), "-c \(command): \(scripted.standardError)")
    }
    let after = try RagopsBinary.run(listing).standardOutput + RagopsBinary.run(schedules).standardOutput
    #expect(after == before)
    #expect(FileManager.default.fileExists(atPath: archive))
    // Reading still works: the list, and verification (which marks nothing).
    let verify = try RagopsBinary.run(["--data", data, "--read-only", "backup", "verify", "1"])
    #expect(verify.status == 0, "\(verify.standardError)")
  }
}
