import Foundation

/// A private Python environment with the comparison libraries for `bench ann --baseline`.
///
/// Created on first use under `$XDG_CACHE_HOME/ragops/bench-venv` (or `~/.cache/…`) with
/// `python3 -m venv` and `pip install numpy hnswlib`, so a benchmark never needs a manual step.
enum BaselineEnvironment {
  /// The environment's directory.
  static var directory: String {
    let environment = ProcessInfo.processInfo.environment
    let cache = environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
      ?? (environment["HOME"] ?? NSTemporaryDirectory()) + "/.cache"
    return cache + "/ragops/bench-venv"
  }

  /// The environment's Python, creating the environment if needed.
  static func python() throws -> String {
    let python = directory + "/bin/python"
    if FileManager.default.isExecutableFile(atPath: python),
      (try? run(python, ["-c", "import numpy, hnswlib"])) != nil
    {
      return python
    }
    FileHandle.standardError.write(Data("setting up \(directory) (python3 -m venv; pip install numpy hnswlib)…\n".utf8))
    _ = try run("/usr/bin/env", ["python3", "-m", "venv", directory])
    _ = try run(directory + "/bin/pip", ["install", "--quiet", "numpy", "hnswlib"])
    return python
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
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    let errorData = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      let message = String(decoding: errorData, as: UTF8.self).split(separator: "\n").suffix(3).joined(separator: "\n")
      throw BaselineError(message: "\(URL(fileURLWithPath: program).lastPathComponent) failed: \(message)")
    }
    return String(decoding: data, as: UTF8.self)
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
