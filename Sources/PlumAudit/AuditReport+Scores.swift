import PlumReports
import PlumStatistics

extension AuditReport {
  /// A model's score summaries, one figure per grouping.
  static func modelSection(_ audit: FairnessAudit, model index: Int) -> Section {
    let model = audit.data.models[index]
    var blocks: [Block] = [
      .paragraph(
        "Scores of the \(model.kind) model \(model.name), for every audited record it could score"
          + (model.purpose.map { " (those with consent \($0))" } ?? "") + ".")
    ]
    if let notScored = audit.scores[index].first?.notScored, notScored > 0 {
      let reason =
        model.purpose.map { "without consent \($0), or whose score failed" } ?? "whose score failed"
      blocks.append(
        .note(
          Note(
            .normal,
            "\(count(notScored, "record")) not scored (\(reason)) \(notScored == 1 ? "is" : "are") left out.")
        ))
    }
    var sections: [Section] = []
    for (groupingIndex, grouping) in audit.groupings.enumerated() {
      let scores = audit.scores[index][groupingIndex]
      sections.append(
        Section(
          id: "model-\(model.name)-by-\(grouping.id)", title: "By \(grouping.name)",
          blocks: [
            .figure(
              Figure(
                chart: .intervals(scoreChart(scores, grouping: grouping, model: model)),
                table: scoreTable(scores, grouping: grouping, withAUC: audit.data.outcomeName != nil)))
          ]))
    }
    return Section(
      id: "model-\(model.name)", title: "Model \(model.name)", blocks: blocks, sections: sections)
  }

  static func scoreTable(_ scores: FairnessAudit.Scores, grouping: FairnessAudit.Grouping, withAUC: Bool)
    -> Table
  {
    var columns = [Column(grouping.name), Column("n", .integer), Column("Mean", .decimal(places: 3))]
    for title in ["P10", "P25", "Median", "P75", "P90"] { columns.append(Column(title, .decimal(places: 3))) }
    if withAUC { columns.append(Column("AUC", .decimal(places: 3))) }
    var table = Table(
      columns: columns,
      rows: scores.audit.groups.map { group in
        var cells: [Cell] = [.text(group.key.description), .integer(group.count), .number(group.mean)]
        cells += group.quantiles.map(Cell.number)
        if withAUC { cells.append(scores.auc[group.key].map(Cell.number) ?? .empty) }
        return Row(cells, tone: group.isSmall ? .muted : .normal)
      })
    if withAUC { table.notes.append("AUC is — where a group has only one outcome.") }
    if scores.audit.missingCount > 0 {
      table.notes.append(
        "\(count(scores.audit.missingCount, "scored record")) missing \(grouping.name) counted apart.")
    }
    return table
  }

  static func scoreChart(
    _ scores: FairnessAudit.Scores, grouping: FairnessAudit.Grouping, model: AuditData.Model
  )
    -> IntervalChart
  {
    let groups = scores.audit.groups
    let low = groups.compactMap { $0.quantiles.first }.min() ?? 0
    let high = groups.compactMap { $0.quantiles.last }.max() ?? 1
    var lower = 0.0
    var upper = 1.0
    if low < 0 || high > 1 {
      lower = (low < 0 ? low : 0).rounded(.down)
      upper = Swift.max(high.rounded(.up), lower + 1)
    }
    return IntervalChart(
      title: "Score of \(model.name) by \(grouping.name)",
      axis: Axis(
        label: "median score, 25th–75th percentile", lower: lower, upper: upper, style: .decimal(places: 2)),
      points: groups.map { group in
        IntervalChart.Point(
          label: group.key.description, value: group.quantiles.count > 2 ? group.quantiles[2] : group.mean,
          lower: group.quantiles.count > 1 ? group.quantiles[1] : nil,
          upper: group.quantiles.count > 3 ? group.quantiles[3] : nil, tone: group.isSmall ? .muted : .normal)
      })
  }
}
