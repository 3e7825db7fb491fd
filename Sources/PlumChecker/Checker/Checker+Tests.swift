import PlumDiagnostics
import PlumSyntax

extension CheckSession {
  /// Checks every test block.
  mutating func checkTests(rewardNames: EnumType) -> [CheckedTest] {
    tests.map { checkTest($0) }
  }

  private mutating func checkTest(_ decl: TestDecl) -> CheckedTest {
    var given: TestInput?
    var givenRange: SourceRange?
    var expectations: [Expectation] = []
    for statement in decl.statements {
      switch statement.kind {
      case .given(let input, let record):
        if let first = givenRange {
          report(
            CheckerDiagnostics.duplicateGiven, "a test has one `given` record", at: statement.range,
            labels: [.init(first, "the record is given here")])
          continue
        }
        givenRange = statement.range
        guard checkGivenInput(input) else { continue }
        given = .record(checkRecord(record, at: input))
      case .givenFrom(let input, let path, let row):
        if let first = givenRange {
          report(
            CheckerDiagnostics.duplicateGiven, "a test has one `given` record", at: statement.range,
            labels: [.init(first, "the record is given here")])
          continue
        }
        givenRange = statement.range
        guard checkGivenInput(input) else { continue }
        if row < 1 {
          report(
            CheckerDiagnostics.invalidNumber, "rows are numbered from 1, found \(row)", at: statement.range)
        }
        given = .file(path: path, row: row)
      case .expect(let expr, let tolerance):
        expectations.append(Expectation(kind: checkExpect(expr, tolerance), range: statement.range))
      case .expectContains(let haystack, let needle):
        expectations.append(Expectation(kind: checkExpectContains(haystack, needle), range: statement.range))
      case .expectError(let code):
        if !isDiagnosticCode(code.name) {
          report(
            CheckerDiagnostics.invalidErrorCode, "`\(code.name)` is not a diagnostic code", at: code.range,
            notes: ["codes are a `P` and four digits, such as `P0601`"])
        }
        expectations.append(Expectation(kind: .error(code: code.name), range: statement.range))
      case .expectWithheld(let reward, let multiplier):
        if let kind = checkExpectWithheld(reward, multiplier) {
          expectations.append(Expectation(kind: kind, range: statement.range))
        }
      }
    }
    if givenRange == nil {
      report(
        CheckerDiagnostics.missingGiven, "test \"\(decl.name)\" has no `given` record", at: decl.nameRange,
        notes: ["write the record to decide on, e.g. `given \(schema?.name.name ?? "participant") { … }`"])
    }
    return CheckedTest(name: decl.name, nameRange: decl.nameRange, given: given, expectations: expectations)
  }

  /// `expect withheld_by_budget REWARD at λ`: a reward of the policy, a budget, and a price that
  /// is a number literal ≥ 0.
  private mutating func checkExpectWithheld(_ reward: Identifier, _ multiplier: Expression)
    -> Expectation.Kind?
  {
    var valid = true
    let names = rewards.map(\.name.name)
    let index = names.firstIndex(of: reward.name)
    if index == nil {
      valid = false
      let suggestion = closestName(to: reward.name, among: names)
      report(
        CheckerDiagnostics.unknownName, "unknown reward `\(reward.name)`", at: reward.range,
        notes: suggestion.map { ["did you mean `\($0)`?"] } ?? [],
        fixIts: suggestion.map {
          [.init(range: reward.range, replacement: $0, message: "replace with `\($0)`")]
        } ?? [])
    }
    if budgetDecl == nil {
      valid = false
      report(
        CheckerDiagnostics.notAvailableHere, "`withheld_by_budget` needs a `budget` in the policy",
        at: reward.range, notes: ["declare one, e.g. `budget 50_000 EUR per run`"])
    }
    let price: Double? =
      switch multiplier.kind {
      case .int(let value): Double(value)
      case .float(let value): value
      default: nil
      }
    guard let price, price >= 0, price.isFinite else {
      report(
        CheckerDiagnostics.invalidNumber, "the budget's price λ after `at` must be a number ≥ 0",
        at: multiplier.range, notes: ["write a number literal, such as `at 1.25`"])
      return nil
    }
    guard valid, let index else { return nil }
    return .withheldByBudget(reward: index, multiplier: price)
  }

  private func isDiagnosticCode(_ text: String) -> Bool {
    let scalars = Array(text.unicodeScalars)
    return scalars.count == 5 && scalars[0] == "P"
      && scalars.dropFirst().allSatisfy { $0.value >= 48 && $0.value <= 57 }
  }

  private mutating func checkGivenInput(_ input: Identifier) -> Bool {
    guard let schema, input.name != schema.name.name else { return schema != nil }
    report(
      CheckerDiagnostics.unknownName, "unknown input `\(input.name)`", at: input.range,
      notes: ["the policy's input is `\(schema.name.name)`"],
      fixIts: [
        .init(
          range: input.range, replacement: schema.name.name, message: "replace with `\(schema.name.name)`")
      ])
    return false
  }

  /// Checks a record literal against the schema: known fields of the right type, none missing.
  private mutating func checkRecord(_ record: RecordLiteral, at input: Identifier) -> [TestFieldValue] {
    guard let schema else { return [] }
    var values: [TestFieldValue] = []
    var missing: [String] = []
    checkRecord(
      record, type: schema.recordType, path: "", shownPath: input.name, into: &values, missing: &missing)
    if !missing.isEmpty {
      let order = Dictionary(uniqueKeysWithValues: schema.fields.enumerated().map { ($1.path, $0) })
      missing.sort { (order[$0] ?? 0) < (order[$1] ?? 0) }
      let list = missing.map { "`\($0)`" }.joined(separator: ", ")
      report(
        CheckerDiagnostics.missingRecordFields,
        "test record misses \(missing.count == 1 ? "field" : "fields") \(list)", at: input.range,
        notes: ["only optional fields (`T?`) may be left out"])
    }
    return values
  }

  private mutating func checkRecord(
    _ record: RecordLiteral, type: RecordType, path: String, shownPath: String,
    into values: inout [TestFieldValue],
    missing: inout [String]
  ) {
    guard let schema else { return }
    var seen: [String: SourceRange] = [:]
    let context = ExpressionContext(owner: nil, place: .testRecord)
    for entry in record.fields {
      let name = entry.name.name
      if let first = seen[name] {
        report(
          CheckerDiagnostics.duplicateField, "duplicate field `\(name)` in test record", at: entry.name.range,
          labels: [.init(first, "first written here")])
        continue
      }
      seen[name] = entry.name.range
      guard let field = type.fields.first(where: { $0.name == name }) else {
        var notes: [String] = []
        var fixIts: [Diagnostic.FixIt] = []
        if let suggestion = closestName(to: name, among: type.fields.map(\.name)) {
          notes.append("did you mean `\(suggestion)`?")
          fixIts.append(
            .init(range: entry.name.range, replacement: suggestion, message: "replace with `\(suggestion)`"))
        }
        report(
          CheckerDiagnostics.unknownField, "`\(shownPath)` has no field `\(name)`", at: entry.name.range,
          notes: notes, fixIts: fixIts)
        continue
      }
      let fieldPath = path.isEmpty ? name : path + "." + name
      switch (entry.value, field.type) {
      case (.record(let nested), .record(let nestedType)):
        checkRecord(
          nested, type: nestedType, path: fieldPath, shownPath: shownPath + "." + name, into: &values,
          missing: &missing)
      case (.record(let nested), _):
        report(
          CheckerDiagnostics.typeMismatch, "`\(shownPath).\(name)` is a `\(field.type)` value, not a group",
          at: nested.range)
      case (.expression(let expr), .record):
        report(
          CheckerDiagnostics.typeMismatch, "`\(shownPath).\(name)` is a group; write its fields in `{ … }`",
          at: expr.range)
      case (.expression(let expr), let fieldType):
        let wanted = fieldType.unwrapped
        let value = coerce(check(expr, expected: wanted, context), to: wanted, context) { found in
          "`\(shownPath).\(name)` is `\(fieldType)`, found `\(found)`"
        }
        if let index = schema.index(ofPath: fieldPath), !value.type.containsError {
          values.append(TestFieldValue(field: index, value: value))
        }
      }
    }
    for field in type.fields where seen[field.name] == nil {
      let fieldPath = path.isEmpty ? field.name : path + "." + field.name
      collectRequired(field, path: fieldPath, into: &missing)
    }
  }

  private func collectRequired(_ field: RecordType.Field, path: String, into missing: inout [String]) {
    switch field.type {
    case .record(let nested):
      for member in nested.fields { collectRequired(member, path: path + "." + member.name, into: &missing) }
    case .optional, .error:
      break
    default:
      missing.append(path)
    }
  }

  private mutating func checkExpect(_ expr: Expression, _ tolerance: Expression?) -> Expectation.Kind {
    let context = ExpressionContext(owner: nil, place: .test)
    guard let tolerance else {
      return .holds(checkCondition(expr, what: "an `expect`", context))
    }
    guard case .binary(.equal, let lhs, let rhs) = expr.unparenthesized.kind else {
      let checked = check(expr, context)
      report(
        CheckerDiagnostics.toleranceMismatch, "`within` needs a comparison `a == b`", at: checked.range,
        notes: ["e.g. `expect churn == 0.73 within 0.01`"])
      return .holds(.error(expr.range))
    }
    var left = requireValue(check(lhs, context), context)
    var right = requireValue(check(rhs, context), context)
    var margin = requireValue(check(tolerance, context), context)
    if left.type.containsError || right.type.containsError || margin.type.containsError {
      return .holds(.error(expr.range))
    }
    let numbers: Set<PlumType> = [.int, .float]
    if numbers.contains(left.type), numbers.contains(right.type), numbers.contains(margin.type) {
      left = left.type == .int ? convertToFloat(left) : left
      right = right.type == .int ? convertToFloat(right) : right
      margin = margin.type == .int ? convertToFloat(margin) : margin
      return .approximately(left, right, tolerance: margin)
    }
    if case .money = left.type, left.type == right.type, left.type == margin.type {
      return .approximately(left, right, tolerance: margin)
    }
    report(
      CheckerDiagnostics.toleranceMismatch,
      "`within` compares numbers or money; found `\(left.type)`, `\(right.type)` and tolerance `\(margin.type)`",
      at: expr.range)
    return .holds(.error(expr.range))
  }

  private mutating func checkExpectContains(_ haystack: Expression, _ needle: Expression) -> Expectation.Kind
  {
    let context = ExpressionContext(owner: nil, place: .test)
    let whole = requireValue(check(haystack, context), context)
    if whole.type.containsError { return .holds(.error(haystack.range)) }
    let elementType: PlumType
    switch whole.type {
    case .string: elementType = .string
    case .list(let element): elementType = element
    default:
      report(
        CheckerDiagnostics.typeMismatch, "`contains` needs text or a list on the left, found `\(whole.type)`",
        at: whole.range)
      return .holds(.error(haystack.range))
    }
    let part = coerce(
      requireValue(check(needle, expected: elementType, context), context), to: elementType, context
    ) {
      found in "expected `\(elementType)` after `contains`, found `\(found)`"
    }
    if part.type.containsError { return .holds(.error(needle.range)) }
    return .contains(whole, part)
  }
}
