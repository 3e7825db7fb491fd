/// Generates large, valid policies for measuring the front end; deterministic for a given size.
enum PolicyGenerator {
  /// A policy of at least `lines` lines: a 40-field schema, then lets, rules and rewards that refer
  /// to each other and to the schema, in the proportions real policies have.
  static func policy(lines: Int) -> String {
    var out =
      "/// A generated policy for measuring `plum check`.\npolicy generated version \"1\"\n\ncurrency EUR\n\n"
    out += "input participant {\n  id: string key\n"
    for index in 0..<12 { out += "  count_\(index): int\n" }
    for index in 0..<12 { out += "  score_\(index): float\n" }
    for index in 0..<6 { out += "  spend_\(index): money\n" }
    for index in 0..<4 { out += "  seen_\(index): date?\n" }
    out += "  tier: enum { bronze, silver, gold, platinum }\n  country: string\n  gender: string protected\n"
    out += "  email: string pii\n  consent {\n    marketing: bool\n    profiling: bool\n  }\n}\n\n"
    var lineCount = out.split(separator: "\n", omittingEmptySubsequences: false).count
    var block = 0
    while lineCount < lines {
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
      out += " and participant.tier in [gold, platinum]\n\n"
      out += "reward reward_\(block) {\n"
      out +=
        "  when gate_\(block) and participant.spend_\(s) >= \(block % 900 + 10) EUR and recency_\(block) < 90\n"
      out += "  give points(\(100 + block % 400))\n"
      out += "  value participant.spend_\(s) * 2% + 1.50 EUR\n"
      out += "  priority \(block % 20)\n"
      out += "  because \"score {mix_\(block):.2} after {recency_\(block)} days\"\n}\n\n"
      lineCount += 14
      block += 1
    }
    out += "select best by priority, max 3\n"
    return out
  }
}
