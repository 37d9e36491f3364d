import CrashPointSupport
import Foundation
import Testing
@testable import VectorEngine

/// The crash recorder logs what the crash model needs, and the model gives each crash point
/// the states its header promises: durable changes kept, pending ones applied, dropped, names
/// only, or the last write torn.
struct CrashRecorderTests {
  /// Bytes of a file in a state's tree, or `nil` when the name is not there.
  private func file(_ path: String, in state: CrashState) throws -> [UInt8]? {
    let scratch = try CrashScratchDirectory()
    try state.tree.write(to: scratch.path + "/tree")
    return FileManager.default.contents(atPath: scratch.path + "/tree/" + path).map { [UInt8]($0) }
  }

  /// The state of `variant` at point `k`, which must exist.
  private func state(_ model: CrashModel, _ k: Int, _ variant: CrashState.Variant) throws -> CrashState {
    try #require(model.states(at: k).first { $0.variant == variant }, "no \(variant) state at \(k)")
  }

  @Test func onlyCallsUnderTheDirectoryAreLoggedAndOnlyUntilStopped() throws {
    let scratch = try CrashScratchDirectory()
    let inside = scratch.path + "/inside"
    try FileManager.default.createDirectory(atPath: inside, withIntermediateDirectories: false)
    let recorder = CrashRecorder.start(under: inside)
    try DurableFile.publish(Array("in".utf8), as: "a", in: inside)
    try DurableFile.publish(Array("out".utf8), as: "b", in: scratch.path)
    recorder.stop()
    try DurableFile.publish(Array("later".utf8), as: "c", in: inside)
    // The publish of `a`: temporary file opened, written, synced, closed, renamed, folder synced.
    let kinds = recorder.operations.map { operation -> String in
      switch operation {
      case .open(_, let path, true) where path.hasPrefix(inside + "/.tmp-a-"): "create"
      case .write(_, _, 0, let bytes) where bytes == Array("in".utf8): "write"
      case .sync(_, let path) where path == inside: "sync folder"
      case .sync: "sync file"
      case .close: "close"
      case .rename(_, let to) where to == inside + "/a": "rename"
      default: "unexpected \(operation)"
      }
    }
    #expect(kinds == ["create", "write", "sync file", "close", "rename", "sync folder"])
  }

  @Test func aPublishedFileIsNewOnlyOnceItsFolderIsSyncedAndNeverEmpty() throws {
    let scratch = try CrashScratchDirectory()
    try DurableFile.publish(Array("old".utf8), as: "f", in: scratch.path)
    let workload = try CrashWorkload(directory: scratch.path, start: 0)
    try DurableFile.publish(Array("new".utf8), as: "f", in: workload.directory)
    let model = try workload.finish()
    #expect(model.pointCount == 7)
    for k in 0..<model.pointCount {
      for state in model.states(at: k) {
        let found = try file("f", in: state)
        // Old until the rename (call 4), either after it, new once the folder is synced (call 5).
        let allowed: [[UInt8]] =
          k <= 4 ? [Array("old".utf8)] : k == 5 ? [Array("old".utf8), Array("new".utf8)] : [Array("new".utf8)]
        #expect(found.map { allowed.contains($0) } == true, "point \(k) \(state.variant): \(String(describing: found))")
      }
    }
    // Before the folder sync, losing the rename is one of the states.
    #expect(try file("f", in: state(model, 5, .dropped)) == Array("old".utf8))
  }

  @Test func anUnsyncedWriteIsAppliedDroppedOrTornAndANameAloneCanSurvive() throws {
    let scratch = try CrashScratchDirectory()
    let workload = try CrashWorkload(directory: scratch.path, start: 0)
    let descriptor = try System.open(workload.directory + "/log", .writeOnly, create: true, exclusive: true)
    try System.syncDirectory(workload.directory)
    try descriptor.writeAll([UInt8](repeating: 7, count: 1_000))
    descriptor.close()
    let model = try workload.finish()
    // Calls: open/create, fsync(folder), write, close. A crash after the write:
    #expect(try file("log", in: state(model, 3, .applied)) == [UInt8](repeating: 7, count: 1_000))
    #expect(try file("log", in: state(model, 3, .dropped)) == [])
    #expect(try file("log", in: state(model, 3, .tornPrefix)) == [UInt8](repeating: 7, count: 512))
    #expect(try file("log", in: state(model, 3, .tornZeros)) == [UInt8](repeating: 0, count: 1_000))
    // Before the folder sync the file may be gone; a name created with data pending may
    // survive without the data.
    #expect(try file("log", in: state(model, 1, .dropped)) == nil)
    let unsyncedName = try CrashScratchDirectory()
    let second = try CrashWorkload(directory: unsyncedName.path, start: 0)
    let other = try System.open(second.directory + "/x", .writeOnly, create: true, exclusive: true)
    try other.writeAll([1, 2, 3])
    other.close()
    let secondModel = try second.finish()
    #expect(try file("x", in: state(secondModel, 2, .namesOnly)) == [])
  }
}
