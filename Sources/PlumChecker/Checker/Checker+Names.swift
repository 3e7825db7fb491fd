import PlumDiagnostics
import PlumSyntax

extension CheckSession {
  /// The enumeration whose cases are the reward names.
  var rewardNamesType: EnumType { EnumType(name: "reward", cases: rewards.map(\.name.name)) }

  /// The enumerations declared by input fields, in schema order.
  var schemaEnums: [EnumType] {
    var result: [EnumType] = []
    for field in schema?.fields ?? [] {
      var type = field.type.unwrapped
      if case .list(let element) = type { type = element.unwrapped }
      if case .enumeration(let enumeration) = type, !result.contains(enumeration) {
        result.append(enumeration)
      }
    }
    return result
  }

  /// The contextual names available in a place.
  func contextualNames(_ context: ExpressionContext) -> [String] {
    switch context.place {
    case .constraint: ["rewarded"]
    case .test: ["rewards", "reason"]
    case .requires: ["consent"]
    default: []
    }
  }

  /// Resolves a bare name: an enum case of the expected type, a declaration or a contextual name.
  mutating func resolveName(
    _ name: String, _ range: SourceRange, expected: PlumType?, _ context: ExpressionContext
  ) -> TypedExpression {
    var expectedEnum: EnumType?
    if case .enumeration(let enumeration)? = expected?.unwrapped { expectedEnum = enumeration }
    if let expectedEnum, let index = expectedEnum.index(of: name) {
      return TypedExpression(.enumCase(expectedEnum, index), .enumeration(expectedEnum), range)
    }
    if let symbol = symbols[name] {
      if !context.allowsReferences, symbol != .input {
        if let expectedEnum { return reportUnknownCase(name, range, expectedEnum) }
        report(
          CheckerDiagnostics.notAvailableHere,
          "`\(name)` cannot be used here; \(context.place == .budget ? "a budget" : "a test record") holds constant values",
          at: range)
        return .error(range)
      }
      return reference(to: symbol, name: name, range, context)
    }
    switch (name, context.place) {
    case ("rewarded", .constraint):
      return TypedExpression(.rewarded, .bool, range)
    case ("rewards", .test):
      return TypedExpression(.rewards, .list(.enumeration(rewardNamesType)), range)
    case ("reason", .test):
      return TypedExpression(.reason, .string, range)
    case ("rewarded", _):
      report(
        CheckerDiagnostics.notAvailableHere, "`rewarded` is only available in a `constraint`", at: range,
        notes: ["it is whether a record received any reward, measured over the whole run"])
      return .error(range)
    case ("rewards", _), ("reason", _):
      report(
        CheckerDiagnostics.notAvailableHere, "`\(name)` is only available in a test's `expect`", at: range)
      return .error(range)
    default:
      break
    }
    if let expectedEnum { return reportUnknownCase(name, range, expectedEnum) }
    if schema == nil, inputDecl == nil { return .error(range) }
    let owners = schemaEnums.filter { $0.cases.contains(name) }
    if owners.count == 1, let owner = owners.first, let index = owner.index(of: name) {
      return TypedExpression(.enumCase(owner, index), .enumeration(owner), range)
    }
    if Builtin(rawValue: name) != nil {
      report(
        CheckerDiagnostics.unknownName, "`\(name)` is a function; call it with arguments: `\(name)(…)`",
        at: range)
      return .error(range)
    }
    let candidates = symbolNames + contextualNames(context)
    var notes: [String] = []
    var fixIts: [Diagnostic.FixIt] = []
    if let suggestion = closestName(to: name, among: candidates) {
      notes.append("did you mean `\(suggestion)`?")
      fixIts.append(.init(range: range, replacement: suggestion, message: "replace with `\(suggestion)`"))
    }
    if let schema, schema.recordType.fields.contains(where: { $0.name == name }) {
      notes.append("fields are written with the input's name: `\(schema.name.name).\(name)`")
      if fixIts.isEmpty {
        fixIts.append(
          .init(
            range: range, replacement: "\(schema.name.name).\(name)",
            message: "write `\(schema.name.name).\(name)`"))
      }
    }
    if owners.count > 1 {
      notes.append(
        "`\(name)` is a case of " + owners.map { "`\($0.name)`" }.joined(separator: " and ")
          + "; use it where one of them is expected")
    }
    report(CheckerDiagnostics.unknownName, "unknown name `\(name)`", at: range, notes: notes, fixIts: fixIts)
    return .error(range)
  }

  private mutating func reportUnknownCase(_ name: String, _ range: SourceRange, _ enumeration: EnumType)
    -> TypedExpression
  {
    var notes: [String] = []
    var fixIts: [Diagnostic.FixIt] = []
    if let suggestion = closestName(to: name, among: enumeration.cases) {
      notes.append("did you mean `\(suggestion)`?")
      fixIts.append(.init(range: range, replacement: suggestion, message: "replace with `\(suggestion)`"))
    }
    let kind =
      enumeration.name == "reward" && enumeration == rewardNamesType
      ? "reward" : "case of `\(enumeration.name)`"
    notes.append(
      "the \(kind == "reward" ? "rewards" : "cases") are "
        + enumeration.cases.map { "`\($0)`" }.joined(separator: ", "))
    report(
      CheckerDiagnostics.unknownEnumCase, "`\(name)` is not a \(kind)", at: range, notes: notes,
      fixIts: fixIts)
    return .error(range)
  }

  private mutating func reference(
    to symbol: Symbol, name: String, _ range: SourceRange, _ context: ExpressionContext
  ) -> TypedExpression {
    switch symbol {
    case .input:
      let example = schema?.fields.first.map { "`\(name).\($0.path)`" } ?? "a field"
      report(
        CheckerDiagnostics.notAValue, "`\(name)` is the whole input record, not a value", at: range,
        notes: ["name one of its fields, such as \(example)"])
      return .error(range)
    case .let(let index):
      noteDependency(context.owner, .let(index), range)
      let type = letType(index)
      return narrowIfKnown(TypedExpression(.letRef(index), type, range), context)
    case .rule(let index):
      noteDependency(context.owner, .rule(index), range)
      return TypedExpression(.ruleRef(index), .bool, range)
    case .model(let index):
      noteDependency(context.owner, .model(index), range)
      return TypedExpression(.modelRef(index), modelType(models[index]), range)
    case .reward(let index):
      if context.place == .test { return TypedExpression(.rewardGranted(index), .bool, range) }
      report(
        CheckerDiagnostics.notAvailableHere, "reward `\(name)` is not a value", at: range,
        notes: ["name a `rule` for a condition shared by rewards; tests can check `\(name) in rewards`"])
      return .error(range)
    }
  }

  /// Marks an optional reference as present when flow typing has established it.
  func narrowIfKnown(_ value: TypedExpression, _ context: ExpressionContext) -> TypedExpression {
    guard let key = value.narrowKey, context.narrowed.contains(key) else { return value }
    return TypedExpression(.narrowed(value), value.type.unwrapped, value.range)
  }

  /// Records that the declaration being checked uses another one.
  mutating func noteDependency(
    _ owner: DeclarationReference?, _ target: DeclarationReference, _ range: SourceRange
  ) {
    guard let owner else { return }
    dependencies[owner, default: []].append((target, range))
  }

  /// How deep checking a let on first use may recurse before the let is taken to be in a cycle.
  static let maximumLetDepth = 64

  /// The type of a let, checking it first if needed; a let met again while being checked is in a cycle.
  mutating func letType(_ index: Int) -> PlumType {
    switch letStates[index] {
    case .checked(let checked): return checked.type
    case .checking: return .error
    case .unchecked:
      // Lets are checked dependencies first (`letCheckOrder`), so only a cycle recurses deeply here;
      // its members are errors anyway, and the cycle is reported by `evaluationOrder`.
      guard letDepth < Self.maximumLetDepth else { return .error }
      letDepth += 1
      defer { letDepth -= 1 }
      return checkLet(index).type
    }
  }

  /// Resolves `root.a.b…` against the input schema.
  mutating func resolveMember(_ expr: Expression, _ context: ExpressionContext) -> TypedExpression {
    var names: [Identifier] = []
    var root = expr
    while case .member(let base, let name) = root.kind {
      names.insert(name, at: 0)
      root = base
    }
    var record: RecordType
    var shownPath: String
    var path: String
    guard case .name(let rootName) = root.kind, let schema else {
      return reportMemberOfValue(root, names, context)
    }
    if symbols[rootName] == .input {
      record = schema.recordType
      shownPath = rootName
      path = ""
    } else if context.place == .requires, symbols[rootName] == nil, rootName == "consent",
      case .record(let consent)? = schema.recordType.fields.first(where: { $0.name == "consent" })?.type
    {
      record = consent
      shownPath = "consent"
      path = "consent"
    } else {
      return reportMemberOfValue(root, names, context)
    }
    if !context.allowsReferences {
      report(
        CheckerDiagnostics.notAvailableHere,
        "`\(source.text(in: expr.range))` cannot be used here; only constant values are allowed",
        at: expr.range)
      return .error(expr.range)
    }
    for (position, name) in names.enumerated() {
      guard let field = record.fields.first(where: { $0.name == name.name }) else {
        var notes: [String] = []
        var fixIts: [Diagnostic.FixIt] = []
        if let suggestion = closestName(to: name.name, among: record.fields.map(\.name)) {
          notes.append("did you mean `\(suggestion)`?")
          fixIts.append(
            .init(range: name.range, replacement: suggestion, message: "replace with `\(suggestion)`"))
        } else {
          notes.append("its fields are " + record.fields.map { "`\($0.name)`" }.joined(separator: ", "))
        }
        report(
          CheckerDiagnostics.unknownField, "`\(shownPath)` has no field `\(name.name)`", at: name.range,
          notes: notes, fixIts: fixIts)
        return .error(expr.range)
      }
      path = path.isEmpty ? name.name : path + "." + name.name
      shownPath += "." + name.name
      if case .record(let nested) = field.type {
        record = nested
        continue
      }
      if position != names.count - 1 {
        let next = names[position + 1]
        report(
          CheckerDiagnostics.unknownField,
          "`\(shownPath)` has type `\(field.type)` and no field `\(next.name)`", at: next.range)
        return .error(expr.range)
      }
      guard let index = schema.index(ofPath: path) else { return .error(expr.range) }
      let range = SourceRange(start: root.range.start, end: name.range.end)
      return narrowIfKnown(TypedExpression(.field(index), field.type, range), context)
    }
    report(
      CheckerDiagnostics.notAValue, "`\(shownPath)` is a group of fields, not a value", at: expr.range,
      notes: ["its fields are " + record.fields.map { "`\(shownPath).\($0.name)`" }.joined(separator: ", ")])
    return .error(expr.range)
  }

  /// Reports `.name` applied to something that is not the input record.
  private mutating func reportMemberOfValue(
    _ root: Expression, _ names: [Identifier], _ context: ExpressionContext
  )
    -> TypedExpression
  {
    let range = SourceRange(start: root.range.start, end: names.last?.range.end ?? root.range.end)
    if case .name(let rootName) = root.kind, symbols[rootName] == nil, inputDecl == nil || schema == nil {
      return .error(range)
    }
    let base = check(root, context)
    if base.type.containsError { return .error(range) }
    if let first = names.first {
      report(
        CheckerDiagnostics.unknownField, "a value of type `\(base.type)` has no field `\(first.name)`",
        at: first.range,
        notes: ["only the input record and its groups have fields"])
    }
    return .error(range)
  }
}
