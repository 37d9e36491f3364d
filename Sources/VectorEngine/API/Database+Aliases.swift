import Synchronization
import Model

// Aliases: `aliases.json` in the data directory, `{"aliases": {"<alias>": "<collection>"}}`.
//
// Rules checked whenever the file is read: at most `maximumAliases` entries; every alias and
// target a valid collection name in NFC form; no alias with the name of a collection (it would
// shadow it: reads of the collection would go elsewhere); every target an existing collection.
// A file that breaks a rule, or cannot be parsed, is not trusted at all: aliases are ignored
// (``Database/problems`` says why), refused where they are asked for, and the file is never
// rewritten until the operator repairs or removes it, so the evidence is kept.

extension Database {
  static let aliasesFile = "aliases.json"
  /// The most aliases `aliases.json` may hold.
  static let maximumAliases = 65_536

  /// Reads `aliases.json` into the state, or records why it is not trusted.
  func loadAliases() {
    let path = directory + "/" + Self.aliasesFile
    let loaded = Result { () throws(StoreError) in try readAliases(path) }
    state.withLock { state in
      switch loaded {
      case .success(let aliases):
        state.aliases = aliases
        state.aliasProblem = nil
      case .failure(let problem):
        state.aliases = [:]
        state.aliasProblem = problem
      }
    }
  }

  /// Every alias and the collection it points at, sorted by alias.
  ///
  /// - Throws: ``StoreError`` `corrupted` when `aliases.json` is damaged or breaks a rule.
  public func aliases() throws(StoreError) -> [(alias: String, collection: String)] {
    try state.withLock { state in
      Result { () throws(StoreError) -> [(alias: String, collection: String)] in
        if let problem = state.aliasProblem { throw problem }
        return state.aliases.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
      }
    }.get()
  }

  /// The aliases pointing at `collection`, sorted (none while `aliases.json` is not trusted).
  public func aliases(of collection: String) -> [String] {
    let collection = CollectionName.normalized(collection)
    return state.withLock { state in state.aliases.filter { $0.value == collection }.map(\.key).sorted() }
  }

  /// Points `alias` at `collection` (replacing an alias of that name).
  public func createAlias(_ alias: String, for collection: String) throws(StoreError) {
    try requireWritableForAliases()
    let alias = CollectionName.normalized(alias)
    let collection = CollectionName.normalized(collection)
    try CollectionName.validate(alias, kind: "alias")
    let names = try collectionNames()
    guard names.contains(collection) else {
      throw StoreError(.notFound, "collection \(collection) does not exist")
    }
    guard !names.contains(alias) else {
      throw StoreError(.alreadyExists, "\(alias) is a collection name; an alias must differ")
    }
    try state.withLock { state in
      Result { () throws(StoreError) in
        var aliases = state.aliases
        guard aliases[alias] != nil || aliases.count < Self.maximumAliases else {
          throw StoreError(.invalidInput, "a data directory holds at most \(Self.maximumAliases) aliases")
        }
        aliases[alias] = collection
        try writeAliases(aliases, state: state)
        state.aliases = aliases
      }
    }.get()
  }

  /// Removes an alias.
  public func dropAlias(_ alias: String) throws(StoreError) {
    try requireWritableForAliases()
    let alias = CollectionName.normalized(alias)
    try state.withLock { state in
      Result { () throws(StoreError) in
        guard state.aliases[alias] != nil else { throw StoreError(.notFound, "alias \(alias) does not exist") }
        var aliases = state.aliases
        aliases[alias] = nil
        try writeAliases(aliases, state: state)
        state.aliases = aliases
      }
    }.get()
  }

  /// Points each alias of `restored` at its collection, durably, keeping the other aliases.
  func restoreAliases(_ restored: [String: String]) throws(StoreError) {
    guard !restored.isEmpty else { return }
    try state.withLock { state in
      Result { () throws(StoreError) in
        let aliases = state.aliases.merging(restored) { _, new in new }
        try writeAliases(aliases, state: state)
        state.aliases = aliases
      }
    }.get()
  }

  /// Publishes `aliases` as `aliases.json`; refused while the file on disk is not trusted.
  func writeAliases(_ aliases: [String: String], state: State) throws(StoreError) {
    if let problem = state.aliasProblem {
      throw StoreError(problem.kind, "\(problem.message); repair or remove it before changing aliases")
    }
    var object = JSONObject()
    for (alias, collection) in aliases.sorted(by: { $0.key < $1.key }) { object[alias] = .string(collection) }
    let text = JSONWriter.pretty(["aliases": .object(object)]) + "\n"
    do {
      try DurableFile.publish(Array(text.utf8), as: Self.aliasesFile, in: directory)
    } catch {
      throw StoreError.from(error)
    }
  }

  private func requireWritableForAliases() throws(StoreError) {
    if isReadOnly { throw StoreError(.readOnly, "the data directory \(directory) is open read-only") }
  }

  /// Reads and checks `aliases.json` (see the file header for the rules).
  ///
  /// - Complexity: O(file size + aliases).
  private func readAliases(_ path: String) throws(StoreError) -> [String: String] {
    let bytes: [UInt8]
    do {
      guard try System.kindOfEntry(path) != nil else { return [:] }
      let descriptor = try System.open(path, .readOnly)
      defer { descriptor.close() }
      guard try descriptor.size() <= FullSnapshotLayout.maximumAliasesSize else {
        throw StoreError(
          .corrupted, "corrupt data: \(path) is larger than \(FullSnapshotLayout.maximumAliasesSize) bytes")
      }
      bytes = try descriptor.readAll()
    } catch let error as StoreError {
      throw error
    } catch let error as SystemError {
      throw StoreError.from(error)
    } catch {
      throw StoreError(.io, "\(error)")
    }
    func corrupt(_ detail: String) -> StoreError { StoreError(.corrupted, "corrupt data: \(path): \(detail)") }
    guard let json = try? JSONParser.parse(bytes, maximumKeysPerObject: Self.maximumAliases),
      let object = json.objectValue?["aliases"]?.objectValue
    else {
      throw corrupt("not a valid aliases file")
    }
    guard object.count <= Self.maximumAliases else { throw corrupt("more than \(Self.maximumAliases) aliases") }
    let collections = Set(try collectionNames())
    var aliases: [String: String] = [:]
    for (alias, value) in object {
      let shown = SnapshotError.escapedName(alias)
      guard let collection = value.stringValue else { throw corrupt("alias \(shown) does not name a collection") }
      do {
        try CollectionName.validate(alias, kind: "alias")
        try CollectionName.validate(collection)
      } catch {
        throw corrupt("alias \(shown): \(error.message)")
      }
      guard !collections.contains(alias) else {
        throw corrupt("alias \(shown) has the name of a collection, which it would hide")
      }
      guard collections.contains(collection) else {
        throw corrupt("alias \(shown) points at \(SnapshotError.escapedName(collection)), which does not exist")
      }
      aliases[alias] = collection
    }
    return aliases
  }
}
