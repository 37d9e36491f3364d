import Foundation

/// An in-memory copy of a directory tree as inodes: files hold bytes, folders hold names of
/// other inodes. Crash states are built on it (see ``CrashModel``) and written to disk with
/// ``write(to:)``.
///
/// Node 0 is the root folder. A node no folder names (a file created and never linked, or
/// whose name a crash lost) is not written.
package struct FileTree: Sendable, Equatable {
  /// One inode.
  package enum Node: Sendable, Equatable {
    /// A regular file and its bytes.
    case file([UInt8])
    /// A folder: name → node.
    case folder([String: Int])
  }

  /// Every node, by number.
  var nodes: [Node]

  /// The root folder's node number.
  package static let root = 0

  /// An empty root folder.
  package init() {
    nodes = [.folder([:])]
  }

  /// Reads the tree under `path` (regular files and folders; anything else is an error).
  ///
  /// - Parameter excluding: relative paths (`a/b`) left out, with everything below them.
  /// - Complexity: O(total size of the files).
  package static func read(from path: String, excluding: (String) -> Bool = { _ in false }) throws -> FileTree {
    var tree = FileTree()
    try tree.readFolder(path, into: root, relative: "", excluding: excluding)
    return tree
  }

  private mutating func readFolder(
    _ path: String, into folder: Int, relative: String, excluding: (String) -> Bool
  ) throws {
    let manager = FileManager.default
    for name in try manager.contentsOfDirectory(atPath: path).sorted() {
      let childRelative = relative.isEmpty ? name : relative + "/" + name
      if excluding(childRelative) { continue }
      let childPath = path + "/" + name
      let type = try manager.attributesOfItem(atPath: childPath)[.type] as? FileAttributeType
      switch type {
      case .typeDirectory?:
        let child = add(.folder([:]))
        setEntry(name, to: child, in: folder)
        try readFolder(childPath, into: child, relative: childRelative, excluding: excluding)
      case .typeRegular?:
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: childPath)))
        setEntry(name, to: add(.file(bytes)), in: folder)
      default:
        throw CocoaError(.fileReadUnknown, userInfo: [NSFilePathErrorKey: childPath])
      }
    }
  }

  /// Adds an unnamed node and returns its number.
  mutating func add(_ node: Node) -> Int {
    nodes.append(node)
    return nodes.count - 1
  }

  /// The node `name` names in `folder`, if any.
  func entry(_ name: String, in folder: Int) -> Int? {
    guard case .folder(let entries) = nodes[folder] else { return nil }
    return entries[name]
  }

  /// Makes `name` in `folder` name `node` (or removes the name when `node` is `nil`).
  mutating func setEntry(_ name: String, to node: Int?, in folder: Int) {
    guard case .folder(var entries) = nodes[folder] else { return }
    nodes[folder] = .folder([:])  // drop the reference, so the edit below does not copy
    entries[name] = node
    nodes[folder] = .folder(entries)
  }

  /// Writes `bytes` at `offset` of file `node`, growing it with zeros as needed.
  mutating func write(_ bytes: ArraySlice<UInt8>, at offset: Int, of node: Int) {
    guard case .file(var content) = nodes[node] else { return }
    nodes[node] = .file([])
    if content.count < offset + bytes.count {
      content += [UInt8](repeating: 0, count: offset + bytes.count - content.count)
    }
    // Copied as memory: this runs for every write of every crash state, in debug builds.
    content.withUnsafeMutableBytes { target in
      bytes.withUnsafeBytes { source in
        guard let base = source.baseAddress, let destination = target.baseAddress else { return }
        (destination + offset).copyMemory(from: base, byteCount: source.count)
      }
    }
    nodes[node] = .file(content)
  }

  /// Sets the size of file `node`, cutting or growing it with zeros.
  mutating func truncate(_ node: Int, to size: Int) {
    guard case .file(var content) = nodes[node] else { return }
    nodes[node] = .file([])
    if content.count > size {
      content.removeLast(content.count - size)
    } else {
      content += [UInt8](repeating: 0, count: size - content.count)
    }
    nodes[node] = .file(content)
  }

  /// The size of file `node` (0 for a folder).
  func size(of node: Int) -> Int {
    if case .file(let content) = nodes[node] { return content.count }
    return 0
  }

  /// The node at the relative path `components` from the root, if every step exists.
  func resolve(_ components: [String]) -> Int? {
    var current = Self.root
    for component in components {
      guard let next = entry(component, in: current) else { return nil }
      current = next
    }
    return current
  }

  /// Replaces whatever is at `path` by this tree (folders 0700, files 0600). Nodes no folder
  /// reaches from the root are not written.
  ///
  /// - Complexity: O(total size of the reachable files).
  package func write(to path: String) throws {
    let manager = FileManager.default
    if manager.fileExists(atPath: path) { try manager.removeItem(atPath: path) }
    var visited = Set<Int>()
    try writeFolder(Self.root, at: path, visited: &visited)
  }

  private func writeFolder(_ folder: Int, at path: String, visited: inout Set<Int>) throws {
    guard visited.insert(folder).inserted, case .folder(let entries) = nodes[folder] else { return }
    try FileManager.default.createDirectory(
      atPath: path, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
    for (name, child) in entries.sorted(by: { $0.key < $1.key }) {
      switch nodes[child] {
      case .folder:
        try writeFolder(child, at: path + "/" + name, visited: &visited)
      case .file(let bytes):
        // A file with two names (a hard link) is written twice; nothing here depends on
        // the two staying one file after the crash.
        guard
          FileManager.default.createFile(
            atPath: path + "/" + name, contents: Data(bytes), attributes: [.posixPermissions: 0o600])
        else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path + "/" + name]) }
      }
    }
  }
}
