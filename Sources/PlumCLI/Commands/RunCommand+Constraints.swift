import PlumRuntime
import PlumStatistics

/// One measured constraint at the end of a run: the selection audit of its groups.
struct ConstraintSummary {
  /// The constraint.
  let constraint: MeasuredConstraint
  /// The audit of the decided records (from `PlumStatistics`, as `plum audit` makes it).
  let audit: SelectionAudit
  /// Decided records missing a grouping field, and how many of them were selected.
  let missing: ConstraintTally.Count

  /// Audits a tally; nil when the figures cannot be made (they always can from counts).
  init?(_ constraint: MeasuredConstraint, tally: ConstraintTally) {
    self.constraint = constraint
    missing = tally.missing
    // The audit takes one entry per record; the counts expand to them in key order, so the figures
    // do not depend on the order records were decided in.
    var selected: [Bool] = []
    var keys: [GroupKey?] = []
    for group in tally.groups.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
      let count = tally.groups[group] ?? ConstraintTally.Count()
      let key = GroupKey(group)
      for position in 0..<count.records {
        selected.append(position < count.selected)
        keys.append(key)
      }
    }
    for position in 0..<tally.missing.records {
      selected.append(position < tally.missing.selected)
      keys.append(nil)
    }
    do {
      audit = try SelectionAudit(selected: selected, groups: keys)
    } catch {
      return nil
    }
  }

  /// Whether the constraint holds; a run with no compared group (or none selected) cannot show
  /// that it fails, and says so with `holds` true and `value` nil.
  var holds: Bool { audit.disparateImpact.map(constraint.holds) ?? true }

  /// `constraint fairness: disparate_impact(rewarded, by: participant.gender) 0.4667 >= 0.8 fails`,
  /// then, when it fails, one indented line per group.
  var lines: [String] {
    let measured =
      "disparate_impact(\(constraint.subjectName), by: \(byText)) "
      + (audit.disparateImpact.map(BudgetPass.number) ?? "not measured")
    var out = [
      "constraint \(constraint.name): \(measured) \(constraint.comparison.rawValue) "
        + "\(BudgetPass.number(constraint.threshold)) "
        + (audit.disparateImpact == nil ? "(no compared group)" : holds ? "holds" : "fails")
    ]
    guard !holds else { return out }
    for group in audit.groups {
      var line = "  \(group.key): \(group.selected) of \(group.count) selected, rate \(percent(group.rate))"
      line += " [\(percent(group.interval.lower)), \(percent(group.interval.upper))]"
      if let ratio = group.ratioToTop {
        line += ", ratio \(BudgetPass.number(ratio))"
      } else {
        line += ", small group: not compared"
      }
      out.append(line)
    }
    if missing.records > 0 { out.append("  missing \(byText): \(missing.records) records, not compared") }
    return out
  }

  /// The constraint as the summary's JSON object.
  var json: String {
    var out = "{\"name\": \(Self.quoted(constraint.name)), \"metric\": \"disparate_impact\", "
    out += "\"subject\": \(Self.quoted(constraint.subjectName)), "
    out += "\"by\": [" + constraint.fieldPaths.map(Self.quoted).joined(separator: ", ") + "], "
    out += "\"comparison\": \(Self.quoted(constraint.comparison.rawValue)), "
    out += "\"threshold\": \(constraint.threshold), "
    out += "\"value\": \(audit.disparateImpact.map { "\($0)" } ?? "null"), "
    out += "\"holds\": \(holds), "
    out += "\"records\": \(audit.recordCount), \"missing\": \(missing.records), "
    out += "\"top_group\": \(audit.topGroup.map { Self.quoted($0.description) } ?? "null"), \"groups\": ["
    out += audit.groups.map { group in
      var row = "{\"group\": [" + group.key.values.map(Self.quoted).joined(separator: ", ") + "], "
      row += "\"n\": \(group.count), \"selected\": \(group.selected), \"rate\": \(group.rate), "
      row += "\"wilson_95\": [\(group.interval.lower), \(group.interval.upper)], "
      row += "\"small\": \(group.isSmall), \"ratio_to_top\": \(group.ratioToTop.map { "\($0)" } ?? "null")}"
      return row
    }
    .joined(separator: ", ")
    out += "]}"
    return out
  }

  private var byText: String {
    constraint.fieldPaths.count == 1
      ? constraint.fieldPaths[0] : "[" + constraint.fieldPaths.joined(separator: ", ") + "]"
  }

  private func percent(_ value: Double) -> String { NumberFormat.fixed(value * 100, decimals: 1) + "%" }

  private static func quoted(_ text: String) -> String {
    "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
      + "\""
  }
}
