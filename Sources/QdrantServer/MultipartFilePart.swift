import NIOCore

/// The bytes of one named part of a `multipart/form-data` body, read as the body arrives:
/// what an upload streams to disk without holding it in memory.
///
/// The body is `--B\r\n<headers>\r\n\r\n<content>\r\n--B…--` (RFC 7578) for the boundary `B`
/// of the request's content type. Parts before the wanted one are skipped; after it the rest
/// of the body is not read. At most `limit` content bytes pass; headers are capped at 16 KiB
/// per part, so a hostile body cannot make the parser buffer without bound.
struct MultipartFilePart<Base: AsyncSequence & Sendable>: AsyncSequence, Sendable
where Base.Element == ByteBuffer {
  typealias Element = ByteBuffer

  let base: Base
  /// The boundary from the content type.
  let boundary: String
  /// The form field wanted (Qdrant's is `snapshot`).
  let field: String
  /// The most content bytes accepted.
  let limit: Int

  /// Why a body could not be read as the expected form.
  struct FormError: Error {
    let message: String
  }

  func makeAsyncIterator() -> Iterator {
    Iterator(base: base.makeAsyncIterator(), scanner: Scanner(boundary: boundary, field: field, limit: limit))
  }

  struct Iterator: AsyncIteratorProtocol {
    var base: Base.AsyncIterator
    var scanner: Scanner

    mutating func next() async throws -> ByteBuffer? {
      while !scanner.isFinished {
        if let chunk = try scanner.take(), !chunk.isEmpty { return ByteBuffer(bytes: chunk) }
        guard let more = try await base.next() else {
          try scanner.finish()
          break
        }
        scanner.feed(more.readableBytesView)
      }
      return nil
    }
  }

  /// The state machine over the bytes received so far.
  struct Scanner {
    private enum State {
      case preamble, headers, content(wanted: Bool), finished
    }

    private let delimiter: [UInt8]
    private let field: String
    private let limit: Int
    private var pending: [UInt8] = Array("\r\n".utf8)  // so the first boundary looks like the others
    private var state = State.preamble
    private var delivered = 0
    private var found = false

    init(boundary: String, field: String, limit: Int) {
      delimiter = Array("\r\n--\(boundary)".utf8)
      self.field = field
      self.limit = limit
    }

    var isFinished: Bool {
      if case .finished = state { return true }
      return false
    }

    mutating func feed(_ bytes: some Collection<UInt8>) { pending.append(contentsOf: bytes) }

    /// The end of the body: the wanted part must have been read whole.
    mutating func finish() throws {
      guard found, case .finished = state else {
        throw FormError(
          message: found ? "the upload ended inside the `\(field)` part" : "the form has no `\(field)` part")
      }
    }

    /// Content bytes ready to deliver (possibly none); advances through boundaries and headers.
    ///
    /// - Complexity: O(n · d) in the bytes pending and the delimiter's length, each byte
    ///   examined a bounded number of times.
    mutating func take() throws -> [UInt8]? {
      while true {
        switch state {
        case .finished:
          return nil
        case .preamble:
          guard let at = Self.find(delimiter, in: pending) else {
            pending.removeFirst(Swift.max(0, pending.count - delimiter.count))
            return nil
          }
          pending.removeFirst(at + delimiter.count)
          state = .headers
        case .headers:
          if pending.count >= 2, pending[0] == UInt8(ascii: "-"), pending[1] == UInt8(ascii: "-") {
            state = .finished
            return nil
          }
          guard let end = Self.find(Array("\r\n\r\n".utf8), in: pending) else {
            if pending.count > 16 << 10 { throw FormError(message: "a form part's headers are longer than 16 KiB") }
            return nil
          }
          let headers = String(decoding: pending[..<end], as: UTF8.self).lowercased()
          pending.removeFirst(end + 4)
          let wanted = !found && headers.contains("name=\"\(field.lowercased())\"")
          found = found || wanted
          state = .content(wanted: wanted)
        case .content(let wanted):
          if let at = Self.find(delimiter, in: pending) {
            let chunk = Array(pending[..<at])
            pending.removeFirst(at + delimiter.count)
            state = wanted ? .finished : .headers
            if wanted { return try deliver(chunk) }
            continue
          }
          let safe = Swift.max(0, pending.count - delimiter.count + 1)
          let chunk = Array(pending[..<safe])
          pending.removeFirst(safe)
          return wanted ? try deliver(chunk) : nil
        }
      }
    }

    private mutating func deliver(_ chunk: [UInt8]) throws -> [UInt8] {
      delivered += chunk.count
      guard delivered <= limit else {
        throw FormError(message: "the upload is larger than the limit of \(limit) bytes")
      }
      return chunk
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
      guard let first = needle.first, haystack.count >= needle.count else { return nil }
      var start = 0
      while let candidate = haystack[start...].firstIndex(of: first), candidate + needle.count <= haystack.count {
        if haystack[candidate..<candidate + needle.count].elementsEqual(needle) { return candidate }
        start = candidate + 1
      }
      return nil
    }
  }
}
