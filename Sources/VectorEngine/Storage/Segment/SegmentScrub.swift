import Synchronization

/// Checks a sealed segment's section checksums by reading its file, in the background.
///
/// It reads with `pread`, not through the segment's mapping: a file cut short by another
/// process then reads short and is reported, where touching a mapping past the end of the
/// file would stop the process (SIGBUS). A file removed meanwhile (the optimizer replaced the
/// segment) is not damage and is skipped.
struct SegmentScrub: Sendable {
  /// A flag the owner sets to stop scrubs early (checked between chunks).
  final class StopFlag: Sendable {
    private let value = Atomic<Bool>(false)

    /// Whether scrubs should stop.
    var isSet: Bool { value.load(ordering: .relaxed) }

    /// Asks scrubs to stop.
    func set() { value.store(true, ordering: .relaxed) }
  }

  /// The segment file.
  let path: String
  /// Its sections (offset, length, CRC-32C), as validated when it was opened.
  let sections: [(offset: Int, length: Int, crc: UInt32)]

  /// The bytes read per call.
  static let chunkSize = 1 << 20

  /// The problem found (a checksum mismatch, a short file, an I/O error), or `nil` when the
  /// file is sound, was removed, or `stop` was set.
  ///
  /// - Complexity: O(file size).
  func problem(stoppingAt stop: StopFlag) -> String? {
    let descriptor: FileDescriptor
    do {
      descriptor = try System.open(path, .readOnly)
    } catch {
      return error.code == System.errnoNotFound ? nil : "\(path): \(error)"
    }
    defer { descriptor.close() }
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.chunkSize, alignment: 64)
    defer { buffer.deallocate() }
    for (index, section) in sections.enumerated() {
      var crc: UInt32 = 0
      var done = 0
      while done < section.length {
        if stop.isSet { return nil }
        let want = min(Self.chunkSize, section.length - done)
        let got: Int
        do {
          got = try descriptor.read(
            into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<want]), at: section.offset + done)
        } catch {
          return "\(path): \(error)"
        }
        guard got == want else { return "corrupt data: \(path): the file is shorter than its sections" }
        crc = CRC32C.checksum(UnsafeRawBufferPointer(rebasing: buffer[0..<got]), seed: crc)
        done += got
      }
      if crc != section.crc {
        let name = SegmentFormat.Section(rawValue: index).map { "\($0)" } ?? "\(index)"
        return "corrupt data: \(path): \(name) section checksum mismatch"
      }
    }
    return nil
  }
}
