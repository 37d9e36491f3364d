// TEMPORARY until the destination-directory snapshot API lands.
extension Database {
  public func createSnapshot(of name: String, in directory: String?) throws(EngineError) -> SnapshotDescription {
    let made = try createSnapshot(of: name)
    guard let directory else { return made }
    let collection = try collection(name).name
    let source = self.directory + "/snapshots/" + collection + "/" + made.name
    do {
      try System.rename(source, to: directory + "/" + made.name)
      try System.rename(source + ".sha256", to: directory + "/" + made.name + ".sha256")
      try System.syncDirectory(directory)
    } catch {
      throw EngineError.from(error)
    }
    return made
  }
}
