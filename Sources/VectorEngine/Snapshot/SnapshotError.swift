/// Why a snapshot archive could not be written, verified or extracted.
///
/// Every error names the archive, the entry when there is one (escaped and cut to 60
/// characters, see ``escapedName(_:)``), and the problem. It never contains file contents.
/// ``fault`` says whose fault it is: the caller's arguments, the archive's bytes, or the
/// system (I/O).
struct SnapshotError: Error, Hashable, CustomStringConvertible {
  /// A stable code for each kind of failure, to match in a `catch`.
  enum Code: String, Sendable, Hashable {
    /// The caller passed a file name that is not a safe relative path (caller's fault).
    case invalidName
    /// The caller passed a bad argument, such as a malformed `created` time (caller's fault).
    case invalidArgument
    /// The extraction target already exists (caller's fault).
    case destinationExists
    /// A source file changed size or vanished while the snapshot was written (caller's fault).
    case sourceChanged
    /// The archive ends before a header, a file body or the end-of-archive blocks.
    case truncated
    /// A tar header's checksum does not match its bytes.
    case headerChecksumMismatch
    /// A numeric header field (size, checksum) is not octal text.
    case invalidNumericField
    /// The header is not a POSIX ustar header.
    case unsupportedFormat
    /// An entry is not a regular file (link, device, FIFO, directory, pax/GNU extension).
    case unsupportedEntryType
    /// An entry name is absolute, has `..`/`.`/empty segments or is otherwise unsafe.
    case unsafeName
    /// An entry is not listed in the manifest.
    case unexpectedEntry
    /// An entry appears twice.
    case duplicateEntry
    /// An entry is listed in the manifest but appears at another position.
    case outOfOrder
    /// A file listed in the manifest is missing from the archive.
    case missingEntry
    /// An entry's size differs from the manifest's.
    case sizeMismatch
    /// A file's SHA-256 differs from the manifest's.
    case checksumMismatch
    /// The whole archive's SHA-256 differs from its `.sha256` sidecar.
    case sidecarMismatch
    /// The `.sha256` sidecar is not in `sha256sum` format.
    case invalidSidecar
    /// Non-zero bytes follow the end-of-archive blocks.
    case trailingGarbage
    /// A count or size is over a ``SnapshotLimits`` cap.
    case limitExceeded
    /// The manifest is not valid JSON, misses fields or has an unknown format version.
    case invalidManifest
    /// A full snapshot's entries are not laid out as ``FullSnapshotLayout`` requires.
    case invalidLayout
    /// A full snapshot's `aliases.json` is malformed or names collections it does not hold.
    case invalidAliases
    /// A file in the archive fails its own format's checks (checksums, structure), or is not
    /// a file of the collection.
    case invalidContent
    /// A system call failed (the system's fault).
    case io
  }

  /// Whose fault an error is.
  enum Fault: Sendable, Hashable {
    /// The arguments the caller passed.
    case caller
    /// The archive's bytes: corrupt, truncated, tampered with or hostile.
    case archive
    /// The operating system or the device.
    case system
  }

  /// What went wrong.
  var code: Code
  /// The archive's path.
  var archive: String
  /// The entry concerned, already escaped and cut, or `nil`.
  var entry: String?
  /// What is wrong, in words; never file contents.
  var detail: String
  /// The failed system call, for `io` errors that come from one.
  var systemError: SystemError?

  /// Creates an error; `entry` is escaped and cut here.
  init(_ code: Code, archive: String, entry: String? = nil, _ detail: String) {
    self.code = code
    self.archive = archive
    self.entry = entry.map(SnapshotError.escapedName)
    self.detail = detail
  }

  /// Wraps an error from a block that throws only `SystemError` or `SnapshotError`.
  static func from(_ error: any Error, archive: String) -> SnapshotError {
    switch error {
    case let error as SnapshotError: error
    case let error as SystemError: SnapshotError(error, archive: archive)
    default: SnapshotError(.io, archive: archive, "\(error)")
    }
  }

  /// Wraps a failed system call.
  init(_ error: SystemError, archive: String) {
    self.init(.io, archive: archive, error.description)
    systemError = error
  }

  /// Whose fault this error is.
  var fault: Fault {
    switch code {
    case .invalidName, .invalidArgument, .destinationExists, .sourceChanged: .caller
    case .io: .system
    default: .archive
    }
  }

  /// `"snapshot /x.snapshot, entry "a.seg": size 10 differs from the manifest's 12"`.
  var description: String {
    var text = "snapshot \(archive)"
    if let entry { text += ", entry \"\(entry)\"" }
    return text + ": " + detail
  }

  /// The longest escaped name an error shows, in characters.
  static let maximumShownNameLength = 60

  /// `name` with anything but printable ASCII escaped as `\xHH`, cut to 60 characters.
  ///
  /// - Complexity: O(n) in the length of `name`.
  static func escapedName(_ name: String) -> String {
    var text = ""
    for byte in name.utf8 {
      if text.count >= maximumShownNameLength { return text + "…" }
      if byte >= 0x20 && byte < 0x7F && byte != UInt8(ascii: "\\") && byte != UInt8(ascii: "\"") {
        text.append(Character(Unicode.Scalar(byte)))
      } else {
        let digits = Array("0123456789abcdef")
        text += "\\x" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0F)])
      }
    }
    return text
  }
}

extension SnapshotError: Sendable {}
