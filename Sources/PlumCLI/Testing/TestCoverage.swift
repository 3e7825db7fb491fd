import PlumChecker

/// Which rewards and rules the tests exercised both ways: some test made each true, some false.
struct TestCoverage {
  /// One reward or rule.
  struct Entry: Equatable {
    /// `reward` or `rule`.
    var kind: String
    /// The declaration's name.
    var name: String
    /// Whether some test's record made it true (for a reward: all its conditions held).
    var madeTrue: Bool
    /// Whether some test's record made it false.
    var madeFalse: Bool
  }

  /// The rewards, then the rules, in declaration order.
  var entries: [Entry]

  /// Gathers coverage from a policy's test results.
  init(policy: CheckedPolicy, results: [TestResult]) {
    let rewards = policy.rewards.enumerated().map { index, reward in
      Entry(
        kind: "reward", name: reward.name.name,
        madeTrue: results.contains { $0.rewardOutcomes[index] == true },
        madeFalse: results.contains { $0.rewardOutcomes[index] == false })
    }
    let rules = policy.rules.enumerated().map { index, rule in
      Entry(
        kind: "rule", name: rule.name.name, madeTrue: results.contains { $0.ruleOutcomes[index] == true },
        madeFalse: results.contains { $0.ruleOutcomes[index] == false })
    }
    entries = rewards + rules
  }

  /// The entries no test made true.
  var neverTrue: [Entry] { entries.filter { !$0.madeTrue } }
  /// The entries no test made false.
  var neverFalse: [Entry] { entries.filter { !$0.madeFalse } }

  /// The coverage as text lines: one per reward and rule, then the gaps.
  var lines: [String] {
    guard !entries.isEmpty else { return ["coverage: no rewards or rules"] }
    let covered = entries.filter { $0.madeTrue && $0.madeFalse }.count
    var lines = ["coverage: \(covered) of \(entries.count) rewards and rules made both true and false"]
    let width = entries.map { $0.kind.count + 1 + $0.name.count }.max() ?? 0
    for entry in entries {
      let label = entry.kind + " " + entry.name
      let padding = String(repeating: " ", count: width - label.count + 2)
      lines.append(
        "  \(label)\(padding)true \(entry.madeTrue ? "✓" : "✗")  false \(entry.madeFalse ? "✓" : "✗")")
    }
    let names = { (entries: [Entry]) in entries.map { "\($0.name) (\($0.kind))" }.joined(separator: ", ") }
    if !neverTrue.isEmpty { lines.append("  never true: " + names(neverTrue)) }
    if !neverFalse.isEmpty { lines.append("  never false: " + names(neverFalse)) }
    return lines
  }
}
