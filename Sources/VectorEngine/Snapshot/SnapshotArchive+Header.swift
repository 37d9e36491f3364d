// The ustar header of one archive entry: checksum, magic, type flag, name (with the ustar
// prefix) and size, each checked before anything is read past it.

extension SnapshotArchive {
  /// A validated tar header: a regular file's safe name and size.
  struct EntryHeader: Hashable, Sendable {
    /// The entry's name, checked with ``SnapshotManifest/nameProblem(_:)``.
    var name: String
    /// The entry's size in bytes.
    var size: Int
  }

  /// Parses and validates one 512-byte ustar header found at `offset` of `archive`.
  ///
  /// - Complexity: O(1) (a 512-byte block).
  /// - Throws: ``SnapshotError`` for a bad checksum, magic, type, name or size field.
  static func parseHeader(_ block: [UInt8], archive: String, offset: Int) throws(SnapshotError)
    -> EntryHeader
  {
    let at = "header at offset \(offset)"
    guard let stored = octal(block[148..<156]) else {
      throw SnapshotError(
        .invalidNumericField, archive: archive, "\(at): checksum field is not octal")
    }
    guard stored == TarWriter.checksum(of: block) else {
      throw SnapshotError(
        .headerChecksumMismatch, archive: archive, "\(at): header checksum mismatch")
    }
    let magic = Array(block[257..<265])
    guard magic == Array("ustar\u{0}00".utf8) || magic == Array("ustar  \u{0}".utf8) else {
      throw SnapshotError(.unsupportedFormat, archive: archive, "\(at): not a ustar header")
    }
    func text(_ field: ArraySlice<UInt8>) -> [UInt8] { Array(field.prefix { $0 != 0 }) }
    var nameBytes = text(block[0..<100])
    let prefix = text(block[345..<500])
    if !prefix.isEmpty { nameBytes = prefix + [UInt8(ascii: "/")] + nameBytes }
    let name = String(decoding: nameBytes, as: UTF8.self)
    guard String(validating: nameBytes, as: UTF8.self) != nil else {
      throw SnapshotError(
        .unsafeName, archive: archive, entry: name, "\(at): name is not valid UTF-8")
    }
    let typeflag = block[156]
    guard typeflag == UInt8(ascii: "0") || typeflag == 0 else {
      throw SnapshotError(
        .unsupportedEntryType, archive: archive, entry: name,
        "\(at): \(typeName(typeflag)) entries are not allowed")
    }
    if let problem = SnapshotManifest.nameProblem(name) {
      throw SnapshotError(.unsafeName, archive: archive, entry: name, "\(at): name is \(problem)")
    }
    guard let size = octal(block[124..<136]) else {
      throw SnapshotError(
        .invalidNumericField, archive: archive, entry: name, "\(at): size field is not octal")
    }
    return EntryHeader(name: name, size: size)
  }

  /// The value of a ustar octal field: optional leading spaces, octal digits, then only NUL
  /// or space; `nil` otherwise (including GNU base-256 numbers and empty fields).
  static func octal(_ field: ArraySlice<UInt8>) -> Int? {
    var index = field.startIndex
    while index < field.endIndex, field[index] == UInt8(ascii: " ") { index += 1 }
    var value = 0
    var digits = 0
    while index < field.endIndex, field[index] >= UInt8(ascii: "0"),
      field[index] <= UInt8(ascii: "7")
    {
      guard value <= (Int.max >> 3) else { return nil }
      value = value << 3 | Int(field[index] - UInt8(ascii: "0"))
      digits += 1
      index += 1
    }
    guard digits > 0 else { return nil }
    while index < field.endIndex {
      guard field[index] == 0 || field[index] == UInt8(ascii: " ") else { return nil }
      index += 1
    }
    return value
  }

  private static func typeName(_ flag: UInt8) -> String {
    switch flag {
    case UInt8(ascii: "1"): "hard link"
    case UInt8(ascii: "2"): "symbolic link"
    case UInt8(ascii: "3"): "character device"
    case UInt8(ascii: "4"): "block device"
    case UInt8(ascii: "5"): "directory"
    case UInt8(ascii: "6"): "FIFO"
    case UInt8(ascii: "7"): "contiguous file"
    case UInt8(ascii: "x"): "pax extended header"
    case UInt8(ascii: "g"): "pax global header"
    case UInt8(ascii: "L"): "GNU long name"
    case UInt8(ascii: "K"): "GNU long link name"
    default: "unknown type (0x\(String(flag, radix: 16)))"
    }
  }
}
