#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The libFuzzer entry points of `ragops-fuzz`: one binary for every target in
/// ``FuzzTarget/all``, chosen by the environment variable `RAGOPS_FUZZ_TARGET`.
///
/// Built only by `Tests/Fuzz/run` (`RAGOPS_FUZZ=1 swift build --sanitize=fuzzer …`), where
/// libFuzzer supplies `main`. To reproduce a finding:
/// `RAGOPS_FUZZ_TARGET=<name> .build-fuzz/debug/ragops-fuzz <input file>`.
enum FuzzDriver {
  /// The target this process fuzzes; the process exits with the list when it is not set.
  static let target: FuzzTarget = {
    let name = getenv("RAGOPS_FUZZ_TARGET").map { String(cString: $0) } ?? ""
    if let target = FuzzTarget.named(name) { return target }
    var message = "set RAGOPS_FUZZ_TARGET to one of:\n"
    for target in FuzzTarget.all { message += "  \(target.name)  \(target.summary)\n" }
    _ = message.withCString { write(2, $0, strlen($0)) }
    exit(2)
  }()

  /// The scratch folder of the targets that read files (under `$TMPDIR`).
  ///
  /// Unchecked because a workspace is not thread-safe: libFuzzer calls the target from one
  /// thread at a time.
  nonisolated(unsafe) static let workspace = FuzzWorkspace()
}

/// libFuzzer's start-up hook: resolves the target before the first input.
@_cdecl("LLVMFuzzerInitialize")
func fuzzerInitialize(
  _ argc: UnsafeMutablePointer<CInt>,
  _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>
) -> CInt {
  _ = FuzzDriver.target
  _ = FuzzDriver.workspace
  return 0
}

/// libFuzzer's per-input hook: runs the chosen target on `size` bytes at `data`.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let input = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
  _ = FuzzDriver.target.run(input, FuzzDriver.workspace)
  return 0
}
