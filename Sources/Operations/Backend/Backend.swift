public import Model

/// A vector store the console and the commands operate: the embedded engine over a data
/// directory today, a Qdrant endpoint over REST later.
///
/// A backend is a lifecycle (opened by ``BackendChoice``, ended by ``close(after:report:)``)
/// plus the capabilities it has. Capabilities are protocols of their own (``CollectionReading``,
/// ``PointWriting``, ``SnapshotWriting`` …), split into reading and writing halves; callers never
/// cast to them but ask through the accessors in `Backend+Capabilities.swift`, which refuse a
/// capability the backend lacks with a sentence saying so, and refuse every writing half when
/// the backend is read-only. That is the one place `--read-only` is enforced. Screens and
/// commands read ``capabilities`` to hide what the backend cannot do, as k9s hides verbs a
/// resource lacks.
///
/// Methods are `async` so a network backend fits without blocking its caller; the embedded
/// backend answers them synchronously.
public protocol Backend: AnyObject, Sendable {
  /// Where the data lives (a directory, or a URL for a remote backend).
  var location: String { get }
  /// The version of the store's software.
  var version: String { get }
  /// Whether the backend was opened read-only.
  var isReadOnly: Bool { get }
  /// What is wrong in the store that does not stop the rest from working (stray files,
  /// damaged aliases), as sentences.
  var problems: [String] { get }
  /// What happened while the store was opened (records recovered from a log, damage set
  /// aside), as sentences for the operator.
  var openingNotes: [String] { get }

  /// Ends the backend's use by a process, and decides what that means for the exit status.
  ///
  /// Everything a command acknowledged is durable before this runs, so a failure here is a
  /// warning passed to `report`: the status returned is the command's own.
  func close(after status: ExitStatus, report: (String) -> Void) -> ExitStatus
}
