/// The first entry of a snapshot archive, `manifest.json`: what the snapshot holds.
///
/// On disk: `{"format": 1, "collection": NAME, "created": "YYYY-MM-DDTHH:MM:SSZ",
/// "config": {…}, "files": [{"name": "...", "size": N, "sha256": "hex"}]}`. The archive holds
/// each listed file, in this order, after the manifest.
struct SnapshotManifest: Hashable {
  /// One file the snapshot holds.
  struct File: Hashable, Sendable {
    /// The file's relative path inside the snapshot (see ``SnapshotManifest/nameProblem(_:)``).
    var name: String
    /// The file's size in bytes.
    var size: Int
    /// The file's SHA-256, 64 lowercase hexadecimal digits.
    var sha256: String
  }

  /// The only format version this code reads and writes.
  static let currentFormat: Int64 = 1
  /// The name of the manifest entry, always the archive's first.
  static let entryName = "manifest.json"
  /// The longest entry name, in bytes (the ustar `name` field).
  static let maximumNameLength = 100
  /// The most path segments an entry name may have.
  static let maximumDepth = 8

  /// The format version, ``currentFormat``.
  var format: Int64 = SnapshotManifest.currentFormat
  /// The collection's name.
  var collection: String
  /// When the snapshot was taken, `YYYY-MM-DDTHH:MM:SSZ` (UTC).
  var created: String
  /// The collection's configuration, a JSON object chosen by the caller.
  var config: JSONValue
  /// The files, in archive order.
  var files: [File]

  /// The manifest as compact JSON text in UTF-8.
  ///
  /// - Complexity: O(n) in the size of the manifest.
  func encoded() -> [UInt8] {
    let fileValues: [JSONValue] = files.map { file in
      .object(JSONObject([
        ("name", .string(file.name)), ("size", .int(Int64(file.size))),
        ("sha256", .string(file.sha256)),
      ]))
    }
    let value = JSONValue.object(JSONObject([
      ("format", .int(format)), ("collection", .string(collection)),
      ("created", .string(created)), ("config", config), ("files", .array(fileValues)),
    ]))
    var bytes: [UInt8] = []
    JSONWriter.append(value, to: &bytes)
    return bytes
  }

  /// Parses and validates manifest bytes read from `archive`.
  ///
  /// Checks the format version, every field's type, names (safe, unique, not the manifest's
  /// own), sizes (non-negative, within `limits`, total without overflow) and hash syntax.
  ///
  /// - Complexity: O(n) in the size of the manifest.
  /// - Throws: ``SnapshotError`` with code `invalidManifest`, `unsafeName`, `duplicateEntry`
  ///   or `limitExceeded`.
  static func decode(_ bytes: [UInt8], archive: String, limits: SnapshotLimits)
    throws(SnapshotError) -> SnapshotManifest
  {
    func invalid(_ detail: String) -> SnapshotError {
      SnapshotError(.invalidManifest, archive: archive, entry: entryName, detail)
    }
    let value: JSONValue
    do {
      value = try JSONParser.parse(bytes)
    } catch {
      throw invalid("not valid JSON (\(error.description))")
    }
    guard let object = value.objectValue else { throw invalid("not a JSON object") }
    guard let format = object["format"]?.integerValue else {
      throw invalid("missing or non-integer \"format\"")
    }
    guard format == currentFormat else {
      throw invalid("unsupported format version \(format) (this build reads \(currentFormat))")
    }
    guard let collection = object["collection"]?.stringValue else {
      throw invalid("missing or non-string \"collection\"")
    }
    guard let created = object["created"]?.stringValue, epochSeconds(created: created) != nil
    else {
      throw invalid("missing \"created\" or not YYYY-MM-DDTHH:MM:SSZ")
    }
    guard let config = object["config"], config.objectValue != nil else {
      throw invalid("missing or non-object \"config\"")
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
        throw SnapshotError(.unsafeName, archive: archive, entry: name, "manifest lists a name that is \(problem)")
      }
      guard name != entryName else {
        throw invalid("files[\(index)] uses the reserved name \(entryName)")
      }
      guard seen.insert(name).inserted else {
        throw SnapshotError(.duplicateEntry, archive: archive, entry: name, "listed twice in the manifest")
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
    return SnapshotManifest(
      format: format, collection: collection, created: created, config: config, files: files)
  }

  /// Why `name` is not a safe entry name, or `nil` if it is.
  ///
  /// Safe names are relative paths of printable ASCII (no backslash), at most 100 bytes and 8
  /// segments, with no empty, `.` or `..` segments.
  ///
  /// - Complexity: O(n) in the length of `name`.
  static func nameProblem(_ name: String) -> String? {
    let bytes = Array(name.utf8)
    if bytes.isEmpty { return "empty" }
    if bytes.count > maximumNameLength { return "longer than \(maximumNameLength) bytes" }
    if bytes[0] == UInt8(ascii: "/") { return "absolute" }
    for byte in bytes where byte < 0x20 || byte >= 0x7F || byte == UInt8(ascii: "\\") {
      return "not printable ASCII without backslashes"
    }
    let segments = bytes.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
    if segments.count > maximumDepth { return "deeper than \(maximumDepth) segments" }
    for segment in segments {
      if segment.isEmpty { return "made with an empty segment" }
      if segment.elementsEqual([UInt8(ascii: ".")]) || segment.elementsEqual(Array("..".utf8)) {
        return "made with a '.' or '..' segment"
      }
    }
    return nil
  }

  /// Whether `text` is 64 lowercase hexadecimal digits.
  ///
  /// - Complexity: O(n) in the length of `text`.
  static func isHexDigest(_ text: String) -> Bool {
    let bytes = Array(text.utf8)
    return bytes.count == 64 && bytes.allSatisfy { byte in
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
