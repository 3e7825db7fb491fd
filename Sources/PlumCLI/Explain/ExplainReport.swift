import PlumChecker
import PlumData
import PlumModels
import PlumRuntime

/// A readable account of one record's decision: inputs, values, models, every reward's
/// conditions, the selection, and what single change would have given each reward not given.
struct ExplainReport {
  let loaded: LoadedPolicy
  let inspector: RecordInspector
  let decision: ExplainDecision
  /// What the budget does with the record (`plum explain` under a `budget`); empty otherwise.
  var budget: [String] = []

  private var policy: CheckedPolicy { loaded.policy }
  private var dependencies: ExplainDependencies { ExplainDependencies(policy: policy) }
  private var text: TraceText { TraceText(inspector: inspector, decision: decision) }

  /// The whole account; `heading` names the record.
  func render(heading: String) -> String {
    var lines = [heading]
    var policyLine = "policy \(policy.name?.name ?? loaded.path)"
    if let version = policy.version { policyLine += " version \(version)" }
    lines.append(policyLine + ", as of \(CivilDate.format(inspector.asOf))")
    lines.append("")
    lines += section("inputs", inputs())
    lines += section("values", values())
    if !policy.models.isEmpty { lines += section("models", models()) }
    lines += section("rewards", rewards())
    if let fault = decision.fault {
      lines += section("error", ["the record cannot be decided: " + describe(fault)])
      return finished(lines)
    }
    lines += section("selection", selection())
    if !budget.isEmpty { lines += section("budget", budget) }
    let changes = counterfactuals()
    if !changes.isEmpty { lines += section("what would change", changes) }
    return finished(lines)
  }

  /// The lines as text, without the blank line that ends the last section.
  private func finished(_ lines: [String]) -> String {
    var lines = lines
    while lines.last == "" { lines.removeLast() }
    return lines.joined(separator: "\n") + "\n"
  }

  private func section(_ title: String, _ body: [String]) -> [String] {
    [title] + body.map { "  " + $0 } + [""]
  }

  private func describe(_ fault: ExplainFault) -> String {
    (fault.code.map { "error[\($0)]: " } ?? "") + fault.message(in: loaded.source)
  }

  // MARK: Inputs and values

  private func inputs() -> [String] {
    let used = dependencies.fieldsReadByRewards
    let width = policy.input.fields.map(\.path.count).max() ?? 0
    return policy.input.fields.enumerated().map { index, field in
      let attributes = field.attributes
      var line = field.path.padded(to: width) + "  "
      line += attributes.isPII ? "<redacted>" : inspector.record[index].description
      if attributes.isPII {
        line += "  (pii: never shown)"
      } else if attributes.isKey {
        line += "  (key)"
      } else if attributes.isProtected {
        line += "  (protected: never decides)"
      } else if !used.contains(index) {
        line += "  (not used by any reward)"
      }
      return line
    }
  }

  private func values() -> [String] {
    var lines: [String] = []
    for (index, item) in policy.lets.enumerated() {
      lines.append("let \(item.name.name) = " + shown(.let(index), item.value))
    }
    for (index, rule) in policy.rules.enumerated() {
      lines.append("rule \(rule.name.name) = " + shown(.rule(index), rule.condition))
    }
    return lines.isEmpty ? ["(no lets or rules)"] : lines
  }

  private func shown(_ reference: DeclarationReference, _ definition: TypedExpression) -> String {
    let value = inspector.value(of: reference)
    if TraceText.redacts(definition, value, dependencies) { return "<redacted>" }
    return describe(value)
  }

  private func describe(_ result: Result<ExplainValue, ExplainStop>) -> String {
    switch result {
    case .success(let value): value.brief
    case .failure(.noConsent(_, let purpose)): "not evaluated (no consent `\(purpose)`)"
    case .failure(.fault(let fault)): fault.code == nil ? "unavailable: " + describe(fault) : describe(fault)
    }
  }

  // MARK: Models

  private func models() -> [String] {
    var lines: [String] = []
    for (index, model) in policy.models.enumerated() {
      let kind = "(\(model.kindName.name), \(model.source))"
      let score = inspector.value(of: .model(index))
      guard case .success(let value) = score, let features = inspector.features(ofModel: index),
        let parameters = inspector.loadedModel(index)
      else {
        lines.append("\(model.name.name) = \(describe(score))  \(kind)")
        continue
      }
      lines.append("\(model.name.name) = \(value.brief)  \(kind)")
      let inputs = model.inputs.map { input in
        "\(input.name.name) = "
          + text.shown(input.value)
      }
      lines.append("  inputs: " + inputs.joined(separator: ", "))
      lines += contributions(model, parameters, features)
    }
    return lines
  }

  /// How the score comes about: for linear and logistic models the features that moved it most
  /// (coefficient × standardised value on the link scale), TreeSHAP values for tree ensembles, the
  /// distance to every k-means centroid, or each feature's robust z-score.
  private func contributions(_ model: CheckedModel, _ parameters: ModelProgram, _ features: [Double])
    -> [String]
  {
    let hidden = Set(model.inputs.filter { dependencies.readsPII($0.value) }.map(\.name.name))
    let visible = parameters.featureNames.indices.filter { !hidden.contains(parameters.featureNames[$0]) }
    let width = parameters.featureNames.map(\.count).max() ?? 0
    var lines: [String] = []
    func ranked(_ values: [Double]) -> [Int] {
      visible.sorted { a, b in
        let (x, y) = (values[a].magnitude, values[b].magnitude)
        return x != y ? x > y : a < b
      }
    }
    switch parameters.model.explanation(features) {
    case .additive(let base, let baseName, let values):
      let scale: String
      switch parameters.model {
      case .logistic: scale = "log-odds"
      case .trees(let ensemble): scale = ensemble.objective == .binaryLogistic ? "log-odds" : "margin"
      default: scale = "value"
      }
      let method = parameters.model.kind == .trees ? "TreeSHAP contributions" : "top contributions"
      lines.append("  \(scale) \(signed(base)) (\(baseName)), \(method):")
      for feature in ranked(values).prefix(parameters.model.kind == .trees ? 5 : 3) {
        let name = parameters.featureNames[feature].padded(to: width)
        lines.append("    \(name)  \(signed(values[feature]))" + formula(parameters.model, feature, features))
      }
    case .distances(let distances):
      // Segments are shown by the names the policy gives them, when it names them.
      let names = model.segments?.map(\.name)
      func label(_ segment: Int) -> String {
        guard let names, names.indices.contains(segment) else { return "\(segment)" }
        return names[segment]
      }
      let nearest = distances.indices.min { distances[$0] < distances[$1] } ?? 0
      lines.append("  distance to each segment's centroid (nearest: \(label(nearest))):")
      for (segment, distance) in distances.enumerated() {
        lines.append("    segment \(label(segment))  \(NumberFormat.fixed(distance, decimals: 4))")
      }
    case .zScores(let scores):
      lines.append("  robust z-scores, largest first:")
      for feature in ranked(scores) {
        lines.append("    \(parameters.featureNames[feature].padded(to: width))  \(signed(scores[feature]))")
      }
    case .opaque:
      lines.append("  (an isolation forest has no per-feature account)")
    }
    if !hidden.isEmpty { lines.append("    (\(plural(hidden.count, "feature")) from pii fields not shown)") }
    return lines
  }

  /// `  (β × value)` or `  (β × (value − mean) / scale)` for linear and logistic models.
  private func formula(_ model: RuntimeModel, _ feature: Int, _ features: [Double]) -> String {
    let terms: LinearTerms
    switch model {
    case .logistic(let logistic): terms = logistic.terms
    case .linear(let linear): terms = linear.terms
    default: return ""
    }
    let weight = NumberFormat.shortest(terms.coefficients[feature])
    let value = ExplainValue.brief(features[feature])
    if let standardization = terms.standardization {
      let mean = ExplainValue.brief(standardization.means[feature])
      let scale = ExplainValue.brief(standardization.scales[feature])
      return "  (\(weight) × (\(value) − \(mean)) / \(scale))"
    }
    return "  (\(weight) × \(value))"
  }

  private func signed(_ value: Double) -> String {
    let text = NumberFormat.fixed(value, decimals: 4)
    return text.hasPrefix("-") ? text : "+" + text
  }

  // MARK: Rewards and selection

  private func rewards() -> [String] {
    decision.rewards.indices.flatMap { index in
      ["\(decision.rewards[index].name): \(text.status(of: index))"]
        + text.conditions(of: index, indent: "  ")
        + given(index)
    }
  }

  private func given(_ index: Int) -> [String] {
    let trace = decision.rewards[index]
    guard trace.isEligible else { return [] }
    var parts: [String] = []
    if let gift = trace.gift { parts.append("give \(gift)") }
    if let value = trace.value { parts.append("value \(value)") }
    if policy.rewards[index].priority != nil { parts.append("priority \(trace.priority)") }
    var lines = parts.isEmpty ? [] : ["  " + parts.joined(separator: ", ")]
    if let because = trace.because { lines.append("  because \"\(because)\"") }
    return lines
  }

  private func selection() -> [String] {
    let eligible = decision.rewards.filter(\.isEligible)
    let names = { (traces: [ExplainRewardTrace]) in
      traces.isEmpty ? "none" : traces.map(\.name).joined(separator: ", ")
    }
    switch policy.select {
    case .all:
      return ["select all: every eligible reward is given", "given: " + names(eligible)]
    case .bestByPriority(let max):
      var lines = ["select best by priority" + (max.map { ", max \($0)" } ?? "")]
      lines.append(
        "eligible: "
          + (eligible.isEmpty
            ? "none" : eligible.map { "\($0.name) (priority \($0.priority))" }.joined(separator: ", ")))
      let chosen = decision.selected.map { decision.rewards[$0] }
      lines.append("given: " + names(chosen))
      for trace in eligible where !decision.selected.contains(trace.reward) {
        let ranked = chosen.map(\.name)
        let names =
          ranked.count > 1
          ? ranked.dropLast().joined(separator: ", ") + " and " + (ranked.last ?? "") : ranked.first ?? ""
        let limit = max ?? 0
        lines.append(
          "dropped: \(trace.name): at most \(plural(Int(clamping: limit), "reward")) "
            + "\(limit == 1 ? "is" : "are") given, "
            + "and \(names) \(ranked.count == 1 ? "ranks" : "rank") higher")
      }
      return lines
    }
  }

  private func counterfactuals() -> [String] {
    var lines: [String] = []
    for trace in decision.rewards where !decision.selected.contains(trace.reward) {
      if trace.isEligible {
        lines.append("\(trace.name): eligible, but not selected")
        continue
      }
      switch ExplainCounterfactual.find(reward: trace.reward, inspector: inspector) {
      case .change(let proposal)?:
        lines.append("\(trace.name): \(proposal.sentence)")
      case .noSingleChange(let condition)?:
        lines.append(
          "\(trace.name): only `\(condition)` fails, and no single-input change was found that makes the "
            + "reward eligible")
      case .several(let failing, let change, let independent)?:
        let list = failing.map {
          "`\($0.condition)`" + ($0.missingConsent.map { " (needs consent `\($0)`)" } ?? "")
        }
        .joined(separator: ", ")
        let outcome =
          if let change {
            "all would hold if \(change.field) were \(change.requirement)"
          } else if independent {
            "no single change is enough"
          } else {
            "no single-input change was found"
          }
        lines.append("\(trace.name): \(failing.count) conditions fail (\(list)); \(outcome)")
      case nil:
        continue
      }
    }
    return lines
  }
}

extension String {
  /// The string with spaces added up to `width` characters.
  fileprivate func padded(to width: Int) -> String {
    count >= width ? self : self + String(repeating: " ", count: width - count)
  }
}
