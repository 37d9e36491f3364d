import CrashPointSupport
import Foundation
import Testing
@testable import VectorEngine

/// Files and folders the engine makes are durable when the call that made them returns.
struct DurableFileTests {
  @Test func everyFolderMadeIsThereAfterACrashOnceTheCallReturned() throws {
    let scratch = try CrashScratchDirectory()
    try FileManager.default.createDirectory(atPath: scratch.path + "/a", withIntermediateDirectories: false)
    let workload = try CrashWorkload(directory: scratch.path, start: 0)
    try DurableFile.makeDirectories(workload.directory + "/a/b/c")
    try DurableFile.makeDirectories(workload.directory + "/a/b/c")  // existing: nothing to do
    let model = try workload.finish()
    #expect(model.calls == ["mkdir a/b", "fsync a", "mkdir a/b/c", "fsync a/b"])
    let tree = scratch.path + "/tree"
    for state in model.states(at: model.pointCount - 1) {
      try state.tree.write(to: tree)
      var isFolder: ObjCBool = false
      #expect(FileManager.default.fileExists(atPath: tree + "/a/b/c", isDirectory: &isFolder) && isFolder.boolValue)
    }
  }
}
