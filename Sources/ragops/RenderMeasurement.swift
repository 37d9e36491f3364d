import ConsoleUI
import Foundation
import Operations

/// `ragops --measure-render N`: renders the Points tab of the largest collection N times at
/// 160×48 and prints the mean and 99th percentile frame time (an honest number for the notes,
/// not a test).
enum RenderMeasurement {
  static func run(backend: EmbeddedBackend, frames: Int) -> ExitStatus {
    do {
      let report = try ConsoleBenchmark.pointsTabFrames(backend: backend, frames: max(1, frames), size: Size(width: 160, height: 48))
      Console.out(report.description + "\n")
      return .success
    } catch {
      Console.error("error: \(error)\n")
      return .commandFailed
    }
  }
}
