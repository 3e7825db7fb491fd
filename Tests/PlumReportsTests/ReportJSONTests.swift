import PlumModels
import Testing

@testable import PlumReports

/// The JSON form reads back exactly what it wrote, in the documented shape.
@Suite struct ReportJSONTests {
  @Test func everyKindOfContentRoundTrips() throws {
    let text = ReportJSON.encode(SampleReports.everything)
    let decoded = try ReportJSON.decode(text)
    #expect(decoded == SampleReports.everything)
    #expect(ReportJSON.encode(decoded) == text)
    expectGolden(text, "everything.json")
  }

  @Test func randomReportsRoundTrip() throws {
    var generator = SplitMix64(seed: 20_261_123)
    for _ in 0..<300 {
      let report = SampleReports.random(&generator)
      let text = ReportJSON.encode(report)
      let decoded = try ReportJSON.decode(text)
      #expect(decoded == report, "\(text)")
      #expect(ReportJSON.encode(decoded) == text)
    }
  }

  @Test func theDocumentSaysWhatItIs() throws {
    let text = ReportJSON.encode(SampleReports.everything)
    #expect(text.contains("\"format\":\"plum-report\""))
    #expect(text.contains("\"version\":1"))
    // Keys are snake case and sorted, so the same report always gives the same bytes.
    #expect(text.contains("\"row_title\":\"gender\""))
    #expect(text.contains("\"type\":\"heat_map\""))
  }

  @Test func cellsKeepWholeNumbersAndFractionsApart() throws {
    let table = Table(
      columns: [
        Column("a"), Column("b", .integer), Column("c", .decimal(places: 2)), Column("d"), Column("e"),
      ],
      rows: [Row([.text("12"), .integer(12), .number(12), .interval(lower: 0.25, upper: 0.5), .empty])])
    var report = Report(kind: "k", title: "t")
    report.sections = [Section(id: "s", title: "s", blocks: [.table(table)])]
    let text = ReportJSON.encode(report)
    #expect(text.contains("\"12\""))
    #expect(text.contains("\"integer\":12"))
    #expect(text.contains("\"number\":12"))
    #expect(text.contains("\"interval\":["))
    #expect(text.contains("null"))
    #expect(try ReportJSON.decode(text) == report)
  }

  @Test func otherDocumentsAreRefusedWithAReason() {
    #expect(throws: ReportJSON.Failure.notAReport("other")) {
      try ReportJSON.decode(#"{"format": "other", "version": 1}"#)
    }
    #expect(throws: ReportJSON.Failure.unsupportedVersion(2)) {
      try ReportJSON.decode(#"{"format": "plum-report", "version": 2}"#)
    }
    #expect(throws: ReportJSON.Failure.self) { try ReportJSON.decode("not json") }
    do {
      _ = try ReportJSON.decode(#"{"format": "plum-report", "version": 1, "kind": "k"}"#)
      Issue.record("a report without a title was read")
    } catch {
      #expect(error.description.contains("missing `title`"), "\(error)")
    }
    var text = ReportJSON.encode(SampleReports.everything)
    text = text.replacingOccurrences(of: "\"type\":\"heat_map\"", with: "\"type\":\"pie\"")
    #expect(throws: ReportJSON.Failure.self) { try ReportJSON.decode(text) }
  }

  @Test func nonFiniteNumbersDoNotStopEncoding() throws {
    let table = Table(columns: [Column("x", .decimal(places: 1))], rows: [Row([.number(.infinity)])])
    var report = Report(kind: "k", title: "t")
    report.sections = [Section(id: "s", title: "s", blocks: [.table(table)])]
    let text = ReportJSON.encode(report)
    #expect(text.contains("Infinity"))
    #expect(try ReportJSON.decode(text) == report)
  }
}
