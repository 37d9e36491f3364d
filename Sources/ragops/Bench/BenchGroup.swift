import ArgumentParser

/// `bench …`: measurements of the engine on this machine.
struct BenchGroup: ParsableCommand {
  /// The group's name and subcommands.
  static let configuration = CommandConfiguration(
    commandName: "bench", abstract: "Measure the engine on this machine or on your own data.",
    subcommands: [BenchKernelsCommand.self, BenchAnnCommand.self, BenchModesCommand.self, BenchConsoleCommand.self])
}
