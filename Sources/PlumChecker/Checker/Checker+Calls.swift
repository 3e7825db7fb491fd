import PlumDiagnostics
import PlumSyntax

extension CheckSession {
  /// Checks a call against the standard-library table.
  mutating func checkCall(
    _ name: Identifier, _ arguments: [Argument], _ range: SourceRange, _ context: ExpressionContext
  ) -> TypedExpression {
    guard let builtin = Builtin(rawValue: name.name) else {
      for argument in arguments { _ = check(argument.value, context) }
      if symbols[name.name] != nil {
        report(
          CheckerDiagnostics.unknownFunction, "`\(name.name)` is not a function", at: name.range,
          notes: ["write its name without arguments to use its value"])
        return .error(range)
      }
      var notes: [String] = []
      var fixIts: [Diagnostic.FixIt] = []
      if let suggestion = closestName(to: name.name, among: Builtin.allCases.map(\.name)) {
        notes.append("did you mean `\(suggestion)`?")
        fixIts.append(
          .init(range: name.range, replacement: suggestion, message: "replace with `\(suggestion)`"))
      }
      report(
        CheckerDiagnostics.unknownFunction, "unknown function `\(name.name)`", at: name.range, notes: notes,
        fixIts: fixIts)
      return .error(range)
    }
    let entry = builtin.entry
    if entry.isConstraintOnly, context.place != .constraint {
      report(
        CheckerDiagnostics.notAvailableHere, "`\(name.name)` can only be used in a `constraint`",
        at: name.range,
        notes: ["it measures the whole run, not one record"])
      return .error(range)
    }
    let values = arguments.map { check($0.value, context) }
    if values.contains(where: { $0.type.containsError }) { return .error(range) }
    let candidates = entry.signatures.filter { $0.parameters.count == arguments.count }
    guard let firstCandidate = candidates.first else {
      let counts = Set(entry.signatures.map(\.parameters.count)).sorted().map(String.init)
      let countText =
        counts.count == 1
        ? counts[0] : counts.dropLast().joined(separator: ", ") + " or " + (counts.last ?? "")
      let noun = counts == ["1"] ? "argument" : "arguments"
      let maximum = entry.signatures.map(\.parameters.count).max() ?? 0
      let at =
        arguments.count > maximum
        ? SourceRange(
          start: arguments[maximum].value.range.start, end: arguments[arguments.count - 1].value.range.end)
        : range
      report(
        CheckerDiagnostics.wrongArgumentCount,
        "`\(name.name)` takes \(countText) \(noun), found \(arguments.count)", at: at,
        notes: entry.signatures.map { "`\(name.name)\($0)`" })
      return .error(range)
    }
    guard checkLabels(name, arguments, firstCandidate) else { return .error(range) }
    if builtin == .distance, let argument = values.first, !namesKMeansModel(argument) {
      report(
        CheckerDiagnostics.wrongArgumentType,
        "argument 1 of `distance` must name a kmeans model, found `\(source.text(in: argument.range))`",
        at: argument.range, notes: ["`distance(segment)` reads the distance the model `segment` computed"])
      return .error(range)
    }
    for signature in candidates {
      if let call = matchSignature(builtin, signature, values, range, context, report: false) { return call }
    }
    // Report against the parameter where the overloads first disagree with the arguments.
    if candidates.count > 1,
      let position = values.indices.first(where: { index in
        candidates.allSatisfy { !accepts($0.parameters[index].type, values[index].type) }
      })
    {
      let wanted = candidates.map { "`\($0.parameters[position].type)`" }.joined(separator: " or ")
      report(
        CheckerDiagnostics.wrongArgumentType,
        "argument \(position + 1) of `\(name.name)` must be \(wanted), found `\(values[position].type)`",
        at: values[position].range)
      return .error(range)
    }
    return matchSignature(builtin, firstCandidate, values, range, context, report: true) ?? .error(range)
  }

  private mutating func checkLabels(
    _ name: Identifier, _ arguments: [Argument], _ signature: BuiltinSignature
  ) -> Bool {
    var ok = true
    for (argument, parameter) in zip(arguments, signature.parameters)
    where argument.label?.name != parameter.label {
      ok = false
      switch (argument.label, parameter.label) {
      case (nil, let wanted?):
        report(
          CheckerDiagnostics.labelMismatch, "missing argument label `\(wanted):` in call to `\(name.name)`",
          at: argument.value.range,
          fixIts: [
            .init(
              range: .at(argument.value.range.start), replacement: "\(wanted): ",
              message: "insert `\(wanted):`")
          ])
      case (let found?, nil):
        report(
          CheckerDiagnostics.labelMismatch, "`\(name.name)` takes no argument label `\(found.name):`",
          at: found.range,
          fixIts: [
            .init(
              range: SourceRange(start: found.range.start, end: argument.value.range.start), replacement: "",
              message: "remove `\(found.name):`")
          ])
      case (let found?, let wanted?):
        report(
          CheckerDiagnostics.labelMismatch, "expected argument label `\(wanted):`, found `\(found.name):`",
          at: found.range,
          fixIts: [.init(range: found.range, replacement: wanted, message: "replace with `\(wanted)`")])
      case (nil, nil):
        break
      }
    }
    return ok
  }

  /// Whether an expression is a reference to a `kmeans` model, as `distance` needs.
  private func namesKMeansModel(_ value: TypedExpression) -> Bool {
    guard case .modelRef(let index) = value.kind, models.indices.contains(index) else { return false }
    return ModelKind(rawValue: models[index].kind.name) == .kmeans
  }

  /// Whether an argument of `type` fits a parameter, ignoring optionality.
  private func accepts(_ parameter: ParameterType, _ type: PlumType) -> Bool {
    let type = type.unwrapped
    switch parameter {
    case .exactly(let wanted): return type == wanted || (wanted == .float && type == .int)
    case .money: if case .money = type { return true } else { return false }
    case .numeric: return type.isNumeric
    case .anyList: if case .list = type { return true } else { return false }
    case .anyValue: return true
    case .groupKey:
      switch type {
      case .bool, .string, .int, .enumeration: return true
      default: return false
      }
    case .kmeansModel:
      switch type {
      case .int, .enumeration: return true
      default: return false
      }
    }
  }

  /// Types a call against one signature, or returns nil when the arguments do not fit it
  /// (reporting why when `report` is true).
  private mutating func matchSignature(
    _ builtin: Builtin, _ signature: BuiltinSignature, _ values: [TypedExpression], _ range: SourceRange,
    _ context: ExpressionContext, report shouldReport: Bool
  ) -> TypedExpression? {
    let propagates = builtin.entry.propagatesMissing
    var arguments = values
    var anyMissing = false
    for (index, parameter) in signature.parameters.enumerated() {
      let value = values[index]
      guard accepts(parameter.type, value.type) else {
        if shouldReport {
          report(
            CheckerDiagnostics.wrongArgumentType,
            "argument \(index + 1) of `\(builtin.name)` must be `\(parameter.type)`, found `\(value.type)`",
            at: value.range, notes: ["`\(builtin.name)\(signature)`"])
        }
        return nil
      }
      if value.type.isOptional, parameter.type != .anyValue {
        if propagates {
          anyMissing = true
        } else {
          if shouldReport { _ = requireValue(value, context) }
          return nil
        }
      }
      if case .exactly(.float) = parameter.type, value.type.unwrapped == .int {
        arguments[index] = convertToFloat(value)
      }
    }
    var result: PlumType
    switch signature.result {
    case .exactly(let type): result = type
    case .numeric:
      guard let unified = unifyNumeric(builtin, signature, &arguments, report: shouldReport) else {
        return nil
      }
      result = unified
    }
    if anyMissing { result = result.madeOptional }
    return TypedExpression(.call(builtin, arguments), result, range)
  }

  /// Unifies the `numeric` arguments of a call: all int, floats (ints converted), or money of one currency.
  private mutating func unifyNumeric(
    _ builtin: Builtin, _ signature: BuiltinSignature, _ arguments: inout [TypedExpression],
    report shouldReport: Bool
  ) -> PlumType? {
    let positions = signature.parameters.indices.filter { signature.parameters[$0].type == .numeric }
    let types = positions.map { arguments[$0].type.unwrapped }
    if let money = positions.first(where: {
      if case .money = arguments[$0].type.unwrapped { true } else { false }
    }) {
      let moneyType = arguments[money].type.unwrapped
      for position in positions where arguments[position].type.unwrapped != moneyType {
        if shouldReport {
          let found = arguments[position].type.unwrapped
          if case .money(let other) = found, case .money(let wanted) = moneyType {
            report(
              CheckerDiagnostics.currencyMismatch,
              "arguments of `\(builtin.name)` are money in `\(wanted)` and in `\(other)`",
              at: arguments[position].range, labels: [.init(arguments[money].range, "in `\(wanted)`")])
          } else {
            report(
              CheckerDiagnostics.wrongArgumentType,
              "arguments of `\(builtin.name)` must be the same kind of number; found `\(moneyType)` and `\(found)`",
              at: arguments[position].range, labels: [.init(arguments[money].range, "this is `\(moneyType)`")]
            )
          }
        }
        return nil
      }
      return moneyType
    }
    if types.contains(.float) {
      for position in positions where arguments[position].type.unwrapped == .int {
        arguments[position] = convertToFloat(arguments[position])
      }
      return .float
    }
    return .int
  }
}
