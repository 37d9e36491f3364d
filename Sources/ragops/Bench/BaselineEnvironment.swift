import Foundation
import Operations

/// The Python that runs the comparison libraries for `bench ann --baseline hnswlib`.
///
/// Either the user's own interpreter (`--python`), used as is and never changed, or a private
/// environment under `$XDG_CACHE_HOME/ragops/bench-venv` (or `~/.cache/…`) holding the pinned
/// ``packages``. ragops sets that environment up only with the user's consent: a yes on the
/// terminal or `--yes-install` (see ``BenchAnnCommand``).
enum BaselineEnvironment {
  /// What the private environment gets from PyPI, pinned so every run compares the same code.
  static let packages = ["numpy==2.4.6", "hnswlib==0.8.0"]

  /// The private environment's directory.
  static var directory: String {
    let environment = ProcessInfo.processInfo.environment
    let cache =
      environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
      ?? (environment["HOME"] ?? NSTemporaryDirectory()) + "/.cache"
    return cache + "/ragops/bench-venv"
  }

  /// The private environment's Python.
  static var privatePython: String { directory + "/bin/python" }

  /// Whether `python` runs and imports numpy and hnswlib.
  static func hasLibraries(_ python: String) -> Bool {
    FileManager.default.isExecutableFile(atPath: python)
      && (try? run(python, ["-c", "import numpy, hnswlib"])) != nil
  }

  /// The private environment's Python when it is set up; `nil` when it is missing or lacks a
  /// library.
  static var readyPython: String? { hasLibraries(privatePython) ? privatePython : nil }

  /// The `python3` on `PATH` that creates the private environment, as an absolute path.
  static var systemPython: String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
    for folder in path.split(separator: ":") where !folder.isEmpty {
      let candidate = String(folder) + "/python3"
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
  }

  /// What setting up the private environment does, for the user to read before it happens.
  static func plan(systemPython: String) -> String {
    """
    --baseline hnswlib needs a Python with numpy and hnswlib. ragops can set up its own:
      where:    \(directory)
      create:   \(systemPython) -m venv \(directory)
      install:  pip install \(packages.joined(separator: " ")) (from PyPI; hnswlib is compiled \
    from source, which needs a C++ compiler and the Python headers)
    Nothing outside that folder is changed. To use a Python you set up yourself instead, pass \
    --python PATH.

    """
  }

  /// Creates (or completes) the private environment and installs ``packages`` into it.
  ///
  /// - Returns: The environment's Python, checked to import both libraries.
  static func install(systemPython: String) throws -> String {
    _ = try run(systemPython, ["-m", "venv", directory])
    _ = try run(directory + "/bin/pip", ["install", "--quiet"] + packages)
    guard hasLibraries(privatePython) else {
      throw BaselineError(message: "\(privatePython) still cannot import numpy and hnswlib after pip install")
    }
    return privatePython
  }

  /// Runs a program and returns its standard output; fails with its standard error.
  static func run(_ program: String, _ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: program)
    process.arguments = arguments
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    let exit = try process.startWatched()
    // Standard error is read on another thread while standard output is read here: a program
    // that fills one pipe while the other is being waited on would otherwise never finish.
    let errorDrain = PipeDrain(errors.fileHandleForReading)
    let data = output.fileHandleForReading.readDataToEndOfFile()
    let errorData = errorDrain.wait()
    exit.wait()
    guard process.terminationStatus == 0 else {
      let message = String(decoding: errorData, as: UTF8.self).split(separator: "\n").suffix(3).joined(separator: "\n")
      throw BaselineError(message: "\(URL(fileURLWithPath: program).lastPathComponent) failed: \(message)")
    }
    return String(decoding: data, as: UTF8.self)
  }

  /// Reads a pipe to its end on a thread of its own (not the shared pool, which may be busy).
  private final class PipeDrain: @unchecked Sendable {
    /// The bytes read; written before `done` is left and read only after it is waited on.
    private var data = Data()
    private let done = DispatchGroup()

    /// Starts reading `handle` to its end.
    init(_ handle: FileHandle) {
      done.enter()
      Thread.detachNewThread { [self] in
        data = handle.readDataToEndOfFile()
        done.leave()
      }
    }

    /// Waits for the end of the pipe and returns everything read.
    func wait() -> Data {
      done.wait()
      return data
    }
  }

  /// The baseline runner: hnswlib on the same files, every query in one call on one thread
  /// (so Python's per-call cost is not counted against it), recall@k against the truth file
  /// or brute force. Prints one JSON object per ef, then the build time.
  static let hnswlibScript = """
    import argparse, json, time
    import numpy as np, hnswlib

    def read_vectors(path, dtype):
        raw = np.fromfile(path, dtype=np.int32)
        width = int(raw[0]) + 1
        rows = raw.reshape(-1, width)[:, 1:].copy()
        return rows.view(np.float32) if dtype == 'f' else rows

    parser = argparse.ArgumentParser()
    for name in ['--base', '--query', '--truth', '--metric', '--ef']:
        parser.add_argument(name)
    for name in ['--m', '--ef-construct', '--k', '--threads']:
        parser.add_argument(name, type=int)
    options = parser.parse_args()
    base = read_vectors(options.base, 'f')
    queries = read_vectors(options.query, 'f')
    space = {'cosine': 'cosine', 'dot': 'ip', 'l2': 'l2', 'euclid': 'l2'}[options.metric]
    if options.truth:
        truth = read_vectors(options.truth, 'i')[:, :options.k]
    else:
        exact = hnswlib.BFIndex(space=space, dim=base.shape[1])
        exact.init_index(max_elements=len(base))
        exact.add_items(base, np.arange(len(base)))
        truth, _ = exact.knn_query(queries, k=options.k)
    index = hnswlib.Index(space=space, dim=base.shape[1])
    index.init_index(max_elements=len(base), M=options.m, ef_construction=options.ef_construct)
    index.set_num_threads(options.threads)
    started = time.perf_counter()
    index.add_items(base, np.arange(len(base)))
    build = time.perf_counter() - started
    index.set_num_threads(1)
    for ef in [int(value) for value in options.ef.split(',')]:
        index.set_ef(max(ef, options.k))
        index.knn_query(queries[:20], k=options.k)
        best = None
        for _ in range(3):
            started = time.perf_counter()
            labels, _ = index.knn_query(queries, k=options.k)
            elapsed = time.perf_counter() - started
            best = elapsed if best is None or elapsed < best else best
        recall = np.mean([len(set(labels[i]) & set(truth[i])) / len(truth[i]) for i in range(len(queries))])
        print(json.dumps({'lib': 'hnswlib', 'ef': ef, 'recall': float(recall), 'qps': len(queries) / best}))
    print(json.dumps({'lib': 'hnswlib', 'build_s': build, 'threads': options.threads}))
    """
}

/// The baseline environment could not be set up or run.
struct BaselineError: Error, CustomStringConvertible {
  var message: String
  var description: String { message }
}
