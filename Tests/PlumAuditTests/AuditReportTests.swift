import PlumReports
import PlumStatistics
import Testing

@testable import PlumAudit

@Suite struct AuditReportTests {
  static let context = AuditContext(
    policyName: "shop", policyVersion: "1", policyFile: "shop.plum", dataFile: "people.csv",
    decisionsFile: nil,
    asOf: "2026-11-23")

  static func report() throws -> Report {
    AuditReport.build(try FairnessAudit(sampleData()), context: context)
  }

  /// Every table of a section and its subsections.
  static func tables(_ section: Section) -> [Table] {
    section.blocks.flatMap { block -> [Table] in
      switch block {
      case .table(let table): [table]
      case .figure(let figure): [figure.table]
      case .paragraph, .note: []
      }
    } + section.sections.flatMap(tables)
  }

  @Test func theHeaderSaysWhatWasAudited() throws {
    let report = try Self.report()
    #expect(report.kind == "fairness-audit")
    #expect(report.title == "Fairness audit: shop 1")
    let facts = Dictionary(uniqueKeysWithValues: report.facts.map { ($0.label, $0.value) })
    #expect(facts["As of"] == "2026-11-23")
    #expect(facts["Data"] == "people.csv")
    #expect(facts["Audited by"] == "gender (protected), tier (not protected)")
    #expect(facts["Records"] == "108 read, 107 audited, 1 not audited")
    #expect(!report.guide.isEmpty)
  }

  @Test func failuresAndCaveatsAreCalledOutMostSevereFirst() throws {
    let flags = try Self.report().flags
    #expect(flags.first?.tone == .alert)
    #expect(
      flags.contains {
        $0.tone == .alert && $0.text.hasPrefix("reward bonus by gender:") && $0.text.contains("f 0.500")
      })
    #expect(flags.contains { $0.tone == .alert && $0.text.contains("could not be audited") })
    #expect(
      flags.contains {
        $0.tone == .warning && $0.text.contains("too small to compare") && $0.text.contains("x (5)")
      })
    #expect(flags.contains { $0.tone == .warning && $0.text.contains("2 records have no gender") })
    #expect(flags.contains { $0.tone == .warning && $0.text.hasPrefix("tier is not a protected field") })
    let tones = flags.map(\.tone)
    #expect(tones == tones.sorted { ($0 == .alert ? 0 : 1) < ($1 == .alert ? 0 : 1) })
  }

  @Test func theSummaryIsLaidOutAsABiasAudit() throws {
    let report = try Self.report()
    let summary = try #require(report.sections.first)
    #expect(summary.id == "summary")
    let tables = Self.tables(summary)
    #expect(
      tables.map(\.title) == [
        "gender categories", "tier categories", "Intersectional categories (gender × tier)",
        "Every subject at a glance",
      ])
    let gender = tables[0]
    #expect(
      gender.columns.map(\.title) == [
        "Category", "Number of records", "Selected", "Selection rate", "Impact ratio", "Four-fifths",
      ])
    #expect(gender.rows.map { $0.cells[0] } == [.text("f"), .text("m"), .text("x")])
    #expect(gender.rows[0].cells[4] == .number(0.5) && gender.rows[0].tone == .alert)
    #expect(gender.rows[2].tone == .muted)
    #expect(gender.notes.contains { $0.contains("2 records with no gender") })
  }

  @Test func everySubjectAndModelHasASectionWithAFigurePerGrouping() throws {
    let report = try Self.report()
    #expect(
      report.sections.map(\.id) == [
        "summary", "rewarded", "reward-bonus", "rule-adult", "model-churn", "records",
      ])
    for section in report.sections[1...4] {
      #expect(section.sections.map(\.title) == ["By gender", "By tier", "By gender × tier"])
      for subsection in section.sections {
        let charts = subsection.blocks.compactMap { block -> Chart? in
          if case .figure(let figure) = block { return figure.chart }
          return nil
        }
        #expect(charts.count == 1)
        if subsection.title.contains("×"), !section.id.hasPrefix("model"),
          case .heatMap(let map)? = charts.first
        {
          #expect(map.rows == ["f", "m", "x"] && map.columns == ["bronze", "gold"])
          #expect(map.cells.allSatisfy { $0.allSatisfy { $0 != nil } })
        } else if case .intervals(let chart)? = charts.first, !section.id.hasPrefix("model") {
          #expect(chart.references.count == 1)
        }
      }
    }
    let errorTables = Self.tables(report.sections[2]).filter {
      $0.title?.hasPrefix("Error rates against churned") == true
    }
    #expect(errorTables.count == 3)
    let records = Self.tables(report.sections[5])[0]
    #expect(
      records.rows.contains {
        $0.cells == [.text("not audited: P0603 wrong type or invalid value"), .integer(1)]
      })
  }

  @Test func theReportRoundTripsThroughJSON() throws {
    let report = try Self.report()
    #expect(try ReportJSON.decode(ReportJSON.encode(report)) == report)
  }

  @Test func aCleanAuditSaysSo() throws {
    var data = AuditData(
      attributes: [.init(name: "gender", isProtected: true)],
      subjects: [.init(name: "rewarded", kind: .rewarded)],
      models: [], outcomeName: nil)
    for index in 0..<100 {
      data.append(groups: [index % 2 == 0 ? "f" : "m"], selections: [index % 4 < 2], scores: [], outcome: nil)
    }
    let report = AuditReport.build(try FairnessAudit(data), context: Self.context)
    #expect(report.flags.map(\.tone) == [.normal])
    #expect(report.sections.map(\.id) == ["summary", "rewarded", "records"])
  }
}

@Suite struct EmptyAuditTests {
  @Test func anAuditOfNothingIsAFinding() throws {
    let data = AuditData(
      attributes: [.init(name: "gender", isProtected: true)],
      subjects: [.init(name: "rewarded", kind: .rewarded)],
      models: [], outcomeName: nil)
    let audit = try FairnessAudit(data)
    #expect(audit.hasFindings && !audit.failsFourFifths)
    let report = AuditReport.build(audit, context: AuditReportTests.context)
    #expect(report.flags.map(\.tone) == [.alert])
    #expect(report.flags.first?.text == "No record was audited, so nothing was measured.")
  }

  @Test func groupsTooSmallToCompareAreNoPass() throws {
    var data = AuditData(
      attributes: [.init(name: "gender", isProtected: true)],
      subjects: [.init(name: "rewarded", kind: .rewarded)],
      models: [], outcomeName: nil)
    for index in 0..<20 {
      data.append(groups: [index % 2 == 0 ? "f" : "m"], selections: [index < 3], scores: [], outcome: nil)
    }
    let report = AuditReport.build(try FairnessAudit(data), context: AuditReportTests.context)
    #expect(
      report.flags.contains { $0.tone == .warning && $0.text.contains("no group is large enough to compare") }
    )
  }
}
