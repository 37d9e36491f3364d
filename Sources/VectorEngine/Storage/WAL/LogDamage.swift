/// Damage found in a collection's write-ahead log: where it is and what is wrong.
///
/// Records before it are intact; the record it names and everything after it are not
/// replayed. See `WriteAheadLog+Recovery.swift` for what counts as damage rather than an
/// interrupted write.
import Model

struct LogDamage: Hashable, Sendable {
  /// The log file.
  var path: String
  /// The first record that is not replayed.
  var sequence: UInt64
  /// The byte offset of that record in the file, when it is known.
  var offset: Int?
  /// What is wrong, as a phrase.
  var problem: String

  /// `<path>: record N at byte X: <problem>`.
  var location: String {
    "\(path): record \(sequence)" + (offset.map { " at byte \($0)" } ?? "") + ": \(problem)"
  }

  /// The error a writable open fails with: nothing was truncated or replayed.
  func refusal(intactRecords: Int) -> StoreError {
    StoreError(
      .corrupted,
      "corrupt data: \(location). Nothing was truncated and the collection was not opened for writing: "
        + "restore it from a snapshot or backup, open it read-only to read the \(intactRecords) intact records before the damage, "
        + "or set the damaged log aside (its files are kept) to go on without the damaged records")
  }

  /// The note a read-only open leaves: what was replayed and what was not.
  func readOnlyNote(intactRecords: Int) -> String {
    "write-ahead log damaged: \(location); replayed the \(intactRecords) intact records before it, nothing after it"
  }
}
