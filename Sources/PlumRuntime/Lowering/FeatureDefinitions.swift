import PlumChecker
import PlumDiagnostics
import PlumModels
import PlumSyntax

/// The definitions of a model's features as the policy states them, and their fingerprint.
///
/// A feature's definition is its `inputs` expression printed canonically (`ASTPrinter`: spacing,
/// line breaks and comments do not matter), followed by the canonical definition of every let,
/// rule and model it reads, directly or not, in name order:
/// `recency where let recency = days_since(participant.last_order) ?? 999`. The fingerprint is the
/// SHA-256 of one line `name: definition` per feature, in the model file's feature order. `plum
/// train` stores both in the model file; lowering recomputes them and refuses a file whose
/// fingerprint differs, so a model is never fed features it was not trained on.
public struct FeatureDefinitions: Sendable, Equatable {
  /// The feature names, in the order asked for.
  public var names: [String]
  /// One definition per feature (empty when the policy has no input of that name).
  public var texts: [String]

  /// The SHA-256 of the definitions, 64 lower-case hex digits.
  public var fingerprint: String {
    SHA256.hexDigest(of: zip(names, texts).map { "\($0): \($1)\n" }.joined())
  }

  /// The definitions of `model`'s features, in `order` (the model's inputs order when nil).
  /// - Parameter policy: the checked policy the model belongs to; the syntax tree it was checked
  ///   from is what is printed canonically, so the source is never parsed again.
  public static func of(_ model: CheckedModel, in policy: CheckedPolicy, order: [String]? = nil)
    -> FeatureDefinitions
  {
    let printer = CanonicalText(policy: policy, file: policy.syntax)
    let names = order ?? model.inputs.map(\.name.name)
    let texts = names.map { name -> String in
      guard let input = model.inputs.first(where: { $0.name.name == name }) else { return "" }
      return printer.definition(of: input.value, model: model.name.name, feature: name)
    }
    return FeatureDefinitions(names: names, texts: texts)
  }
}

/// Prints expressions and the declarations they read in canonical form.
private struct CanonicalText {
  let policy: CheckedPolicy
  let lets: [String: String]
  let rules: [String: String]
  let modelInputs: [String: [String: String]]

  init(policy: CheckedPolicy, file: PolicyFile) {
    self.policy = policy
    var lets: [String: String] = [:]
    var rules: [String: String] = [:]
    var modelInputs: [String: [String: String]] = [:]
    for declaration in file.declarations {
      switch declaration {
      case .let(let decl): lets[decl.name.name] = ASTPrinter.print(decl.value)
      case .rule(let decl): rules[decl.name.name] = ASTPrinter.print(decl.condition)
      case .model(let decl):
        var inputs: [String: String] = [:]
        for input in decl.inputs { inputs[input.name.name] = ASTPrinter.print(input.value) }
        modelInputs[decl.name.name] = inputs
      default: break
      }
    }
    self.lets = lets
    self.rules = rules
    self.modelInputs = modelInputs
  }

  /// The definition of one model input: its printed expression and what it reads.
  func definition(of expression: TypedExpression, model: String, feature: String) -> String {
    let text = modelInputs[model]?[feature] ?? ""
    var pending = ExplainDependencies(policy: policy).references(in: expression)
    var seen = Set(pending)
    var parts: [String] = []
    while let reference = pending.popLast() {
      let dependencies = ExplainDependencies(policy: policy)
      switch reference {
      case .let(let index):
        let name = policy.lets[index].name.name
        parts.append("let \(name) = \(lets[name] ?? "")")
        for next in dependencies.references(in: policy.lets[index].value) where seen.insert(next).inserted {
          pending.append(next)
        }
      case .rule(let index):
        let name = policy.rules[index].name.name
        parts.append("rule \(name) = \(rules[name] ?? "")")
        for next in dependencies.references(in: policy.rules[index].condition)
        where seen.insert(next).inserted {
          pending.append(next)
        }
      case .model(let index):
        let other = policy.models[index]
        let inputs = other.inputs.map {
          "\($0.name.name): \(modelInputs[other.name.name]?[$0.name.name] ?? "")"
        }
        parts.append(
          "model \(other.name.name) = \(other.kindName.name)(\"\(other.source)\") { "
            + inputs.joined(separator: ", ") + " }")
        for input in other.inputs {
          for next in dependencies.references(in: input.value) where seen.insert(next).inserted {
            pending.append(next)
          }
        }
      }
    }
    return parts.isEmpty ? text : text + " where " + parts.sorted().joined(separator: "; ")
  }
}
