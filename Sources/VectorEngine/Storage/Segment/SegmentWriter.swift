/// Writes a sealed segment file from rows already sorted by id.
import Model

enum SegmentWriter {
  /// One row of a segment being written.
  struct Row {
    var id: PointID
    /// The row's vector (`dimension` floats), alive until the write returns.
    var vector: UnsafePointer<Float>
    /// The payload's compact JSON (empty for `{}`).
    var payload: [UInt8]
  }

  /// Publishes `seg-<id>.seg` in `directory` durably.
  ///
  /// - Parameters:
  ///   - rows: ascending by id, no duplicates.
  /// - Complexity: O(n·d).
  static func write(
    segment id: Int, in directory: String, dimension: Int, normalized: Bool, rows: [Row]
  ) throws(SystemError) {
    let stride = SegmentFormat.stride(forDimension: dimension)
    let count = rows.count

    var vectorBytes = [UInt8](repeating: 0, count: count * stride)
    vectorBytes.withUnsafeMutableBytes { target in
      for (index, row) in rows.enumerated() {
        let source = UnsafeRawBufferPointer(start: row.vector, count: dimension * 4)
        UnsafeMutableRawBufferPointer(rebasing: target[(index * stride)..<(index * stride + dimension * 4)])
          .copyMemory(from: source)
      }
    }
    var ids = ByteWriter(capacity: count * SegmentFormat.idRecordSize)
    var offsets = ByteWriter(capacity: (count + 1) * 8)
    var payloads = ByteWriter()
    for row in rows {
      switch row.id {
      case .number(let value):
        ids.append(UInt64(0))
        ids.append(value)
        ids.append(UInt64(0))
      case .uuid(let high, let low):
        ids.append(UInt64(1))
        ids.append(high)
        ids.append(low)
      }
      offsets.append(UInt64(payloads.count))
      payloads.append(contentsOf: row.payload)
    }
    offsets.append(UInt64(payloads.count))

    let sections: [[UInt8]] = [vectorBytes, ids.bytes, offsets.bytes, payloads.bytes]
    var header = ByteWriter(capacity: SegmentFormat.headerSize)
    header.append(contentsOf: SegmentFormat.magic)
    header.append(SegmentFormat.version)
    header.append(UInt32(dimension))
    header.append(UInt64(count))
    header.append(UInt32(stride))
    header.append(normalized ? SegmentFormat.flagNormalized : 0)
    var offset = SegmentFormat.headerSize
    var layout: [(offset: Int, padding: Int)] = []
    for section in sections {
      header.append(UInt64(offset))
      header.append(UInt64(section.count))
      header.append(CRC32C.checksum(section))
      header.append(UInt32(0))
      let end = offset + section.count
      let aligned =
        (end + SegmentFormat.sectionAlignment - 1) / SegmentFormat.sectionAlignment * SegmentFormat.sectionAlignment
      // No padding after the last section: the file ends exactly where its data ends.
      let isLast = layout.count == sections.count - 1
      layout.append((offset, isLast ? 0 : aligned - end))
      offset = aligned
    }
    while header.count < SegmentFormat.headerChecksumOffset { header.append(UInt8(0)) }
    header.append(header.checksum(0..<SegmentFormat.headerChecksumOffset))

    try DurableFile.publish(as: SegmentFormat.fileName(segment: id), in: directory) { (file) throws(SystemError) in
      try file.writeAll(header.bytes)
      for (index, section) in sections.enumerated() {
        try file.writeAll(section)
        if layout[index].padding > 0 {
          try file.writeAll([UInt8](repeating: 0, count: layout[index].padding))
        }
      }
    }
  }
}
