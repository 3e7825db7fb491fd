import PlumDiagnostics
import PlumSyntax

extension CheckSession {
  /// Sorts declarations by kind, fills the namespace and reports duplicates.
  mutating func collectDeclarations() {
    var extraInputs: [InputDecl] = []
    for declaration in file.declarations {
      switch declaration {
      case .policy(let decl):
        if let first = policyDecl {
          reportSingleton("policy", at: decl.range, first: first.range)
        } else {
          policyDecl = decl
        }
      case .currency(let decl):
        if let first = currencyDecl {
          reportSingleton("currency", at: decl.range, first: first.range)
        } else {
          currencyDecl = decl
        }
      case .input(let decl):
        if inputDecl == nil {
          inputDecl = decl
          declare(decl.name, as: .input)
        } else {
          extraInputs.append(decl)
        }
      case .let(let decl):
        lets.append(decl)
        declare(decl.name, as: .let(lets.count - 1))
      case .rule(let decl):
        rules.append(decl)
        declare(decl.name, as: .rule(rules.count - 1))
      case .model(let decl):
        models.append(decl)
        declare(decl.name, as: .model(models.count - 1))
      case .reward(let decl):
        rewards.append(decl)
        declare(decl.name, as: .reward(rewards.count - 1))
      case .select(let decl):
        if let first = selectDecl {
          reportSingleton("select", at: decl.range, first: first.range)
        } else {
          selectDecl = decl
        }
      case .budget(let decl):
        if let first = budgetDecl {
          reportSingleton("budget", at: decl.range, first: first.range)
        } else {
          budgetDecl = decl
        }
      case .pointValue(let decl):
        if let first = pointValueDecl {
          reportSingleton("points worth", at: decl.range, first: first.range)
        } else {
          pointValueDecl = decl
        }
      case .constraint(let decl):
        if let first = constraints.first(where: { $0.name.name == decl.name.name }) {
          report(
            CheckerDiagnostics.duplicateDeclaration, "duplicate constraint `\(decl.name.name)`",
            at: decl.name.range, labels: [.init(first.name.range, "first declared here")])
        }
        constraints.append(decl)
      case .test(let decl):
        if let first = tests.first(where: { $0.name == decl.name }) {
          report(
            CheckerDiagnostics.duplicateDeclaration, "duplicate test \"\(decl.name)\"", at: decl.nameRange,
            labels: [.init(first.nameRange, "first declared here")])
        }
        tests.append(decl)
      }
    }
    if let first = inputDecl {
      for extra in extraInputs {
        report(
          CheckerDiagnostics.multipleInputs,
          "a policy has exactly one `input`; found another one, `\(extra.name.name)`",
          at: extra.name.range, labels: [.init(first.name.range, "the input is declared here")],
          notes: ["describe every field of a record in the one `input` declaration"])
      }
    } else {
      let start = file.declarations.first?.range.start ?? 0
      report(
        CheckerDiagnostics.missingInput, "the policy has no `input` declaration", at: .at(start),
        notes: ["the input declares the fields of the records a policy decides on"],
        fixIts: [
          .init(
            range: .at(start), replacement: "input participant {\n  id: string key\n}\n\n",
            message: "declare the input, e.g. `input participant { id: string key }`")
        ])
    }
  }

  private mutating func declare(_ name: Identifier, as symbol: Symbol) {
    if let existing = symbols[name.name] {
      let firstRange = range(of: existing)
      report(
        CheckerDiagnostics.duplicateDeclaration, "`\(name.name)` is declared more than once", at: name.range,
        labels: [.init(firstRange, "first declared here")],
        notes: ["lets, rules, models, rewards and the input share one namespace"])
      return
    }
    symbols[name.name] = symbol
    symbolNames.append(name.name)
  }

  /// The span of the name of a declared symbol.
  func range(of symbol: Symbol) -> SourceRange {
    switch symbol {
    case .input: inputDecl?.name.range ?? .at(0)
    case .let(let index): lets[index].name.range
    case .rule(let index): rules[index].name.range
    case .model(let index): models[index].name.range
    case .reward(let index): rewards[index].name.range
    }
  }

  private mutating func reportSingleton(_ word: String, at range: SourceRange, first: SourceRange) {
    report(
      CheckerDiagnostics.duplicateSingleton, "a policy has at most one `\(word)` declaration", at: range,
      labels: [.init(first, "first declared here")])
  }
}
