import Operations
import Testing

/// The one set of formatters every layer prints with.
struct QuantityTests {
  @Test(arguments: [
    (0, "0"), (999, "999"), (1_000, "1,000"), (45_000, "45,000"), (1_234_567, "1,234,567"),
    (-12_345, "-12,345"),
  ])
  func countsAreGroupedInThousands(value: Int, text: String) {
    #expect(Quantity.count(value) == text)
  }

  @Test(arguments: [(0, "0 B"), (1_023, "1023 B"), (1_024, "1.0 KiB"), (1_572_864, "1.5 MiB"), (3 << 40, "3.0 TiB")])
  func sizesUseBinaryUnits(bytes: Int, text: String) {
    #expect(Quantity.bytes(bytes) == text)
  }

  @Test(arguments: [
    (0.9504, 3, "0.950"), (-0.0004, 3, "0.000"), (-1.25, 1, "-1.3"), (12.0, 0, "12"), (Double.nan, 2, "-"),
  ])
  func fixedDecimalsArePadded(value: Double, digits: Int, text: String) {
    #expect(Quantity.fixed(value, digits) == text)
  }

  @Test func roundedDecimalsDropTrailingZeros() {
    #expect(Quantity.rounded(0.95004, 3) == "0.95")
    #expect(Quantity.oneDecimal(8) == "8.0")
  }

  @Test(arguments: [
    (0, "0s"), (4, "4s"), (59, "59s"), (60, "1m 00s"), (125, "2m 05s"), (3_599, "59m 59s"),
    (3_600, "1h 00m"), (7_320, "2h 02m"),
  ])
  func countdownsPadMinutesAndSeconds(seconds: Int, text: String) {
    #expect(Quantity.countdown(seconds: seconds) == text)
  }

  @Test func durationsOfRunsAndOfLogLines() {
    #expect(Quantity.duration(milliseconds: nil) == "-")
    #expect(Quantity.duration(milliseconds: 820) == "820 ms")
    #expect(Quantity.duration(milliseconds: 4_250) == "4.2 s")
    #expect(Quantity.briefDuration(milliseconds: nil) == "?")
    #expect(Quantity.briefDuration(milliseconds: 9_999) == "9999 ms")
    #expect(Quantity.briefDuration(milliseconds: 12_400) == "12 s")
  }

  @Test func instantsAreRelativeToTheMinute() {
    let now: Int64 = 1_000_000
    #expect(Quantity.relative(now + 5 * 3_600 + 12 * 60, now: now) == "in 5h12m")
    #expect(Quantity.relative(now - 180, now: now) == "3m ago")
    #expect(Quantity.relative(now - 5, now: now) == "1m ago")
  }
}
