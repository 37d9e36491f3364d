import Foundation
import VectorEngine

// Recording exists in debug builds only, as the engine's `CrashRecorder` does.
#if DEBUG
/// A workload run under a crash recorder: the directory as it was before, the calls logged
/// while it ran, and the steps it acknowledged, each with the state it promised.
///
/// A step begins when its call is made and is acknowledged when the call returns; both are
/// noted as the number of logged calls at that moment. A crash at point k must leave the
/// state promised by the last step acknowledged at or before k, or, while a step is in
/// flight (begun before k, acknowledged after), the state that step promises.
///
/// Unchecked `Sendable`: a workload is driven from one thread at a time (a ``CrashTrigger``
/// runs its action on the thread inside whose call it fires).
package final class CrashWorkload<State: Equatable>: @unchecked Sendable {
  /// A call the workload made and the state it promised once it returned.
  package struct Step {
    /// What the step did, for messages.
    package var label: String
    /// Logged calls before the step began.
    package var begin: Int
    /// Logged calls when it returned.
    package var end: Int
    /// The state promised from `end` on.
    package var state: State
  }

  /// The directory, absolute with symbolic links resolved (use this path for the workload).
  package let directory: String
  private let initial: FileTree
  private let excluding: @Sendable (String) -> Bool
  private let recorder: CrashRecorder
  /// The state before the first step.
  private let start: State
  /// The steps, in order.
  package private(set) var steps: [Step] = []

  /// Reads `directory` as it is now and starts recording the calls under it.
  ///
  /// - Parameters:
  ///   - start: The state the directory holds now.
  ///   - excluding: Relative paths of files left out of the model, with every call on them:
  ///     files the engine does not write through its syscall layer (an SQLite catalog), and
  ///     lock files, which hold nothing but the holder's pid (``CrashModel/lockFiles(_:)``).
  ///   - observer: Called after each logged call (see ``CrashRecorder``).
  package init(
    directory: String, start: State, excluding: @escaping @Sendable (String) -> Bool = CrashModel.lockFiles,
    observer: (@Sendable (Int, CrashRecorder.Operation) -> Void)? = nil
  ) throws {
    guard let resolved = realpath(directory, nil) else {
      throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: directory])
    }
    self.directory = String(cString: resolved)
    free(resolved)
    initial = try FileTree.read(from: self.directory, excluding: excluding)
    self.excluding = excluding
    self.start = start
    recorder = CrashRecorder.start(under: self.directory, observer: observer)
  }

  deinit {
    recorder.stop()
  }

  /// Calls logged so far.
  package var count: Int { recorder.count }

  /// Runs `body` as one step that promises `state` once it returns.
  @discardableResult
  package func step<R>(_ label: String, promising state: State, _ body: () throws -> R) rethrows -> R {
    let begin = recorder.count
    let result = try body()
    steps.append(Step(label: label, begin: begin, end: recorder.count, state: state))
    return result
  }

  /// Runs `body` as one step whose promise depends on what it returned (a snapshot's name).
  @discardableResult
  package func step<R>(_ label: String, _ body: () throws -> R, promising state: (R) -> State) rethrows -> R {
    let begin = recorder.count
    let result = try body()
    steps.append(Step(label: label, begin: begin, end: recorder.count, state: state(result)))
    return result
  }

  /// Stops recording: what the workload does from now on is not part of it.
  package func stop() {
    recorder.stop()
  }

  /// Stops recording and builds the crash model of what was logged.
  package func finish() throws -> CrashModel {
    recorder.stop()
    return try CrashModel(
      initial: initial, operations: recorder.operations, prefix: recorder.prefix, excluding: excluding)
  }

  /// The states a crash at point `k` may leave, as promised: one, or two while a step is in
  /// flight.
  package func acceptable(at k: Int) -> [State] {
    var promised = start
    for step in steps {
      if step.end <= k {
        promised = step.state
      } else if step.begin < k {
        return [promised, step.state]
      } else {
        break
      }
    }
    return [promised]
  }
}
#endif
