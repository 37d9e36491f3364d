@testable import Operations
@testable import VectorEngine
@testable import Model

/// The point file readers (`PointFileReader`, JSON Lines and fvecs): the file is read in
/// batches with buffers of several sizes, which must all give the same points and the same
/// error; every point returned must have the reader's dimension and finite components.
enum PointFileFuzzTarget {
  /// Buffer capacities tried; the smallest push lines and records across refills.
  static let bufferCapacities = [16, 61, 1 << 16]
  /// The longest JSON Lines line accepted in these runs (the same for every capacity).
  static let maximumLineLength = 1 << 16

  /// Runs `input` as a points file of `format`.
  static func run(_ input: [UInt8], format: PointFileFormat, in workspace: FuzzWorkspace)
    -> FuzzOutcome
  {
    workspace.withFreshFolder { folder in
      let path = folder + "/points." + format.rawValue
      FuzzWorkspace.write(input, to: path)
      var first: Reading?
      for capacity in bufferCapacities {
        let reading = read(path, format: format, capacity: capacity, expectedDimension: nil)
        if let first {
          precondition(
            reading == first, "reading with a \(capacity)-byte buffer gives different results")
        } else {
          first = reading
        }
      }
      _ = read(path, format: format, capacity: 61, expectedDimension: 4)
      return first?.error == nil ? .accepted : .rejected
    }
  }

  /// Everything one pass returned.
  private struct Reading: Equatable {
    var batches: [[PointStruct]] = []
    var error: ImportError?
  }

  private static func read(
    _ path: String, format: PointFileFormat, capacity: Int, expectedDimension: Int?
  ) -> Reading {
    guard let source = try? ByteSource(path: path) else {
      fatalError("fuzz harness: cannot open \(path)")
    }
    var reader = PointFileReader(
      source: source, path: path, format: format, expectedDimension: expectedDimension,
      batchSize: 7, bufferCapacity: capacity, maximumLineLength: maximumLineLength)
    var reading = Reading()
    while true {
      do {
        guard let batch = try reader.nextBatch() else { break }
        precondition(!batch.isEmpty && batch.count <= 7, "a batch of \(batch.count) points")
        for point in batch {
          precondition(point.vector.count == reader.dimension, "a point of another dimension")
          precondition(point.vector.allSatisfy(\.isFinite), "a point with a non-finite component")
        }
        reading.batches.append(batch)
      } catch {
        reading.error = error
        // Documented: once failed, every later call throws the same error.
        do {
          _ = try reader.nextBatch()
          preconditionFailure("a reader returned points after failing")
        } catch let again {
          precondition(again == error, "a reader's second failure differs from its first")
        }
        break
      }
    }
    return reading
  }
}
