import Model

/// Where a backup's files live, and what may be deleted when it goes.
///
/// Layout: every backup has a folder of its own directly inside a backup root, the data
/// directory's `backups` or a `--backup-dir`:
///
///     <root>/<schedule>-<YYYYMMDDThhmmZ>[-<id>]/<archive>.snapshot (+ .sha256 sidecar)
///     <root>/manual-<YYYYMMDDThhmmssZ>[-<id>]/<archive>.snapshot (+ .sha256 sidecar)
///
/// The `-<id>` suffix is added when the plain name is taken. While a backup is written the
/// folder may also hold the writer's temporary files (`.tmp-<archive>…`).
///
/// Invariants the deleter keeps, whatever the catalog says: the folder it removes is named
/// exactly as this backup's folder, lies directly inside this backup's root, is a real folder
/// (not a symbolic link), and holds nothing but regular files with backup file names; it
/// removes those files one by one and then the empty folder, never a tree and never a parent.
/// Anything else is refused and left as it is.
enum BackupLayout {
  /// The file name suffix of a snapshot archive.
  static let archiveSuffix = ".snapshot"
  /// The suffix of an archive's checksum sidecar.
  static let sidecarSuffix = ".sha256"
  /// The prefix of a file being written (the engine's durable-publish protocol).
  static let temporaryPrefix = ".tmp-"

  /// The name of a backup's folder, before any `-<id>` suffix: `<schedule>-<minute>` for
  /// scheduled and catch-up backups, `manual-<second>` for manual ones; `nil` when the record
  /// lacks what the name is made of.
  static func folderName(for record: BackupRecord) -> String? {
    switch record.trigger {
    case .manual:
      let stamp = UTCTimestamp(epochSeconds: record.startedAt)
      return
        "manual-\(stamp.compactMinuteStamp.dropLast())\(stamp.second < 10 ? "0" : "")\(stamp.second)Z"
    case .scheduled, .catchUp:
      guard let schedule = record.scheduleName, let slot = record.slot else { return nil }
      return "\(schedule)-\(UTCTimestamp(epochSeconds: slot).compactMinuteStamp)"
    }
  }

  /// The names a backup's folder may have: its plain name, and that name with its id.
  static func folderNames(for record: BackupRecord) -> [String] {
    guard let name = folderName(for: record) else { return [] }
    return [name, "\(name)-\(record.id)"]
  }

  /// `directory` as a backup root: absolute, without `.` or `..` components, duplicate or
  /// trailing slashes, and not `/` itself.
  ///
  /// - Throws: ``BackupError`` `invalidInput`.
  static func normalizedRoot(_ directory: String) throws(BackupError) -> String {
    guard let root = checkedRoot(directory) else {
      throw BackupError(
        .invalidInput,
        "--backup-dir must be an absolute path of a folder other than /, without '.' or '..'")
    }
    return root
  }

  /// `directory` normalized as ``normalizedRoot(_:)`` does, or `nil` when it is not a
  /// usable root.
  static func checkedRoot(_ directory: String) -> String? {
    guard directory.hasPrefix("/") else { return nil }
    let components = directory.split(separator: "/")
    guard !components.isEmpty, !components.contains(where: { $0 == "." || $0 == ".." }) else {
      return nil
    }
    return "/" + components.joined(separator: "/")
  }

  /// Whether `name` is a file a backup writes into its folder: an archive, its sidecar, or
  /// the temporary file of either.
  static func isBackupFile(_ name: String) -> Bool {
    var stem = Substring(name)
    if stem.hasPrefix(temporaryPrefix) {
      // `.tmp-<name>-<random hex>`
      stem = stem.dropFirst(temporaryPrefix.count)
      guard let dash = stem.lastIndex(of: "-") else { return false }
      stem = stem[..<dash]
    }
    if stem.hasSuffix(sidecarSuffix) { stem = stem.dropLast(sidecarSuffix.count) }
    return stem.hasSuffix(archiveSuffix) && stem.count > archiveSuffix.count && !stem.hasPrefix(".")
  }

  /// The folder holding a backup's files, checked against the layout: the path the record
  /// holds must be `<root>/<folder>/` or `<root>/<folder>/<archive>.snapshot`, with `<root>`
  /// the backup's own root and `<folder>` one of its folder names.
  ///
  /// - Parameters:
  ///   - record: the backup.
  ///   - defaultRoot: the data directory's `backups`, for records without a root.
  /// - Returns: the folder's path, or why the record's path is not a backup folder.
  static func folder(
    of record: BackupRecord, defaultRoot: String
  ) -> Result<String, LocationProblem> {
    guard let path = record.path else {
      return .failure(LocationProblem(path: "", reason: "no path is recorded"))
    }
    func problem(_ reason: String) -> Result<String, LocationProblem> {
      .failure(LocationProblem(path: path, reason: reason))
    }
    let root: String
    if let recorded = record.backupRoot {
      guard let checked = checkedRoot(recorded), checked == recorded else {
        return problem("its backup folder \(recorded) is not an absolute path without '.' or '..'")
      }
      root = checked
    } else {
      root = defaultRoot
    }
    guard path.hasPrefix(root + "/") else {
      return problem("it is not inside its backup folder \(root)")
    }
    let parts = path.dropFirst(root.count + 1).split(
      separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2 else { return problem("it is not a folder directly inside \(root)") }
    let folder = String(parts[0])
    let names = folderNames(for: record)
    guard names.contains(folder) else {
      return problem(
        names.isEmpty
          ? "the record does not say which folder is its own"
          : "its folder is not named \(names[0])")
    }
    guard
      parts[1].isEmpty || (isBackupFile(String(parts[1])) && !parts[1].hasPrefix(temporaryPrefix))
    else {
      return problem("\(parts[1]) is not a backup archive")
    }
    return .success(root + "/" + folder)
  }

  /// Why a recorded path is not a backup folder.
  struct LocationProblem: Error, Hashable, Sendable {
    /// The path the catalog holds.
    var path: String
    /// What is wrong with it.
    var reason: String
  }
}
