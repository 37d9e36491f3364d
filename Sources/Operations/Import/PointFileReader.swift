public import Model
import VectorEngine

/// Streams points from a JSON Lines or fvecs file, or standard input, in batches.
///
/// The file is read in 4 MiB chunks, so memory stays flat however large it is. Each batch
/// holds up to ``batchSize`` points; `nil` means the input is done.
///
/// **JSON Lines** (``PointFileFormat/jsonl``): one object per line with `id` (a non-negative
/// integer or a UUID string), `vector` (an array of numbers) and optionally `payload` (an
/// object or `null`). Blank lines are skipped, a final line may lack its newline, and a UTF-8
/// byte order mark at the start is ignored. A line may be up to ``maximumLineLength`` bytes.
///
/// **fvecs** (``PointFileFormat/fvecs``): records of a little-endian `Int32` dimension and that
/// many little-endian `Float32`s. Point ids are the record indexes `0, 1, 2, …`; payloads are
/// empty. Every record must declare the same dimension. A regular file whose size is not a
/// whole number of records is rejected before any point is returned; on a pipe the leftover
/// bytes are found at the end.
///
/// **Dimension.** With `expectedDimension`, every vector must have that length; without it,
/// the first point sets the length for the rest. Components must be finite.
///
/// **Errors.** The first bad line or record ends the import: the points before it in the
/// current batch are returned first, and the next call throws the ``ImportError``; calls after
/// that throw it again.
public struct PointFileReader: ~Copyable {
  /// The largest dimension an fvecs record may declare.
  public static let maximumDimension = 65_536
  /// The longest JSON Lines line accepted, in bytes.
  public static let maximumLineLength = 64 << 20

  /// The path as given; `-` is standard input.
  public let path: String
  /// The format being read.
  public let format: PointFileFormat
  /// The most points one batch holds.
  public let batchSize: Int
  /// The vector length: the expected dimension, or the first point's once read.
  public private(set) var dimension: Int?
  /// Points returned so far.
  public private(set) var pointsRead = 0

  private let name: String
  private let dimensionSource: ImportError.DimensionSource
  private var input: InputBuffer
  private var lineNumber = 0
  private var recordSize: Int?
  private var failure: ImportError?
  private var isFinished = false

  /// Opens `path` (`-` for standard input) for reading points.
  ///
  /// - Parameters:
  ///   - path: The file, or `-` for standard input.
  ///   - format: The format; `nil` infers it from the extension (`.jsonl`, `.ndjson`,
  ///     `.fvecs`), and standard input defaults to JSON Lines.
  ///   - expectedDimension: The collection's vector length, when known.
  ///   - batchSize: The most points per batch; at least 1.
  /// - Throws: ``ImportError`` when the format is unknown or the file cannot be opened.
  public init(
    path: String, format: PointFileFormat? = nil, expectedDimension: Int? = nil,
    batchSize: Int = 1_000
  ) throws(ImportError) {
    precondition(batchSize > 0, "a batch holds at least one point")
    precondition((expectedDimension ?? 1) > 0, "a dimension is positive")
    let name = path == "-" ? "stdin" : path
    let resolved: PointFileFormat
    if let format {
      resolved = format
    } else if path == "-" {
      resolved = .jsonl
    } else if let inferred = PointFileFormat(pathExtensionOf: path) {
      resolved = inferred
    } else {
      throw ImportError(file: name, problem: .unknownFormat)
    }
    let source: ByteSource
    if path == "-" {
      source = ByteSource(borrowing: 0)
    } else {
      do {
        source = try ByteSource(path: path)
      } catch {
        throw ImportError(file: name, problem: .cannotOpen(reason: error.reason))
      }
    }
    self.init(
      source: source, path: path, format: resolved, expectedDimension: expectedDimension,
      batchSize: batchSize)
  }

  /// Reads from an open `source`; `path` is used in messages (`-` shows as `stdin`).
  ///
  /// Tests pass a small `bufferCapacity` to push lines and records across chunk boundaries.
  init(
    source: consuming ByteSource, path: String, format: PointFileFormat, expectedDimension: Int?,
    batchSize: Int, bufferCapacity: Int = 4 << 20,
    maximumLineLength: Int = PointFileReader.maximumLineLength
  ) {
    self.path = path
    self.name = path == "-" ? "stdin" : path
    self.format = format
    self.batchSize = batchSize
    self.dimension = expectedDimension
    self.dimensionSource = expectedDimension == nil ? .firstPoint : .collection
    // An fvecs record is at most 4 + 4 × maximumDimension bytes, far below 4 MiB.
    self.input = InputBuffer(
      source: source, capacity: bufferCapacity,
      maximumCapacity: format == .jsonl ? maximumLineLength : 4 << 20)
  }

  /// Bytes read from the input so far (slightly ahead of the points returned).
  public var bytesRead: Int { input.bytesRead }

  /// The input's size in bytes when it is a regular file, else `nil`.
  public var totalBytes: Int? { input.totalBytes }

  /// The next batch of up to ``batchSize`` points, or `nil` when the input is done.
  ///
  /// - Complexity: O(n) in the bytes of the batch's lines or records.
  /// - Throws: ``ImportError`` for the first bad line or record, or a failed read.
  public mutating func nextBatch() throws(ImportError) -> [PointStruct]? {
    if let failure { throw failure }
    if isFinished { return nil }
    var batch: [PointStruct] = []
    batch.reserveCapacity(batchSize)
    do {
      switch format {
      case .jsonl: try readLines(into: &batch)
      case .fvecs: try readRecords(into: &batch)
      }
    } catch {
      failure = error
      if batch.isEmpty { throw error }
    }
    if batch.isEmpty {
      isFinished = true
      return nil
    }
    pointsRead += batch.count
    return batch
  }

  // MARK: JSON Lines

  private mutating func readLines(into batch: inout [PointStruct]) throws(ImportError) {
    while batch.count < batchSize {
      let next: UnsafeRawBufferPointer?
      do {
        next = try input.nextLine()
      } catch {
        throw importError(error)
      }
      guard var line = next else {
        isFinished = true
        return
      }
      lineNumber += 1
      if lineNumber == 1, line.starts(with: [0xEF, 0xBB, 0xBF]) {
        line = UnsafeRawBufferPointer(rebasing: line[3...])
      }
      if Self.isBlank(line) { continue }
      let point: PointStruct
      do {
        point = try JSONPointLine.decode(line)
      } catch {
        throw ImportError(
          file: name, location: .line(lineNumber, column: error.column), problem: error.problem)
      }
      try check(point.vector, at: .line(lineNumber, column: nil))
      batch.append(point)
    }
  }

  private static func isBlank(_ line: UnsafeRawBufferPointer) -> Bool {
    for byte in line {
      switch byte {
      case 0x20, 0x09, 0x0D: continue
      default: return false
      }
    }
    return true
  }

  // MARK: fvecs

  private mutating func readRecords(into batch: inout [PointStruct]) throws(ImportError) {
    while batch.count < batchSize {
      let index = pointsRead + batch.count
      guard try ensure(4) else {
        if input.unreadCount == 0 {
          isFinished = true
          return
        }
        throw ImportError(
          file: name, problem: .truncated(bytes: input.bytesRead, recordSize: recordSize))
      }
      let declared = Int(Int32(littleEndian: input.unread.loadUnaligned(as: Int32.self)))
      guard (1...Self.maximumDimension).contains(declared) else {
        throw ImportError(
          file: name, location: .record(index), problem: .invalidRecordDimension(declared))
      }
      if let dimension, declared != dimension {
        throw ImportError(
          file: name, location: .record(index),
          problem: .wrongDimension(found: declared, expected: dimension, source: dimensionSource))
      }
      if recordSize == nil {
        dimension = declared
        let size = 4 + 4 * declared
        recordSize = size
        if let total = input.totalBytes, total % size != 0 {
          throw ImportError(file: name, problem: .truncated(bytes: total, recordSize: size))
        }
      }
      guard let size = recordSize else { return }
      guard try ensure(size) else {
        throw ImportError(file: name, problem: .truncated(bytes: input.bytesRead, recordSize: size))
      }
      let raw = input.unread
      let vector = [Float](unsafeUninitializedCapacity: declared) { buffer, count in
        for component in 0..<declared {
          let bits = raw.loadUnaligned(fromByteOffset: 4 + 4 * component, as: UInt32.self)
          buffer[component] = Float(bitPattern: UInt32(littleEndian: bits))
        }
        count = declared
      }
      try check(vector, at: .record(index))
      input.consume(size)
      batch.append(PointStruct(id: .number(UInt64(index)), vector: vector))
    }
  }

  private mutating func ensure(_ count: Int) throws(ImportError) -> Bool {
    do {
      return try input.ensure(count)
    } catch {
      throw importError(error)
    }
  }

  // MARK: Shared

  /// Checks the vector's length against ``dimension`` (setting it from the first point) and
  /// that every component is finite.
  private mutating func check(_ vector: [Float], at location: ImportError.Location)
    throws(ImportError)
  {
    if let dimension {
      guard vector.count == dimension else {
        throw ImportError(
          file: name, location: location,
          problem: .wrongDimension(
            found: vector.count, expected: dimension, source: dimensionSource))
      }
    } else {
      dimension = vector.count
    }
    if let index = vector.firstIndex(where: { !$0.isFinite }) {
      throw ImportError(file: name, location: location, problem: .nonFiniteComponent(index: index))
    }
  }

  private func importError(_ failure: InputBuffer.Failure) -> ImportError {
    switch failure {
    case .system(let system):
      ImportError(file: name, problem: .readFailed(reason: system.reason))
    case .tooLong(let limit):
      ImportError(
        file: name, location: .line(lineNumber + 1, column: nil),
        problem: .lineTooLong(limit: limit))
    }
  }
}

extension PointFileReader: Sendable {}
