/// A read-only memory mapping of a whole file; unmapped when the last reference goes away.
///
/// Hand out pointers into it only while the region is referenced (segments keep theirs).
final class MappedRegion: Sendable {
  /// The mapped bytes.
  nonisolated(unsafe) let bytes: UnsafeRawBufferPointer
  /// The file that was mapped.
  let path: String

  /// Maps the file at `path`; `populate` reads it all in now (the `memory` storage mode).
  init(path: String, populate: Bool) throws(SystemError) {
    let descriptor = try System.open(path, .readOnly)
    defer { descriptor.close() }
    let size = try descriptor.size()
    self.path = path
    if size == 0 {
      bytes = UnsafeRawBufferPointer(start: nil, count: 0)
      return
    }
    let address = try System.mapReadOnly(descriptor, length: size, populate: populate)
    bytes = UnsafeRawBufferPointer(start: address, count: size)
  }

  deinit {
    if let base = bytes.baseAddress { System.unmap(base, length: bytes.count) }
  }
}
