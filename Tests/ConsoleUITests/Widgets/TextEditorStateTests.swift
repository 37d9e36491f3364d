import Testing

@testable import ConsoleUI

/// The multi-line editor's edits and cursor moves.
struct TextEditorStateTests {
  @Test func typingNewlinesAndDeletingAcrossLines() {
    var editor = TextEditorState("ab\ncd")
    editor.moveRight()
    editor.insertNewline()
    #expect(editor.lines == ["a", "b", "cd"])
    #expect(editor.line == 1 && editor.column == 0)
    editor.deleteBackward()
    #expect(editor.lines == ["ab", "cd"])
    #expect(editor.line == 0 && editor.column == 1)
    editor.moveToLineEnd()
    editor.deleteForward()
    #expect(editor.text == "abcd")
    editor.insert("漢")
    editor.insert("🚀")
    #expect(editor.text == "ab漢🚀cd")
    editor.deleteBackward()
    #expect(editor.text == "ab漢cd", "a grapheme is deleted whole")
  }

  @Test func movesWrapAtLineEndsAndKeepTheColumnWhereItFits() {
    var editor = TextEditorState("long line\nab\nlonger line")
    editor.moveToLineEnd()
    editor.moveLines(by: 1)
    #expect(editor.line == 1 && editor.column == 2, "a short line puts the cursor at its end")
    editor.moveRight()
    #expect(editor.line == 2 && editor.column == 0)
    editor.moveLeft()
    #expect(editor.line == 1 && editor.column == 2)
    editor.moveLines(by: -5)
    #expect(editor.line == 0 && editor.column == 2)
    editor.moveToLineStart()
    editor.moveLeft()
    #expect(editor.line == 0 && editor.column == 0, "nothing before the start")
    editor.moveLines(by: 10)
    editor.moveToLineEnd()
    editor.moveRight()
    #expect(editor.line == 2 && editor.column == 11, "nothing after the end")
  }

  @Test func scrollingKeepsTheCursorLineVisible() {
    var editor = TextEditorState((1...30).map(String.init).joined(separator: "\n"))
    editor.moveLines(by: 20)
    editor.scroll(visibleLines: 5)
    #expect(editor.scrollOffset == 16)
    var surface = Surface(size: Size(width: 12, height: 5))
    TextEditorView(state: editor).render(into: &surface, area: surface.bounds)
    #expect(surface.text.split(separator: "\n").last?.hasPrefix(" 21 21") == true)
  }
}
