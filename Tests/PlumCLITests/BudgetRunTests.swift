import Foundation
import Testing

@testable import PlumCLI

private let example = inspectPath("examples/budget/budget.plum")
private let members = inspectPath("examples/budget/data/members.csv")

/// The example policy with its `budget` line replaced (nil removes it).
private func examplePolicy(budget: String?) throws -> String {
  let text = try String(contentsOfFile: example, encoding: .utf8)
  let line = "budget 600 EUR per run\n"
  #expect(text.contains(line))
  let replaced = text.replacingOccurrences(of: line, with: budget.map { "budget \($0) per run\n" } ?? "")
  guard budget == nil else { return replaced }
  // Without a budget, `expect withheld_by_budget` is an error (P0213): leave those lines out.
  return replaced.split(separator: "\n", omittingEmptySubsequences: false)
    .filter { !$0.contains("withheld_by_budget") }.joined(separator: "\n")
}

/// The decisions' JSON objects, one per line.
private func decisions(_ out: String) throws -> [[String: Any]] {
  try out.split(separator: "\n").map {
    try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
  }
}

/// What a line's rewards cost under the example's prices: vouchers at face value, a point a cent.
private func cost(_ decision: [String: Any]) -> Int {
  let rewards = decision["rewards"] as? [[String: Any]] ?? []
  return rewards.reduce(0) { total, reward in
    switch reward["kind"] as? String {
    case "voucher": total + Int(((Double(reward["amount"] as? String ?? "") ?? 0) * 100).rounded())
    case "points": total + (reward["amount"] as? Int ?? 0)
    default: total
    }
  }
}

struct BudgetRunTests {
  @Test func theExampleSpendsItsBudgetWhereItDoesTheMostGood() throws {
    let (status, out, err) = inspectPlum([
      "run", "--quiet", "--as-of", "2026-11-23", "--summary", "summary.json", example, members,
    ])
    #expect(status == .success, "\(err)")
    expectRepositoryFile(out, "examples/budget/decisions.jsonl")
    let lines = try decisions(out)
    #expect(lines.count == 120)
    // Never over budget, recomputed from the decisions themselves.
    #expect(lines.map(cost).reduce(0, +) <= 60_000)
    // Every decision the budget touched says so.
    let noted = lines.filter { ($0["reasons"] as? [String] ?? []).contains { $0.hasPrefix("budget: ") } }
    #expect(!noted.isEmpty)
    #expect(out.contains("withheld by the budget: value "))
    #expect(out.contains("; would be given if its value were ≥ "))
  }

  @Test func theSummaryReportsTheAllocation() throws {
    let io = CapturedIO(files: [:])
    let status = PlumCommand.run(
      ["run", "--as-of", "2026-11-23", "--summary", "summary.json", example, members], io: io)
    #expect(status == .success)
    let bytes = try #require(io.files["summary.json"])
    let summary = try #require(JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
    let budget = try #require(summary["budget"] as? [String: Any])
    #expect(budget["limit"] as? String == "600.00")
    let spent = try #require(Double(budget["spent"] as? String ?? ""))
    let value = try #require(Double(budget["value"] as? String ?? ""))
    let bound = try #require(Double(budget["upper_bound"] as? String ?? ""))
    let lambda = try #require(budget["lambda"] as? Double)
    #expect(spent <= 600)
    #expect(lambda > 0)
    // Within one reward's value of the LP optimum: the largest value is 60 EUR (churn 1 × 60 EUR).
    #expect(value >= bound - 60)
    #expect(value <= bound + 0.005)
    #expect((budget["records_losing_a_reward"] as? Int ?? 0) > 0)
    #expect(io.err.contains("\nbudget: spent "))
    #expect(io.err.contains("lost a reward to the budget"))
  }

  @Test func aBudgetThatCoversEverythingChangesNoDecision() throws {
    let unbudgeted = try examplePolicy(budget: nil)
    let huge = try examplePolicy(budget: "1_000_000_000 EUR")
    let without = inspectPlum(
      ["run", "--quiet", "--as-of", "2026-11-23", "p.plum", members], files: ["p.plum": unbudgeted])
    let with = inspectPlum(
      ["run", "--quiet", "--as-of", "2026-11-23", "p.plum", members], files: ["p.plum": huge])
    #expect(without.status == .success, "\(without.err)")
    #expect(with.status == .success, "\(with.err)")
    #expect(!without.out.isEmpty)
    #expect(with.out == without.out)
    #expect(!with.out.contains("budget: "))
  }

  @Test func aTighterBudgetNeverSpendsMore() throws {
    for limit in ["0 EUR", "25 EUR", "100 EUR", "333.33 EUR", "1_000 EUR"] {
      let policy = try examplePolicy(budget: limit)
      let (status, out, err) = inspectPlum(
        ["run", "--quiet", "--as-of", "2026-11-23", "p.plum", members], files: ["p.plum": policy])
      #expect(status == .success, "\(err)")
      let spent = try decisions(out).map(cost).reduce(0, +)
      let amount = Double(
        limit.replacingOccurrences(of: " EUR", with: "").replacingOccurrences(of: "_", with: ""))
      #expect(Double(spent) <= (amount ?? 0) * 100 + 1e-9, "\(limit)")
    }
  }

  @Test func erredRecordsStillGetTheirErrorLine() throws {
    let csv = """
      id,tier,churn,spend_90d
      a,gold,0.9,10.00
      b,platinum,0.9,10.00
      c,silver,0.5,80.00

      """
    let policy = try examplePolicy(budget: "15 EUR")
    let (status, out, _) = inspectPlum(
      ["run", "--quiet", "--as-of", "2026-11-23", "p.plum", "m.csv"], files: ["p.plum": policy, "m.csv": csv])
    #expect(status == .findings)
    let lines = try decisions(out)
    #expect(lines.count == 3)
    #expect(lines[1]["error"] != nil)
    #expect(lines.map(cost).reduce(0, +) <= 1_500)
  }

  @Test func aStreamedRunSaysItsBudgetIsNotAllocated() throws {
    let io = CapturedIO()
    io.files["-"] = Array(try String(contentsOfFile: members, encoding: .utf8).utf8)
    let status = PlumCommand.run(
      ["run", "--stream", "--input-format", "csv", "--as-of", "2026-11-23", example], io: io)
    #expect(status == .success)
    #expect(io.err.contains("\nbudget: not allocated: --stream decides each record as it arrives\n"))
    #expect(!io.out.contains("budget: "))
  }

  @Test func aRewardWhoseCostCannotBeKnownIsAnError() throws {
    let policy = try examplePolicy(budget: "600 EUR").replacingOccurrences(
      of: "points worth 0.01 EUR\n", with: "")
    let (status, _, err) = inspectPlum(["check", "p.plum"], files: ["p.plum": policy])
    #expect(status != .success)
    #expect(err.contains("error[P0224]: the cost of reward `thanks` cannot be known"))
  }
}
