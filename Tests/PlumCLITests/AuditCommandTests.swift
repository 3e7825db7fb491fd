import Foundation
import PlumReports
import PlumTestSupport
import Testing

@testable import PlumCLI

/// The shipped winback audit: by gender (protected) and tier, against the churn seen afterwards.
let winbackAudit = [
  "audit", inspectPath("examples/winback/winback.plum"), inspectPath("examples/winback/data/followup.csv"),
  "--by", "gender", "--by", "tier", "--outcome", "churned", "--as-of", "2026-11-23",
]

/// Compares `actual` with the repository file `relative` (such as a shipped example's output);
/// `PLUM_RECORD=1` rewrites it.
func expectRepositoryFile(
  _ actual: String, _ relative: String, sourceLocation: SourceLocation = #_sourceLocation
) {
  GoldenFiles(directory: repositoryRoot).expect(actual, relative, sourceLocation: sourceLocation)
}

/// A small policy for the command's edge cases: a key, a protected field, a pii field, a rule.
private let shop = """
  policy shop version "1"
  input person {
    id: string key
    age: int
    vip: bool
    group: string protected
    region: string? protected // plum:allow(P2002) read by audits only
    email: string pii
  }
  rule adult = person.age >= 18
  reward welcome {
    when adult and person.vip
    give points(10)
  }
  constraint fair: disparate_impact(rewarded, by: person.group) >= 0.8
  test "adult members in the club are welcomed" {
    given person { id: "t", age: 30, vip: true, group: "x", email: "t@example.com" }
    expect rewards == [welcome]
  }

  """

private func people(_ rows: [String]) -> String {
  "id,age,vip,group,region,email,bought\n" + rows.joined(separator: "\n") + "\n"
}

@Suite struct AuditCommandTests {
  @Test func theShippedAuditIsWhatPlumAuditWrites() throws {
    for (format, file) in [("text", "audit.txt"), ("json", "audit.json"), ("html", "audit.html")] {
      let (status, out, err) = inspectPlum(winbackAudit + ["--format", format])
      #expect(status == .findings, "\(err)")
      #expect(
        err
          == "audited 1200 of 1200 records by gender, tier; under four fifths: rewarded, winback_10, tier_bonus, welcome_back\n"
      )
      expectRepositoryFile(out, "examples/winback/audit/\(file)")
    }
  }

  @Test func theJSONReportReadsBack() throws {
    let (_, out, _) = inspectPlum(winbackAudit + ["--format", "json"])
    let report = try ReportJSON.decode(out)
    #expect(report.kind == "fairness-audit")
    #expect(ReportJSON.encode(report) == out)
    #expect(report.sections.map(\.id).contains("model-churn"))
  }

  @Test func noPersonalDataReachesAnyForm() {
    for format in ["text", "json", "html"] {
      let (_, out, err) = inspectPlum(winbackAudit + ["--format", format])
      #expect(!out.contains("@example.org") && !err.contains("@example.org"))
      // Keys are personal too in a report of groups: none is shown.
      #expect(!out.contains("m00001") && !out.contains("m01200"))
    }
  }

  @Test func aDecisionFileGivesTheSameSelectionsAsDecidingNow() throws {
    let run = inspectPlum([
      "run", "--explain", "--as-of", "2026-11-23", inspectPath("examples/winback/winback.plum"),
      inspectPath("examples/winback/data/followup.csv"),
    ])
    #expect(run.status == .success, "\(run.err)")
    let io = CapturedIO(files: ["decisions.jsonl": run.out])
    let logged = PlumCommand.run(
      winbackAudit + ["--format", "json", "--decisions", "decisions.jsonl"], io: io)
    #expect(logged == .findings, "\(io.err)")
    let (_, live, _) = inspectPlum(winbackAudit + ["--format", "json"])
    let fromFile = try ReportJSON.decode(io.out)
    let decidedNow = try ReportJSON.decode(live)
    // Rewards agree exactly. Rules and scores differ: a run computes a rule or a model only when a
    // decision needs it, while the audit evaluates every rule and scores every record that consented.
    for id in ["rewarded", "reward-winback_10", "reward-tier_bonus", "reward-welcome_back"] {
      #expect(fromFile.sections.first { $0.id == id } == decidedNow.sections.first { $0.id == id }, "\(id)")
    }
    #expect(fromFile.sections.contains { $0.id == "model-churn" })
    #expect(
      fromFile.flags.contains {
        $0.text.hasPrefix("Model scores and segments from a decision file exist only where")
      })
    #expect(
      fromFile.facts.contains(Fact("Decisions", "read from decisions.jsonl, joined with the data by key")))

    // And both agree with counting by hand: each record's gender from the data, whether it was
    // rewarded from plum run's own line for it.
    let data = try String(
      contentsOf: repositoryRoot.appendingPathComponent("examples/winback/data/followup.csv"), encoding: .utf8
    )
    let genders = data.split(separator: "\n").dropFirst().map {
      String($0.split(separator: ",", omittingEmptySubsequences: false)[7])
    }
    let rewarded = run.out.split(separator: "\n").map { !$0.contains("\"rewards\":[]") }
    #expect(genders.count == rewarded.count)
    var counts: [String: (n: Int, selected: Int)] = [:]
    for (gender, given) in zip(genders, rewarded) {
      counts[gender, default: (0, 0)].n += 1
      if given { counts[gender, default: (0, 0)].selected += 1 }
    }
    let byGender = try #require(decidedNow.sections.first { $0.id == "rewarded" }?.sections.first)
    guard case .figure(let figure)? = byGender.blocks.first else {
      Issue.record("no figure for rewarded by gender")
      return
    }
    for row in figure.table.rows {
      guard case .text(let gender) = row.cells[0], let count = counts[gender] else {
        Issue.record("unexpected row \(row)")
        continue
      }
      #expect(row.cells[1] == .integer(count.n) && row.cells[2] == .integer(count.selected), "\(gender)")
    }
    #expect(figure.table.rows.count == counts.count)
  }

  @Test func decisionsWithoutExplanationsCarryNoScores() throws {
    let run = inspectPlum([
      "run", "--as-of", "2026-11-23", inspectPath("examples/winback/winback.plum"),
      inspectPath("examples/winback/data/participants.csv"),
    ])
    let lines = run.out.split(separator: "\n")
    let io = CapturedIO(files: ["decisions.jsonl": lines.dropFirst().joined(separator: "\n") + "\n"])
    let status = PlumCommand.run(
      [
        "audit", inspectPath("examples/winback/winback.plum"),
        inspectPath("examples/winback/data/followup.csv"),
        "--by", "gender", "--decisions", "decisions.jsonl", "--format", "json",
      ], io: io)
    #expect(status == .findings, "\(io.err)")
    let report = try ReportJSON.decode(io.out)
    #expect(!report.sections.contains { $0.id == "model-churn" })
    #expect(report.flags.contains { $0.text.contains("plum run --explain") })
    #expect(report.facts.contains(Fact("Records", "1,200 read, 1,199 audited, 1 not audited")))
    #expect(io.err.hasSuffix("; 1 record not audited\n"), "\(io.err)")
  }

  @Test func kMeansSegmentsAreAuditedAsSelections() throws {
    let (status, out, err) = inspectPlum([
      "audit", inspectPath("examples/fraud/fraud.plum"), inspectPath("examples/fraud/data/claims.csv"),
      "--by",
      "channel", "--as-of", "2026-11-23", "--format", "json",
    ])
    #expect(status == .findings, "\(err)")
    let report = try ReportJSON.decode(out)
    let ids = (0..<4).map { "segment-segment-\($0)" }
    #expect(ids.allSatisfy { id in report.sections.contains { $0.id == id } })
    #expect(report.sections.contains { $0.id == "model-unusual" })
    // Every scored record is in exactly one segment: per channel, the segments' selections add up to n.
    var totals: [String: (n: Int, selected: Int)] = [:]
    for id in ids {
      let section = try #require(report.sections.first { $0.id == id }?.sections.first)
      guard case .figure(let figure)? = section.blocks.first else {
        Issue.record("no figure in \(id)")
        continue
      }
      for row in figure.table.rows {
        guard case .text(let channel) = row.cells[0], case .integer(let n) = row.cells[1],
          case .integer(let selected) = row.cells[2]
        else { continue }
        #expect(totals[channel] == nil || totals[channel]?.n == n)
        totals[channel, default: (n, 0)].selected += selected
      }
    }
    #expect(!totals.isEmpty && totals.values.allSatisfy { $0.n == $0.selected }, "\(totals)")
  }

  @Test func aPiiFieldCannotGroupAnAudit() {
    let io = CapturedIO(files: [
      "shop.plum": shop, "people.csv": people(["a,30,true,x,north,a@example.com,1"]),
    ])
    #expect(PlumCommand.run(["audit", "shop.plum", "people.csv", "--by", "email"], io: io) == .usage)
    #expect(
      io.err.hasPrefix(
        "error: `email` is a pii field: its values never leave the policy, so it cannot group an audit\n"))
    #expect(io.out.isEmpty)
  }

  @Test func anUnknownFieldSuggestsTheClosest() {
    let io = CapturedIO(files: ["shop.plum": shop, "people.csv": people([])])
    #expect(PlumCommand.run(["audit", "shop.plum", "people.csv", "--by", "grup"], io: io) == .usage)
    #expect(
      io.err.hasPrefix("error: `grup` is not a field of input `person`; did you mean `group`?\n"), "\(io.err)"
    )
    let twice = CapturedIO(files: ["shop.plum": shop, "people.csv": people([])])
    #expect(
      PlumCommand.run(["audit", "shop.plum", "people.csv", "--by", "group,person.group"], io: twice) == .usage
    )
    #expect(twice.err.hasPrefix("error: `group` is given to --by twice\n"), "\(twice.err)")
  }

  @Test func badRecordsAreCountedNeverDropped() throws {
    let rows = [
      "a,30,true,x,north,a@example.com,1", "b,40,true,y,north,b@example.com,0",
      "a,50,false,y,north,c@example.com,1",
      "c,abc,true,x,north,d@example.com,1", "d,20,true,x,north,e@example.com,maybe",
      "e,20,false,y,,f@example.com,",
    ]
    let io = CapturedIO(files: ["shop.plum": shop, "people.csv": people(rows)])
    let status = PlumCommand.run(
      [
        "audit", "shop.plum", "people.csv", "--by", "group,region", "--outcome", "bought", "--format", "json",
      ],
      io: io)
    #expect(status == .findings, "\(io.err)")
    let report = try ReportJSON.decode(io.out)
    let records = try #require(report.sections.last)
    guard case .table(let table)? = records.blocks.last else {
      Issue.record("no records table")
      return
    }
    let counts = Dictionary(
      uniqueKeysWithValues: table.rows.compactMap { row -> (String, Int)? in
        guard case .text(let label) = row.cells[0], case .integer(let count) = row.cells[1] else {
          return nil
        }
        return (label, count)
      })
    #expect(counts["read"] == 6)
    #expect(counts["audited"] == 3)
    #expect(counts["not audited: P0608 duplicate record key"] == 1)
    #expect(counts["not audited: P0603 wrong type or invalid value"] == 1)
    #expect(counts["not audited: outcome `bought` is not 1, 0, true, false, yes or no"] == 1)
    #expect(counts["audited, missing group"] == 0)
    #expect(counts["audited, missing region"] == 1)
    #expect(counts["audited, missing bought"] == 1)
    #expect(!io.out.contains("maybe") && !io.out.contains("abc") && !io.out.contains("@example.com"))
  }

  @Test func aRepeatedKeyCountsTheSameFromADecisionFile() throws {
    let data = people([
      "a,30,true,x,north,a@example.com,1", "b,40,true,y,north,b@example.com,0",
      "a,50,false,y,north,c@example.com,1",
    ])
    let run = CapturedIO(files: ["shop.plum": shop, "people.csv": data])
    #expect(PlumCommand.run(["run", "shop.plum", "people.csv"], io: run) == .findings)
    #expect(run.out.contains("P0608"))
    func audit(_ extra: [String]) throws -> Report {
      let io = CapturedIO(files: ["shop.plum": shop, "people.csv": data, "d.jsonl": run.out])
      let status = PlumCommand.run(
        ["audit", "shop.plum", "people.csv", "--by", "group", "--format", "json"] + extra, io: io)
      #expect(status == .findings, "\(io.err)")
      return try ReportJSON.decode(io.out)
    }
    let live = try audit([])
    let logged = try audit(["--decisions", "d.jsonl"])
    #expect(live.sections.last == logged.sections.last)
    #expect(live.sections.first { $0.id == "rewarded" } == logged.sections.first { $0.id == "rewarded" })
  }

  @Test func anOutcomeMayBeABoolFieldOfThePolicy() {
    let files = ["shop.plum": shop, "people.csv": people(["a,30,true,x,north,a@example.com,1"])]
    let io = CapturedIO(files: files)
    #expect(
      PlumCommand.run(["audit", "shop.plum", "people.csv", "--by", "group", "--outcome", "vip"], io: io)
        == .success)
    #expect(io.out.contains("Error rates against vip by group"))
    let wrong = CapturedIO(files: files)
    #expect(
      PlumCommand.run(["audit", "shop.plum", "people.csv", "--by", "group", "--outcome", "age"], io: wrong)
        == .usage)
    #expect(
      wrong.err.hasPrefix("error: the outcome `age` is a `int` field; an outcome is a bool\n"), "\(wrong.err)"
    )
  }

  @Test func jsonLinesAndCSVGiveTheSameFigures() throws {
    func report(_ data: String) throws -> Report {
      let (_, out, _) = inspectPlum([
        "audit", inspectPath("examples/winback/winback.plum"), inspectPath(data), "--by", "gender", "--as-of",
        "2026-11-23", "--format", "json",
      ])
      return try ReportJSON.decode(out)
    }
    let csv = try report("examples/winback/data/participants.csv")
    let jsonLines = try report("examples/winback/data/participants.jsonl")
    #expect(csv.sections == jsonLines.sections)
    #expect(csv.flags == jsonLines.flags)
  }

  @Test func decisionsOfAnotherPolicyAreRefused() {
    let decisions =
      #"{"record":1,"key":"a","rewards":[{"name":"gold_bonus","kind":"points","amount":5}],"reasons":[]}"#
    let io = CapturedIO(
      files: [
        "shop.plum": shop, "people.csv": people(["a,30,true,x,north,a@example.com,1"]),
        "d.jsonl": decisions + "\n",
      ])
    #expect(
      PlumCommand.run(
        ["audit", "shop.plum", "people.csv", "--by", "group", "--decisions", "d.jsonl"], io: io) == .usage)
    #expect(
      io.err
        == "error: d.jsonl:1: reward `gold_bonus` is not in shop.plum; were these decisions made by another policy?\n"
    )
  }

  @Test func decisionsNeedAKeyToJoinOn() {
    let keyless = shop.replacingOccurrences(of: "id: string key", with: "id: string")
    let io = CapturedIO(
      files: [
        "shop.plum": keyless, "people.csv": people(["a,30,true,x,north,a@example.com,1"]), "d.jsonl": "\n",
      ])
    #expect(
      PlumCommand.run(
        ["audit", "shop.plum", "people.csv", "--by", "group", "--decisions", "d.jsonl"], io: io) == .usage)
    #expect(
      io.err.hasSuffix(
        "error: shop.plum has no key that decisions show, so --decisions cannot be joined with the data\n"),
      "\(io.err)")
  }

  @Test func theReportGoesToAFileWhenAsked() {
    let io = CapturedIO(files: [
      "shop.plum": shop, "people.csv": people(["a,30,true,x,north,a@example.com,1"]),
    ])
    let status = PlumCommand.run(
      ["audit", "shop.plum", "people.csv", "--by", "group", "--format", "html", "--out", "report.html"],
      io: io)
    #expect(status == .success, "\(io.err)")
    #expect(io.out.isEmpty)
    #expect(io.writtenPaths == ["report.html"])
    #expect(String(decoding: io.files["report.html"] ?? [], as: UTF8.self).hasPrefix("<!DOCTYPE html>"))
  }

  @Test func usageErrorsExitTwo() {
    let files = ["shop.plum": shop, "people.csv": people([])]
    for arguments in [
      ["audit", "shop.plum", "people.csv"],
      ["audit", "shop.plum", "people.csv", "--by", "group", "--format", "pdf"],
      ["audit", "shop.plum", "people.csv", "--by", "group", "--min-group-size", "-1"],
      ["audit", "shop.plum", "people.csv", "--by", "group", "--min-group-share", "2"],
      ["audit", "shop.plum", "people.csv", "--by", "group", "--as-of", "tomorrow"],
      ["audit", "shop.plum", "people.txt", "--by", "group"],
      ["audit", "shop.plum", "missing.csv", "--by", "group"],
      ["audit", "shop.plum", "--by", "group"],
    ] {
      let io = CapturedIO(files: files)
      #expect(PlumCommand.run(arguments, io: io) == .usage, "\(arguments)")
      #expect(io.err.hasPrefix("error: "), "\(arguments): \(io.err)")
    }
  }
}
