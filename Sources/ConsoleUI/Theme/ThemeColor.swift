/// A colour as a theme states it: the terminal's default, a palette index, or 24-bit RGB.
///
/// Theme files write colours as `#rrggbb`, as an xterm index 0–255, as one of the 16 ANSI
/// names (`red`, `bright-blue`, …) or as `default`. ``degraded(to:)`` turns any of them
/// into what a terminal of a given ``ColorDepth`` can show.
public enum ThemeColor: Hashable {
  /// The terminal's own foreground or background (what `use_default_colors` calls -1).
  case terminalDefault
  /// An xterm palette index: 0–15 are the ANSI colours, 16–231 the 6×6×6 cube, 232–255 greys.
  case indexed(UInt8)
  /// A 24-bit colour.
  case rgb(red: UInt8, green: UInt8, blue: UInt8)

  /// The 16 ANSI colour names theme files accept, in index order.
  public static let ansiNames = [
    "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
    "bright-black", "bright-red", "bright-green", "bright-yellow", "bright-blue",
    "bright-magenta", "bright-cyan", "bright-white",
  ]

  /// Parses a colour literal: `#rrggbb`, `default`, an ANSI name, or an index `0`–`255`.
  ///
  /// - Returns: The colour, or `nil` when `literal` is none of these forms (it may then be a
  ///   palette name). A malformed `#…` form is reported by ``isMalformedHex(_:)``.
  public static func parse(_ literal: String) -> ThemeColor? {
    if literal == "default" { return .terminalDefault }
    if let index = ansiNames.firstIndex(of: literal) { return .indexed(UInt8(index)) }
    if let index = Int(literal), (0...255).contains(index), literal.allSatisfy(\.isASCII) {
      return .indexed(UInt8(index))
    }
    guard literal.first == "#" else { return nil }
    let digits = literal.dropFirst()
    guard digits.count == 6, digits.allSatisfy(\.isHexDigit), let value = UInt32(digits, radix: 16)
    else { return nil }
    return .rgb(
      red: UInt8(value >> 16), green: UInt8((value >> 8) & 0xFF), blue: UInt8(value & 0xFF))
  }

  /// Whether `literal` starts like a hex colour but is not `#` followed by six hex digits.
  public static func isMalformedHex(_ literal: String) -> Bool {
    literal.first == "#" && parse(literal) == nil
  }

  /// The colour as RGB, using xterm's default values for indexes; `nil` for the default.
  public var rgbComponents: (red: Int, green: Int, blue: Int)? {
    switch self {
    case .terminalDefault: return nil
    case .rgb(let red, let green, let blue): return (Int(red), Int(green), Int(blue))
    case .indexed(let index):
      let index = Int(index)
      if index < 16 { return Self.ansiRGB[index] }
      if index < 232 {
        let cube = index - 16
        return (
          Self.cubeLevels[cube / 36], Self.cubeLevels[(cube / 6) % 6], Self.cubeLevels[cube % 6]
        )
      }
      let grey = 8 + 10 * (index - 232)
      return (grey, grey, grey)
    }
  }

  /// What a terminal of `depth` can show for this colour; `nil` at ``ColorDepth/mono``.
  ///
  /// RGB becomes the nearest xterm-256 colour (cube or grey ramp, never the user-defined
  /// 0–15) at 256 colours, and the nearest of the 16 ANSI colours at 16; at 8 colours the
  /// bright half folds onto the normal half. `default` stays the terminal's default.
  public func degraded(to depth: ColorDepth) -> ThemeColor? {
    switch (depth, self) {
    case (.mono, _): return nil
    case (_, .terminalDefault), (.trueColor, _): return self
    case (.xterm256, .indexed): return self
    case (.xterm256, .rgb(let red, let green, let blue)):
      return .indexed(Self.nearestXterm256(red: Int(red), green: Int(green), blue: Int(blue)))
    case (.ansi16, .indexed(let index)) where index < 16: return self
    case (.ansi16, _):
      guard let components = rgbComponents else { return self }
      return .indexed(Self.nearestANSI(components))
    case (.ansi8, _):
      guard case .indexed(let index)? = degraded(to: .ansi16) else { return self }
      return .indexed(index % 8)
    }
  }

  /// The xterm-256 index nearest to an RGB colour, from the 6×6×6 cube and the grey ramp.
  static func nearestXterm256(red: Int, green: Int, blue: Int) -> UInt8 {
    func nearestLevel(_ value: Int) -> Int {
      var best = 0
      for (index, level) in cubeLevels.enumerated()
      where abs(level - value) < abs(cubeLevels[best] - value) {
        best = index
      }
      return best
    }
    let r = nearestLevel(red)
    let g = nearestLevel(green)
    let b = nearestLevel(blue)
    let cubeDistance = distance(
      (red, green, blue), (cubeLevels[r], cubeLevels[g], cubeLevels[b]))
    let average = (red + green + blue) / 3
    let greyStep = min(23, max(0, (average - 8 + 5) / 10))
    let greyValue = 8 + 10 * greyStep
    let greyDistance = distance((red, green, blue), (greyValue, greyValue, greyValue))
    if greyDistance < cubeDistance { return UInt8(232 + greyStep) }
    return UInt8(16 + 36 * r + 6 * g + b)
  }

  /// The nearest of the 16 ANSI colours (at xterm's default values).
  static func nearestANSI(_ components: (red: Int, green: Int, blue: Int)) -> UInt8 {
    var best = 0
    var bestDistance = Int.max
    for (index, candidate) in ansiRGB.enumerated() {
      let candidateDistance = distance(
        (components.red, components.green, components.blue),
        (candidate.red, candidate.green, candidate.blue))
      if candidateDistance < bestDistance {
        best = index
        bestDistance = candidateDistance
      }
    }
    return UInt8(best)
  }

  private static func distance(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Int {
    let red = a.0 - b.0
    let green = a.1 - b.1
    let blue = a.2 - b.2
    return red * red + green * green + blue * blue
  }

  /// The channel values of the xterm 6×6×6 cube.
  private static let cubeLevels = [0, 95, 135, 175, 215, 255]

  /// xterm's default values of the 16 ANSI colours.
  private static let ansiRGB: [(red: Int, green: Int, blue: Int)] = [
    (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205),
    (0, 205, 205), (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0),
    (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
  ]
}

extension ThemeColor: CustomStringConvertible {
  /// The colour as a theme file would write it.
  public var description: String {
    switch self {
    case .terminalDefault: return "default"
    case .indexed(let index):
      return index < 16 ? Self.ansiNames[Int(index)] : String(index)
    case .rgb(let red, let green, let blue):
      let hex = (Int(red) << 16) | (Int(green) << 8) | Int(blue)
      let digits = String(hex, radix: 16)
      return "#" + String(repeating: "0", count: 6 - digits.count) + digits
    }
  }
}

extension ThemeColor: Sendable {}
