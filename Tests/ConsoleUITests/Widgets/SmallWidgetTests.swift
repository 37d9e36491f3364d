import Testing

@testable import ConsoleUI

struct SmallWidgetTests {
  private func draw(width: Int, height: Int = 1, _ body: (inout Surface, Rect) -> Void) -> Surface {
    var surface = Surface(size: Size(width: width, height: height))
    body(&surface, surface.bounds)
    surface.checkInvariants()
    return surface
  }

  @Test func frameDrawsRoundedCornersAndATitle() {
    let surface = draw(width: 16, height: 3) { Frame(title: "Points").render(into: &$0, area: $1) }
    #expect(surface.lines == ["╭─ Points ─────╮", "│              │", "╰──────────────╯"])
    #expect(surface[3, 0].style.role == .title)
    #expect(surface[0, 0].style.role == .border)
    var small = Surface(size: Size(width: 5, height: 5))
    #expect(
      Frame().render(into: &small, area: small.bounds) == Rect(x: 1, y: 1, width: 3, height: 3))
    var tiny = Surface(size: Size(width: 1, height: 5))
    #expect(Frame().render(into: &tiny, area: tiny.bounds) == tiny.bounds)
    #expect(tiny.lines.allSatisfy { $0.isEmpty })
  }

  @Test func tabBarHighlightsTheActiveTabAndScrollsToIt() {
    let tabs = TabBar(
      titles: ["Points", "Info", "Search quality", "Snapshots", "Visualize"], selected: 1)
    let surface = draw(width: 44) { tabs.render(into: &$0, area: $1) }
    #expect(surface.lines == [" Points   Info   Search quality   Snapshots"])
    #expect(surface[10, 0].style.role == .tabActive)
    #expect(surface[2, 0].style.role == .tabInactive)
    let last = TabBar(titles: tabs.titles, selected: 4)
    let scrolled = draw(width: 20) { last.render(into: &$0, area: $1) }
    #expect(scrolled.lines[0].hasSuffix(" Visualize"))
    #expect(last.tab(at: Point(x: 15, y: 0), area: Rect(x: 0, y: 0, width: 20, height: 1)) == 4)
    #expect(tabs.tab(at: Point(x: 9, y: 0), area: Rect(x: 0, y: 0, width: 40, height: 1)) == 1)
    #expect(tabs.tab(at: Point(x: 8, y: 0), area: Rect(x: 0, y: 0, width: 40, height: 1)) == nil)
  }

  @Test func breadcrumbsGiveWayFromTheOldestEnd() {
    let crumbs = Breadcrumbs(["Collections", "docs_v1", "Points", "42"])
    #expect(
      draw(width: 40) { crumbs.render(into: &$0, area: $1) }.lines == [
        "Collections › docs_v1 › Points › 42"
      ])
    let narrow = draw(width: 22) { crumbs.render(into: &$0, area: $1) }
    #expect(narrow.lines == ["… › Points › 42"])
    #expect(narrow[13, 0].style.role == .breadcrumbActive)
  }

  @Test func footerShowsWholeHintsOnly() {
    let hints = Keymap.standard.footerHints(for: .list)
    let surface = draw(width: 30) { FooterHints(hints).render(into: &$0, area: $1) }
    #expect(surface.lines == [" Enter open  d describe"])
    #expect(surface[1, 0].style.role == .keyHint)
    #expect(surface[7, 0].style.role == .keyHintText)
    #expect(surface[29, 0].style.role == .footer)
  }

  @Test func tooSmallSaysWhatIsNeeded() {
    let message = TooSmallMessage(
      required: Size(width: 80, height: 24), actual: Size(width: 40, height: 6))
    let surface = draw(width: 40, height: 6) { message.render(into: &$0, area: $1) }
    #expect(surface.lines.contains { $0.contains("terminal too small: need 80×24") })
    #expect(surface.lines.contains { $0.contains("now 40×6") })
    let narrow = draw(width: 12, height: 6) { message.render(into: &$0, area: $1) }
    let words = narrow.lines.flatMap { $0.split(separator: " ") }.joined(separator: " ")
    #expect(words == "terminal too small: need 80×24 now 40×6")
  }

  @Test func progressBarUsesEighths() {
    let half = draw(width: 10) { ProgressBar(fraction: 0.5).render(into: &$0, area: $1) }
    #expect(half.lines == ["█████░░░░░"])
    let partial = draw(width: 4) { ProgressBar(fraction: 0.3).render(into: &$0, area: $1) }
    #expect(partial.lines == ["█▏░░"])
    let labelled = draw(width: 10) { ProgressBar.percent(0.58).render(into: &$0, area: $1) }
    #expect(labelled.lines == ["███▍░░ 58%"])
    let bad = draw(width: 4) { ProgressBar(fraction: .nan).render(into: &$0, area: $1) }
    #expect(bad.lines == ["░░░░"])
  }

  @Test func sparklineScalesAndRightAligns() {
    let line = draw(width: 10) {
      Sparkline(values: [0, 1, 2, 3, 4, 5, 6, 7, 8]).render(into: &$0, area: $1)
    }
    #expect(line.lines == ["  ▁▂▃▄▅▆▇█"])
    let tall = draw(width: 2, height: 2) { Sparkline(values: [4, 8]).render(into: &$0, area: $1) }
    #expect(tall.lines == [" █", "██"])
  }

  @Test func brailleDotsMapToTheRightBits() {
    var canvas = BrailleCanvas(size: Size(width: 2, height: 1))
    canvas.set(x: 0, y: 0)
    canvas.set(x: 3, y: 3, role: .chart2)
    #expect(canvas.isSet(x: 0, y: 0) && canvas.isSet(x: 3, y: 3) && !canvas.isSet(x: 1, y: 0))
    let surface = draw(width: 2) { canvas.render(into: &$0, at: $1.origin) }
    #expect(surface.lines == ["⠁⢀"])
    #expect(surface[1, 0].style.role == .chart2)

    var line = BrailleCanvas(size: Size(width: 2, height: 1))
    line.line(from: Point(x: 0, y: 0), to: Point(x: 3, y: 3))
    #expect((0..<4).allSatisfy { line.isSet(x: $0, y: $0) })

    var plot = BrailleCanvas(size: Size(width: 1, height: 1))
    plot.plot(x: 1, y: 1, xRange: 0...1, yRange: 0...1)
    plot.plot(x: 0, y: 0, xRange: 0...1, yRange: 0...1)
    plot.plot(x: 5, y: 0, xRange: 0...1, yRange: 0...1)
    #expect(plot.isSet(x: 1, y: 0) && plot.isSet(x: 0, y: 3))
    #expect(draw(width: 1) { plot.render(into: &$0, at: $1.origin) }.lines == ["⡈"])
  }

  @Test func textFieldEditsByGraphemes() {
    var field = TextFieldState("héllo 漢")
    #expect(field.cursor == 7)
    field.deleteBackward()
    #expect(field.text == "héllo ")
    field.moveToStart()
    field.moveCursor(by: 2)
    field.insert("👍🏽")
    #expect(field.text == "hé👍🏽llo ")
    field.deleteForward()
    #expect(field.text == "hé👍🏽lo ")
    field.moveCursor(by: -10)
    #expect(field.cursor == 0)
    field.deleteBackward()
    #expect(field.text == "hé👍🏽lo ")
  }

  @Test func textFieldScrollsToKeepTheCursorVisible() {
    let field = TextField(state: TextFieldState("abcdefghij"))
    let surface = draw(width: 5) { field.render(into: &$0, area: $1) }
    #expect(surface.lines == ["ghij"])
    #expect(surface.cursor == Point(x: 4, y: 0))
    #expect(surface[4, 0].style == Style(.inputFocused, [.reverse]))
    let placeholder = TextField(state: TextFieldState(), placeholder: "name", isFocused: false)
    let empty = draw(width: 8) { placeholder.render(into: &$0, area: $1) }
    #expect(empty.lines == ["name"])
    #expect(empty[0, 0].style == Style(.input, [.dim]))
    #expect(empty.cursor == nil)
  }

  @Test func formLabelsAlignAndTheFocusedFieldHasTheCursor() {
    let form = FormView(
      fields: [
        FormField("Name", state: TextFieldState("nightly")),
        FormField("Start UTC", state: TextFieldState("02:00")),
        FormField("Keep days", placeholder: "7"),
      ], focusedField: 1)
    let surface = draw(width: 30, height: 3) { form.render(into: &$0, area: $1) }
    #expect(surface.lines == ["     Name nightly", "Start UTC 02:00", "Keep days 7"])
    #expect(surface.cursor == Point(x: 15, y: 1))
    #expect(surface[10, 1].style.role == .inputFocused)
    #expect(surface[10, 0].style.role == .input)
    let scrolled = draw(width: 30, height: 1) { form.render(into: &$0, area: $1) }
    #expect(scrolled.lines == ["Start UTC 02:00"])
  }
}
