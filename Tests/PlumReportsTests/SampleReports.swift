import PlumModels
import PlumReports

/// Reports for the renderer tests: one that uses every kind of block, cell, chart and tone, and
/// random ones drawn from a seed.
enum SampleReports {
  /// A small audit-like report with one of everything.
  static let everything = Report(
    kind: "sample",
    title: "Sample report",
    facts: [Fact("Policy", "winback, version 2026.11"), Fact("Records", "1,200 read")],
    flags: [
      Flag(.alert, "rewarded by tier: bronze 0.274", section: "rates"),
      Flag(.warning, "2 groups too small"),
      Flag(.normal, "Nothing else."),
    ],
    guide: ["Read the tables first.", "Then the charts."],
    sections: [
      Section(
        id: "rates", title: "Rates",
        blocks: [
          .paragraph("A record is selected when it received any reward."),
          .note(Note(.muted, "Small groups are in grey.")),
          .figure(
            Figure(
              chart: .intervals(
                IntervalChart(
                  title: "Selection rate by tier",
                  axis: Axis.rounded(
                    label: "selection rate", lower: 0, highest: 0.59, style: .percent(places: 0)),
                  points: [
                    .init(label: "bronze", value: 0.129, lower: 0.104, upper: 0.158, tone: .alert),
                    .init(label: "platinum", value: 0.47, lower: 0.354, upper: 0.588),
                    .init(label: "tiny", value: 0.5, lower: 0.1, upper: 0.9, tone: .muted),
                    .init(label: "none", value: nil),
                  ],
                  references: [.init(value: 0.376, label: "4/5 of top rate: 37.6%")])),
              table: rateTable, caption: "Rates with 95% Wilson intervals.")),
        ],
        sections: [
          Section(
            id: "intersections", title: "By gender × tier",
            blocks: [
              .figure(
                Figure(
                  chart: .heatMap(
                    HeatMap(
                      title: "Impact ratio", rowTitle: "gender", columnTitle: "tier",
                      rows: ["female", "male"],
                      columns: ["bronze", "gold"],
                      cells: [
                        [
                          .init(value: 0.26, label: "0.260", detail: "12.5% of 312", tone: .alert),
                          .init(value: 1, label: "1.000"),
                        ],
                        [.init(value: nil, label: "small", detail: "42.9% of 28", tone: .muted), nil],
                      ],
                      scale: Axis(label: "impact ratio", lower: 0, upper: 1, style: .decimal(places: 1)))),
                  table: rateTable)),
              .table(
                Table(
                  columns: [Column("Records"), Column("Count", .integer)],
                  rows: [Row([.text("read"), .integer(1200)])])),
            ])
        ])
    ])

  static let rateTable = Table(
    title: nil,
    columns: [
      Column("tier"), Column("n", .integer), Column("Rate", .percent(places: 1)),
      Column("95% CI", .percent(places: 1)),
      Column("Impact ratio", .decimalDown(places: 3)), Column("Four-fifths"),
    ],
    rows: [
      Row(
        [
          .text("bronze"), .integer(590), .number(0.129), .interval(lower: 0.104, upper: 0.158),
          .number(0.274), .text("fails"),
        ], tone: .alert),
      Row([
        .text("platinum"), .integer(66), .number(0.47), .interval(lower: 0.354, upper: 0.588), .number(1),
        .text("passes"),
      ]),
      Row(
        [
          .text("tiny"), .integer(4), .number(0.5), .interval(lower: 0.1, upper: 0.9), .empty,
          .text("too small"),
        ], tone: .muted),
    ],
    notes: ["Top group: platinum at 47.0%."])

  /// A random report: every field drawn from `generator`, text with characters that need escaping.
  static func random(_ generator: inout SplitMix64) -> Report {
    func pick<T>(_ values: [T]) -> T { values[generator.nextInt(below: values.count)] }
    func text() -> String {
      let pieces = [
        "a", "Zoë", " ", "<b>", "&", "\"", "'", "×", "—", "\\", "/", "\n", "\u{1F600}", "x\ty", "1,2",
      ]
      return (0..<(1 + generator.nextInt(below: 5))).map { _ in pick(pieces) }.joined()
    }
    func number() -> Double {
      pick([0, 1, -1, 0.1, 1e-12, 123_456.789, -0.0, Double(generator.nextInt(below: 1000)) / 7])
    }
    func style() -> NumberStyle {
      pick([
        .text, .integer, .decimal(places: generator.nextInt(below: 4)),
        .percent(places: generator.nextInt(below: 3)),
      ])
    }
    func cell() -> Cell {
      switch generator.nextInt(below: 5) {
      case 0: .text(text())
      case 1: .integer(generator.nextInt(below: 100_000) - 50_000)
      case 2: .number(number())
      case 3: .interval(lower: number(), upper: number())
      default: .empty
      }
    }
    func table() -> Table {
      let columns = (0..<(1 + generator.nextInt(below: 4))).map { _ in Column(text(), style()) }
      let rows = (0..<generator.nextInt(below: 4)).map { _ in
        Row(columns.map { _ in cell() }, tone: pick(Tone.allCases))
      }
      return Table(
        title: generator.nextInt(below: 2) == 0 ? nil : text(), columns: columns, rows: rows, notes: [text()])
    }
    func axis() -> Axis {
      Axis(label: text(), lower: 0, upper: 1 + Double(generator.nextInt(below: 3)), style: style())
    }
    func chart() -> Chart {
      if generator.nextInt(below: 2) == 0 {
        return .intervals(
          IntervalChart(
            title: text(), axis: axis(),
            points: (0..<generator.nextInt(below: 4)).map { _ in
              .init(
                label: text(), value: generator.nextInt(below: 3) == 0 ? nil : number(), lower: number(),
                upper: number(), tone: pick(Tone.allCases))
            }, references: [.init(value: number(), label: text())]))
      }
      let rows = (0..<generator.nextInt(below: 3)).map { _ in text() }
      let columns = (0..<generator.nextInt(below: 3)).map { _ in text() }
      return .heatMap(
        HeatMap(
          title: text(), rowTitle: text(), columnTitle: text(), rows: rows, columns: columns,
          cells: rows.map { _ in
            columns.map { _ in
              generator.nextInt(below: 3) == 0
                ? nil
                : HeatMap.Cell(value: number(), label: text(), detail: text(), tone: pick(Tone.allCases))
            }
          }, scale: axis()))
    }
    func block() -> Block {
      switch generator.nextInt(below: 4) {
      case 0: .paragraph(text())
      case 1: .note(Note(pick(Tone.allCases), text()))
      case 2: .table(table())
      default:
        .figure(
          Figure(chart: chart(), table: table(), caption: generator.nextInt(below: 2) == 0 ? nil : text()))
      }
    }
    func section(depth: Int) -> Section {
      Section(
        id: "s\(generator.nextInt(below: 1000))", title: text(),
        blocks: (0..<generator.nextInt(below: 4)).map { _ in block() },
        sections: depth > 1 ? [] : (0..<generator.nextInt(below: 3)).map { _ in section(depth: depth + 1) })
    }
    return Report(
      kind: text(), title: text(), facts: [Fact(text(), text())],
      flags: [Flag(pick(Tone.allCases), text(), section: nil)],
      guide: [text()], sections: (0..<(1 + generator.nextInt(below: 3))).map { _ in section(depth: 0) })
  }
}
