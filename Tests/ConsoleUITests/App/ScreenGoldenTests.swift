import Testing
import VectorEngine

@testable import ConsoleUI
@testable import Model

/// Every screen rendered at 80×24 and 160×48 from fixed data, compared with golden files (text
/// and roles), and every screen rendered at every size from 1×1 to 40×12 without a crash.
struct ScreenGoldenTests {
  static let sizes = [Size(width: 80, height: 24), Size(width: 160, height: 48)]

  /// The screens, each a state made from fixtures.
  static let screens: [(String, @Sendable (Size) -> AppState)] = [
    ("collections", { ConsoleFixtures.state(size: $0) }),
    ("points", { ConsoleFixtures.collectionState(size: $0, tab: .points) }),
    ("info", { ConsoleFixtures.collectionState(size: $0, tab: .info) }),
    ("snapshots", { ConsoleFixtures.collectionState(size: $0, tab: .snapshots) }),
    (
      "backups",
      { size in
        var state = ConsoleFixtures.state(size: size)
        state = AppReducer.reduce(state, .key(.character("2"))).0
        return state
      }
    ),
    ("help", { size in AppReducer.reduce(ConsoleFixtures.state(size: size), .key(.character("?"))).0 }),
    (
      "console",
      { size in
        var state = ConsoleFixtures.state(size: size)
        state = AppReducer.reduce(state, .key(.character("3"))).0
        state =
          AppReducer.reduce(
            state,
            .commandFinished(
              command: "collections", output: ["NAME  POINTS", "docs  3,000"], errors: [], succeeded: true)
          ).0
        state.console.lines.insert(ConsoleLine(":collections", role: .commandLine), at: 0)
        state.message = nil
        return state
      }
    ),
    (
      "snapshot-in-progress",
      { size in
        var state = ConsoleFixtures.collectionState(size: size, tab: .snapshots)
        state = AppReducer.reduce(state, .key(.character("n"))).0
        state = AppReducer.reduce(state, .tick(now: ConsoleFixtures.now + 12)).0
        return state
      }
    ),
  ]

  @Test(arguments: [0, 1, 2, 3, 4, 5, 6, 7])
  func screenMatchesItsGoldenFiles(_ index: Int) {
    let (name, make) = Self.screens[index]
    for size in Self.sizes {
      let surface = ScreenRenderer.render(make(size), size: size, theme: .builtIn)
      Golden.check(Golden.document(surface), named: "screen-\(name)-\(size.width)x\(size.height)")
    }
  }

  @Test func everyScreenRendersAtEverySmallSize() {
    var extra: [(String, @Sendable (Size) -> AppState)] = Self.screens
    extra.append(
      (
        "quality",
        { size in
          var state = ConsoleFixtures.collectionState(size: size, tab: .quality)
          state.page?.quality.report = QualityReport(
            sample: 100, limit: 10, ef: 64, recallMean: 0.98, recallStandardDeviation: 0.03, indexMilliseconds: 0.2,
            exactMilliseconds: 2.5)
          state.page?.quality.progress = (40, 100)
          return state
        }
      ))
    extra.append(
      (
        "visualize",
        { size in
          var state = ConsoleFixtures.collectionState(size: size, tab: .visualize)
          let points = ConsoleFixtures.points.enumerated().map { index, record in
            ProjectedPoint(
              id: record.id, x: Double(index % 7), y: Double(index / 7), payload: record.payload ?? JSONObject())
          }
          state =
            AppReducer.reduce(state, .projectionLoaded(collection: "docs", points: points, fields: ["tenant", "lang"]))
            .0
          return state
        }
      ))
    extra.append(
      (
        "dialog",
        { size in
          AppReducer.reduce(ConsoleFixtures.state(size: size), .key(.control("d"))).0
        }
      ))
    extra.append(
      (
        "form",
        { size in
          AppReducer.reduce(ConsoleFixtures.state(size: size), .key(.character("n"))).0
        }
      ))
    for (name, make) in extra {
      for width in 1...40 {
        for height in 1...12 {
          let size = Size(width: width, height: height)
          let surface = ScreenRenderer.render(make(size), size: size, theme: .builtIn)
          surface.checkInvariants()
          #expect(surface.size == size, "\(name) at \(size)")
          if !size.contains(ScreenRenderer.minimumSize), width >= 30, height >= 3 {
            #expect(surface.text.contains("terminal too small"), "\(name) at \(size)")
          }
        }
      }
    }
  }

  @Test func visualizeAndQualityDrawTheirData() {
    var state = ConsoleFixtures.collectionState(size: Size(width: 120, height: 30), tab: .visualize)
    let points = ConsoleFixtures.points.enumerated().map { index, record in
      ProjectedPoint(id: record.id, x: Double(index % 7), y: Double(index / 7), payload: record.payload ?? JSONObject())
    }
    state =
      AppReducer.reduce(state, .projectionLoaded(collection: "docs", points: points, fields: ["tenant", "lang"])).0
    var text = ScreenRenderer.render(state, size: state.size, theme: .builtIn).text
    #expect(text.contains("PCA of 40 sampled points · colour: tenant"))
    #expect(text.contains("■ acme (10)"))
    #expect(text.contains("◆ point 1"))
    #expect(text.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) })
    state = AppReducer.reduce(state, .key(.character("f"))).0
    text = ScreenRenderer.render(state, size: state.size, theme: .builtIn).text
    #expect(text.contains("legend · lang"))

    state.page?.tab = .quality
    state = AppReducer.reduce(state, .key(.character("x"))).0
    state = AppReducer.reduce(state, .qualityProgress(collection: "docs", done: 25, total: 100)).0
    text = ScreenRenderer.render(state, size: state.size, theme: .builtIn).text
    #expect(text.contains("measuring… 25 of 100 queries"))
    #expect(text.contains("25%"))
    let report = QualityReport(
      sample: 100, limit: 10, ef: 64, recallMean: 0.975, recallStandardDeviation: 0.031, indexMilliseconds: 0.25,
      exactMilliseconds: 2.5)
    state = AppReducer.reduce(state, .qualityFinished(collection: "docs", report: report)).0
    text = ScreenRenderer.render(state, size: state.size, theme: .builtIn).text
    #expect(text.contains("recall@10     0.975 ± 0.031"))
    #expect(text.contains("index 0.250 ms · exact 2.500 ms per query (10.0× faster)"))
  }
}
