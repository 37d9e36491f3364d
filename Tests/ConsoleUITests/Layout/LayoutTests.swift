import Testing

@testable import ConsoleUI

struct LayoutTests {
  @Test func fixedPartsComeFirstAndFillTakesTheRest() {
    let rows = Layout.vertical(
      [.fixed(1), .fill, .fixed(1)], in: Rect(x: 0, y: 0, width: 20, height: 10))
    #expect(rows.map(\.y) == [0, 1, 9])
    #expect(rows.map(\.height) == [1, 8, 1])
  }

  @Test func fillSharesByWeightAndGivesTheRemainderToTheFirst() {
    let columns = Layout.horizontal(
      [.fill(weight: 1), .fill(weight: 2)], in: Rect(x: 5, y: 0, width: 10, height: 1))
    #expect(columns.map(\.width) == [4, 6])
    #expect(columns.map(\.x) == [5, 9])
  }

  @Test func partsShrinkWhenSpaceRunsOut() {
    let rows = Layout.vertical(
      [.fixed(3), .fixed(3), .fill], in: Rect(x: 0, y: 0, width: 4, height: 4))
    #expect(rows.map(\.height) == [3, 1, 0])
    #expect(rows.allSatisfy { $0.maxY <= 4 })
  }
}
