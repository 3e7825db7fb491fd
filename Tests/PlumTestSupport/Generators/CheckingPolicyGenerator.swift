import PlumData
import PlumModels
import PlumRuntime

/// Writes random small policies meant to check clean, over one schema, and random records for them:
/// lets, rules and rewards built from every kind of operator and library function, with optional
/// values, conditions that short-circuit, divisions that can fail, a model, and both selections.
///
/// Most policies check; a test skips the few that do not (the generator types expressions itself,
/// and the checker has the last word).
public struct CheckingPolicyGenerator {
  private var random: SplitMix64
  private var ints: [String] = []
  private var floats: [String] = []
  private var moneys: [String] = []
  private var bools: [String] = []

  /// A generator whose policies are fixed by `seed`.
  public init(seed: UInt64) {
    random = SplitMix64(seed: seed)
  }

  /// The schema every policy reads, as CSV header columns in order.
  public static let columns = [
    "id", "age", "visits", "score", "spend", "last_seen", "tier", "country", "vip", "bonus",
    "consent.marketing",
  ]

  /// The model file path policies name; tests supply the model itself.
  public static let modelPath = "churn.json"

  /// The features of the model at `modelPath`.
  public static let modelFeatures = ["age", "visits"]

  private static let schema = """
    currency EUR
    input member {
      id: string key
      age: int
      visits: int
      score: float
      spend: money
      last_seen: date?
      tier: enum { bronze, silver, gold }
      country: string
      vip: bool
      bonus: int?
      consent { marketing: bool }
    }
    model churn = logistic("churn.json") { inputs { age: member.age, visits: member.visits } }

    """

  /// A whole policy.
  public mutating func policy() -> String {
    ints = ["member.age", "member.visits", "(member.bonus ?? 0)", "(days_since(member.last_seen) ?? 999)"]
    floats = ["member.score", "churn", "amount(member.spend)"]
    moneys = ["member.spend"]
    bools = [
      "member.vip", "member.consent.marketing", "present(member.last_seen)", "present(member.bonus)",
      "member.tier in [silver, gold]", "member.country in [\"FR\", \"DE\"]",
      "starts_with(member.country, \"B\")",
    ]
    var out = "policy generated version \"1\"\n" + Self.schema
    for index in 0..<random.int(1...5) {
      let name = "value_\(index)"
      switch random.below(3) {
      case 0:
        out += "let \(name) = \(int(depth: 2))\n"
        ints.append(name)
      case 1:
        out += "let \(name) = \(float(depth: 2))\n"
        floats.append(name)
      default:
        out += "let \(name) = \(money())\n"
        moneys.append(name)
      }
    }
    for index in 0..<random.int(1...4) {
      let name = "rule_\(index)"
      out += "rule \(name) = \(condition(depth: 2))\n"
      bools.append(name)
    }
    let rewardCount = random.int(1...4)
    for index in 0..<rewardCount { out += reward(index) }
    out += random.chance(50) ? "select all\n" : "select best by priority, max \(random.int(1...2))\n"
    return out
  }

  private mutating func reward(_ index: Int) -> String {
    var out = "reward prize_\(index) {\n"
    if random.chance(30) { out += "  requires consent.marketing\n" }
    let parts = (0..<random.int(1...3)).map { _ in condition(depth: 1) }
    out += "  when " + parts.joined(separator: " and ") + "\n"
    switch random.below(4) {
    case 0: out += "  give points(\(random.int(1...500)))\n"
    case 1: out += "  give voucher(\(random.int(1...20)) EUR)\n"
    case 2: out += "  give cashback(\(random.int(1...9))%)\n"
    default: out += "  give badge(\"star\")\n"
    }
    if random.chance(40) { out += "  value \(money())\n" }
    if random.chance(60) {
      out += "  priority \(random.chance(50) ? String(random.int(0...9)) : int(depth: 1))\n"
    }
    if random.chance(60) { out += "  because \"about {\(int(depth: 1))} and {\(float(depth: 1)):%}\"\n" }
    return out + "}\n"
  }

  private mutating func int(depth: Int) -> String {
    if depth <= 0 || random.chance(30) {
      return random.chance(30) ? String(random.int(-5...50)) : random.pick(ints)
    }
    let a = int(depth: depth - 1)
    let b = int(depth: depth - 1)
    switch random.below(12) {
    case 0: return "(\(a) + \(b))"
    case 1: return "(\(a) - \(b))"
    case 2: return "(\(a) * \(random.int(-3...7)))"
    case 3: return "(\(a) / \(b))"
    case 4: return "(\(a) % \(random.int(1...9)))"
    case 5: return "abs(\(a))"
    case 6: return random.chance(50) ? "min(\(a), \(b))" : "max(\(a), \(b))"
    case 7: return "clamp(\(a), 0, \(random.int(1...100)))"
    case 8: return "(if \(condition(depth: depth - 1)) then \(a) else \(b))"
    case 9: return "round(\(float(depth: depth - 1)))"
    case 10: return "len(member.country)"
    default: return "year(member.last_seen ?? 2026-01-01)"
    }
  }

  private mutating func float(depth: Int) -> String {
    if depth <= 0 || random.chance(30) {
      return random.chance(30) ? "\(random.int(0...40)).\(random.int(0...9))" : random.pick(floats)
    }
    let a = float(depth: depth - 1)
    switch random.below(9) {
    case 0: return "(\(a) + \(float(depth: depth - 1)))"
    case 1: return "(\(a) * 0.5)"
    case 2: return "float(\(int(depth: depth - 1)))"
    case 3: return "sqrt(abs(\(a)))"
    case 4: return "sigmoid(\(a))"
    case 5: return "ln(\(a))"
    case 6: return "(\(a) / \(float(depth: depth - 1)))"
    case 7: return "pow(\(a), 2.0)"
    default: return "round(\(a), 2)"
    }
  }

  private mutating func money() -> String {
    let a = random.pick(moneys)
    switch random.below(5) {
    case 0: return a
    case 1: return "(\(a) * 0.25)"
    case 2: return "(\(a) + \(random.int(1...30)) EUR)"
    case 3: return "(\(a) / \(random.int(1...4)))"
    default: return "max(\(a), 5 EUR)"
    }
  }

  private mutating func condition(depth: Int) -> String {
    if depth <= 0 || random.chance(35) {
      switch random.below(5) {
      case 0, 1: return random.pick(bools)
      case 2: return "\(int(depth: 1)) \(random.pick([">", ">=", "<", "<=", "==", "!="])) \(int(depth: 0))"
      case 3: return "\(float(depth: 1)) \(random.pick([">", "<"])) \(random.int(0...9)).5"
      default: return "\(random.pick(moneys)) \(random.pick([">", "<="])) \(random.int(0...200)) EUR"
      }
    }
    let a = condition(depth: depth - 1)
    switch random.below(3) {
    case 0: return "(\(a) and \(condition(depth: depth - 1)))"
    case 1: return "(\(a) or \(condition(depth: depth - 1)))"
    default: return "not \(a)"
    }
  }

  /// A CSV line for a record of the schema, with its key; some values are missing or extreme.
  public mutating func recordLine(key: Int) -> String {
    let countries = ["FR", "DE", "BE", "NL", ""]
    let tiers = ["bronze", "silver", "gold"]
    let day = Int64(20_400 + random.int(0...800))
    var fields = ["m\(key)"]
    fields.append(String(random.chance(10) ? random.int(-5...0) : random.int(15...90)))
    fields.append(String(random.chance(20) ? 0 : random.int(1...40)))
    fields.append(
      random.chance(10) ? "-\(random.int(0...3)).25" : "\(random.int(0...99)).\(random.int(0...99))")
    fields.append("\(random.int(0...500)).\(random.int(10...99))")
    fields.append(random.chance(25) ? "" : CivilDate.format(day))
    fields.append(random.pick(tiers))
    fields.append(random.pick(countries))
    fields.append(random.chance(50) ? "true" : "false")
    fields.append(random.chance(40) ? "" : String(random.int(-10...10)))
    fields.append(random.chance(70) ? "true" : "false")
    return fields.joined(separator: ",")
  }
}
