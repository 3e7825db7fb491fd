import Testing

@testable import PlumReports

@Suite struct TextRendererTests {
  @Test func aReportReadsWellInATerminal() {
    expectGolden(TextRenderer().render(SampleReports.everything), "everything.txt")
  }

  @Test func columnsAlignTextLeftAndNumbersRight() {
    let table = Table(
      columns: [Column("group"), Column("n", .integer), Column("rate", .percent(places: 1))],
      rows: [Row([.text("a"), .integer(1200), .number(0.5)]), Row([.text("longer"), .integer(7), .empty])])
    #expect(
      TextRenderer().render(table)
        == """
          group       n   rate
          ------  -----  -----
          a       1,200  50.0%
          longer      7      —

        """)
  }

  @Test func paragraphsWrapAtTheWidth() {
    let words = Array(repeating: "word", count: 40).joined(separator: " ")
    let text = TextRenderer(width: 40).wrapped(words, indent: 2, marker: "! ")
    let lines = text.split(separator: "\n")
    #expect(lines.allSatisfy { $0.count <= 40 })
    #expect(lines.first?.hasPrefix("  ! word") == true)
    #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("    word") })
  }
}
