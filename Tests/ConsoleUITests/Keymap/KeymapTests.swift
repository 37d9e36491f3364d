import Testing

@testable import ConsoleUI

struct KeymapTests {
  let keymap = Keymap.standard

  @Test func everyActionHasAKeySomewhere() {
    for action in Action.allCases {
      let reachable = KeyContext.allCases.contains { !keymap.keys(for: action, in: $0).isEmpty }
      #expect(reachable, "no key triggers \(action.rawValue)")
    }
  }

  @Test(arguments: [
    (Key.character(":"), Action.command),
    (.character("/"), .filter),
    (.character("?"), .help),
    (.escape, .back),
    (.character("j"), .down),
    (.down, .down),
    (.character("k"), .up),
    (.up, .up),
    (.character("g"), .top),
    (.character("G"), .bottom),
    (.pageUp, .pageUp),
    (.pageDown, .pageDown),
    (.enter, .open),
    (.tab, .nextTab),
    (.character("d"), .describe),
    (.control("d"), .delete),
    (.character("q"), .quit),
    (.control("c"), .quit),
    (.character("c"), .copy),
  ])
  func k9sKeysInTables(key: Key, action: Action) {
    #expect(keymap.action(for: key, in: .list) == action)
  }

  @Test func textFieldsTakePrintableKeysButCtrlCStillQuits() {
    for context in [KeyContext.textInput, .prompt] {
      #expect(keymap.action(for: .character("q"), in: context) == nil)
      #expect(keymap.action(for: .character("j"), in: context) == nil)
      #expect(keymap.action(for: .control("c"), in: context) == .quit)
      #expect(keymap.action(for: .escape, in: context) == .cancel)
      #expect(keymap.action(for: .enter, in: context) == .submit)
    }
    #expect(keymap.action(for: .up, in: .prompt) == .historyPrevious)
    #expect(keymap.action(for: .up, in: .textInput) == .previousField)
    #expect(keymap.action(for: .tab, in: .prompt) == .complete)
  }

  @Test func dialogsBindNoLettersAndEscCancels() {
    #expect(keymap.action(for: .character("q"), in: .dialog) == nil)
    #expect(keymap.action(for: .escape, in: .dialog) == .cancel)
    #expect(keymap.action(for: .right, in: .dialog) == .nextButton)
  }

  @Test func aContextShadowsItsFallbacks() {
    #expect(keymap.action(for: .enter, in: .json) == .toggleFold)
    #expect(keymap.action(for: .character("j"), in: .json) == .down)
    #expect(keymap.keys(for: .open, in: .json).isEmpty)
    #expect(keymap.keys(for: .open, in: .list) == [.enter])
  }

  @Test func footerHintsComeFromTheKeymap() {
    let hints = keymap.footerHints(for: .list)
    #expect(
      hints.map { "\($0.keys) \($0.title)" } == [
        "Enter open", "d describe", "Ctrl-D delete", "c copy", "n new", "e edit", "s similar",
        "v verify", "r restore", "b backup now", "p pause/resume", "x run", "f colour by",
        "C columns", ": command", "/ filter", "? help", "q quit",
      ])
    let json = keymap.footerHints(for: .json).map(\.action)
    #expect(json.first == .toggleFold)
    #expect(!json.contains(.open))
  }

  @Test func rebindingChangesFooterAndHelp() {
    var custom = keymap
    custom.bind(.character("q"), to: .help, in: .global)
    #expect(custom.action(for: .character("q"), in: .list) == .help)
    #expect(!custom.footerHints(for: .list).contains { $0.action == .quit })
    let global = custom.helpSections(for: .global)[0]
    #expect(global.rows.first { $0.action == .quit }?.keys == "Ctrl-C")
    custom.unbind(.character("q"), in: .global)
    #expect(custom.action(for: .character("q"), in: .list) == nil)
  }

  @Test func helpHasASectionPerContextInTheChain() {
    let sections = keymap.helpSections(for: .json)
    #expect(sections.map(\.context) == [.json, .list, .global])
    let list = sections[1]
    #expect(list.rows.first { $0.action == .up }?.keys == "k ↑")
    // Enter is the JSON view's fold key, so help for the JSON view does not offer it as open.
    #expect(!list.rows.contains { $0.action == .open })
  }

  @Test func keyLabels() {
    #expect(Key.control("d").label == "Ctrl-D")
    #expect(Key.character(" ").label == "Space")
    #expect(Key.pageDown.label == "PgDn")
    #expect(Key.function(5).label == "F5")
    #expect(Key.backTab.label == "Shift-Tab")
  }
}
