import CNCursesW

/// Maps resolved colours to curses colour numbers and colour pairs, allocating on demand.
///
/// Pairs come from `alloc_pair`, which hands out pairs above 255 too (they are passed through
/// `setcchar`'s `opts` pointer, never `COLOR_PAIR`, which wraps at 256). A 24-bit colour is a
/// direct colour number on a direct-colour terminal, and otherwise a palette slot from 16
/// upwards redefined with `init_extended_color` (the 16 ANSI colours are left alone, and
/// indexes above 15 are drawn by their xterm value through the same slots); when the slots
/// run out, the nearest ANSI colour is used. curses restores the palette on exit.
struct ColorPairCache {
  /// How 24-bit colours reach the terminal.
  enum RGBMode: Hashable {
    /// No 24-bit colours: the theme was degraded before it got here.
    case none
    /// The terminal takes 0xRRGGBB as a colour number (`COLORS` is 2²⁴).
    case direct
    /// Palette slots are redefined to the colours needed (`can_change_color`).
    case palette
  }

  private let rgbMode: RGBMode
  private let colorCount: Int
  private var pairs: [PairKey: Int32] = [:]
  private var slots: [UInt32: Int32] = [:]
  private var nextSlot: Int32 = 16

  private struct PairKey: Hashable {
    var foreground: Int32
    var background: Int32
  }

  init(rgbMode: RGBMode, colorCount: Int) {
    self.rgbMode = rgbMode
    self.colorCount = colorCount
  }

  /// The colour pair for a foreground and background; 0 (the terminal's colours) when curses
  /// has no pair left.
  mutating func pair(foreground: ThemeColor, background: ThemeColor) -> Int32 {
    let key = PairKey(foreground: number(for: foreground), background: number(for: background))
    if key.foreground == -1 && key.background == -1 { return 0 }
    if let pair = pairs[key] { return pair }
    let pair = alloc_pair(key.foreground, key.background)
    let result = pair > 0 ? pair : 0
    pairs[key] = result
    return result
  }

  /// The curses colour number for `color` (-1 for the terminal's default).
  private mutating func number(for color: ThemeColor) -> Int32 {
    switch color {
    case .terminalDefault:
      return -1
    case .indexed(let index) where index >= 16 && rgbMode == .palette:
      // Slots 16 and up are redefined for RGB colours, so indexes there go by their value.
      guard let components = color.rgbComponents else { return -1 }
      return number(
        for: .rgb(
          red: UInt8(components.red), green: UInt8(components.green), blue: UInt8(components.blue)))
    case .indexed(let index):
      return colorCount > 0 ? Int32(Int(index) % max(1, min(colorCount, 256))) : -1
    case .rgb(let red, let green, let blue):
      let packed = UInt32(red) << 16 | UInt32(green) << 8 | UInt32(blue)
      switch rgbMode {
      case .direct:
        return Int32(bitPattern: packed)
      case .palette:
        if let slot = slots[packed] { return slot }
        if nextSlot < Int32(min(colorCount, 256)) {
          let slot = nextSlot
          nextSlot += 1
          _ = init_extended_color(
            slot, Int32(red) * 1000 / 255, Int32(green) * 1000 / 255, Int32(blue) * 1000 / 255)
          slots[packed] = slot
          return slot
        }
        // Out of slots: the ANSI colours are the only indexes not redefined.
        return Int32(ThemeColor.nearestANSI((Int(red), Int(green), Int(blue))))
      case .none:
        return Int32(ThemeColor.nearestXterm256(red: Int(red), green: Int(green), blue: Int(blue)))
      }
    }
  }
}
