/// The first entry of a snapshot archive, `manifest.json`: what the snapshot holds.
///
/// On disk (format 2), a collection snapshot:
/// `{"format": 2, "kind": "collection", "engine": "0.1.0", "collection": NAME,
/// "created": "YYYY-MM-DDTHH:MM:SSZ", "config": {…}, "files": [{"name": "...", "size": N,
/// "sha256": "hex"}]}`; a full snapshot has `"kind": "full"` and, instead of `collection` and
/// `config`, `"collections": [{"name": NAME, "config": {…}}]`, with files laid out as
/// ``FullSnapshotLayout`` says. Format 1 (collection snapshots only) has no `kind` and no
/// `engine`; it is still read. The archive holds each listed file, in this order, after the
/// manifest. No object of the manifest has more than ``maximumKeysPerObject`` keys.
import Model

struct SnapshotManifest: Hashable {
  /// What a snapshot covers.
  enum Kind: String, Hashable, Sendable {
    /// One collection.
    case collection
    /// Every collection of a data directory, and its aliases.
    case full
  }

  /// A collection the snapshot holds, with the configuration recorded for it.
  struct Collection: Hashable, Sendable {
    /// The collection's name.
    var name: String
    /// The collection's configuration, a JSON object.
    var config: JSONValue
  }

  /// One file the snapshot holds.
  struct File: Hashable, Sendable {
    /// The file's relative path inside the snapshot (see ``SnapshotManifest/nameProblem(_:)``).
    var name: String
    /// The file's size in bytes.
    var size: Int
    /// The file's SHA-256, 64 lowercase hexadecimal digits.
    var sha256: String
  }

  /// The format version this code writes.
  static let currentFormat: Int64 = 2
  /// The format versions this code reads.
  static let readableFormats: ClosedRange<Int64> = 1...2
  /// The name of the manifest entry, always the archive's first.
  static let entryName = "manifest.json"
  /// The longest entry name, in bytes: a ustar `prefix` (155), a slash and a `name` (100).
  static let maximumNameLength = 256
  /// The most path segments an entry name may have.
  static let maximumDepth = 8
  /// The most keys any object of the manifest may have (the format's objects have at most
  /// eight; the rest is room for later fields). A wider object is refused as `limitExceeded`.
  static let maximumKeysPerObject = 64

  /// The format version.
  var format: Int64 = SnapshotManifest.currentFormat
  /// What the snapshot covers.
  var kind: Kind
  /// The version of the engine that wrote the snapshot (`nil` in format 1).
  var engine: String?
  /// When the snapshot was taken, `YYYY-MM-DDTHH:MM:SSZ` (UTC).
  var created: String
  /// The collections it holds: exactly one for a collection snapshot.
  var collections: [Collection]
  /// The files, in archive order.
  var files: [File]

  /// A collection snapshot's manifest.
  init(collection: String, created: String, config: JSONValue, files: [File]) {
    self.init(
      kind: .collection, created: created,
      collections: [Collection(name: collection, config: config)],
      files: files)
  }

  /// A manifest of either kind.
  init(
    format: Int64 = SnapshotManifest.currentFormat, kind: Kind,
    engine: String? = Database.engineVersion,
    created: String, collections: [Collection], files: [File]
  ) {
    self.format = format
    self.kind = kind
    self.engine = engine
    self.created = created
    self.collections = collections
    self.files = files
  }

  /// The collection's name (the first collection's for a full snapshot).
  var collection: String { collections.first?.name ?? "" }

  /// The collection's configuration (the first collection's for a full snapshot).
  var config: JSONValue { collections.first?.config ?? .object([:]) }

  /// The manifest as compact JSON text in UTF-8.
  ///
  /// - Complexity: O(n) in the size of the manifest.
  func encoded() -> [UInt8] {
    let fileValues: [JSONValue] = files.map { file in
      .object(
        JSONObject([
          ("name", .string(file.name)), ("size", .int(Int64(file.size))),
          ("sha256", .string(file.sha256)),
        ]))
    }
    var fields: [(String, JSONValue)] = [("format", .int(format))]
    if format >= 2 { fields.append(("kind", .string(kind.rawValue))) }
    if let engine { fields.append(("engine", .string(engine))) }
    switch kind {
    case .collection:
      fields += [
        ("collection", .string(collection)), ("created", .string(created)), ("config", config),
      ]
    case .full:
      let collectionValues: [JSONValue] = collections.map {
        .object(JSONObject([("name", .string($0.name)), ("config", $0.config)]))
      }
      fields += [("created", .string(created)), ("collections", .array(collectionValues))]
    }
    fields.append(("files", .array(fileValues)))
    var bytes: [UInt8] = []
    JSONWriter.append(.object(JSONObject(fields)), to: &bytes)
    return bytes
  }

  /// The size in bytes of an archive whose manifest entry (header and padded body) ends at
  /// offset `manifestEnd` and which then holds exactly the listed files, each a header and a
  /// padded body, then the two end blocks.
  ///
  /// - Complexity: O(n) in the number of files.
  func archiveSize(manifestEnd: Int) -> Int {
    let block = TarWriter.blockSize
    return files.reduce(manifestEnd + 2 * block) {
      $0 + block + ($1.size + block - 1) / block * block
    }
  }

  /// Parses and validates manifest bytes read from `archive`.
  ///
  /// Checks the format version, every field's type, names (safe, unique, not the manifest's
  /// own), sizes (non-negative, within `limits`, total without overflow), hash syntax and, for
  /// a full snapshot, the layout (``FullSnapshotLayout``).
  ///
  /// - Complexity: O(n) in the size of the manifest.
  /// - Throws: ``SnapshotError`` with code `invalidManifest`, `unsafeName`, `duplicateEntry`,
  ///   `limitExceeded` or `invalidLayout`.
  static func decode(_ bytes: [UInt8], archive: String, limits: SnapshotLimits)
    throws(SnapshotError) -> SnapshotManifest
  {
    func invalid(_ detail: String) -> SnapshotError {
      SnapshotError(.invalidManifest, archive: archive, entry: entryName, detail)
    }
    let value: JSONValue
    do {
      value = try JSONParser.parse(bytes, maximumKeysPerObject: maximumKeysPerObject)
    } catch {
      if error.kind == .tooManyKeys {
        throw SnapshotError(
          .limitExceeded, archive: archive, entry: entryName,
          "an object at line \(error.line), column \(error.column) has more than \(maximumKeysPerObject) keys, the cap")
      }
      throw invalid("not valid JSON (\(error.description))")
    }
    guard let object = value.objectValue else { throw invalid("not a JSON object") }
    guard let format = object["format"]?.integerValue else {
      throw invalid("missing or non-integer \"format\"")
    }
    guard readableFormats.contains(format) else {
      throw invalid(
        "unsupported format version \(format) (this build reads \(readableFormats.lowerBound) to \(readableFormats.upperBound))"
      )
    }
    let kind: Kind
    if format == 1 {
      kind = .collection
    } else {
      guard let name = object["kind"]?.stringValue, let known = Kind(rawValue: name) else {
        throw invalid("missing \"kind\" or not \"collection\" or \"full\"")
      }
      kind = known
    }
    var engine: String?
    if let value = object["engine"] {
      guard let text = value.stringValue, text.utf8.count <= 64 else {
        throw invalid("\"engine\" is not a short string")
      }
      engine = text
    }
    guard let created = object["created"]?.stringValue, epochSeconds(created: created) != nil
    else {
      throw invalid("missing \"created\" or not YYYY-MM-DDTHH:MM:SSZ")
    }
    var collections: [Collection] = []
    switch kind {
    case .collection:
      guard let collection = object["collection"]?.stringValue else {
        throw invalid("missing or non-string \"collection\"")
      }
      guard let config = object["config"], config.objectValue != nil else {
        throw invalid("missing or non-object \"config\"")
      }
      collections = [Collection(name: collection, config: config)]
    case .full:
      guard let values = object["collections"]?.arrayValue else {
        throw invalid("missing or non-array \"collections\"")
      }
      guard values.count < limits.maximumEntries else {
        throw SnapshotError(
          .limitExceeded, archive: archive, entry: entryName,
          "lists \(values.count) collections, over the cap of \(limits.maximumEntries - 1)")
      }
      for (index, value) in values.enumerated() {
        guard let fields = value.objectValue, let name = fields["name"]?.stringValue,
          let config = fields["config"], config.objectValue != nil
        else {
          throw invalid("collections[\(index)] needs string \"name\" and object \"config\"")
        }
        collections.append(Collection(name: name, config: config))
      }
    }
    guard let fileValues = object["files"]?.arrayValue else {
      throw invalid("missing or non-array \"files\"")
    }
    // The manifest itself is an entry too.
    guard fileValues.count < limits.maximumEntries else {
      throw SnapshotError(
        .limitExceeded, archive: archive, entry: entryName,
        "lists \(fileValues.count) files, over the cap of \(limits.maximumEntries - 1)")
    }
    var files: [File] = []
    files.reserveCapacity(fileValues.count)
    var seen = Set<String>()
    var total = 0
    for (index, fileValue) in fileValues.enumerated() {
      guard let fields = fileValue.objectValue,
        let name = fields["name"]?.stringValue,
        let size = fields["size"]?.integerValue,
        let sha256 = fields["sha256"]?.stringValue
      else {
        throw invalid("files[\(index)] needs string \"name\", integer \"size\", string \"sha256\"")
      }
      if let problem = nameProblem(name) {
        throw SnapshotError(
          .unsafeName, archive: archive, entry: name, "manifest lists a name that is \(problem)")
      }
      guard name != entryName else {
        throw invalid("files[\(index)] uses the reserved name \(entryName)")
      }
      guard seen.insert(name).inserted else {
        throw SnapshotError(
          .duplicateEntry, archive: archive, entry: name, "listed twice in the manifest")
      }
      guard size >= 0, let exactSize = Int(exactly: size) else {
        throw invalid("files[\(index)] has a negative or oversized size")
      }
      guard exactSize <= limits.maximumFileSize else {
        throw SnapshotError(
          .limitExceeded, archive: archive, entry: name,
          "size \(exactSize) is over the cap of \(limits.maximumFileSize) bytes")
      }
      let (sum, overflow) = total.addingReportingOverflow(exactSize)
      guard !overflow, sum <= limits.maximumTotalSize else {
        throw SnapshotError(
          .limitExceeded, archive: archive, entry: name,
          "total size is over the cap of \(limits.maximumTotalSize) bytes")
      }
      total = sum
      guard isHexDigest(sha256) else {
        throw invalid("files[\(index)] \"sha256\" is not 64 lowercase hexadecimal digits")
      }
      files.append(File(name: name, size: exactSize, sha256: sha256))
    }
    let manifest = SnapshotManifest(
      format: format, kind: kind, engine: engine, created: created, collections: collections,
      files: files)
    if kind == .full, let problem = FullSnapshotLayout.problem(manifest) {
      throw SnapshotError(.invalidLayout, archive: archive, entry: problem.entry, problem.detail)
    }
    return manifest
  }

  /// Why `name` is not a safe entry name, or `nil` if it is.
  ///
  /// Safe names are relative paths of UTF-8 text without control characters or backslashes,
  /// at most 8 segments, with no empty, `.` or `..` segments, short enough for a ustar header
  /// (at most 100 bytes, or a folder prefix of at most 155 bytes and a rest of at most 100).
  ///
  /// - Complexity: O(n) in the length of `name`.
  static func nameProblem(_ name: String) -> String? {
    let bytes = Array(name.utf8)
    if bytes.isEmpty { return "empty" }
    if bytes.count > maximumNameLength { return "longer than \(maximumNameLength) bytes" }
    if bytes[0] == UInt8(ascii: "/") { return "absolute" }
    for byte in bytes where byte < 0x20 || byte == 0x7F || byte == UInt8(ascii: "\\") {
      return "made with control characters or backslashes"
    }
    let segments = bytes.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
    if segments.count > maximumDepth { return "deeper than \(maximumDepth) segments" }
    for segment in segments {
      if segment.isEmpty { return "made with an empty segment" }
      if segment.elementsEqual([UInt8(ascii: ".")]) || segment.elementsEqual(Array("..".utf8)) {
        return "made with a '.' or '..' segment"
      }
    }
    if TarWriter.splitName(bytes) == nil {
      return "too long for a ustar header (100 bytes, or a 155-byte folder and 100 bytes)"
    }
    return nil
  }

  /// Whether `text` is 64 lowercase hexadecimal digits.
  ///
  /// - Complexity: O(n) in the length of `text`.
  static func isHexDigest(_ text: String) -> Bool {
    let bytes = Array(text.utf8)
    return bytes.count == 64
      && bytes.allSatisfy { byte in
        (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
          || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f"))
      }
  }

  /// Seconds since 1970-01-01T00:00:00Z for `created` in `YYYY-MM-DDTHH:MM:SSZ`, or `nil`
  /// when it is not in that form or names an impossible date (years 1970–9999).
  static func epochSeconds(created: String) -> Int? {
    let bytes = Array(created.utf8)
    guard bytes.count == 20, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
      bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"),
      bytes[16] == UInt8(ascii: ":"), bytes[19] == UInt8(ascii: "Z")
    else { return nil }
    func number(_ range: Range<Int>) -> Int? {
      var value = 0
      for index in range {
        let byte = bytes[index]
        guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
        value = value * 10 + Int(byte - UInt8(ascii: "0"))
      }
      return value
    }
    guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
      let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
      year >= 1970, (1...12).contains(month), hour < 24, minute < 60, second < 60
    else { return nil }
    let isLeap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    let monthLengths = [31, isLeap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    guard day >= 1, day <= monthLengths[month - 1] else { return nil }
    // Days from civil date (proleptic Gregorian), counting from 1970-01-01.
    let shiftedYear = month <= 2 ? year - 1 : year
    let era = shiftedYear / 400
    let yearOfEra = shiftedYear - era * 400
    let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    let days = era * 146_097 + dayOfEra - 719_468
    return ((days * 24 + hour) * 60 + minute) * 60 + second
  }
}

extension SnapshotManifest: Sendable {}
