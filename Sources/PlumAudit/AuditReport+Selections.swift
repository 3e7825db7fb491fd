import PlumReports
import PlumStatistics

extension AuditReport {
  // MARK: Summary

  /// The bias-audit summary of `rewarded` (categories, then intersections) and the overview of every
  /// subject's lowest impact ratio.
  static func summary(_ audit: FairnessAudit) -> Section {
    let data = audit.data
    var blocks: [Block] = []
    if let rewarded = data.subjects.firstIndex(where: { $0.kind == .rewarded }) {
      blocks.append(
        .paragraph(
          "Selection rates and impact ratios of rewarded (any reward), per category and per intersection, "
            + "laid out as a NYC Local Law 144 bias audit."))
      for (index, grouping) in audit.groupings.enumerated() {
        let selection = audit.selections[rewarded][index]
        let title =
          grouping.isIntersection
          ? "Intersectional categories (\(grouping.name))" : "\(grouping.name) categories"
        var table = Table(
          title: title,
          columns: [
            Column("Category"), Column("Number of records", .integer), Column("Selected", .integer),
            Column("Selection rate", .percent(places: 1)), Column("Impact ratio", .decimalDown(places: 3)),
            Column("Four-fifths"),
          ],
          rows: selection.audit.groups.map { group in
            Row(
              [
                .text(group.key.description), .integer(group.count), .integer(group.selected),
                .number(group.rate),
                group.ratioToTop.map(Cell.number) ?? .empty,
                .text(verdict(group, top: selection.audit.topGroup)),
              ], tone: tone(group))
          })
        let unknown = selection.audit.missingCount
        table.notes.append(
          "Unknown category: \(count(unknown, "record")) with no \(grouping.isIntersection ? "value for some attribute" : grouping.name), not counted above."
        )
        blocks.append(.table(table))
      }
    }
    var columns = [
      Column("Subject"), Column("Kind"), Column("Records", .integer), Column("Selected", .integer),
      Column("Rate", .percent(places: 1)),
    ]
    for grouping in audit.groupings {
      columns.append(Column("Lowest ratio by \(grouping.name)", .decimalDown(places: 3)))
    }
    columns.append(Column("Four-fifths"))
    var rows: [Row] = []
    for (index, subject) in data.subjects.enumerated() {
      let values = data.selections[index].compactMap { $0 }
      let selected = values.count { $0 }
      var cells: [Cell] = [
        .text(subject.model.map { "\($0) = \(subject.name)" } ?? subject.name), .text(subject.kind.rawValue),
        .integer(values.count), .integer(selected),
        values.isEmpty ? .empty : .number(Double(selected) / Double(values.count)),
      ]
      var fails: [String] = []
      for (grouping, selection) in audit.selections[index].enumerated() {
        cells.append(selection.audit.disparateImpact.map(Cell.number) ?? .empty)
        if selection.audit.groups.contains(where: { $0.failsFourFifths == true }) {
          fails.append(audit.groupings[grouping].name)
        }
      }
      cells.append(.text(fails.isEmpty ? "passes" : "fails by " + fails.joined(separator: ", ")))
      rows.append(Row(cells, tone: fails.isEmpty ? .normal : subject.isGate ? .alert : .warning))
    }
    blocks.append(
      .table(
        Table(
          title: "Every subject at a glance", columns: columns, rows: rows,
          notes: [
            "Lowest ratio is the lowest compared group's rate over the highest (the disparate impact); "
              + "— when no compared group was selected.",
            "Rewards and rewarded decide the exit status of plum audit; rules and segments are reported only.",
          ])))
    return Section(id: "summary", title: "Summary", blocks: blocks)
  }

  // MARK: Subjects

  static func subjectSection(_ audit: FairnessAudit, subject index: Int) -> Section {
    let subject = audit.data.subjects[index]
    var sections: [Section] = []
    for (groupingIndex, grouping) in audit.groupings.enumerated() {
      let selection = audit.selections[index][groupingIndex]
      var blocks: [Block] = []
      let table = selectionTable(selection, grouping: grouping)
      if grouping.isIntersection {
        blocks.append(
          .figure(
            Figure(
              chart: .heatMap(heatMap(selection.audit, grouping: grouping, audit: audit, subject: subject)),
              table: table)))
      } else {
        blocks.append(
          .figure(
            Figure(
              chart: .intervals(rateChart(selection.audit, grouping: grouping, subject: subject)),
              table: table)))
      }
      if let errors = selection.errors, let outcome = audit.data.outcomeName {
        blocks.append(
          .table(errorTable(errors, outcome: outcome, grouping: grouping, missing: selection.outcomeMissing)))
      }
      sections.append(Section(id: sectionID(subject, grouping), title: "By \(grouping.name)", blocks: blocks))
    }
    var blocks: [Block] = [.paragraph(subjectDescription(subject))]
    if let notEvaluated = audit.selections[index].first?.notEvaluated, notEvaluated > 0 {
      blocks.append(
        .note(
          Note(
            .warning,
            "\(count(notEvaluated, "record")) where it could not be evaluated (a model it needs lacked "
              + "consent, or an error) \(notEvaluated == 1 ? "is" : "are") left out.")))
    }
    return Section(id: subjectID(subject), title: title(subject), blocks: blocks, sections: sections)
  }

  static func title(_ subject: AuditData.Subject) -> String {
    switch subject.kind {
    case .rewarded: "Rewarded (any reward)"
    case .reward: "Reward \(subject.name)"
    case .rule: "Rule \(subject.name)"
    case .segment: "Model \(subject.model ?? ""), segment \(subject.name)"
    }
  }

  static func subjectDescription(_ subject: AuditData.Subject) -> String {
    switch subject.kind {
    case .rewarded: "A record is selected when it received any reward."
    case .reward: "A record is selected when it received the reward \(subject.name) (after select)."
    case .rule:
      "A record is selected when the rule \(subject.name) held. Rules explain decisions; their ratios are "
        + "reported but do not fail the audit."
    case .segment:
      "A record is selected when the k-means model \(subject.model ?? "") put it in segment \(subject.name). "
        + "Segments are reported but do not fail the audit; records the model could not score are left out."
    }
  }

  /// The per-group selection table.
  static func selectionTable(_ selection: FairnessAudit.Selection, grouping: FairnessAudit.Grouping) -> Table
  {
    let audit = selection.audit
    var table = Table(
      columns: [
        Column(grouping.name), Column("n", .integer), Column("Selected", .integer),
        Column("Rate", .percent(places: 1)),
        Column("95% CI", .percent(places: 1)), Column("Impact ratio", .decimalDown(places: 3)),
        Column("Difference", .percent(places: 1)), Column("Four-fifths"),
      ],
      rows: audit.groups.map { group in
        Row(
          [
            .text(group.key.description), .integer(group.count), .integer(group.selected),
            .number(group.rate),
            .interval(lower: group.interval.lower, upper: group.interval.upper),
            group.ratioToTop.map(Cell.number) ?? .empty, group.differenceFromTop.map(Cell.number) ?? .empty,
            .text(verdict(group, top: audit.topGroup)),
          ], tone: tone(group))
      })
    var summary: [String] = []
    if let top = audit.topGroup, let group = audit.groups.first(where: { $0.key == top }) {
      summary.append("Top group: \(top) at \(rate(group.rate)).")
    }
    if let impact = audit.disparateImpact {
      summary.append("Disparate impact (lowest ÷ highest rate): \(ratio(impact)).")
    }
    if let difference = audit.parityDifference {
      summary.append("Parity difference (highest − lowest rate): \(rate(difference)).")
    }
    if !summary.isEmpty { table.notes.append(summary.joined(separator: " ")) }
    if audit.missingCount > 0 {
      table.notes.append("\(count(audit.missingCount, "record")) missing \(grouping.name) counted apart.")
    }
    if selection.notEvaluated > 0 {
      table.notes.append("\(count(selection.notEvaluated, "record")) not evaluated, left out.")
    }
    return table
  }

  static func verdict(_ group: SelectionAudit.Group, top: GroupKey?) -> String {
    if group.isSmall { return "too small" }
    switch group.failsFourFifths {
    case true?: return "fails"
    case false?: return group.key == top ? "passes (top)" : "passes"
    case nil: return "—"
    }
  }

  static func tone(_ group: SelectionAudit.Group) -> Tone {
    group.isSmall ? .muted : group.failsFourFifths == true ? .alert : .normal
  }

  /// Rates with Wilson whiskers and the four-fifths line.
  static func rateChart(_ audit: SelectionAudit, grouping: FairnessAudit.Grouping, subject: AuditData.Subject)
    -> IntervalChart
  {
    let highest = Swift.min(1, Swift.max(audit.groups.map(\.interval.upper).max() ?? 1, 0.01))
    var references: [IntervalChart.Reference] = []
    if let top = audit.topGroup, let group = audit.groups.first(where: { $0.key == top }), group.rate > 0 {
      references.append(
        IntervalChart.Reference(value: 0.8 * group.rate, label: "4/5 of top rate: \(rate(0.8 * group.rate))"))
    }
    return IntervalChart(
      title: "Selection rate by \(grouping.name): \(subjectName(subject))",
      axis: Axis.rounded(
        label: "selection rate (95% Wilson interval)", lower: 0, highest: highest, style: .percent(places: 0)),
      points: audit.groups.map { group in
        IntervalChart.Point(
          label: group.key.description, value: group.rate, lower: group.interval.lower,
          upper: group.interval.upper,
          tone: tone(group))
      }, references: references)
  }

  /// The intersection's impact ratios: the first attribute down, the others across.
  static func heatMap(
    _ selection: SelectionAudit, grouping: FairnessAudit.Grouping, audit: FairnessAudit,
    subject: AuditData.Subject
  ) -> HeatMap {
    let rowLabels = Array(Set(selection.groups.map { $0.key.values.first ?? "" })).sorted()
    let columnLabels = Array(Set(selection.groups.map { $0.key.values.dropFirst().joined(separator: " × ") }))
      .sorted()
    var cells = Array(
      repeating: [HeatMap.Cell?](repeating: nil, count: columnLabels.count), count: rowLabels.count)
    for group in selection.groups {
      guard let row = rowLabels.firstIndex(of: group.key.values.first ?? ""),
        let column = columnLabels.firstIndex(of: group.key.values.dropFirst().joined(separator: " × "))
      else { continue }
      let label = group.isSmall ? "small" : group.ratioToTop.map(ratio) ?? "—"
      cells[row][column] = HeatMap.Cell(
        value: group.ratioToTop, label: label, detail: "\(rate(group.rate)) of \(count(group.count))",
        tone: tone(group))
    }
    let names = grouping.attributes.map { audit.data.attributes[$0].name }
    return HeatMap(
      title: "Impact ratio by \(grouping.name): \(subjectName(subject))", rowTitle: names.first ?? "",
      columnTitle: names.dropFirst().joined(separator: " × "), rows: rowLabels, columns: columnLabels,
      cells: cells,
      scale: Axis(label: "impact ratio (✗ under 0.8)", lower: 0, upper: 1, style: .decimal(places: 1)))
  }

  /// Error rates against the outcome.
  static func errorTable(
    _ errors: ClassificationAudit, outcome: String, grouping: FairnessAudit.Grouping, missing: Int
  ) -> Table {
    func cell(_ value: Double?) -> Cell { value.map(Cell.number) ?? .empty }
    var table = Table(
      title: "Error rates against \(outcome) by \(grouping.name)",
      columns: [
        Column(grouping.name), Column("n", .integer), Column("Positives", .integer),
        Column("TPR", .percent(places: 1)),
        Column("FPR", .percent(places: 1)), Column("FNR", .percent(places: 1)),
        Column("Precision", .percent(places: 1)),
      ],
      rows: errors.groups.map { group in
        Row(
          [
            .text(group.key.description), .integer(group.count),
            .integer(group.truePositives + group.falseNegatives),
            cell(group.truePositiveRate), cell(group.falsePositiveRate), cell(group.falseNegativeRate),
            cell(group.precision),
          ], tone: group.isSmall ? .muted : .normal)
      })
    var gaps: [String] = []
    gaps.append(
      "Equal opportunity difference (largest TPR gap): "
        + (errors.equalOpportunityDifference.map(rate) ?? "— (no compared group has positives)") + ".")
    gaps.append(
      "Equalized odds difference (larger of the TPR and FPR gaps): "
        + (errors.equalizedOddsDifference.map(rate) ?? "—") + ".")
    table.notes.append(gaps.joined(separator: " "))
    table.notes.append("Groups too small to compare are in grey and left out of both differences.")
    if missing > 0 { table.notes.append("\(count(missing, "record")) without \(outcome) left out.") }
    return table
  }
}
