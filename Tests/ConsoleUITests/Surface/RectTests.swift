import Testing

@testable import ConsoleUI

struct RectTests {
  @Test func intersectionOfDisjointRectanglesIsEmpty() {
    let a = Rect(x: 0, y: 0, width: 3, height: 3)
    let b = Rect(x: 5, y: 5, width: 2, height: 2)
    #expect(a.intersection(b).isEmpty)
    #expect(
      a.intersection(Rect(x: 2, y: 1, width: 4, height: 4)) == Rect(x: 2, y: 1, width: 1, height: 2)
    )
  }

  @Test func insetNeverGoesNegative() {
    let rect = Rect(x: 1, y: 1, width: 3, height: 1)
    #expect(rect.inset(by: 1) == Rect(x: 2, y: 2, width: 1, height: 0))
    #expect(rect.inset(by: 5).size == .zero)
  }

  @Test func centeredClipsToTheOuterRectangle() {
    let outer = Rect(x: 0, y: 0, width: 10, height: 4)
    #expect(outer.centered(Size(width: 4, height: 2)) == Rect(x: 3, y: 1, width: 4, height: 2))
    #expect(outer.centered(Size(width: 20, height: 9)) == outer)
  }

  @Test func splitsPartitionTheRectangle() {
    let rect = Rect(x: 2, y: 3, width: 10, height: 5)
    let (top, rest) = rect.splitTop(2)
    #expect(top == Rect(x: 2, y: 3, width: 10, height: 2))
    #expect(rest == Rect(x: 2, y: 5, width: 10, height: 3))
    let (above, bottom) = rect.splitBottom(9)
    #expect(above.height == 0 && bottom == rect)
    let (left, right) = rect.splitLeft(4)
    #expect(left.width == 4 && right.x == 6 && right.width == 6)
  }

  @Test func sizesAreNeverNegative() {
    #expect(Size(width: -3, height: 2) == Size(width: 0, height: 2))
    #expect(Size(width: 80, height: 24).description == "80×24")
  }
}
