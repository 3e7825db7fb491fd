import Testing

@testable import PlumReports

@Suite struct NumberTextTests {
  @Test(arguments: [
    (0.2071, NumberStyle.percent(places: 1), "20.7%"),
    (0.0, .percent(places: 0), "0%"),
    (-0.0001, .decimal(places: 2), "0.00"),
    (0.7957, .decimal(places: 3), "0.796"),
    (0.7957, .decimalDown(places: 3), "0.795"),
    (0.8.nextDown, .decimalDown(places: 3), "0.799"),
    (0.8, .decimalDown(places: 3), "0.800"),
    (0.35, .decimalDown(places: 2), "0.35"),
    (1_234_567, .integer, "1,234,567"),
    (-1234, .integer, "-1,234"),
    (12, .text, "12"),
    (0.5, .text, "0.5"),
    (Double.nan, .decimal(places: 1), "—"),
  ])
  func numbersAreWrittenInTheirStyle(value: Double, style: NumberStyle, expected: String) {
    #expect(NumberText.format(value, style) == expected)
  }

  @Test func cellsAreWrittenInTheirColumnsStyle() {
    #expect(NumberText.format(.interval(lower: 0.158, upper: 0.22), .percent(places: 1)) == "[15.8%, 22.0%]")
    #expect(NumberText.format(.integer(999), .integer) == "999")
    #expect(NumberText.format(.empty, .integer) == "—")
    #expect(NumberText.format(.text("a<b"), .text) == "a<b")
  }

  @Test func axesEndOnRoundTicks() {
    let axis = Axis.rounded(label: "rate", lower: 0, highest: 0.614, style: .percent(places: 0))
    #expect(axis.upper == 0.8)
    #expect(axis.ticks.map { NumberText.format($0, axis.tickStyle) } == ["0%", "20%", "40%", "60%", "80%"])
    let small = Axis.rounded(label: "rate", lower: 0, highest: 0.043, style: .percent(places: 0))
    #expect(
      small.ticks.map { NumberText.format($0, small.tickStyle) } == ["0%", "1%", "2%", "3%", "4%", "5%"])
    let fine = Axis(label: "score", lower: 0, upper: 0.25, style: .decimal(places: 1))
    #expect(
      fine.ticks.map { NumberText.format($0, fine.tickStyle) } == [
        "0.00", "0.05", "0.10", "0.15", "0.20", "0.25",
      ])
    #expect(Axis.tickStep(span: 0) == 1)
  }
}
