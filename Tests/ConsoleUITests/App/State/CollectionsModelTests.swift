import ConsoleUI
import Testing
import VectorEngine
@testable import Model

/// The collections table's rows for healthy, damaged and unopenable collections.
struct CollectionsModelTests {
  @Test func aCollectionThatCannotBeOpenedIsARedRowWithoutMadeUpFigures() {
    let info = CollectionInfo.unopened("docs", problem: "corrupt data: wal-1.log: damaged")
    #expect(CollectionsModel.cells(info) == ["docs", "red", "–", "–", "–", "–", "–", "–"])
  }

  @Test func aDamagedCollectionIsRedAndAnUnsealedOneGrey() {
    var info = CollectionInfo(
      name: "docs", config: CollectionConfig(dimension: 4, distance: .dot), pointsCount: 3, segmentsCount: 1,
      unsealedPoints: 3, diskBytes: 10, ramBytes: 10, payloadSchema: [], aliases: [])
    #expect(CollectionsModel.status(info) == "grey")
    info.problem = "corrupt data: seg-1.seg: vectors section checksum mismatch"
    #expect(CollectionsModel.status(info) == "red")
    info.problem = nil
    info.unsealedPoints = 0
    #expect(CollectionsModel.status(info) == "green")
  }
}
