// What a crash may leave of a recorded workload: the file-system model of the crash-point tests.
//
// Input: the directory as it was before the workload (a `FileTree`), and the calls the
// engine made under it while the workload ran, as `CrashRecorder` logged them, in the order
// they returned. A crash at point k (0 ≤ k ≤ n for n logged calls) happens after the first k
// calls returned and before the next one did.
//
// The model assumes exactly this of the file system, and nothing more:
//   - Files and folders are inodes; a name is an entry of a folder. A descriptor refers to the
//     inode its path named when it was opened, whatever happens to the name afterwards.
//   - The directory as it was before the workload is durable.
//   - A change is durable at point k when a barrier among the first k calls, made after the
//     change, covers it:
//       - a write or truncation of a file: an fsync of that file;
//       - a name change (a file created by open, mkdir, rename, exchange, link, unlink,
//         rmdir): an fsync of every folder whose entries it changed.
//     An fsync of a file does not make its name durable, and an fsync of a folder does not
//     make the files in it durable.
//   - Every other change among the first k calls is pending. A crash leaves the durable
//     changes and one of these for the pending ones (variants that would repeat another
//     state are left out):
//       applied      every pending change happened (the process died, the kernel did not);
//       dropped      none happened (power was lost before any was written back);
//       namesOnly    the pending name changes happened, the pending writes and truncations
//                    did not (the metadata journal was committed before the data was written:
//                    what catches a rename of a file whose data was never fsynced);
//       tornPrefix   every pending change happened, but of the last pending write only a
//                    prefix arrived: up to the last 512-byte boundary of the file inside the
//                    write, or half of it when it lies within one sector;
//       tornZeros    every pending change happened, but the last pending write's bytes past
//                    the file's previous end read as zeros (the file grew, its new blocks
//                    were never written); its bytes before the previous end kept their old
//                    value. Only when the write grew the file.
//   - Changes are applied in the order they were logged, each to the inode it named; a name
//     whose folder is no longer reachable from the root is lost with that folder.
//
// Not modelled: any other reordering of pending changes (for instance a later rename durable
// while an earlier one is lost), tears at other offsets or of more than one write, metadata
// other than names and sizes (modes, times), and anything outside the directory.

import VectorEngine

/// The crash states of one recorded workload.
package struct CrashModel: Sendable {
  /// One logged call, resolved to the inodes it changed.
  enum Change: Sendable {
    /// `bytes` written at `offset` of file `node`.
    case write(node: Int, offset: Int, bytes: [UInt8])
    /// File `node` cut or grown to `size` bytes.
    case truncate(node: Int, size: Int)
    /// `name` in `folder` now names `node` (a creation, mkdir or link).
    case link(folder: Int, name: String, node: Int)
    /// `name` in `folder` no longer names `node` (unlink, rmdir).
    case unlink(folder: Int, name: String, node: Int)
    /// `fromName` in `fromFolder` (naming `node`) moves to `toName` in `toFolder`.
    case rename(fromFolder: Int, fromName: String, toFolder: Int, toName: String, node: Int)
    /// The two names swap the nodes they name (`first` and `second` before the swap).
    case exchange(firstFolder: Int, firstName: String, secondFolder: Int, secondName: String, first: Int, second: Int)

    /// Whether the change is to a name rather than to a file's bytes.
    var isName: Bool {
      switch self {
      case .write, .truncate: false
      default: true
      }
    }

    /// Whether the change is a write.
    var isWrite: Bool {
      if case .write = self { return true }
      return false
    }
  }

  /// The directory before the workload, plus an empty node for every inode the workload
  /// created (unnamed until a change names it).
  let initial: FileTree
  /// Each logged call, described for messages (paths relative to the directory).
  package let calls: [String]
  /// The change each logged call made (`nil`: a barrier, an open of an existing file, a close).
  let changes: [Change?]
  /// For each call, the crash point from which its change is durable (`Int.max`: never).
  let durableFrom: [Int]

  /// The data directory's `LOCK` and the files in `locks/`: their content is a pid, whose
  /// loss in a crash costs nothing (the lock itself dies with the process).
  package static func lockFiles(_ path: String) -> Bool {
    path == "LOCK" || (path.hasPrefix("locks/") && path.hasSuffix(".lock"))
  }

  /// How many crash points there are: one before each logged call, and one after the last.
  package var pointCount: Int { calls.count + 1 }

  /// Resolves the logged calls against the tree they started from.
  ///
  /// - Parameters:
  ///   - initial: The directory as it was when recording started.
  ///   - operations: The calls a recorder logged on that directory.
  ///   - prefix: The recorder's prefix (the directory's path ending in `/`).
  ///   - excluding: Relative paths of files left out of the model (not in `initial`): calls
  ///     on them change nothing.
  /// - Throws: ``CrashModelError`` when a call names a path the model does not know (the
  ///   workload changed the directory in a way the recorder does not see).
  /// - Complexity: O(n · path depth) for n calls.
  package init(
    initial: FileTree, operations: [CrashRecorder.Operation], prefix: String,
    excluding: @escaping (String) -> Bool = { _ in false }
  ) throws {
    var resolver = CrashModelResolver(tree: initial, prefix: prefix, excluding: excluding)
    var changes: [Change?] = []
    for operation in operations {
      changes.append(try resolver.resolve(operation))
    }
    self.initial = resolver.initial
    self.calls = operations.map { CrashModelResolver.describe($0, prefix: prefix) }
    self.changes = changes
    self.durableFrom = resolver.durableFrom
  }

  /// The distinct states a crash at point `k` may leave (see the file header).
  ///
  /// - Complexity: O(k) changes applied per state.
  package func states(at k: Int) -> [CrashState] {
    var durable: [Int] = []
    var pending: [Int] = []
    for index in 0..<k where changes[index] != nil {
      if durableFrom[index] <= k { durable.append(index) } else { pending.append(index) }
    }
    let all = (durable + pending).sorted()
    var states = [CrashState(point: k, variant: .applied, tree: apply(all))]
    guard !pending.isEmpty else { return states }
    states.append(CrashState(point: k, variant: .dropped, tree: apply(durable)))
    let pendingNames = pending.filter { changes[$0]?.isName == true }
    if !pendingNames.isEmpty && pendingNames.count < pending.count {
      states.append(CrashState(point: k, variant: .namesOnly, tree: apply((durable + pendingNames).sorted())))
    }
    if let torn = pending.last(where: { changes[$0]?.isWrite == true }) {
      if let tree = apply(all, tearing: torn, zeros: false) {
        states.append(CrashState(point: k, variant: .tornPrefix, tree: tree))
      }
      if let tree = apply(all, tearing: torn, zeros: true) {
        states.append(CrashState(point: k, variant: .tornZeros, tree: tree))
      }
    }
    return states
  }

  private func apply(_ indexes: [Int]) -> FileTree {
    var tree = initial
    for index in indexes {
      if let change = changes[index] { Self.apply(change, to: &tree) }
    }
    return tree
  }

  /// Applies `indexes` with the write at `torn` torn as the file header says; `nil` for
  /// zeros when that write did not grow its file.
  private func apply(_ indexes: [Int], tearing torn: Int, zeros: Bool) -> FileTree? {
    var tree = initial
    for index in indexes {
      guard let change = changes[index] else { continue }
      guard index == torn, case .write(let node, let offset, let bytes) = change else {
        Self.apply(change, to: &tree)
        continue
      }
      if zeros {
        // Growing the file reads as zeros past the old end; before it, the old bytes stay.
        guard offset + bytes.count > tree.size(of: node) else { return nil }
        tree.truncate(node, to: offset + bytes.count)
      } else {
        tree.write(bytes[..<Self.tornLength(offset: offset, count: bytes.count)], at: offset, of: node)
      }
    }
    return tree
  }

  /// How many bytes of a torn write of `count` bytes at `offset` arrive: up to the last
  /// 512-byte boundary of the file strictly inside the write, else half of it.
  static func tornLength(offset: Int, count: Int) -> Int {
    let boundary = (offset + count - 1) / 512 * 512
    return boundary > offset ? boundary - offset : count / 2
  }

  /// Applies one change to `tree`.
  static func apply(_ change: Change, to tree: inout FileTree) {
    switch change {
    case .write(let node, let offset, let bytes):
      tree.write(bytes[...], at: offset, of: node)
    case .truncate(let node, let size):
      tree.truncate(node, to: size)
    case .link(let folder, let name, let node):
      tree.setEntry(name, to: node, in: folder)
    case .unlink(let folder, let name, let node):
      if tree.entry(name, in: folder) == node { tree.setEntry(name, to: nil, in: folder) }
    case .rename(let fromFolder, let fromName, let toFolder, let toName, let node):
      if tree.entry(fromName, in: fromFolder) == node { tree.setEntry(fromName, to: nil, in: fromFolder) }
      tree.setEntry(toName, to: node, in: toFolder)
    case .exchange(let firstFolder, let firstName, let secondFolder, let secondName, let first, let second):
      tree.setEntry(firstName, to: second, in: firstFolder)
      tree.setEntry(secondName, to: first, in: secondFolder)
    }
  }
}
