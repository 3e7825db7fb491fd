import PlumModels
import PlumSyntax

/// A stable text form of a program, printed by `plum compile --emit ir`.
///
/// Registers are written with their file: `i3` (int), `f2` (float), `s0` (string), `l1` (list);
/// code addresses as `@12`; constant sets as `{…}`. The same program always prints the same text.
public enum ProgramDump {
  /// The program as text.
  public static func render(_ program: Program) -> String {
    var out = "program \(program.name)\(program.explains ? " (explaining)" : "")\n"
    out += "registers: int \(program.initialInts.count), float \(program.initialFloats.count), "
    out += "string \(program.initialStrings.count), list \(program.initialLists.count)\n"
    out += "as-of: i\(program.asOfRegister)\n"
    out += "\ninputs:\n"
    for field in program.inputs.fields {
      var line = "  \(register(field.slot, field.display)) \(field.path): \(typeName(field.type))"
      if field.isOptional, let presence = field.presence { line += "? present i\(presence)" }
      if field.isPII { line += " pii" }
      if !field.isRead { line += " (unread)" }
      out += line + "\n"
    }
    out += constants(program)
    if !program.declarations.isEmpty {
      out += "\ndeclarations:\n"
      for (index, declaration) in program.declarations.enumerated() {
        var line = "  #\(index) \(declaration.kind.rawValue) \(declaration.name) @\(declaration.entry)"
        line += " -> \(register(declaration.result, declaration.display))"
        if let presence = declaration.presence { line += " present i\(presence)" }
        out += line + "\n"
      }
    }
    for (index, model) in program.models.enumerated() {
      if index == 0 { out += "\nmodels:\n" }
      out += "  #\(index) \(model.name) = \(model.kind)(\"\(model.source)\")"
      if let purpose = model.purpose { out += " purpose \(purpose)" }
      if let consent = model.consentRegister { out += " consent i\(consent)" }
      out +=
        "\n    features "
        + model.featureNames.enumerated().map { "\($0.element) f\(Int(model.firstFeature) + $0.offset)" }
        .joined(separator: ", ") + "\n"
      out += "    " + parameters(model.model) + "\n"
    }
    out += "\nrewards:\n"
    for reward in program.rewards {
      var line =
        "  \(reward.name): granted i\(reward.granted) give(kind i\(reward.give.kind), "
        + "amount i\(reward.give.amount)"
      line += ", rate f\(reward.give.rate), label s\(reward.give.label)) priority i\(reward.priority)"
      if let value = reward.value { line += " value i\(value)" }
      if let because = reward.because { line += " because @\(because.entry) -> s\(because.result)" }
      if let reached = reward.reached { line += " reached i\(reached)" }
      out += line + "\n"
      for conjunct in reward.conjuncts { out += "    trace i\(conjunct.trace): \(conjunct.text)\n" }
    }
    switch program.selection {
    case .all: out += "select all\n"
    case .bestByPriority(let max): out += "select best by priority" + (max.map { ", max \($0)" } ?? "") + "\n"
    }
    out += "\ncode:\n"
    for (address, instruction) in program.code.enumerated() {
      let label = String(address)
      out +=
        String(repeating: " ", count: max(0, 5 - label.count)) + label + "  " + describe(instruction, program)
        + "\n"
    }
    return out
  }

  /// One line summing up a model's parameters (a logistic or linear model's are listed in full).
  private static func parameters(_ model: RuntimeModel) -> String {
    func terms(_ terms: LinearTerms) -> String {
      "intercept \(NumberFormat.shortest(terms.intercept)) coefficients ["
        + terms.coefficients.map(NumberFormat.shortest).joined(separator: ", ") + "]"
        + (terms.standardization == nil ? "" : " standardized")
    }
    switch model {
    case .logistic(let model): return terms(model.terms)
    case .linear(let model): return terms(model.terms)
    case .kMeans(let model):
      return "\(model.segmentCount) centroids" + (model.standardization == nil ? "" : " standardized")
    case .robustZScore(let model): return "robust z-score, \(model.combination.rawValue)"
    case .isolationForest(let model):
      return "isolation forest, \(model.trees.count) trees, sample size \(model.sampleSize)"
    case .trees(let model): return "\(model.treeCount) trees, objective \(model.objective.rawValue)"
    }
  }

  private static func constants(_ program: Program) -> String {
    var out = ""
    var lines: [String] = []
    let inputInts = program.inputs.intSlots
    for (index, value) in program.initialInts.enumerated() where index >= inputInts && value != 0 {
      lines.append("  i\(index) = \(value)")
    }
    for (index, value) in program.initialFloats.enumerated()
    where index >= program.inputs.floatSlots && value != 0 {
      lines.append("  f\(index) = \(NumberFormat.shortest(value))")
    }
    for (index, value) in program.initialStrings.enumerated()
    where index >= program.inputs.stringSlots && !value.isEmpty {
      lines.append("  s\(index) = \(ASTPrinter.quoted(value))")
    }
    for (index, value) in program.initialLists.enumerated() where value.count > 0 {
      lines.append("  l\(index) = \(list(value))")
    }
    if !lines.isEmpty { out += "\nconstants:\n" + lines.joined(separator: "\n") + "\n" }
    var sets: [String] = []
    for (index, set) in program.intSets.enumerated() {
      sets.append("  int set #\(index) {\(set.map(String.init).joined(separator: ", "))}")
    }
    for (index, set) in program.floatSets.enumerated() {
      sets.append("  float set #\(index) {\(set.map(NumberFormat.shortest).joined(separator: ", "))}")
    }
    for (index, set) in program.stringSets.enumerated() {
      sets.append("  string set #\(index) {\(set.map(ASTPrinter.quoted).joined(separator: ", "))}")
    }
    if !sets.isEmpty { out += "\nsets:\n" + sets.joined(separator: "\n") + "\n" }
    return out
  }

  private static func list(_ value: ListValue) -> String {
    switch value {
    case .ints(let values): "[" + values.map(String.init).joined(separator: ", ") + "]"
    case .floats(let values): "[" + values.map(NumberFormat.shortest).joined(separator: ", ") + "]"
    case .strings(let values): "[" + values.map(ASTPrinter.quoted).joined(separator: ", ") + "]"
    }
  }

  private static func typeName(_ type: InputType) -> String {
    switch type {
    case .bool: "bool"
    case .int: "int"
    case .float: "float"
    case .string: "string"
    case .date: "date"
    case .duration: "duration"
    case .money(let digits): "money(\(digits))"
    case .enumeration(let cases): "enum {\(cases.joined(separator: ", "))}"
    }
  }

  private static func register(_ index: Register, _ kind: DisplayKind) -> String {
    switch kind {
    case .float: "f\(index)"
    case .string: "s\(index)"
    case .list: "l\(index)"
    default: "i\(index)"
    }
  }

  // One line per instruction: mnemonic, destination first, then operands.
  // swiftlint:disable:next cyclomatic_complexity
  static func describe(_ instruction: Instruction, _ program: Program) -> String {
    func i(_ r: Register) -> String { "i\(r)" }
    func f(_ r: Register) -> String { "f\(r)" }
    func s(_ r: Register) -> String { "s\(r)" }
    func l(_ r: Register) -> String { "l\(r)" }
    func at(_ a: Address) -> String { "@\(a)" }
    func op(_ name: String, _ operands: String...) -> String {
      name.padding(20) + operands.joined(separator: ", ")
    }
    switch instruction {
    case .setInt(let d, let v): return op("set", i(d), String(v))
    case .copyInt(let d, let a): return op("copy", i(d), i(a))
    case .copyFloat(let d, let a): return op("copy", f(d), f(a))
    case .copyString(let d, let a): return op("copy", s(d), s(a))
    case .copyList(let d, let a): return op("copy", l(d), l(a))
    case .addInt(let d, let a, let b, _): return op("add.int", i(d), i(a), i(b))
    case .subtractInt(let d, let a, let b, _): return op("sub.int", i(d), i(a), i(b))
    case .multiplyInt(let d, let a, let b, _): return op("mul.int", i(d), i(a), i(b))
    case .divideInt(let d, let a, let b, _): return op("div.int", i(d), i(a), i(b))
    case .remainderInt(let d, let a, let b, _): return op("rem.int", i(d), i(a), i(b))
    case .negateInt(let d, let a, _): return op("neg.int", i(d), i(a))
    case .absInt(let d, let a, _): return op("abs.int", i(d), i(a))
    case .minInt(let d, let a, let b): return op("min.int", i(d), i(a), i(b))
    case .maxInt(let d, let a, let b): return op("max.int", i(d), i(a), i(b))
    case .multiplyMoneyByFloat(let d, let a, let b, _): return op("mul.money.float", i(d), i(a), f(b))
    case .divideMoneyByInt(let d, let a, let b, _): return op("div.money.int", i(d), i(a), i(b))
    case .divideMoneyByFloat(let d, let a, let b, _): return op("div.money.float", i(d), i(a), f(b))
    case .moneyRatio(let d, let a, let b, _): return op("div.money.money", f(d), i(a), i(b))
    case .moneyToFloat(let d, let a, let digits): return op("money.to.float", f(d), i(a), "digits \(digits)")
    case .addFloat(let d, let a, let b, _): return op("add.float", f(d), f(a), f(b))
    case .subtractFloat(let d, let a, let b, _): return op("sub.float", f(d), f(a), f(b))
    case .multiplyFloat(let d, let a, let b, _): return op("mul.float", f(d), f(a), f(b))
    case .divideFloat(let d, let a, let b, _): return op("div.float", f(d), f(a), f(b))
    case .remainderFloat(let d, let a, let b, _): return op("rem.float", f(d), f(a), f(b))
    case .negateFloat(let d, let a): return op("neg.float", f(d), f(a))
    case .intToFloat(let d, let a): return op("int.to.float", f(d), i(a))
    case .floatToInt(let d, let a, let mode, _): return op("float.to.int", i(d), f(a), mode.rawValue)
    case .roundToDecimals(let d, let a, let b, _): return op("round.decimals", f(d), f(a), i(b))
    case .floatFunction(let function, let d, let a, _): return op(function.rawValue, f(d), f(a))
    case .power(let d, let a, let b, _): return op("pow", f(d), f(a), f(b))
    case .minFloat(let d, let a, let b): return op("min.float", f(d), f(a), f(b))
    case .maxFloat(let d, let a, let b): return op("max.float", f(d), f(a), f(b))
    case .compareInt(let c, let d, let a, let b): return op("cmp.int \(c.rawValue)", i(d), i(a), i(b))
    case .compareFloat(let c, let d, let a, let b): return op("cmp.float \(c.rawValue)", i(d), f(a), f(b))
    case .compareString(let c, let d, let a, let b): return op("cmp.string \(c.rawValue)", i(d), s(a), s(b))
    case .not(let d, let a): return op("not", i(d), i(a))
    case .memberInt(let d, let a, let set, let negated):
      return op(negated ? "notin.int" : "in.int", i(d), i(a), "int set #\(set)")
    case .memberFloat(let d, let a, let set, let negated):
      return op(negated ? "notin.float" : "in.float", i(d), f(a), "float set #\(set)")
    case .memberString(let d, let a, let set, let negated):
      return op(negated ? "notin.string" : "in.string", i(d), s(a), "string set #\(set)")
    case .memberIntList(let d, let a, let list, let negated):
      return op(negated ? "notin.int" : "in.int", i(d), i(a), l(list))
    case .memberFloatList(let d, let a, let list, let negated):
      return op(negated ? "notin.float" : "in.float", i(d), f(a), l(list))
    case .memberStringList(let d, let a, let list, let negated):
      return op(negated ? "notin.string" : "in.string", i(d), s(a), l(list))
    case .jump(let target): return op("jump", at(target))
    case .jumpIfFalse(let c, let target): return op("jump.false", i(c), at(target))
    case .jumpIfTrue(let c, let target): return op("jump.true", i(c), at(target))
    case .jumpUnlessInt(let c, let a, let b, let target):
      return op("jump.unless.int \(c.rawValue)", i(a), i(b), at(target))
    case .jumpUnlessFloat(let c, let a, let b, let target):
      return op("jump.unless.float \(c.rawValue)", f(a), f(b), at(target))
    case .jumpUnlessMemberInt(let a, let set, let negated, let target):
      return op(negated ? "jump.unless.notin.int" : "jump.unless.in.int", i(a), "int set #\(set)", at(target))
    case .jumpUnlessMemberString(let a, let set, let negated, let target):
      return op(
        negated ? "jump.unless.notin.string" : "jump.unless.in.string", s(a), "string set #\(set)", at(target)
      )
    case .ensure(let decl, let entry):
      let name = program.declarations.indices.contains(Int(decl)) ? program.declarations[Int(decl)].name : "?"
      return op("ensure", "#\(decl) \(name)", at(entry))
    case .returnFrom(let decl): return op("return", "#\(decl)")
    case .onConsentFailure(let target): return op("on.consent.failure", at(target))
    case .requireConsent(let c, let model): return op("require.consent", i(c), "model #\(model)")
    case .evaluateModel(let d, let model, _): return op("model", f(d), "model #\(model)")
    case .evaluateSegment(let d, let distance, let model, _):
      return op("model.segment", i(d), f(distance), "model #\(model)")
    case .grant(let granted): return op("grant", i(granted))
    case .halt: return "halt"
    case .stringLength(let d, let a): return op("len.string", i(d), s(a))
    case .stringFunction(let function, let d, let a): return op(function.rawValue, s(d), s(a))
    case .stringTest(let test, let d, let a, let b): return op(test.rawValue, i(d), s(a), s(b))
    case .clearString(let d): return op("clear", s(d))
    case .appendText(let d, let text):
      let value = program.strings.indices.contains(Int(text)) ? program.strings[Int(text)] : ""
      return op("append.text", s(d), ASTPrinter.quoted(value))
    case .appendValue(let d, let a, let kind, let format):
      return op("append.value", s(d), register(a, kind), display(kind, format))
    case .makeList(let d, let kind, let first, let count):
      return op("list.\(kind.rawValue)", l(d), "\(kind.rawValue.prefix(1))\(first)…+\(count)")
    case .listLength(let d, let a): return op("len.list", i(d), l(a))
    case .countTrue(let d, let a): return op("count", i(d), l(a))
    case .sameElements(let d, let a, let b): return op("same.elements", i(d), l(a), l(b))
    case .datePart(let part, let d, let a): return op(part.rawValue, i(d), i(a))
    }
  }

  private static func display(_ kind: DisplayKind, _ format: DisplayFormat) -> String {
    let kindName: String =
      switch kind {
      case .bool: "bool"
      case .int: "int"
      case .float: "float"
      case .string: "string"
      case .date: "date"
      case .duration: "duration"
      case .money(let digits, _): "money(\(digits))"
      case .enumeration(let index): "enum #\(index)"
      case .list(let element): "list<\(element.rawValue)>"
      }
    switch format {
    case .plain: return kindName
    case .decimals(let n): return "\(kindName) .\(n)"
    case .percent(let n): return "\(kindName) .\(n)%"
    }
  }
}

extension String {
  fileprivate func padding(_ width: Int) -> String {
    count >= width ? self + " " : self + String(repeating: " ", count: width - count)
  }
}
