import CEngineSupport
import Foundation
import TestSupport
import Testing
@testable import VectorEngine

/// The SHA-extension path of SHA-256 against the portable one, block by block.
struct SHA256DispatchTests {
  @Test func hardwareAndPortableCompressionAgreeOnRandomBlocks() {
    var generator = SeededGenerator(seed: 256)
    for _ in 0..<2_000 {
      var state = (0..<8).map { _ in UInt32.random(in: .min ... .max, using: &generator) }
      var reference = state
      let block = (0..<64).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
      state.withUnsafeMutableBufferPointer { buffer in
        if let base = buffer.baseAddress { ragops_sha256_compress(base, block) }
      }
      reference.withUnsafeMutableBufferPointer { buffer in
        if let base = buffer.baseAddress { ragops_sha256_compress_portable(base, block) }
      }
      if state != reference {
        Issue.record("dispatched and portable SHA-256 compression differ")
        return
      }
    }
  }

  @Test func manyBlocksAtOnceMatchOneBlockAtATime() {
    var generator = SeededGenerator(seed: 257)
    for count in [1, 2, 3, 7, 64, 513] {
      let blocks = (0..<(64 * count)).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
      var state = (0..<8).map { _ in UInt32.random(in: .min ... .max, using: &generator) }
      var reference = state
      state.withUnsafeMutableBufferPointer { buffer in
        if let base = buffer.baseAddress { ragops_sha256_compress_blocks(base, blocks, count) }
      }
      reference.withUnsafeMutableBufferPointer { buffer in
        guard let base = buffer.baseAddress else { return }
        for block in 0..<count {
          ragops_sha256_compress_portable(base, Array(blocks[(64 * block)..<(64 * block + 64)]))
        }
      }
      #expect(state == reference, "\(count) blocks")
    }
  }

  @Test func theCPUsSHAExtensionsAreUsedWhenPresent() throws {
    let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
    let flags = cpuinfo.split(separator: "\n").first { $0.hasPrefix("flags") }.map { Set($0.split(separator: " ").map(String.init)) } ?? []
    #expect((ragops_sha256_is_hardware() == 1) == flags.contains("sha_ni"))
  }
}
