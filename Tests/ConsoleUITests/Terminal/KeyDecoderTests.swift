import Testing

@testable import ConsoleUI

struct KeyDecoderTests {
  private func decode(_ raw: KeyDecoder.Raw) -> Key? {
    KeyDecoder.decode(
      raw, size: { Size(width: 60, height: 15) },
      mouse: { MouseEvent(.wheelDown, at: Point(x: 3, y: 4)) })
  }

  @Test(arguments: [
    (UInt32(0x1B), Key.escape),
    (0x0D, .enter),
    (0x0A, .enter),
    (0x09, .tab),
    (0x7F, .backspace),
    (0x08, .backspace),
    (0x04, .control("d")),
    (0x03, .control("c")),
    (0x12, .control("r")),
    (0x71, .character("q")),
    (0x47, .character("G")),
    (0x3A, .character(":")),
    (0xE9, .character("é")),
    (0x6F22, .character("漢")),
  ])
  func characters(value: UInt32, key: Key) {
    #expect(decode(.character(value)) == key)
  }

  @Test func meaninglessCharactersAreDropped() {
    #expect(decode(.character(0x00)) == nil)
    #expect(decode(.character(0x1C)) == nil)
    #expect(decode(.character(0x85)) == nil)
    #expect(decode(.character(0xD800)) == nil)
  }

  // The key codes are ncurses' (curses.h), stable across versions.
  @Test(arguments: [
    (Int32(0o403), Key.up),
    (0o402, .down),
    (0o404, .left),
    (0o405, .right),
    (0o523, .pageUp),
    (0o522, .pageDown),
    (0o406, .home),
    (0o550, .end),
    (0o541, .backTab),
    (0o512, .delete),
    (0o410 + 1, .function(1)),
    (0o410 + 12, .function(12)),
  ])
  func keyCodes(code: Int32, key: Key) {
    #expect(decode(.keyCode(code)) == key)
  }

  @Test func resizeAndMouseAskTheSession() {
    #expect(decode(.keyCode(0o632)) == .resize(Size(width: 60, height: 15)))
    #expect(decode(.keyCode(0o631)) == .mouse(MouseEvent(.wheelDown, at: Point(x: 3, y: 4))))
    #expect(decode(.keyCode(0o777)) == nil)
  }
}
