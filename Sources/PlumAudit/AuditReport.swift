import PlumReports
import PlumStatistics

/// Lays out a fairness audit as a report: the facts, the flags, a guide, a summary laid out like a
/// NYC Local Law 144 bias audit, a section per subject and per model, and the record counts.
public enum AuditReport {
  /// The report's `kind`.
  public static let kind = "fairness-audit"

  /// The report of `audit`, described by `context`.
  public static func build(_ audit: FairnessAudit, context: AuditContext) -> Report {
    var sections = [summary(audit)]
    for subject in audit.data.subjects.indices { sections.append(subjectSection(audit, subject: subject)) }
    for model in audit.data.models.indices { sections.append(modelSection(audit, model: model)) }
    sections.append(recordsSection(audit))
    return Report(
      kind: kind, title: "Fairness audit: \(context.policyTitle)", facts: facts(audit, context: context),
      flags: flags(audit), guide: guide(audit), sections: sections)
  }

  // MARK: Header

  static func facts(_ audit: FairnessAudit, context: AuditContext) -> [Fact] {
    let data = audit.data
    var facts = [
      Fact(
        "Policy", context.policyVersion.map { "\(context.policyName), version \($0)" } ?? context.policyName),
      Fact("Policy file", context.policyFile),
      Fact("As of", context.asOf ?? "not given"),
      Fact("Data", context.dataFile),
      Fact(
        "Decisions",
        context.decisionsFile.map { "read from \($0), joined with the data by key" }
          ?? "made by the policy for this audit"),
      Fact(
        "Audited by",
        data.attributes.map { $0.name + ($0.isProtected ? " (protected)" : " (not protected)") }
          .joined(separator: ", ")),
      Fact("Outcome", data.outcomeName ?? "none (error rates need --outcome)"),
    ]
    let notAudited = data.notAudited.values.reduce(0, +)
    facts.append(
      Fact(
        "Records",
        "\(count(data.recordsRead)) read, \(count(data.count)) audited, \(count(notAudited)) not audited"))
    facts.append(Fact("Small groups", smallRuleText(audit.rule, total: data.recordsRead)))
    facts.append(Fact("Four-fifths rule", "an impact ratio under 0.8 is flagged"))
    return facts
  }

  static func smallRuleText(_ rule: SmallGroupRule, total: Int) -> String {
    let share = NumberText.format(rule.minimumShare, .percent(places: 0))
    return
      "under \(count(rule.minimumCount)) records or under \(share) of \(count(total)); set apart from comparisons"
  }

  static func guide(_ audit: FairnessAudit) -> [String] {
    var paragraphs = [
      "Each table lists, group by group, its records (n), how many were selected (given the reward, or "
        + "the rule held), the selection rate and its 95% Wilson interval, the impact ratio (the rate divided "
        + "by the highest rate among compared groups) and the difference from that top rate.",
      "An impact ratio under 0.8 fails the four-fifths rule of thumb and is marked ✗. A low ratio is a "
        + "reason to look closer, not proof of unfair treatment; a wide interval means the group's rate is "
        + "uncertain.",
      "Groups too small to compare (\(smallRuleText(audit.rule, total: audit.data.recordsRead))) are marked "
        + "too small (grey in the HTML report) and left out of every ratio and difference. Records missing an "
        + "attribute are counted apart.",
      "In the HTML report, each chart draws the rates as dots with their intervals as whiskers; the dashed red line is four "
        + "fifths of the top group's rate, so a dot left of it fails. The table beside each chart holds "
        + "the same figures. Heat maps colour each intersection by its impact ratio.",
      "The summary lays out selection rates and impact ratios per category and per intersection, as a "
        + "NYC Local Law 144 bias audit does.",
    ]
    if let outcome = audit.data.outcomeName {
      paragraphs.append(
        "Against the outcome `\(outcome)`: the true positive rate (TPR) is the share of actual positives "
          + "selected, the false positive rate (FPR) the share of actual negatives selected, the false "
          + "negative rate (FNR) the share of actual positives missed, precision the share of selections "
          + "that were positive. Equal opportunity difference is the largest TPR gap between compared groups; "
          + "equalized odds difference the larger of the TPR and FPR gaps.")
    }
    if !audit.data.models.isEmpty {
      paragraphs.append(
        "Model sections summarise scores per group: mean and quantiles (the chart shows the median with the "
          + "middle half, 25th to 75th percentile)\(audit.data.outcomeName == nil ? "" : ", and the ROC AUC against the outcome"). "
          + "Records without the consent a model needs are never scored.")
    }
    return paragraphs
  }

  // MARK: Flags

  static func flags(_ audit: FairnessAudit) -> [Flag] {
    let data = audit.data
    var alerts: [Flag] = []
    var warnings: [Flag] = []
    let notAudited = data.notAudited.values.reduce(0, +)
    if notAudited > 0 {
      alerts.append(
        Flag(
          .alert,
          "\(count(notAudited, "record")) could not be audited and \(notAudited == 1 ? "is" : "are") in no "
            + "figure: \(reasonsText(data.notAudited)).", section: "records"))
    }
    var failing: [String: [FairnessAudit.Failure]] = [:]
    var order: [String] = []
    for failure in audit.failures {
      let key = "\(failure.subject)/\(failure.grouping)"
      if failing[key] == nil { order.append(key) }
      failing[key, default: []].append(failure)
    }
    for key in order {
      guard let failures = failing[key], let first = failures.first else { continue }
      let subject = data.subjects[first.subject]
      let grouping = audit.groupings[first.grouping]
      let selection = audit.selections[first.subject][first.grouping].audit
      let top = selection.topGroup.map { key in selection.groups.first { $0.key == key } } ?? nil
      let topText = top.map { " (top: \($0.key), \(rate($0.rate)))" } ?? ""
      let list = failures.map { failure -> String in
        let group = selection.groups.first { $0.key == failure.group }
        return "\(failure.group) \(ratio(failure.ratio))" + (group.map { " at \(rate($0.rate))" } ?? "")
      }.joined(separator: ", ")
      let text =
        "\(subjectName(subject)) by \(grouping.name): impact ratio under four fifths for \(list)\(topText)"
        + (subject.isGate
          ? "."
          : "; \(subject.kind == .rule ? "rules" : "segments") are reported, they do not fail the audit.")
      let flag = Flag(subject.isGate ? .alert : .warning, text, section: sectionID(subject, grouping))
      if subject.isGate { alerts.append(flag) } else { warnings.append(flag) }
    }
    if data.count == 0 {
      alerts.append(Flag(.alert, "No record was audited, so nothing was measured.", section: "records"))
    }
    // Each grouping with compared groups and no failure says so, so a pass is stated, not implied.
    var passes: [Flag] = []
    let failingGroupings = Set(audit.failures.filter { data.subjects[$0.subject].isGate }.map(\.grouping))
    for (index, grouping) in audit.groupings.enumerated()
    where data.count > 0 && !failingGroupings.contains(index) {
      let compared = audit.selections.indices.contains { subject in
        data.subjects[subject].isGate
          && audit.selections[subject][index].audit.groups.contains { !$0.isSmall }
      }
      guard compared else { continue }
      passes.append(
        Flag(
          .normal,
          "By \(grouping.name), nothing the policy gives (any reward, each reward) falls under four fifths.",
          section: "summary"))
    }
    if let rewarded = data.subjects.firstIndex(where: { $0.kind == .rewarded }) {
      for (index, grouping) in audit.groupings.enumerated() {
        let groups = audit.selections[rewarded][index].audit.groups
        if data.count > 0 && groups.allSatisfy(\.isSmall) {
          warnings.append(
            Flag(
              .warning,
              "By \(grouping.name), no group is large enough to compare, so no impact ratio was measured.",
              section: sectionID(data.subjects[rewarded], grouping)))
        }
        let small = groups.filter(\.isSmall)
        guard !small.isEmpty else { continue }
        let list = small.map { "\($0.key) (\(count($0.count)))" }.joined(separator: ", ")
        warnings.append(
          Flag(
            .warning,
            "By \(grouping.name), \(count(small.count, "group")) too small to compare, set apart: \(list).",
            section: sectionID(data.subjects[rewarded], grouping)))
      }
    }
    for (index, attribute) in data.attributes.enumerated() where audit.missing[index] > 0 {
      warnings.append(
        Flag(
          .warning,
          "\(count(audit.missing[index], "record")) \(audit.missing[index] == 1 ? "has" : "have") no "
            + "\(attribute.name); counted apart, in no group.", section: "records"))
    }
    for remark in data.remarks { warnings.append(Flag(.warning, remark)) }
    for attribute in data.attributes where !attribute.isProtected {
      warnings.append(
        Flag(
          .warning,
          "\(attribute.name) is not a protected field of the policy; it is audited as asked, and the "
            + "policy may decide on it."))
    }
    return alerts + warnings + passes
  }

  // MARK: Records

  static func recordsSection(_ audit: FairnessAudit) -> Section {
    let data = audit.data
    var rows = [
      Row([.text("read"), .integer(data.recordsRead)]),
      Row([.text("audited"), .integer(data.count)]),
    ]
    for reason in data.notAudited.keys.sorted() {
      rows.append(
        Row([.text("not audited: \(reason)"), .integer(data.notAudited[reason] ?? 0)], tone: .alert))
    }
    for (index, attribute) in data.attributes.enumerated() {
      rows.append(
        Row(
          [.text("audited, missing \(attribute.name)"), .integer(audit.missing[index])],
          tone: audit.missing[index] > 0 ? .warning : .normal))
    }
    if let outcome = data.outcomeName {
      let missing = data.outcomes.count { $0 == nil }
      rows.append(
        Row(
          [.text("audited, missing \(outcome)"), .integer(missing)], tone: missing > 0 ? .warning : .normal))
    }
    let table = Table(columns: [Column("Records"), Column("Count", .integer)], rows: rows)
    return Section(
      id: "records", title: "Records",
      blocks: [
        .paragraph(
          "Every record read is either audited or counted here with the reason it was not. No value of a "
            + "personal-data (pii) field appears anywhere in this report."),
        .table(table),
      ])
  }

  // MARK: Text

  /// `rewarded (any reward)`, `reward winback_10`, `rule adult`.
  static func subjectName(_ subject: AuditData.Subject) -> String {
    switch subject.kind {
    case .rewarded: "rewarded (any reward)"
    case .reward: "reward \(subject.name)"
    case .rule: "rule \(subject.name)"
    case .segment: "segment \(subject.name) of \(subject.model ?? "")"
    }
  }

  static func subjectID(_ subject: AuditData.Subject) -> String {
    switch subject.kind {
    case .rewarded: "rewarded"
    case .reward: "reward-\(subject.name)"
    case .rule: "rule-\(subject.name)"
    case .segment: "segment-\(subject.model ?? "")-\(subject.name)"
    }
  }

  static func sectionID(_ subject: AuditData.Subject, _ grouping: FairnessAudit.Grouping) -> String {
    subjectID(subject) + "-by-" + grouping.id
  }

  static func reasonsText(_ reasons: [String: Int]) -> String {
    reasons.keys.sorted().map { "\($0) (\(count(reasons[$0] ?? 0)))" }.joined(separator: ", ")
  }

  static func count(_ value: Int) -> String { NumberText.format(value, .integer) }

  static func count(_ value: Int, _ noun: String) -> String {
    "\(count(value)) \(noun)\(value == 1 ? "" : "s")"
  }

  static func rate(_ value: Double) -> String { NumberText.format(value, .percent(places: 1)) }

  /// An impact ratio, rounded down, so a ratio under 0.8 never reads as 0.800.
  static func ratio(_ value: Double) -> String { NumberText.format(value, .decimalDown(places: 3)) }
}
