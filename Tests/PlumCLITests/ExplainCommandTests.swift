import Foundation
import PlumData
import PlumRuntime
import Testing

@testable import PlumCLI

private let lapsed = "Tests/PlumCLITests/Fixtures/explain/lapsed.plum"
private let lapsedData = "Tests/PlumCLITests/Fixtures/explain/lapsed.csv"
private let winback = "examples/winback/winback.plum"
private let winbackData = "examples/winback/data/participants.csv"
private let recognition = "examples/recognition/recognition.plum"
private let recognitionData = "examples/recognition/data/employees.csv"
private let fraud = "examples/fraud/fraud.plum"
private let fraudData = "examples/fraud/data/claims.csv"
private let budget = "examples/budget/budget.plum"
private let budgetData = "examples/budget/data/members.csv"

/// One golden transcript: the arguments after `plum explain`, the golden file and the exit status.
struct ExplainCase: CustomTestStringConvertible, Sendable {
  let policy: String
  let data: String
  let selector: [String]
  let golden: String
  let status: PlumCLI.ExitStatus

  var testDescription: String { golden }
}

struct ExplainCommandTests {
  static let cases: [ExplainCase] = [
    // Date and float counterfactuals; a reward given under `select best`.
    ExplainCase(
      policy: lapsed, data: lapsedData, selector: ["--key", "m1"], golden: "lapsed-m1.txt", status: .success),
    // An age counterfactual through two rules; several failing conditions.
    ExplainCase(
      policy: lapsed, data: lapsedData, selector: ["--row", "2"], golden: "lapsed-m2.txt", status: .success),
    // A runtime error: the trace up to the failing condition, exit status 1.
    ExplainCase(
      policy: lapsed, data: lapsedData, selector: ["--key", "m3"], golden: "lapsed-m3.txt",
      status: .findings),
    // A record that cannot be read.
    ExplainCase(
      policy: lapsed, data: lapsedData, selector: ["--key", "m4"], golden: "lapsed-m4.txt",
      status: .findings),
    // A bool counterfactual for a missing consent; a missing optional date.
    ExplainCase(
      policy: lapsed, data: lapsedData, selector: ["--row", "5"], golden: "lapsed-m5.txt", status: .success),
    // The examples: an age counterfactual, a consent one, a model-driven reward given, the tier bonus.
    ExplainCase(
      policy: winback, data: winbackData, selector: ["--row", "123"], golden: "winback-123.txt",
      status: .success),
    ExplainCase(
      policy: winback, data: winbackData, selector: ["--row", "282"], golden: "winback-282.txt",
      status: .success),
    ExplainCase(
      policy: winback, data: winbackData, selector: ["--key", "m00109"], golden: "winback-109.txt",
      status: .success),
    ExplainCase(
      policy: winback, data: winbackData, selector: ["--row", "22"], golden: "winback-22.txt",
      status: .success),
    ExplainCase(
      policy: recognition, data: recognitionData, selector: ["--row", "1"], golden: "recognition-1.txt",
      status: .success),
    ExplainCase(
      policy: recognition, data: recognitionData, selector: ["--row", "6"], golden: "recognition-6.txt",
      status: .success),
    // Fraud screening: an anomaly score that rises on both sides (the nearer boundary is named),
    // a claim held for review with k-means distances, and a claim screening may not score.
    ExplainCase(
      policy: fraud, data: fraudData, selector: ["--row", "2"], golden: "fraud-2.txt", status: .success),
    ExplainCase(
      policy: fraud, data: fraudData, selector: ["--key", "c00043"], golden: "fraud-43.txt",
      status: .success),
    ExplainCase(
      policy: fraud, data: fraudData, selector: ["--row", "1"], golden: "fraud-1.txt", status: .success),
    // Under a budget: a voucher withheld at the run's price, with the value it would need.
    ExplainCase(
      policy: budget, data: budgetData, selector: ["--key", "m001"], golden: "budget-m001.txt",
      status: .success),
    // The same record at a stated price, at which the voucher is given.
    ExplainCase(
      policy: budget, data: budgetData, selector: ["--key", "m001", "--budget-multiplier", "1.4"],
      golden: "budget-m001-1.4.txt", status: .success),
  ]

  @Test func theBudgetSectionAgreesWithTheRunsReasons() throws {
    let run = inspectPlum([
      "run", "--quiet", "--as-of", "2026-11-26", inspectPath(budget), inspectPath(budgetData),
    ])
    #expect(run.status == .success)
    for (number, line) in run.out.split(separator: "\n").enumerated() {
      let object = try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
      let notes = (object["reasons"] as? [String] ?? []).filter { $0.hasPrefix("budget: ") }
      let given = (object["rewards"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
      let explained = inspectPlum([
        "explain", inspectPath(budget), inspectPath(budgetData), "--as-of", "2026-11-26", "--row",
        String(number + 1),
      ])
      #expect(explained.status == .success)
      for note in notes { #expect(explained.out.contains("  " + note.dropFirst("budget: ".count) + "\n")) }
      if !notes.isEmpty {
        #expect(
          explained.out.contains(
            "  given under the budget: " + (given.isEmpty ? "none" : given.joined(separator: ", ")) + "\n"))
      }
    }
  }

  @Test func aBudgetExplainedFromStandardInputNeedsAStatedPrice() {
    let (status, _, err) = inspectPlum([
      "explain", inspectPath(budget), "-", "--input-format", "csv", "--row", "1",
    ])
    #expect(status == .usage)
    #expect(err.contains("needs '--budget-multiplier <λ>'"))
    let negative = inspectPlum([
      "explain", inspectPath(budget), inspectPath(budgetData), "--row", "1", "--budget-multiplier", "-1",
    ])
    #expect(negative.status == .usage)
    #expect(negative.err.contains("--budget-multiplier needs a number ≥ 0, found '-1'"))
  }

  @Test(arguments: cases)
  func transcriptMatchesItsGolden(_ example: ExplainCase) {
    let arguments = [
      "explain", inspectPath(example.policy), inspectPath(example.data), "--as-of", "2026-11-26",
    ]
    let (status, out, err) = inspectPlum(arguments + example.selector)
    #expect(status == example.status, "\(err)")
    #expect(!err.contains("disagrees"))
    expectGolden(out, "explain/\(example.golden)")
  }

  @Test func counterfactualsNameTheBoundary() {
    let (_, m1, _) = inspectPlum([
      "explain", inspectPath(lapsed), inspectPath(lapsedData), "--as-of", "2026-11-26", "--key", "m1",
    ])
    #expect(m1.contains("nudge: `recency > 30` would hold if last_visit were on or before 2026-10-26"))
    #expect(m1.contains("upgrade: `member.score > 0.75` would hold if score were more than 0.75"))
    let (_, m2, _) = inspectPlum([
      "explain", inspectPath(lapsed), inspectPath(lapsedData), "--as-of", "2026-11-26", "--key", "m2",
    ])
    #expect(m2.contains("nudge: `member.age >= 18` would hold if age were 18 or more"))
    #expect(m2.contains("upgrade: 2 conditions fail"))
    let (_, m5, _) = inspectPlum([
      "explain", inspectPath(lapsed), inspectPath(lapsedData), "--as-of", "2026-11-26", "--key", "m5",
    ])
    #expect(m5.contains("nudge: `member.consent.marketing` would hold if consent.marketing were true"))
    let (_, minor, _) = inspectPlum([
      "explain", inspectPath(winback), inspectPath(winbackData), "--as-of", "2026-11-26", "--row", "123",
    ])
    #expect(minor.contains("welcome_back: `participant.age >= 18` would hold if age were 18 or more"))
  }

  @Test func personalDataNeverAppears() {
    let (status, out, _) = inspectPlum([
      "explain", inspectPath(lapsed), inspectPath(lapsedData), "--as-of", "2026-11-26", "--key", "m1",
    ])
    #expect(status == .success)
    #expect(!out.contains("Ada"))
    #expect(out.contains("name               <redacted>  (pii: never shown)"))
    #expect(out.contains("gender             \"f\"  (protected: never decides)"))
    for row in stride(from: 1, through: 1200, by: 97) {
      let (_, text, _) = inspectPlum([
        "explain", inspectPath(winback), inspectPath(winbackData), "--as-of", "2026-11-26", "--row",
        String(row),
      ])
      #expect(!text.contains("@example.org"), "row \(row)")
      #expect(text.contains("email              <redacted>"), "row \(row)")
    }
  }

  @Test func personalDataShowsBooleansInValuesAndTraceAlike() {
    let policy = """
      policy r
      input c {
        id: string key
        email: string pii
        age: int
      }
      let email_length = len(c.email)
      let short_email = email_length < 20
      rule corporate = ends_with(c.email, "@corp.example") and c.age >= 18
      reward staff {
        when corporate and email_length > 5 and short_email
        give points(1)
      }

      """
    let (status, out, err) = inspectPlum(
      ["explain", "r.plum", "r.csv", "--row", "1"],
      files: ["r.plum": policy, "r.csv": "id,email,age\na,ann@corp.example,30\n"])
    #expect(status == .success, "\(err)")
    #expect(!out.contains("ann@") && !out.contains("16"), "\(out)")
    let values = ["  let email_length = <redacted>", "  let short_email = true", "  rule corporate = true"]
    #expect(out.contains(values.joined(separator: "\n")), "\(out)")
    #expect(out.contains("    ✓ corporate                                true\n"))
    #expect(
      out.contains("    ✓ email_length > 5                         true  (email_length = <redacted>)\n"))
    #expect(out.contains("    ✓ short_email                              true\n"))
  }

  @Test func aMissingKeyOrRowIsNotFound() {
    let base = ["explain", inspectPath(lapsed), inspectPath(lapsedData)]
    let (status, out, err) = inspectPlum(base + ["--key", "nobody"])
    #expect(status == .usage)
    #expect(out.isEmpty)
    #expect(err.hasSuffix("error: no record with key 'nobody' in '\(lapsedData)'\n"))
    let (rowStatus, _, rowErr) = inspectPlum(base + ["--row", "6"])
    #expect(rowStatus == .usage)
    #expect(rowErr.hasSuffix("error: '\(lapsedData)' has no record 6\n"))
  }

  @Test(arguments: [
    ([] as [String], "missing '--key <key>' or '--row <n>'"),
    (["--key", "m1", "--row", "1"], "give '--key <key>' or '--row <n>', not both"),
    (["--row", "0"], "the value '0' is invalid for '--row <n>'; expected a number from 1"),
    (["--row", "x"], "the value 'x' is invalid for '--row <n>'; expected a number from 1"),
    (["--row", "1", "--as-of", "yesterday"], "the value 'yesterday' is invalid for '--as-of <date>'"),
  ])
  func usageErrors(extra: [String], message: String) {
    let (status, out, err) = inspectPlum(["explain", inspectPath(lapsed), inspectPath(lapsedData)] + extra)
    #expect(status == .usage)
    #expect(out.isEmpty)
    #expect(err.contains("error: \(message)"), "\(err)")
  }

  @Test func dataProblemsAreIOErrors() {
    let (status, _, err) = inspectPlum(["explain", inspectPath(lapsed), "nowhere.csv", "--row", "1"])
    #expect(status == .usage)
    #expect(err.contains("error: nowhere.csv: cannot read 'nowhere.csv'"))
    let (formatStatus, _, formatErr) = inspectPlum([
      "explain", inspectPath(lapsed), "records.txt", "--row", "1",
    ])
    #expect(formatStatus == .usage)
    #expect(formatErr.contains("cannot tell the format of 'records.txt'"))
    let keyless = "policy k\ninput p {\n  n: int\n}\nreward r {\n  when p.n > 1\n  give points(1)\n}\n"
    let (keyStatus, _, keyErr) = inspectPlum(
      ["explain", "k.plum", "k.csv", "--key", "1"], files: ["k.plum": keyless, "k.csv": "n\n2\n"])
    #expect(keyStatus == .usage)
    #expect(keyErr.contains("error: the input `p` has no key field; use --row"))
    let (rowStatus, rowOut, _) = inspectPlum(
      ["explain", "k.plum", "k.csv", "--row", "1"], files: ["k.plum": keyless, "k.csv": "n\n2\n"])
    #expect(rowStatus == .success)
    #expect(rowOut.contains("r: given"))
  }

  @Test func jsonLinesRecordsAreExplainedLikeCSV() {
    let csv = inspectPlum([
      "explain", inspectPath(winback), inspectPath(winbackData), "--as-of", "2026-11-26", "--key", "m00011",
    ])
    let jsonl = inspectPlum([
      "explain", inspectPath(winback), inspectPath("examples/winback/data/participants.jsonl"), "--as-of",
      "2026-11-26",
      "--key", "m00011",
    ])
    #expect(jsonl.status == .success)
    let body = { (text: String) in text.split(separator: "\n").dropFirst().joined(separator: "\n") }
    #expect(body(csv.out) == body(jsonl.out))
  }

  @Test func counterfactualsSearchTheFieldsAConditionReads() {
    let policy = """
      policy s
      input c {
        id: string key
        age: int
        visits: int
      }
      reward sum {
        when c.age + c.visits > 100
        give points(1)
      }
      reward both {
        when c.age * 2 > 150 and c.age - c.visits > 60
        give points(2)
      }
      reward never {
        when c.age * c.age < 0
        give points(3)
      }
      reward apart {
        when c.age * 3 > 600 and c.visits * 3 > 1500
        give points(4)
      }

      """
    let (status, out, err) = inspectPlum(
      ["explain", "s.plum", "s.csv", "--row", "1"],
      files: ["s.plum": policy, "s.csv": "id,age,visits\nx,30,20\n"])
    #expect(status == .success, "\(err)")
    #expect(out.contains("  sum: `c.age + c.visits > 100` would hold if age were 81 or more\n"), "\(out)")
    #expect(
      out.contains(
        "  both: 2 conditions fail (`c.age * 2 > 150`, `c.age - c.visits > 60`); all would hold if age were "
          + "81 or more\n"))
    #expect(
      out.contains(
        "  never: only `c.age * c.age < 0` fails, and no single-input change was found that makes the reward "
          + "eligible\n"))
    #expect(
      out.contains(
        "  apart: 2 conditions fail (`c.age * 3 > 600`, `c.visits * 3 > 1500`); no single change is enough\n")
    )
  }
}
