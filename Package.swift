// swift-tools-version: 6.2
import PackageDescription

let package = Package(
  name: "ragops",
  products: [
    .executable(name: "ragops", targets: ["ragops"]),
    .library(name: "Model", targets: ["Model"]),
    .library(name: "VectorEngine", targets: ["VectorEngine"]),
    .library(name: "Operations", targets: ["Operations"]),
    .library(name: "ConsoleUI", targets: ["ConsoleUI"]),
    .library(name: "QdrantServer", targets: ["QdrantServer"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    // The backup catalog (schedules, backups, restores) is an SQLite file shared by processes.
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    // SHA-256 of snapshot archives (BoringSSL's implementation, with the CPU's SHA extensions).
    .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
    // The HTTP server behind `ragops serve` (SwiftNIO). No traits: ragops configures it itself.
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
    // The server's log and HTTP vocabulary (both already part of Hummingbird's graph).
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    // The server's graceful shutdown, bounded (also already part of Hummingbird's graph).
    .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    // TLS for `ragops serve --tls-cert/--tls-key` (through Hummingbird's TLS module).
    .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    // The server's event loops (already part of Hummingbird's graph), sized by ragops.
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    // The HTTP client (with TLS) of the Qdrant backend: `--url` and remote contexts.
    .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
  ],
  targets: [
    // The shared vocabulary, shaped after Qdrant's API: point ids, JSON values and codec,
    // filters and their parsers, collection config and info, results, one error type. Every
    // layer and every backend speaks it; it depends on nothing.
    .target(name: "Model"),
    // C helpers with one-time CPU dispatch (CRC32C today, distance kernels later).
    .target(name: "CEngineSupport"),
    // The database: storage, WAL, segments, payload, filters, search. Knows nothing above it.
    .target(
      name: "VectorEngine",
      dependencies: ["Model", "CEngineSupport", .product(name: "Crypto", package: "swift-crypto")]),
    // What an operator does: the command language shared by --batch and the console.
    .target(
      name: "Operations",
      dependencies: [
        "Model", "VectorEngine",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
      ]),
    // ncursesw with the wide-character API, plus inline wrappers for macros Swift cannot import.
    // No pkgConfig: SwiftPM refuses its -D_XOPEN_SOURCE flags with a warning on every build;
    // shim.h asks for the wide API itself, and the modulemap's `link "ncursesw"` (a linker
    // script that adds -ltinfo) is all the linking needed.
    .systemLibrary(
      name: "CNCursesW", path: "Sources/CNCursesW", providers: [.apt(["libncursesw5-dev"])]),
    // The console: cell grid, themes, keymap, widgets. Only its Terminal/ folder imports curses.
    .target(name: "ConsoleUI", dependencies: ["Model", "Operations", "CNCursesW"]),
    // Qdrant's REST API over any backend: what `ragops serve` answers. Knows no engine types.
    .target(
      name: "QdrantServer",
      dependencies: [
        "Model", "Operations", .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdCore", package: "hummingbird"),
        .product(name: "HummingbirdTLS", package: "hummingbird"), .product(name: "NIOSSL", package: "swift-nio-ssl"),
        .product(name: "Logging", package: "swift-log"), .product(name: "HTTPTypes", package: "swift-http-types"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "UnixSignals", package: "swift-service-lifecycle"),
        .product(name: "NIOPosix", package: "swift-nio"),
      ]),
    // The executable: thin wiring of the above.
    .executableTarget(
      name: "ragops",
      dependencies: [
        "VectorEngine", "Operations", "ConsoleUI", "QdrantServer",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    // What several test targets share: seeded generators and replayable seeds.
    .target(name: "TestSupport", dependencies: ["Operations"], path: "Tests/TestSupport"),
    // Backends for tests of the seam: one that only reads, one that records every call.
    .target(name: "BackendDoubles", dependencies: ["Model", "Operations"], path: "Tests/BackendDoubles"),
    // Crash-point tests: the file-system model that turns a recorded workload into every state
    // a crash may leave, and the checks every such state of a data directory must pass.
    .target(name: "CrashPointSupport", dependencies: ["VectorEngine"], path: "Tests/CrashPointSupport"),
    .testTarget(name: "VectorEngineTests", dependencies: ["VectorEngine", "TestSupport", "CrashPointSupport"]),
    .testTarget(
      name: "OperationsTests",
      dependencies: [
        "Operations", "VectorEngine", "TestSupport", "CrashPointSupport", "BackendDoubles",
        // Tests tamper with catalog rows the way a hostile or careless hand would.
        .product(name: "GRDB", package: "GRDB.swift"),
      ]),
    .testTarget(
      name: "ConsoleUITests", dependencies: ["ConsoleUI", "Operations", "VectorEngine", "BackendDoubles"],
      exclude: ["Golden"]),
    .testTarget(
      name: "ragopsTests",
      dependencies: ["ragops", "VectorEngine", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")],
      exclude: ["Snapshots"]),
  ]
)

// The fuzz targets in Tests/Fuzz/Targets: `swift test` replays their committed corpora (test
// target FuzzTests); `Tests/Fuzz/run` sets RAGOPS_FUZZ=1 to build the same files into the
// libFuzzer binary `ragops-fuzz` instead (built with --sanitize=fuzzer, which supplies `main`).
let fuzzDependencies: [Target.Dependency] = ["VectorEngine", "Operations", "ConsoleUI"]
if Context.environment["RAGOPS_FUZZ"] == "1" {
  package.targets.append(
    .executableTarget(
      name: "ragops-fuzz", dependencies: fuzzDependencies, path: "Tests/Fuzz",
      exclude: ["Tests", "Corpus", "Regressions", "Pending", "Dictionaries", "run"], sources: ["Targets", "Driver"]))
} else {
  package.targets.append(
    .testTarget(
      name: "FuzzTests", dependencies: fuzzDependencies, path: "Tests/Fuzz",
      exclude: ["Driver", "Corpus", "Regressions", "Pending", "Dictionaries", "run"], sources: ["Targets", "Tests"]))
}

for target in package.targets where target.type != .system && target.name != "CEngineSupport" {
  var settings = target.swiftSettings ?? []
  settings.append(.enableUpcomingFeature("ExistentialAny"))
  settings.append(.enableUpcomingFeature("MemberImportVisibility"))
  target.swiftSettings = settings
}
