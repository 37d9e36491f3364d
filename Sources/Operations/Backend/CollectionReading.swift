public import Model

/// Reading collections, their aliases and their configuration.
public protocol CollectionReading: Backend {
  /// Every collection's name, sorted.
  func collectionNames() async throws(StoreError) -> [String]
  /// Size, configuration, schema and aliases of a collection (or of the one an alias names).
  func collectionInfo(_ name: String) async throws(StoreError) -> CollectionInfo
  /// The configuration of a collection (or of the collection an alias names).
  func collectionConfig(_ name: String) async throws(StoreError) -> CollectionConfig
  /// Every alias and its collection, sorted by alias.
  func aliases() async throws(StoreError) -> [(alias: String, collection: String)]
}

extension CollectionReading {
  /// Every collection's info, sorted by name; a collection that cannot be opened is listed
  /// red with the reason (``CollectionInfo/unopened(_:problem:)``) instead of failing the
  /// listing, so one damaged collection never hides the others.
  ///
  /// - Complexity: one ``collectionInfo(_:)`` per collection.
  /// - Throws: ``StoreError`` only when the collections cannot be listed at all.
  public func collectionInfos() async throws(StoreError) -> [CollectionInfo] {
    var infos: [CollectionInfo] = []
    for name in try await collectionNames() {
      do throws(StoreError) {
        infos.append(try await collectionInfo(name))
      } catch {
        infos.append(CollectionInfo.unopened(name, problem: error.message))
      }
    }
    return infos
  }
}
