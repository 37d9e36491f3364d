import Foundation

/// A fresh folder for a crash-point test, removed when the value is released.
///
/// Every crash state is written and opened, and opening a data directory fsyncs: on a disk
/// that is most of the time a check takes, and none of what it checks (nothing crashes while
/// checking). So the folder is made in a memory file system (`/dev/shm`) when the machine has
/// one, else in the temporary folder. The workload's recorded calls are the same either way.
package final class CrashScratchDirectory {
  /// The folder's path.
  package let path: String

  /// Creates the folder, named after `label`.
  package init(_ label: String = #function) throws {
    let memory = "/dev/shm"
    var isFolder: ObjCBool = false
    let base =
      FileManager.default.fileExists(atPath: memory, isDirectory: &isFolder) && isFolder.boolValue
        && FileManager.default.isWritableFile(atPath: memory)
      ? memory + "/" : NSTemporaryDirectory()
    let safe = label.filter { $0.isLetter || $0.isNumber }
    path = base + "ragops-crash-\(safe)-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  deinit {
    try? FileManager.default.removeItem(atPath: path)
  }
}
