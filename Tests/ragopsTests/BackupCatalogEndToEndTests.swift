import Foundation
import GRDB
import TestSupport
import Testing

/// A damaged or tampered catalog through the binary: refused, named, and nothing lost.
struct BackupCatalogEndToEndTests {
  @Test func anEmptyCatalogFileIsRefusedAndKept() throws {
    let scratch = ScratchDirectory()
    let data = try BackupDataDirectory.prepare(scratch)
    let catalog = data + "/catalog.sqlite"
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: catalog + suffix) }
    #expect(FileManager.default.createFile(atPath: catalog, contents: Data()))
    for command in [["backup", "list"], ["schedule", "list"], ["backup", "now"], ["backup", "run", "--if-due"]] {
      let result = try RagopsBinary.run(["--data", data] + command)
      #expect(result.status == 1, "\(command): \(result.standardError)")
      #expect(result.standardError.contains(catalog), "\(command): \(result.standardError)")
    }
    #expect(try FileManager.default.attributesOfItem(atPath: catalog)[.size] as? Int == 0)
  }

  @Test func aTamperedCatalogRowDeletesNothingOutside() throws {
    let scratch = ScratchDirectory()
    let data = try BackupDataDirectory.prepare(scratch)
    let victim = scratch.path + "/victim"
    try FileManager.default.createDirectory(atPath: victim, withIntermediateDirectories: true)
    _ = scratch.file("victim/keep.txt", contents: "precious")
    try DatabaseQueue(path: data + "/catalog.sqlite").write { db in
      try db.execute(sql: "UPDATE backups SET path = ? WHERE id = 1", arguments: [victim + "/keep.txt"])
    }
    let result = try RagopsBinary.run(["--data", data, "backup", "delete", "1"])
    #expect(result.status == 1)
    #expect(result.standardError.contains("backup 1"))
    #expect(FileManager.default.fileExists(atPath: victim + "/keep.txt"))
  }
}
