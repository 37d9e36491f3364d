import VectorEngine

/// Resolves logged calls to the inodes they change, in order, and finds when each change
/// becomes durable (the rules are in `CrashModel.swift`'s header).
struct CrashModelResolver {
  /// The directory as it is after the calls resolved so far.
  private var tree: FileTree
  /// The directory before the workload, with an unnamed empty node for every inode created.
  private(set) var initial: FileTree
  /// The recorder's prefix: the directory's path ending in `/`.
  private let prefix: String
  /// Relative paths left out of the model.
  private let excluding: (String) -> Bool
  /// Open descriptor → the node it refers to.
  private var descriptors: [Int32: Int] = [:]
  /// Open descriptors of files left out of the model.
  private var excludedDescriptors: Set<Int32> = []
  /// Node → the calls whose change waits for an fsync of that node.
  private var waiting: [Int: [Int]] = [:]
  /// Call → how many fsyncs its change still waits for.
  private var remaining: [Int: Int] = [:]
  /// For each call resolved, the crash point from which its change is durable.
  private(set) var durableFrom: [Int] = []

  init(tree: FileTree, prefix: String, excluding: @escaping (String) -> Bool) {
    self.tree = tree
    self.initial = tree
    self.prefix = prefix
    self.excluding = excluding
  }

  /// Whether `operation` is on a file left out of the model (see ``CrashModel/init``).
  private mutating func isExcluded(_ operation: CrashRecorder.Operation) -> Bool {
    func excluded(_ path: String) -> Bool {
      path.hasPrefix(prefix) && excluding(String(path.dropFirst(prefix.count)))
    }
    switch operation {
    case .open(let descriptor, let path, _):
      excludedDescriptors.remove(descriptor)
      if excluded(path) { excludedDescriptors.insert(descriptor) }
      return excluded(path)
    case .close(let descriptor):
      return excludedDescriptors.remove(descriptor) != nil
    case .write(let descriptor, _, _, _), .truncate(let descriptor, _, _), .sync(let descriptor, _):
      return excludedDescriptors.contains(descriptor)
    case .makeDirectory(let path), .removeFile(let path), .removeDirectory(let path):
      return excluded(path)
    case .rename(let from, let to), .link(let from, let to), .exchange(let from, let to):
      return excluded(from) || excluded(to)
    }
  }

  /// The change `operation` made, after applying it to the current tree; `nil` for calls
  /// that change nothing. Fsyncs mark the changes they cover durable.
  mutating func resolve(_ operation: CrashRecorder.Operation) throws -> CrashModel.Change? {
    let index = durableFrom.count
    durableFrom.append(Int.max)
    if isExcluded(operation) { return nil }
    let change: CrashModel.Change?
    switch operation {
    case .open(let descriptor, let path, let create):
      let (folder, name) = try parent(path)
      if let node = tree.entry(name, in: folder) {
        descriptors[descriptor] = node
        change = nil
      } else {
        guard create else { throw CrashModelError(call: index, "opens \(path), which the model does not have") }
        let node = newNode(.file([]))
        descriptors[descriptor] = node
        change = .link(folder: folder, name: name, node: node)
      }
    case .close(let descriptor):
      descriptors[descriptor] = nil
      change = nil
    case .write(let descriptor, let path, let offset, let bytes):
      change = .write(node: try node(descriptor, path), offset: offset, bytes: bytes)
    case .truncate(let descriptor, let path, let size):
      change = .truncate(node: try node(descriptor, path), size: size)
    case .sync(let descriptor, let path):
      let node = try node(descriptor, path)
      for call in waiting.removeValue(forKey: node) ?? [] {
        remaining[call, default: 1] -= 1
        if remaining[call] == 0 {
          remaining[call] = nil
          durableFrom[call] = index + 1
        }
      }
      change = nil
    case .makeDirectory(let path):
      let (folder, name) = try parent(path)
      change = .link(folder: folder, name: name, node: newNode(.folder([:])))
    case .rename(let from, let to):
      let (fromFolder, fromName) = try parent(from)
      let (toFolder, toName) = try parent(to)
      guard let node = tree.entry(fromName, in: fromFolder) else {
        throw CrashModelError(call: index, "renames \(from), which the model does not have")
      }
      change = .rename(fromFolder: fromFolder, fromName: fromName, toFolder: toFolder, toName: toName, node: node)
    case .exchange(let firstPath, let secondPath):
      let (firstFolder, firstName) = try parent(firstPath)
      let (secondFolder, secondName) = try parent(secondPath)
      guard let first = tree.entry(firstName, in: firstFolder), let second = tree.entry(secondName, in: secondFolder)
      else {
        throw CrashModelError(
          call: index, "exchanges \(firstPath) and \(secondPath), which the model does not both have")
      }
      change = .exchange(
        firstFolder: firstFolder, firstName: firstName, secondFolder: secondFolder, secondName: secondName,
        first: first, second: second)
    case .link(let from, let to):
      let (toFolder, toName) = try parent(to)
      let (fromFolder, fromName) = try parent(from)
      guard let node = tree.entry(fromName, in: fromFolder) else {
        throw CrashModelError(call: index, "links \(from), which the model does not have")
      }
      change = .link(folder: toFolder, name: toName, node: node)
    case .removeFile(let path), .removeDirectory(let path):
      let (folder, name) = try parent(path)
      guard let node = tree.entry(name, in: folder) else {
        throw CrashModelError(call: index, "removes \(path), which the model does not have")
      }
      change = .unlink(folder: folder, name: name, node: node)
    }
    if let change {
      CrashModel.apply(change, to: &tree)
      wait(index, for: Self.barriers(of: change))
    }
    return change
  }

  /// The nodes whose fsync makes `change` durable: the file, or every folder it changed.
  private static func barriers(of change: CrashModel.Change) -> Set<Int> {
    switch change {
    case .write(let node, _, _), .truncate(let node, _): [node]
    case .link(let folder, _, _), .unlink(let folder, _, _): [folder]
    case .rename(let fromFolder, _, let toFolder, _, _): [fromFolder, toFolder]
    case .exchange(let firstFolder, _, let secondFolder, _, _, _): [firstFolder, secondFolder]
    }
  }

  private mutating func wait(_ call: Int, for nodes: Set<Int>) {
    remaining[call] = nodes.count
    for node in nodes { waiting[node, default: []].append(call) }
  }

  private mutating func newNode(_ node: FileTree.Node) -> Int {
    _ = initial.add(node)
    return tree.add(node)
  }

  /// The node a descriptor refers to, or the one its path names now.
  private func node(_ descriptor: Int32, _ path: String) throws -> Int {
    if let node = descriptors[descriptor] { return node }
    guard let node = tree.resolve(try components(path)) else {
      throw CrashModelError(call: durableFrom.count - 1, "uses \(path), which the model does not have")
    }
    return node
  }

  /// The folder node holding `path`, and the last component.
  private func parent(_ path: String) throws -> (folder: Int, name: String) {
    var parts = try components(path)
    guard let name = parts.popLast(), let folder = tree.resolve(parts) else {
      throw CrashModelError(call: durableFrom.count - 1, "names \(path), whose folder the model does not have")
    }
    return (folder, name)
  }

  /// `path` relative to the directory, split at `/`.
  private func components(_ path: String) throws -> [String] {
    if path + "/" == prefix { return [] }
    guard path.hasPrefix(prefix) else {
      throw CrashModelError(call: durableFrom.count - 1, "names \(path), outside the recorded directory")
    }
    return path.dropFirst(prefix.count).split(separator: "/").map(String.init)
  }

  /// A call as a short text with paths relative to the directory.
  static func describe(_ operation: CrashRecorder.Operation, prefix: String) -> String {
    func relative(_ path: String) -> String {
      path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : (path + "/" == prefix ? "." : path)
    }
    switch operation {
    case .open(_, let path, let create): return (create ? "open/create " : "open ") + relative(path)
    case .close(let descriptor): return "close fd \(descriptor)"
    case .write(_, let path, let offset, let bytes): return "write \(relative(path)) @\(offset) +\(bytes.count)"
    case .truncate(_, let path, let size): return "ftruncate \(relative(path)) to \(size)"
    case .sync(_, let path): return "fsync \(relative(path))"
    case .makeDirectory(let path): return "mkdir \(relative(path))"
    case .rename(let from, let to): return "rename \(relative(from)) -> \(relative(to))"
    case .exchange(let first, let second): return "exchange \(relative(first)) <-> \(relative(second))"
    case .link(let from, let to): return "link \(relative(from)) -> \(relative(to))"
    case .removeFile(let path): return "unlink \(relative(path))"
    case .removeDirectory(let path): return "rmdir \(relative(path))"
    }
  }
}
