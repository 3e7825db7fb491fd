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

  /// One line per instruction: the mnemonic, then the operands `Opcode.operands` lists.
  static func describe(_ instruction: Instruction, _ program: Program) -> String {
    let opcode = instruction.opcode
    let operands = opcode.operands.map { operand(instruction, $0, program) }
    if operands.isEmpty { return opcode.mnemonic }
    return opcode.mnemonic.padding(20) + operands.joined(separator: ", ")
  }

  private static func operand(_ instruction: Instruction, _ operand: OperandLayout, _ program: Program)
    -> String
  {
    let value = operand.field.map { instruction[$0] } ?? 0
    let count = instruction.b
    switch operand.role {
    case .int: return "i\(value)"
    case .float: return "f\(value)"
    case .string: return "s\(value)"
    case .list: return "l\(value)"
    case .address: return "@\(value)"
    case .immediate: return String(value)
    case .digits: return "digits \(value)"
    case .intSet: return "int set #\(value)"
    case .floatSet: return "float set #\(value)"
    case .stringSet: return "string set #\(value)"
    case .declaration:
      let name =
        program.declarations.indices.contains(Int(value)) ? program.declarations[Int(value)].name : "?"
      return "#\(value) \(name)"
    case .declarationIndex: return "#\(value)"
    case .model: return "model #\(value)"
    case .text:
      let text = program.strings.indices.contains(Int(value)) ? program.strings[Int(value)] : ""
      return ASTPrinter.quoted(text)
    case .displayed:
      guard program.displays.indices.contains(Int(count)) else { return "i\(value), ?" }
      let shown = program.displays[Int(count)]
      return register(Register(value), shown.kind) + ", " + display(shown.kind, shown.format)
    case .intRun: return "i\(value)…+\(count)"
    case .floatRun: return "f\(value)…+\(count)"
    case .stringRun: return "s\(value)…+\(count)"
    case .word(let word): return word
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
