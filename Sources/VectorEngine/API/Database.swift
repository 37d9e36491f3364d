import Synchronization

/// An open data directory: the embedded engine's entry point.
///
/// Layout: `LOCK`, `aliases.json`, and `collections/<name>/` with each collection's
/// `MANIFEST`, WAL files and segment files. Files are 0600, folders 0700. A read-write
/// database holds the directory's lock; a second writer gets ``EngineError/Kind/locked``.
/// Collections open on first use.
public final class Database: Sendable {
  /// The data directory.
  public let directory: String
  /// Whether writes are refused (no lock is taken).
  public let isReadOnly: Bool
  /// The engine's version.
  public static let engineVersion = "0.1.0"
  /// The most aliases a data directory (and a full snapshot) may have. `aliases.json` with
  /// more is corrupt, and creating or restoring an alias past the cap is refused.
  static let maximumAliases = 65_536

  private let lock: LockFile?
  private let state: Mutex<State>

  private struct State {
    var open: [String: VectorCollection] = [:]
    var aliases: [String: String] = [:]
  }

  var collectionsDirectory: String { directory + "/collections" }
  private static let aliasesFile = "aliases.json"

  /// Opens (creating if needed) the data directory.
  ///
  /// - Parameter readOnly: open without the lock; writes are refused.
  /// - Throws: ``EngineError``: `locked` when another process writes here; `io`, `corrupted`.
  public init(directory: String, readOnly: Bool = false) throws(EngineError) {
    self.directory = directory
    self.isReadOnly = readOnly
    do {
      if !readOnly {
        try Self.makePath(directory)
        try System.makeDirectoryIfMissing(directory + "/collections")
      } else if try System.kindOfEntry(directory) != .directory {
        throw EngineError(.notFound, "data directory \(directory) does not exist")
      }
    } catch let error as SystemError {
      throw EngineError.from(error)
    } catch let error as EngineError {
      throw error
    } catch {
      throw EngineError(.io, "\(error)")
    }
    lock = readOnly ? nil : try LockFile(dataDirectory: directory)
    let aliases = try Self.readAliases(directory + "/" + Self.aliasesFile)
    state = Mutex(State(aliases: aliases))
    if !readOnly { try removeLeftovers() }
  }

  private static func makePath(_ path: String) throws(SystemError) {
    var prefix = path.hasPrefix("/") ? "" : "."
    for component in path.split(separator: "/") {
      prefix += "/" + component
      try System.makeDirectoryIfMissing(prefix)
    }
  }

  private func removeLeftovers() throws(EngineError) {
    do {
      try DurableFile.removeLeftovers(in: directory)
      for name in try System.listDirectory(collectionsDirectory) where name.hasPrefix(".") {
        try System.removeTree(collectionsDirectory + "/" + name)
      }
      // Archives and sidecars of snapshots interrupted before they were published.
      guard try System.kindOfEntry(snapshotsDirectory) == .directory else { return }
      var folders = [snapshotsDirectory]
      for name in try System.listDirectory(snapshotsDirectory) where !name.hasPrefix(".") {
        if try System.kindOfEntry(snapshotsDirectory + "/" + name) == .directory {
          folders.append(snapshotsDirectory + "/" + name)
        }
      }
      for folder in folders {
        for name in try System.listDirectory(folder) where name.hasPrefix(DurableFile.temporaryPrefix) {
          try System.removeTree(folder + "/" + name)
        }
      }
    } catch {
      throw EngineError.from(error)
    }
  }

  // MARK: Collections

  /// The names of every collection, sorted.
  public func collectionNames() throws(EngineError) -> [String] {
    do {
      guard try System.kindOfEntry(collectionsDirectory) == .directory else { return [] }
      return try System.listDirectory(collectionsDirectory).filter { !$0.hasPrefix(".") }
    } catch {
      throw EngineError.from(error)
    }
  }

  /// Creates a collection.
  ///
  /// - Throws: ``EngineError`` `invalidInput` (name or config), `alreadyExists`.
  @discardableResult
  public func createCollection(_ name: String, config: CollectionConfig) throws(EngineError) -> VectorCollection {
    try requireWritable()
    try CollectionName.validate(name)
    try config.validate()
    return try state.withLock { state in
      Result { () throws(EngineError) -> VectorCollection in
        if state.aliases[name] != nil {
          throw EngineError(.alreadyExists, "\(name) is already an alias; choose another collection name")
        }
        let final = collectionsDirectory + "/" + name
        do {
          if try System.kindOfEntry(final) != nil {
            throw EngineError(.alreadyExists, "collection \(name) already exists")
          }
          let temporary = collectionsDirectory + "/.create-" + String(System.randomUInt32(), radix: 16)
          try System.makeDirectory(temporary)
          do {
            try CollectionStore.createFiles(in: temporary, config: config)
            try System.syncDirectory(temporary)
            try System.rename(temporary, to: final)
            try System.syncDirectory(collectionsDirectory)
          } catch {
            try? System.removeTree(temporary)
            throw error
          }
        } catch let error as SystemError {
          throw EngineError.from(error)
        } catch let error as EngineError {
          throw error
        } catch {
          throw EngineError(.io, "\(error)")
        }
        let collection = VectorCollection(store: try CollectionStore(name: name, directory: final, readOnly: false))
        state.open[name] = collection
        return collection
      }
    }.get()
  }

  /// The collection named `name`, or the one the alias `name` points at.
  ///
  /// - Throws: ``EngineError`` `notFound`, or an error opening its files.
  public func collection(_ name: String) throws(EngineError) -> VectorCollection {
    try state.withLock { state in
      Result { () throws(EngineError) -> VectorCollection in
        let resolved = state.aliases[name] ?? name
        if let open = state.open[resolved] { return open }
        try CollectionName.validate(resolved)
        let path = collectionsDirectory + "/" + resolved
        guard (try? System.kindOfEntry(path)) == .directory else {
          throw EngineError(.notFound, "collection \(name) does not exist")
        }
        let collection = VectorCollection(store: try CollectionStore(name: resolved, directory: path, readOnly: isReadOnly))
        state.open[resolved] = collection
        return collection
      }
    }.get()
  }

  /// Deletes a collection and the aliases pointing at it.
  public func dropCollection(_ name: String) throws(EngineError) {
    try requireWritable()
    try CollectionName.validate(name)
    try state.withLock { state in
      Result { () throws(EngineError) in
        let path = collectionsDirectory + "/" + name
        guard (try? System.kindOfEntry(path)) == .directory else {
          throw EngineError(.notFound, "collection \(name) does not exist")
        }
        var aliases = state.aliases
        aliases = aliases.filter { $0.value != name }
        if aliases != state.aliases {
          try writeAliases(aliases)
          state.aliases = aliases
        }
        do {
          let trash = collectionsDirectory + "/.drop-" + String(System.randomUInt32(), radix: 16)
          try System.rename(path, to: trash)
          try System.syncDirectory(collectionsDirectory)
          state.open.removeValue(forKey: name)?.markDropped()
          try System.removeTree(trash)
        } catch {
          throw EngineError.from(error)
        }
      }
    }.get()
  }

  /// Moves a verified, extracted collection folder into place, replacing `existing`'s folder.
  func swapIn(staging: String, as name: String, replacing existing: VectorCollection?) throws(EngineError) {
    try state.withLock { state in
      Result { () throws(EngineError) in
        guard state.aliases[name] == nil else {
          throw EngineError(.invalidInput, "\(name) is an alias; restore into the collection it names")
        }
        let final = collectionsDirectory + "/" + name
        do {
          if existing != nil {
            // One atomic exchange: a crash leaves either the old or the restored folder in
            // place, never neither; the hidden folder left behind is removed on next open.
            try System.exchange(staging, final)
            try System.syncDirectory(collectionsDirectory)
            state.open.removeValue(forKey: name)?.markDropped()
            try? System.removeTree(staging)
          } else {
            try System.rename(staging, to: final)
            try System.syncDirectory(collectionsDirectory)
          }
        } catch {
          throw EngineError.from(error)
        }
      }
    }.get()
  }

  // MARK: Aliases

  /// Every alias and the collection it points at, sorted by alias.
  public func aliases() -> [(alias: String, collection: String)] {
    state.withLock { state in state.aliases.sorted { $0.key < $1.key }.map { ($0.key, $0.value) } }
  }

  /// The aliases pointing at `collection`, sorted.
  public func aliases(of collection: String) -> [String] {
    state.withLock { state in state.aliases.filter { $0.value == collection }.map(\.key).sorted() }
  }

  /// Points `alias` at `collection` (replacing an alias of that name).
  public func createAlias(_ alias: String, for collection: String) throws(EngineError) {
    try requireWritable()
    try CollectionName.validate(alias, kind: "alias")
    guard try collectionNames().contains(collection) else {
      throw EngineError(.notFound, "collection \(collection) does not exist")
    }
    guard try !collectionNames().contains(alias) else {
      throw EngineError(.alreadyExists, "\(alias) is a collection name; an alias must differ")
    }
    try state.withLock { state in
      Result { () throws(EngineError) in
        var aliases = state.aliases
        guard aliases[alias] != nil || aliases.count < Self.maximumAliases else {
          throw EngineError(
            .invalidInput,
            "there are already \(aliases.count) aliases, the cap; drop one before creating \(alias)")
        }
        aliases[alias] = collection
        try writeAliases(aliases)
        state.aliases = aliases
      }
    }.get()
  }

  /// Removes an alias.
  public func dropAlias(_ alias: String) throws(EngineError) {
    try requireWritable()
    try state.withLock { state in
      Result { () throws(EngineError) in
        guard state.aliases[alias] != nil else { throw EngineError(.notFound, "alias \(alias) does not exist") }
        var aliases = state.aliases
        aliases[alias] = nil
        try writeAliases(aliases)
        state.aliases = aliases
      }
    }.get()
  }

  /// Points each alias of `restored` at its collection, durably, keeping the other aliases.
  func restoreAliases(_ restored: [String: String]) throws(EngineError) {
    guard !restored.isEmpty else { return }
    try state.withLock { state in
      Result { () throws(EngineError) in
        let aliases = state.aliases.merging(restored) { _, new in new }
        try writeAliases(aliases)
        state.aliases = aliases
      }
    }.get()
  }

  private func writeAliases(_ aliases: [String: String]) throws(EngineError) {
    var object = JSONObject()
    for (alias, collection) in aliases.sorted(by: { $0.key < $1.key }) { object[alias] = .string(collection) }
    let text = JSONWriter.pretty(["aliases": .object(object)]) + "\n"
    do {
      try DurableFile.publish(Array(text.utf8), as: Self.aliasesFile, in: directory)
    } catch {
      throw EngineError.from(error)
    }
  }

  private static func readAliases(_ path: String) throws(EngineError) -> [String: String] {
    let bytes: [UInt8]
    do {
      guard try System.kindOfEntry(path) != nil else { return [:] }
      let descriptor = try System.open(path, .readOnly)
      defer { descriptor.close() }
      bytes = try descriptor.readAll()
    } catch {
      throw EngineError.from(error)
    }
    let json: JSONValue
    do {
      json = try JSONParser.parse(bytes, maximumKeysPerObject: maximumAliases)
    } catch {
      guard error.kind == .tooManyKeys else {
        throw EngineError(.corrupted, "corrupt data: \(path) is not a valid aliases file")
      }
      throw EngineError(
        .corrupted, "corrupt data: \(path) holds more than \(maximumAliases) aliases, the cap")
    }
    guard let object = json.objectValue?["aliases"]?.objectValue else {
      throw EngineError(.corrupted, "corrupt data: \(path) is not a valid aliases file")
    }
    var aliases: [String: String] = [:]
    for (alias, value) in object {
      guard let collection = value.stringValue else {
        throw EngineError(.corrupted, "corrupt data: \(path): alias \(alias) does not name a collection")
      }
      aliases[alias] = collection
    }
    return aliases
  }

  // MARK: Lifecycle

  /// Repairs made while opening the collections opened so far.
  public var recoveryNotes: [String] {
    state.withLock { state in state.open.values.flatMap(\.recoveryNotes) }
  }

  /// Seals large unsealed segments so the next open is fast; call before exiting.
  ///
  /// The lock is released when the database is deallocated.
  public func close() throws(EngineError) {
    let open = state.withLock { Array($0.open.values) }
    for collection in open { try collection.close() }
  }

  private func requireWritable() throws(EngineError) {
    if isReadOnly { throw EngineError(.readOnly, "the data directory \(directory) is open read-only") }
  }
}
