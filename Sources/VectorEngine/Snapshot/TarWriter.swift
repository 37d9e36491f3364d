// Streams regular files into a POSIX ustar archive (IEEE Std 1003.1, "pax" utility, ustar
// interchange format).
//
// Layout: for each file a 512-byte header, then its bytes, then zeros up to a multiple of
// 512; after the last file two zero blocks. Header fields written: name (≤ 100 bytes; a
// longer path is split at a slash into prefix ≤ 155 bytes and name), mode 0000600, uid/gid 0,
// size and mtime in octal, typeflag '0', magic "ustar\0", version "00", checksum = sum of the
// header's bytes with the checksum field read as spaces, as 6 octal digits, NUL, space.
// uname/gname/devmajor/devminor are left zero.
//
// States: between files → (beginFile) → in a file, `remaining` bytes still owed → (endFile
// once remaining == 0) → between files … → (finish) → finished. Writing outside these states
// is a programmer error and traps. The output is a pure function of the calls, so the same
// inputs give the same bytes.

/// Writes a POSIX ustar archive of regular files to a file descriptor.
struct TarWriter {
  /// The tar block size.
  static let blockSize = 512

  private let output: FileDescriptor
  private let archive: String
  private var remaining = 0
  private var writebackStart = 0
  private var inFile = false
  private var finished = false

  /// The number of bytes written so far.
  private(set) var bytesWritten = 0

  /// Creates a writer appending to `output`; `archive` names the archive in errors.
  init(output: FileDescriptor, archive: String) {
    self.output = output
    self.archive = archive
  }

  /// The ustar header for a regular file, validating `name`.
  ///
  /// - Complexity: O(1) (a 512-byte block).
  /// - Throws: ``SnapshotError`` `invalidName` for an unsafe name, `invalidArgument` for a
  ///   negative size, mtime or one that does not fit the 11-digit octal fields.
  static func header(name: String, size: Int, modificationTime: Int, archive: String)
    throws(SnapshotError) -> [UInt8]
  {
    if let problem = SnapshotManifest.nameProblem(name) {
      throw SnapshotError(.invalidName, archive: archive, entry: name, "file name is \(problem)")
    }
    let octalLimit = 0o77777777777  // 11 octal digits
    guard size >= 0, size <= octalLimit, modificationTime >= 0, modificationTime <= octalLimit
    else {
      throw SnapshotError(
        .invalidArgument, archive: archive, entry: name, "size or time does not fit a ustar header")
    }
    var block = [UInt8](repeating: 0, count: blockSize)
    func put(_ text: String, at offset: Int) {
      for (index, byte) in text.utf8.enumerated() { block[offset + index] = byte }
    }
    func octal(_ value: Int, digits: Int) -> String {
      let text = String(value, radix: 8)
      return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
    guard let (prefix, rest) = splitName(Array(name.utf8)) else {
      throw SnapshotError(.invalidName, archive: archive, entry: name, "file name is too long for a ustar header")
    }
    for (index, byte) in rest.enumerated() { block[index] = byte }
    for (index, byte) in prefix.enumerated() { block[345 + index] = byte }
    put(octal(0o600, digits: 7), at: 100)
    put(octal(0, digits: 7), at: 108)
    put(octal(0, digits: 7), at: 116)
    put(octal(size, digits: 11), at: 124)
    put(octal(modificationTime, digits: 11), at: 136)
    block[156] = UInt8(ascii: "0")
    put("ustar", at: 257)  // followed by the NUL already at 262
    put("00", at: 263)
    put(octal(checksum(of: block), digits: 6), at: 148)
    block[154] = 0
    block[155] = UInt8(ascii: " ")
    return block
  }

  /// Splits a path for the ustar `prefix` (≤ 155 bytes) and `name` (≤ 100 bytes) fields, at
  /// the first slash that makes both fit; `nil` when no split fits. Short paths need no prefix.
  ///
  /// - Complexity: O(n) in `path.count`.
  static func splitName(_ path: [UInt8]) -> (prefix: ArraySlice<UInt8>, name: ArraySlice<UInt8>)? {
    if path.count <= 100 { return (path[0..<0], path[...]) }
    let slash = UInt8(ascii: "/")
    let lowest = max(1, path.count - 101)
    let highest = min(path.count - 2, 155)
    guard lowest <= highest else { return nil }
    for index in lowest...highest where path[index] == slash {
      return (path[..<index], path[(index + 1)...])
    }
    return nil
  }

  /// The ustar checksum of a header block: its bytes summed as unsigned, with the checksum
  /// field (bytes 148..<156) counted as spaces.
  ///
  /// - Complexity: O(1) (a 512-byte block).
  static func checksum(of block: [UInt8]) -> Int {
    var sum = 0
    for (index, byte) in block.enumerated() {
      sum += (148..<156).contains(index) ? Int(UInt8(ascii: " ")) : Int(byte)
    }
    return sum
  }

  /// Starts a file entry of exactly `size` bytes; write them with ``write(_:)``.
  ///
  /// - Throws: ``SnapshotError`` for a bad name or size, or an I/O failure.
  mutating func beginFile(name: String, size: Int, modificationTime: Int) throws(SnapshotError) {
    precondition(!inFile && !finished, "TarWriter.beginFile called inside a file or after finish")
    let block = try TarWriter.header(
      name: name, size: size, modificationTime: modificationTime, archive: archive)
    try emit(block)
    remaining = size
    inFile = true
  }

  /// Writes the next bytes of the current file; more than the declared size is an error.
  ///
  /// - Complexity: O(n) in `bytes.count`.
  /// - Throws: ``SnapshotError`` `sourceChanged` when the file grew, or an I/O failure.
  mutating func write(_ bytes: UnsafeRawBufferPointer) throws(SnapshotError) {
    precondition(inFile, "TarWriter.write called outside a file")
    guard bytes.count <= remaining else {
      throw SnapshotError(.sourceChanged, archive: archive, "a file has more bytes than its size")
    }
    remaining -= bytes.count
    try emit(bytes)
  }

  /// Writes the next bytes of the current file.
  ///
  /// - Complexity: O(n) in `bytes.count`.
  mutating func write(_ bytes: [UInt8]) throws(SnapshotError) {
    try bytes.withUnsafeBytes { raw in
      Result { () throws(SnapshotError) in try write(raw) }
    }.get()
  }

  /// Ends the current file: checks every declared byte was written, then pads to 512.
  ///
  /// - Throws: ``SnapshotError`` `sourceChanged` when bytes are missing, or an I/O failure.
  mutating func endFile() throws(SnapshotError) {
    precondition(inFile, "TarWriter.endFile called outside a file")
    guard remaining == 0 else {
      throw SnapshotError(.sourceChanged, archive: archive, "a file has fewer bytes than its size")
    }
    inFile = false
    let partial = bytesWritten % TarWriter.blockSize
    if partial != 0 {
      try emit([UInt8](repeating: 0, count: TarWriter.blockSize - partial))
    }
  }

  /// Asks the kernel to start writing to disk what was written since the last such request,
  /// once at least `interval` bytes are pending (a hint; see
  /// ``FileDescriptor/startWriteback(offset:length:)``).
  mutating func startWriteback(every interval: Int) {
    guard bytesWritten - writebackStart >= interval else { return }
    output.startWriteback(offset: writebackStart, length: bytesWritten - writebackStart)
    writebackStart = bytesWritten
  }

  /// Writes the two zero blocks that end the archive.
  mutating func finish() throws(SnapshotError) {
    precondition(!inFile && !finished, "TarWriter.finish called inside a file or twice")
    try emit([UInt8](repeating: 0, count: 2 * TarWriter.blockSize))
    finished = true
  }

  private mutating func emit(_ bytes: [UInt8]) throws(SnapshotError) {
    try bytes.withUnsafeBytes { raw in
      Result { () throws(SnapshotError) in try emit(raw) }
    }.get()
  }

  private mutating func emit(_ bytes: UnsafeRawBufferPointer) throws(SnapshotError) {
    do {
      try output.writeAll(bytes)
    } catch {
      throw SnapshotError(error, archive: archive)
    }
    bytesWritten += bytes.count
  }
}
