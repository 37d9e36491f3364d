import ArgumentParser
import Model
import Operations
import Testing

/// Every error ragops meets is reported through one value: the sentence, where it points, and
/// the exit status.
struct FailureReportTests {
  @Test func aFilterErrorIsDrawnUnderItsExpressionAndPointsAtTheColumn() throws {
    let error = try #require(throws: FilterSyntaxError.self) { try Filter.parse("tenant: year>=2020") }
    let report = FailureReport(error, filterExpression: "tenant: year>=2020")
    #expect(FailureReport(error).illustration.isEmpty)
    #expect(report.message.hasPrefix("filter: "))
    #expect(report.location == "column 8")
    #expect(report.illustration == ["tenant: year>=2020", "       ^"])
    #expect(report.oneLine == report.message + " (column 8)")
    #expect(report.status == .usage)
  }

  @Test func storeAndBackupErrorsKeepTheirStatus() {
    #expect(FailureReport(StoreError(.locked, "held")).status == .locked)
    #expect(FailureReport(StoreError(.corrupted, "bad")).status == .commandFailed)
    #expect(FailureReport(StoreError(.corrupted, "bad")).message == "bad")
    #expect(FailureReport(BackupError(.verificationFailed, "x")).status == .verificationFailed)
    #expect(FailureReport(ValidationError("give a name")).status == .usage)
    #expect(FailureReport(CommandFailure("stopped")).illustration.isEmpty)
  }
}
