import PlumDiagnostics

extension LintAnalysis {
  /// Lets, rules and models that nothing refers to.
  func reportUnusedDeclarations(into diagnostics: inout DiagnosticBag) {
    var used: Set<DeclarationReference> = []
    for (place, value) in expressions {
      value.forEachNode { node in
        guard let reference = node.declarationReference else { return }
        if case .declaration(let holder) = place, holder == reference { return }
        used.insert(reference)
      }
    }
    for reference in context.declarations where !used.contains(reference) {
      let name = context.name(of: reference)
      diagnostics.report(
        LintDiagnostics.unusedDeclaration, "\(context.describe(reference)) is never used", at: name.range,
        notes: ["no reward, rule, let, model, constraint or test refers to it; remove it or use it"])
    }
  }

  /// Input fields that nothing reads (the key and consents that gate a purpose count as read).
  func reportUnusedFields(into diagnostics: inout DiagnosticBag) {
    var used: Set<Int> = []
    for (_, value) in expressions {
      value.forEachNode { node in
        if case .field(let index) = node.kind { used.insert(index) }
      }
    }
    var purposes = Set(context.policy.models.compactMap { $0.purpose?.name })
    purposes.formUnion(context.policy.input.fields.compactMap { $0.attributes.purpose?.name })
    for (index, field) in context.policy.input.fields.enumerated() where !used.contains(index) {
      if field.attributes.isKey { continue }
      if let purpose = context.consentPurpose(ofField: index), purposes.contains(purpose) { continue }
      diagnostics.report(
        LintDiagnostics.unusedField, "input field `\(context.fieldPath(index))` is never used",
        at: field.name.range,
        notes: [
          "remove it, or keep it with `// plum:allow(P2002) reason` when the records carry it anyway"
        ])
    }
  }

  /// Field names that often stand in for a protected attribute.
  static let proxyNames: Set<String> = [
    "zip", "zipcode", "zip_code", "postcode", "post_code", "postal_code", "postalcode", "first_name",
    "firstname", "given_name", "surname", "last_name", "lastname", "family_name", "birth_place",
    "birthplace", "place_of_birth", "country_of_birth", "nationality", "citizenship", "religion", "ethnicity",
    "race", "native_language", "mother_tongue", "marital_status", "pregnancy", "pregnant", "disability",
    "sexual_orientation", "maiden_name",
  ]

  /// Whether a field name suggests a proxy: the whole name, or a `_`-separated part of it.
  static func isProxyName(_ name: String) -> Bool {
    let lowered = name.lowercased()
    if proxyNames.contains(lowered) { return true }
    let parts = lowered.split(separator: "_").map(String.init)
    for start in parts.indices {
      for end in start..<parts.count where proxyNames.contains(parts[start...end].joined(separator: "_")) {
        return true
      }
    }
    return false
  }

  /// Proxy-named fields that reach decisions: rules, lets, models and reward clauses.
  func reportProxies(into diagnostics: inout DiagnosticBag) {
    var reported: Set<Int> = []
    for (place, value) in expressions {
      switch place {
      case .constraint, .test: continue
      case .reward(_, .because): continue
      default: break
      }
      value.forEachNode { node in
        guard case .field(let index) = node.kind, !reported.contains(index) else { return }
        let field = context.policy.input.fields[index]
        guard !field.attributes.isProtected, Self.isProxyName(field.name.name) else { return }
        reported.insert(index)
        diagnostics.report(
          LintDiagnostics.possibleProxy,
          "`\(context.fieldPath(index))` may be a proxy for a protected attribute; review its use",
          at: node.range, labels: [Diagnostic.Label(field.name.range, "declared here")],
          notes: [
            "names, birthplaces and postal codes correlate with origin, religion or ethnicity",
            "if the use is justified, say why with `// plum:allow(P2010) reason`",
          ])
      }
    }
  }
}
