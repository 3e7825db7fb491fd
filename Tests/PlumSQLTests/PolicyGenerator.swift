import PlumModels

/// Random policies over every operator and built-in the SQL compiler translates, and random
/// records full of edge values (int64 bounds, zero divisors, missing optionals, leap days).
struct PolicyGenerator {
  var random: SplitMix64

  /// The input every generated policy reads.
  static let input = """
    input r {
      id: string key
      a:  int
      b:  int
      c:  int?
      x:  float
      y:  float
      m:  money
      n:  money
      d:  date
      e:  date?
      s:  string
      t:  enum { red, green, blue }
      f:  bool
      consent {
        profiling: bool
      }
    }
    """

  /// The CSV header of the records.
  static let header = "id,a,b,c,x,y,m,n,d,e,s,t,f,consent.profiling"

  mutating func pick<T>(_ choices: [T]) -> T { choices[random.nextInt(below: choices.count)] }
  mutating func chance(_ p: Double) -> Bool { random.nextUnit() < p }

  // MARK: Expressions

  mutating func int(_ depth: Int) -> String {
    if depth <= 0 || chance(0.25) {
      return pick([
        "r.a", "r.b", "(r.c ?? 7)", "3", "0", "-1", "9223372036854775807", "100", "(r.c ?? r.a)", "2",
      ])
    }
    switch random.nextInt(below: 16) {
    case 0: return "(\(int(depth - 1)) + \(int(depth - 1)))"
    case 1: return "(\(int(depth - 1)) - \(int(depth - 1)))"
    case 2: return "(\(int(depth - 1)) * \(int(depth - 1)))"
    case 3: return "(\(int(depth - 1)) / \(int(depth - 1)))"
    case 4: return "(\(int(depth - 1)) % \(int(depth - 1)))"
    case 5: return "abs(\(int(depth - 1)))"
    case 6: return pick(["min", "max"]) + "(\(int(depth - 1)), \(int(depth - 1)))"
    case 7: return "clamp(\(int(depth - 1)), -50, 50)"
    case 8: return pick(["round", "floor", "ceil", "int"]) + "(\(float(depth - 1)))"
    case 9: return pick(["days_since", "days_until"]) + "(r.d)"
    case 10: return "(days_since(r.e) ?? \(int(depth - 1)))"
    case 11: return "days_between(r.d, \(date(depth - 1)))"
    case 12: return pick(["year", "month", "day", "weekday"]) + "(\(date(depth - 1)))"
    case 13: return "(if \(bool(depth - 1)) then \(int(depth - 1)) else \(int(depth - 1)))"
    case 14: return "(-\(int(depth - 1)))"
    default: return "count([\(bool(depth - 1)), \(bool(depth - 1)), r.f])"
    }
  }

  mutating func float(_ depth: Int) -> String {
    if depth <= 0 || chance(0.25) {
      return pick(["r.x", "r.y", "0.5", "2.5", "1e300", "0.1", "-3.75", "float(r.a)", "1e-300", "0.0"])
    }
    switch random.nextInt(below: 12) {
    case 0: return "(\(float(depth - 1)) + \(float(depth - 1)))"
    case 1: return "(\(float(depth - 1)) - \(float(depth - 1)))"
    case 2: return "(\(float(depth - 1)) * \(float(depth - 1)))"
    case 3: return "(\(float(depth - 1)) / \(float(depth - 1)))"
    case 4: return pick(["sqrt", "exp", "ln", "log10", "sigmoid", "abs"]) + "(\(float(depth - 1)))"
    case 5: return "pow(\(float(depth - 1)), \(float(depth - 1)))"
    case 6: return pick(["min", "max"]) + "(\(float(depth - 1)), \(float(depth - 1)))"
    case 7: return "round(\(float(depth - 1)), \(pick(["0", "2", "-1", "3"])))"
    case 8: return "amount(\(money(depth - 1)))"
    case 9: return "(\(money(depth - 1)) / \(money(depth - 1)))"
    case 10: return "(if \(bool(depth - 1)) then \(float(depth - 1)) else \(float(depth - 1)))"
    default: return "(\(float(depth - 1)) % \(float(depth - 1)))"
    }
  }

  mutating func money(_ depth: Int) -> String {
    if depth <= 0 || chance(0.3) { return pick(["r.m", "r.n", "10.50 EUR", "0 EUR", "0.01 EUR"]) }
    switch random.nextInt(below: 7) {
    case 0: return "(\(money(depth - 1)) + \(money(depth - 1)))"
    case 1: return "(\(money(depth - 1)) - \(money(depth - 1)))"
    case 2: return "(\(money(depth - 1)) * \(int(depth - 1)))"
    case 3: return "(\(money(depth - 1)) * \(float(depth - 1)))"
    case 4: return "(\(money(depth - 1)) / \(int(depth - 1)))"
    case 5: return "(\(money(depth - 1)) / \(float(depth - 1)))"
    default: return "max(\(money(depth - 1)), \(money(depth - 1)))"
    }
  }

  mutating func date(_ depth: Int) -> String {
    if depth <= 0 || chance(0.4) { return pick(["r.d", "(r.e ?? 2024-02-29)", "2000-02-29", "today()"]) }
    switch random.nextInt(below: 2) {
    case 0: return "(\(date(depth - 1)) + \(pick(["30 days", "1 days", "366 days"])))"
    default: return "(\(date(depth - 1)) - \(pick(["365 days", "59 days"])))"
    }
  }

  mutating func bool(_ depth: Int) -> String {
    if depth <= 0 || chance(0.2) {
      return pick(["r.f", "r.consent.profiling", "present(r.c)", "present(r.e)", "(r.t == green)", "true"])
    }
    switch random.nextInt(below: 12) {
    case 0: return "(\(bool(depth - 1)) and \(bool(depth - 1)))"
    case 1: return "(\(bool(depth - 1)) or \(bool(depth - 1)))"
    case 2: return "(not \(bool(depth - 1)))"
    case 3: return "(\(int(depth - 1)) \(pick(["<", "<=", ">", ">=", "==", "!="])) \(int(depth - 1)))"
    case 4: return "(\(float(depth - 1)) \(pick(["<", ">", "=="])) \(float(depth - 1)))"
    case 5: return "(\(money(depth - 1)) \(pick(["<", ">=", "=="])) \(money(depth - 1)))"
    case 6: return "(\(date(depth - 1)) \(pick(["<", ">"])) \(date(depth - 1)))"
    case 7: return "(r.s \(pick(["in", "not in"])) [\"Am\\u{E9}lie\", \"x\", \"\"])"
    case 8: return "(r.t in [\(pick(["red", "blue"])), green])"
    case 9: return "(\(int(depth - 1)) in [0, 1, 7, \(int(0))])"
    case 10: return "(r.s \(pick(["==", "!="])) \(pick(["\"x\"", "\"Am\\u{E9}lie\"", "\"Ame\\u{301}lie\""])))"
    default: return "(if \(bool(depth - 1)) then \(bool(depth - 1)) else \(bool(depth - 1)))"
    }
  }

  /// A whole policy: lets of every type shown in `because` texts, rules, rewards and a selection.
  mutating func policy(_ index: Int) -> String {
    let depth = 3
    let select = pick(["select all", "select best by priority, max 1", "select best by priority, max 2"])
    return """
      policy generated\(index) version "1"
      currency EUR
      \(Self.input)
      let i1 = \(int(depth))
      let f1 = \(float(depth))
      let m1 = \(money(depth))
      let d1 = \(date(depth))
      rule r1 = \(bool(depth))
      rule r2 = r1 and \(bool(depth))
      rule r3 = \(bool(depth)) or r2
      reward one {
        when r1 and i1 > \(int(1))
        give points(\(int(2)))
        priority \(int(1))
        because "i1 {i1}, f1 {f1}, {f1:.2}, {f1:%}, m1 {m1}, {m1:.1}, d1 {d1}, t {r.t}, s {r.s}"
      }
      reward two {
        when r3
        give voucher(\(money(1)))
        value \(money(2))
        priority \(int(1))
        because "{\(float(2)):.3%} {\(int(2)):.1} {r.f}"
      }
      reward three {
        when \(bool(depth)) and not r2
        give cashback(\(float(1)))
        priority 3
      }
      reward four {
        when r2
        give badge("b \\"q\\" \\\\ t")
      }
      \(select)
      """
  }

  // MARK: Records

  mutating func records(_ count: Int) -> String {
    var lines = [Self.header]
    let ints = ["0", "1", "-1", "2", "7", "9223372036854775807", "-9223372036854775808", "1000", "-37", "3"]
    let floats = [
      "0.0", "0.5", "2.5", "-2.5", "1e308", "-1e308", "1e-308", "0.1", "3.75", "1234.5678", "0.3655",
    ]
    let money = [
      "0.00", "0.01", "10.50", "-3.33", "92233720368547758.07", "-92233720368547758.08", "1999.99", "0.05",
    ]
    let dates = [
      "2024-02-29", "2000-02-29", "1900-02-28", "2026-11-23", "0001-01-01", "9999-12-31", "2026-03-01",
    ]
    for index in 1...count {
      let c = chance(0.3) ? "" : pick(ints)
      let e = chance(0.3) ? "" : pick(dates)
      let s = pick(["x", "Am\u{E9}lie", "Ame\u{301}lie", "plain", "\"quote\"\"d\""])
      let fields = [
        "g\(index)", pick(ints), pick(ints), c, pick(floats), pick(floats), pick(money), pick(money),
        pick(dates), e, s, pick(["red", "green", "blue"]), pick(["true", "false"]), pick(["true", "false"]),
      ]
      lines.append(fields.joined(separator: ","))
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
