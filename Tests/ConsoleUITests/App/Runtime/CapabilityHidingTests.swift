import BackendDoubles
import Operations
import Testing

@testable import ConsoleUI

/// Screens hide what the backend cannot do: over a backend that only reads collections and
/// points, the console shows no Snapshots or Quality tab, no Backups page, and no key that
/// would write, and it never asks the backend for what it lacks.
struct CapabilityHidingTests {
  @Test func aReadingBackendGetsNoWritingKeysNoSnapshotsNoQualityAndNoBackups() async throws {
    let console = HeadlessConsole(backend: ReadingBackend(pointCount: 3), size: Size(width: 120, height: 30))
    await console.start()
    #expect(console.showsCollections)
    let collections = console.render().text
    #expect(collections.contains("docs"))
    // Nothing the backend lacks was asked for, so nothing failed.
    #expect(!collections.contains("cannot"), "\(collections)")

    await console.open(collection: "docs")
    let page = console.render().text
    let tabRow = try #require(page.split(separator: "\n").first { $0.contains("Points") && $0.contains("Info") })
    #expect(tabRow.contains("Visualize"))
    #expect(!tabRow.contains("Snapshots") && !tabRow.contains("Quality"), "\(tabRow)")

    // Tab cycles only through what is shown: Points → Info → Visualize → Points.
    await console.press(.tab)
    await console.press(.tab)
    await console.press(.tab)
    #expect(console.render().text.contains("tenant"), "back on the Points tab")
  }

  @Test func theActionsOfEachViewFollowTheCapabilities() {
    var state = AppState(
      size: Size(width: 120, height: 30), now: 0, keymap: .standard, isReadOnly: false, location: "memory://",
      engineVersion: "test", themeName: "test", capabilities: [.readCollections, .readPoints])
    #expect(state.visibleTabs == [.points, .info, .visualize])
    #expect(!state.availableActions.contains(.create))
    #expect(!state.availableActions.contains(.delete))
    #expect(!state.availableActions.contains(.showBackups))
    #expect(state.availableActions.contains(.open))

    state.capabilities = Set(BackendCapability.allCases)
    #expect(state.visibleTabs == CollectionTab.allCases)
    #expect(state.availableActions.isSuperset(of: [.create, .delete, .showBackups, .open]))

    // A key for a page the backend lacks does nothing and asks for nothing.
    state.capabilities = [.readCollections, .readPoints]
    let (after, effects) = AppReducer.reduce(state, .key(.character("2")))
    #expect(after.route == .collections)
    #expect(effects.isEmpty)
  }
}
