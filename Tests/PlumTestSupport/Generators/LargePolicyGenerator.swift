/// Generates large, valid policies for measuring the front end; deterministic for a given size.
public enum LargePolicyGenerator {
  /// A policy of about `lines` lines that checks clean: a 40-field schema, then lets, rules and
  /// rewards that refer to each other and to the schema, in the proportions real policies have,
  /// and test blocks that name every reward.
  public static func policy(lines: Int) -> String {
    var out =
      "/// A generated policy for measuring `plum check`.\npolicy generated version \"1\"\n\ncurrency EUR\n\n"
    out += "input participant {\n  id: string key\n"
    for index in 0..<12 { out += "  count_\(index): int\n" }
    for index in 0..<12 { out += "  score_\(index): float\n" }
    for index in 0..<6 { out += "  spend_\(index): money\n" }
    for index in 0..<4 { out += "  seen_\(index): date?\n" }
    out += "  tier: enum { bronze, silver, gold, platinum }\n  country: string\n  gender: string protected\n"
    out += "  email: string pii  // plum:allow(P2002) carried by the export, never read\n"
    out +=
      "  consent {\n    marketing: bool\n    profiling: bool  // plum:allow(P2002) no model here\n  }\n}\n\n"
    var lineCount = out.split(separator: "\n", omittingEmptySubsequences: false).count
    var block = 0
    // Each block takes 14 lines, and its reward one line of the test at the end (10 lines of its own).
    while lineCount + block + 10 < lines {
      let a = block % 12
      let b = (block * 7 + 3) % 12
      let s = block % 6
      let d = block % 4
      out += "/// Block \(block).\n"
      out += "let recency_\(block) = days_since(participant.seen_\(d)) ?? 400\n"
      out +=
        "let mix_\(block) = participant.score_\(a) * 0.5 + participant.score_\(b) / 3.0 + float(recency_\(block))\n"
      let previous = block > 0 ? " or rule_\(block - 1)" : ""
      out +=
        "rule rule_\(block) = participant.count_\(a) > \(block % 50) and mix_\(block) >= 1.5\(previous)\n"
      out += "rule gate_\(block) = rule_\(block) and participant.consent.marketing"
      out += " and participant.tier in [gold, platinum]"
      out += block % 3 == 0 ? " and participant.country in [\"FR\", \"DE\"]\n\n" : "\n\n"
      out += "reward reward_\(block) {\n"
      out +=
        "  when gate_\(block) and participant.spend_\(s) >= \(block % 900 + 10) EUR and recency_\(block) < 90\n"
      out += "  give points(\(100 + block % 400))\n"
      out += "  value participant.spend_\(s) * 2% + 1.50 EUR\n"
      out += "  priority \(block)\n"
      out += "  because \"score {mix_\(block):.2} after {recency_\(block)} days\"\n}\n\n"
      lineCount += 14
      block += 1
    }
    out += "select best by priority, max 3\n\n"
    out += "constraint fairness: disparate_impact(rewarded, by: participant.gender) >= 0.8\n\n"
    out += "test \"an ineligible member gets nothing\" {\n  given participant {\n    id: \"t\", "
    out += (0..<12).map { "count_\($0): 0" }.joined(separator: ", ") + ",\n    "
    out += (0..<12).map { "score_\($0): 0.0" }.joined(separator: ", ") + ",\n    "
    out += (0..<6).map { "spend_\($0): 0 EUR" }.joined(separator: ", ") + ",\n    "
    out += "tier: bronze, country: \"FR\", gender: \"x\", email: \"t@example.com\",\n"
    out += "    consent { marketing: false, profiling: false }\n  }\n"
    for index in 0..<block { out += "  expect not reward_\(index)\n" }
    out += "}\n"
    return out
  }
}
