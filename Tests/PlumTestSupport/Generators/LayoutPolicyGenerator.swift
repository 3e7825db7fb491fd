import PlumModels

/// Writes random policies that parse, laid out badly on purpose: odd spacing, tabs, blank lines,
/// line breaks inside expressions, and comments of every kind wherever the grammar lets them go.
public struct LayoutPolicyGenerator {
  /// What may separate two tokens.
  enum Gap {
    /// A line break must come here (between declarations, fields, clauses and statements).
    case line
    /// Blanks, comments or a line break.
    case breakable
    /// Blanks or a block comment, on the same line.
    case inline
    /// Nothing or a few blanks (around `.`, after `(`, before `)`).
    case tight
  }

  var random: SplitMix64
  private var out = ""
  private var commentNumber = 0

  /// A generator whose policies are fixed by `seed`.
  public init(seed: UInt64) {
    random = SplitMix64(seed: seed)
  }

  /// A whole policy.
  public mutating func policy() -> String {
    out = ""
    if chance(0.5) { token("// generated policy \(random.next() % 1000)", .line) }
    declaration { g in
      g.token("policy", .line)
      g.token("generated", .inline)
      if g.chance(0.5) {
        g.token("version", .inline)
        g.token("\"1.\(g.int(9))\"", .inline)
      }
    }
    declaration { g in
      g.token("currency", .line)
      g.token("EUR", .inline)
    }
    declaration { g in g.input() }
    for _ in 0..<int(1, 6) {
      declaration { g in
        if g.chance(0.5) {
          g.token("let", .line)
          g.token(
            g.pick(["recency", "score", "a_rather_long_name_for_a_value", "x"]) + "\(g.int(99))", .inline)
          if g.chance(0.3) {
            g.token(":", .tight)
            g.type()
          }
        } else {
          g.token("rule", .line)
          g.token("eligible_\(g.int(99))", .inline)
        }
        g.token("=", .inline)
        g.expression(0, depth: 4, first: .breakable)
      }
    }
    if chance(0.6) { declaration { g in g.model() } }
    for _ in 0..<int(1, 3) { declaration { g in g.reward() } }
    if chance(0.7) {
      declaration { g in
        g.token("select", .line)
        if g.chance(0.5) {
          g.token("all", .inline)
        } else {
          g.token("best", .inline)
          g.token("by", .inline)
          g.token("priority", .inline)
          if g.chance(0.5) {
            g.token(",", .tight)
            g.token("max", .inline)
            g.token("\(g.int(1, 3))", .inline)
          }
        }
      }
    }
    if chance(0.5) {
      declaration { g in
        g.token("budget", .line)
        g.token("50_000 EUR", .inline)
        g.token("per", .inline)
        g.token("run", .inline)
      }
    }
    if chance(0.5) {
      declaration { g in
        g.token("constraint", .line)
        g.token("fairness", .inline)
        g.token(":", .tight)
        g.token("disparate_impact", .inline)
        g.token("(", .tight)
        g.token("rewarded", .tight)
        g.token(",", .tight)
        g.token("by", .breakable)
        g.token(":", .tight)
        g.token("participant", .inline)
        g.token(".", .tight)
        g.token("gender", .tight)
        g.token(")", .tight)
        g.token(">=", .breakable)
        g.token("0.8", .breakable)
      }
    }
    for _ in 0..<int(0, 2) { declaration { g in g.test() } }
    if chance(0.5) { token("// the end", .line) }
    out += pick(["\n", "", "\n\n", "  \n"])
    return out
  }

  // MARK: Declarations

  mutating func declaration(_ body: (inout LayoutPolicyGenerator) -> Void) {
    if chance(0.3) { token("/// Documentation \(int(99)).", .line) }
    body(&self)
  }

  mutating func input() {
    token("input", .line)
    token("participant", .inline)
    token("{", .inline)
    let plain = [
      ("id", "string key"), ("age", "int"), ("country", "string"), ("spend_90d", "money"),
      ("last_order", "date?"), ("tags", "list<string>"), ("gender", "string protected"),
      ("email", "string pii"), ("birthday", "date? purpose profiling"), ("ratio", "float"),
    ]
    var first = true
    for (name, type) in plain where first || chance(0.8) {
      field(name, first: first) { g in
        for word in type.split(separator: " ") { g.typeText(String(word), .inline) }
      }
      first = false
    }
    field("tier", first: false) { g in
      g.token("enum", .inline)
      g.token("{", .inline)
      let cases = ["bronze", "silver", "gold", "platinum"]
      for (position, name) in cases.enumerated() {
        g.token(name, .breakable)
        if position < cases.count - 1 || g.chance(0.2) { g.token(",", .tight) }
      }
      g.token("}", .breakable)
    }
    token("consent", .line)
    token("{", .inline)
    var hadComma = false
    for name in ["marketing", "profiling"] {
      if chance(0.2) { token("/// May we \(name)?", .line) }
      token(name, !hadComma || chance(0.5) ? .line : .inline)
      token(":", .tight)
      token("bool", .inline)
      hadComma = chance(0.5)
      if hadComma { token(",", .tight) }
    }
    token("}", .line)
    if chance(0.3) { token(",", .tight) }
    token("}", .line)
  }

  /// A field `name: type`, on its own line or after a `,`.
  mutating func field(_ name: String, first: Bool, type: (inout LayoutPolicyGenerator) -> Void) {
    if chance(0.2) { token("/// The \(name).", .line) }
    token(name, .line)
    token(":", .tight)
    type(&self)
    if chance(0.3) { token(",", .tight) }
  }

  /// A type written as text such as `date?` or `list<string>`.
  mutating func typeText(_ text: String, _ gap: Gap) {
    if text.hasSuffix("?") {
      token(String(text.dropLast()), gap)
      token("?", .tight)
    } else if text.hasPrefix("list<") {
      token("list", gap)
      token("<", .tight)
      token(String(text.dropFirst(5).dropLast()), .tight)
      token(">", .tight)
    } else {
      token(text, gap)
    }
  }

  mutating func type() {
    typeText(pick(["int", "float", "money", "date?", "list<int>", "string", "bool"]), .inline)
  }

  mutating func model() {
    token("model", .line)
    token("churn", .inline)
    token("=", .inline)
    token("logistic", .inline)
    token("(", .tight)
    token("\"models/churn.json\"", .tight)
    token(")", .tight)
    token("{", .inline)
    let purposeFirst = chance(0.3)
    if purposeFirst {
      token("purpose", .line)
      token("profiling", .inline)
    }
    token("inputs", .line)
    token("{", .inline)
    let count = int(1, 4)
    for position in 0..<count {
      token(pick(["recency", "orders", "spend", "a_long_feature_name"]) + "\(position)", .breakable)
      token(":", .tight)
      expression(0, depth: 2, first: .inline)
      if position < count - 1 || chance(0.3) { token(",", .tight) }
    }
    token("}", .breakable)
    if !purposeFirst {
      token("purpose", .line)
      token("profiling", .inline)
    }
    token("}", .line)
  }

  mutating func reward() {
    token("reward", .line)
    token("reward_\(int(99))", .inline)
    token("{", .inline)
    if chance(0.3) {
      token("requires", .line)
      token("consent", .inline)
      token(".", .tight)
      token("profiling", .tight)
      if chance(0.5) {
        token(",", .tight)
        token("consent", .inline)
        token(".", .tight)
        token("marketing", .tight)
      }
    }
    token("when", .line)
    expression(0, depth: 4, first: .inline)
    token("give", .line)
    token(pick(["points", "voucher", "badge"]), .inline)
    token("(", .tight)
    token(pick(["500", "10 EUR", "10.50\tEUR", "\"gold\""]), .tight)
    token(")", .tight)
    if chance(0.5) {
      token("value", .line)
      expression(0, depth: 2, first: .inline)
    }
    if chance(0.5) {
      token("priority", .line)
      if chance(0.3) {
        token("-", .inline)
        token("\(int(20))", chance(0.5) ? .tight : .inline)
      } else {
        token("\(int(20))", .inline)
      }
    }
    if chance(0.5) {
      token("because", .line)
      token(pick(["\"churn risk {churn:%}\"", "\"plain\"", "\"{ recency } days \\{x\\}\""]), .inline)
    }
    token("}", .line)
  }

  mutating func test() {
    token("test", .line)
    token("\"case \(int(99))\"", .inline)
    token("{", .inline)
    if chance(0.8) {
      token("given", .line)
      token("participant", .inline)
      record(depth: 2)
    } else {
      token("given", .line)
      token("participant", .inline)
      token("from", .inline)
      token("\"fixtures.csv\"", .inline)
      token("row", .inline)
      token("\(int(1, 9))", .inline)
    }
    for _ in 0..<int(1, 3) {
      token("expect", .line)
      switch int(3) {
      case 0:
        token("error", .inline)
        token("P0201", .inline)
      case 1:
        expression(0, depth: 2, first: .inline)
        token("contains", .inline)
        expression(0, depth: 1, first: .inline)
      default:
        expression(0, depth: 3, first: .inline)
        if chance(0.3) {
          token("within", .inline)
          token("0.01", .inline)
        }
      }
    }
    token("}", .line)
  }

  /// A record literal: fields separated by `,` or line breaks, some nested.
  mutating func record(depth: Int) {
    token("{", .inline)
    let count = int(0, 8)
    for position in 0..<count {
      let name = pick(["id", "age", "country", "tier", "spend_90d", "email", "a_long_field_name"])
      token(name + "\(position)", position == 0 ? .breakable : chance(0.3) ? .line : .breakable)
      if depth > 0, chance(0.15) {
        record(depth: depth - 1)
      } else {
        token(":", .tight)
        expression(0, depth: 1, first: .inline)
      }
      if position < count - 1 ? chance(0.85) : chance(0.2) { token(",", .tight) }
    }
    token("}", .breakable)
  }

  // MARK: Expressions

  /// Binding strength, loosest first, as the parser has it.
  enum Level: Int, Comparable {
    case conditional, or, and, not, comparison, coalesce, additive, multiplicative, unary, postfix
    static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }
  }

  /// An expression that binds at least as tightly as `minimum` (wrapped in parentheses if not).
  mutating func expression(_ minimum: Int, depth: Int, first gap: Gap) {
    expression(Level(rawValue: minimum) ?? .conditional, depth: depth, first: gap)
  }

  mutating func expression(_ minimum: Level, depth: Int, first gap: Gap) {
    let choice = depth <= 0 ? 0 : int(10)
    let level: Level
    switch choice {
    case 0, 1, 2: level = .postfix
    case 3: level = .or
    case 4: level = .and
    case 5: level = .comparison
    case 6: level = pick([.additive, .multiplicative, .coalesce])
    case 7: level = .not
    case 8: level = .unary
    default: level = chance(0.5) ? .conditional : .postfix
    }
    let wrap = level < minimum
    var gap = gap
    if wrap {
      token("(", gap)
      gap = .tight
    }
    switch level {
    case .postfix: primary(depth: depth, first: gap)
    case .or, .and:
      let word = level == .or ? "or" : "and"
      let next = Level(rawValue: level.rawValue + 1) ?? .postfix
      expression(next, depth: depth - 1, first: gap)
      for _ in 0..<int(1, 6) {
        token(word, .breakable)
        expression(next, depth: depth - 1, first: .breakable)
      }
    case .comparison:
      expression(.coalesce, depth: depth - 1, first: gap)
      let op = pick(["==", "!=", "<", "<=", ">", ">=", "in", "not in"])
      for (position, part) in op.split(separator: " ").enumerated() {
        token(String(part), position == 0 ? .breakable : .inline)
      }
      expression(.coalesce, depth: depth - 1, first: .breakable)
    case .coalesce:
      expression(.additive, depth: depth - 1, first: gap)
      token("??", .breakable)
      expression(.coalesce, depth: depth - 1, first: .breakable)
    case .additive, .multiplicative:
      let next = Level(rawValue: level.rawValue + 1) ?? .postfix
      expression(next, depth: depth - 1, first: gap)
      for _ in 0..<int(1, 4) {
        token(level == .additive ? pick(["+", "-"]) : pick(["*", "/", "%"]), .breakable)
        expression(next, depth: depth - 1, first: .breakable)
      }
    case .not:
      token("not", gap)
      expression(.comparison, depth: depth - 1, first: .inline)
    case .unary:
      token("-", gap)
      expression(.postfix, depth: depth - 1, first: .tight)
    case .conditional:
      token("if", gap)
      expression(.conditional, depth: depth - 1, first: .inline)
      token("then", .breakable)
      expression(.conditional, depth: depth - 1, first: .inline)
      token("else", .breakable)
      expression(.conditional, depth: depth - 1, first: .inline)
    }
    if wrap { token(")", .tight) }
  }

  mutating func primary(depth: Int, first gap: Gap) {
    switch depth <= 1 ? int(6) : int(9) {
    case 0:
      token(
        pick([
          "1", "1_000", "0.6", "1e-3", "15%", "2.5%", "10.50 EUR", "10  EUR", "30 days", "1 week",
          "2026-11-23",
          "true", "false", "\"FR\"", "\"churn {churn:%} and {recency}\"",
        ]), gap)
    case 1, 2, 3:
      token(pick(["recency", "eligible", "churn", "a_rather_long_name_for_a_condition", "score"]), gap)
    case 4, 5:
      token("participant", gap)
      token(".", .tight)
      token(pick(["age", "country", "spend_90d", "tier", "consent"]), .tight)
      if chance(0.3) {
        token(".", .tight)
        token("marketing", .tight)
      }
    case 6:
      token(pick(["days_since", "max", "amount", "min"]), gap)
      token("(", .tight)
      let count = int(0, 3)
      for position in 0..<count {
        if chance(0.2) {
          token("by", position == 0 ? .tight : .breakable)
          token(":", .tight)
          expression(.conditional, depth: depth - 1, first: .inline)
        } else {
          expression(.conditional, depth: depth - 1, first: position == 0 ? .tight : .breakable)
        }
        if position < count - 1 || chance(0.1) { token(",", .tight) }
      }
      token(")", .tight)
    case 7:
      token("[", gap)
      let count = int(0, 5)
      for position in 0..<count {
        expression(.conditional, depth: depth - 1, first: position == 0 ? .tight : .breakable)
        if position < count - 1 || chance(0.1) { token(",", .tight) }
      }
      token("]", .tight)
    default:
      token("(", gap)
      expression(.conditional, depth: depth - 1, first: .tight)
      token(")", .tight)
    }
  }

  // MARK: Text

  mutating func token(_ text: String, _ gap: Gap) {
    if !out.isEmpty { out += separator(gap) }
    out += text
  }

  mutating func separator(_ gap: Gap) -> String {
    commentNumber += 1
    let n = commentNumber
    switch gap {
    case .line:
      return pick([
        "\n", "\n", "\n  ", "\n\t", "\n\n", "\n\n\n  ", "  // note \(n)  \n", "\n// own line \(n)\n  ",
        "\n/* block \(n) */\n", " /* tail \(n) */\n", "\n\n// after a blank line \(n)\n\n",
        "\n/* several\n   lines \(n) */\n", "\r\n", "\n   \n",
      ])
    case .breakable:
      return pick([
        " ", " ", " ", "  ", "\t", " /* inline \(n) */ ", "\n    ", " // why \(n)\n  ", "\n  // own \(n)\n  ",
      ])
    case .inline:
      return pick([" ", " ", " ", "  ", "\t", " /* inline \(n) */ "])
    case .tight:
      return pick(["", "", "", " ", "  "])
    }
  }

  // MARK: Chance

  mutating func chance(_ probability: Double) -> Bool {
    Double(random.next() % 10_000) < probability * 10_000
  }

  /// A number in 0..<bound.
  mutating func int(_ bound: Int) -> Int { Int(random.next() % UInt64(max(1, bound))) }

  /// A number in low...high.
  mutating func int(_ low: Int, _ high: Int) -> Int { low + int(high - low + 1) }

  mutating func pick<T>(_ choices: [T]) -> T { choices[int(choices.count)] }
}
