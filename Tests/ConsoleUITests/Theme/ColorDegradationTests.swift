import Testing

@testable import ConsoleUI

struct ColorDegradationTests {
  @Test(arguments: [
    ("#dc244c", 161),  // Qdrant red-pink -> #d7005f
    ("#0b0f19", 233),  // navy background -> grey ramp #121212
    ("#000000", 16),
    ("#ffffff", 231),
    ("#808080", 244),
    ("#ff8700", 208),
    ("#00005f", 17),
    ("#9494ff", 105),
  ])
  func hexToXterm256(hex: String, index: Int) throws {
    let color = try #require(ThemeColor.parse(hex))
    #expect(color.degraded(to: .xterm256) == .indexed(UInt8(index)))
  }

  @Test(arguments: [
    ("#dc244c", 1),
    ("#0b0f19", 0),
    ("#fcfdff", 15),
    ("#26a69a", 6),
    ("#ffa726", 3),
  ])
  func hexToANSI16(hex: String, index: Int) throws {
    let color = try #require(ThemeColor.parse(hex))
    #expect(color.degraded(to: .ansi16) == .indexed(UInt8(index)))
  }

  @Test func indexesAboveSixteenFallToTheNearestANSIColour() {
    #expect(ThemeColor.indexed(196).degraded(to: .ansi16) == .indexed(9))
    #expect(ThemeColor.indexed(232).degraded(to: .ansi16) == .indexed(0))
    #expect(ThemeColor.indexed(4).degraded(to: .ansi16) == .indexed(4))
  }

  @Test func eightColoursFoldTheBrightHalf() {
    #expect(ThemeColor.indexed(15).degraded(to: .ansi8) == .indexed(7))
    #expect(ThemeColor.parse("#ff0000")?.degraded(to: .ansi8) == .indexed(1))
  }

  @Test func trueColorKeepsRGBAndMonoDropsEverything() {
    let brand = ThemeColor.rgb(red: 0xDC, green: 0x24, blue: 0x4C)
    #expect(brand.degraded(to: .trueColor) == brand)
    #expect(brand.degraded(to: .mono) == nil)
    #expect(ThemeColor.terminalDefault.degraded(to: .mono) == nil)
    for depth in ColorDepth.allCases where depth != .mono {
      #expect(ThemeColor.terminalDefault.degraded(to: depth) == .terminalDefault)
    }
  }

  @Test func literalsParseAndPrintBack() {
    #expect(ThemeColor.parse("default") == .terminalDefault)
    #expect(ThemeColor.parse("bright-blue") == .indexed(12))
    #expect(ThemeColor.parse("208") == .indexed(208))
    #expect(ThemeColor.parse("256") == nil)
    #expect(ThemeColor.parse("#DC244C") == .rgb(red: 0xDC, green: 0x24, blue: 0x4C))
    #expect(ThemeColor.parse("#dc244") == nil)
    #expect(ThemeColor.isMalformedHex("#dc244"))
    #expect(ThemeColor.parse("navy") == nil && !ThemeColor.isMalformedHex("navy"))
    #expect(ThemeColor.rgb(red: 0x0B, green: 0x0F, blue: 0x19).description == "#0b0f19")
    #expect(ThemeColor.indexed(1).description == "red")
  }

  @Test func cubeAndGreyIndexesHaveXtermValues() {
    #expect(ThemeColor.indexed(161).rgbComponents! == (215, 0, 95))
    #expect(ThemeColor.indexed(244).rgbComponents! == (128, 128, 128))
  }

  @Test(arguments: [
    (0, nil as String?, false, false, ColorDepth.mono),
    (8, nil, false, false, .ansi8),
    (16, nil, false, false, .ansi16),
    (256, nil, false, false, .xterm256),
    (256, "truecolor", false, false, .xterm256),
    (256, "truecolor", true, false, .trueColor),
    (256, "24bit", true, false, .trueColor),
    (256, "yes", true, false, .xterm256),
    (0x1_000_000, nil, false, false, .trueColor),
    (256, "truecolor", true, true, .mono),
  ])
  func depthFromWhatTheTerminalReports(
    colors: Int, colorTerm: String?, canChange: Bool, noColor: Bool, expected: ColorDepth
  ) {
    #expect(
      ColorDepth.detect(
        colors: colors, colorTerm: colorTerm, canChangeColor: canChange, noColor: noColor)
        == expected)
  }
}
