import PlumDiagnostics
import PlumSyntax

extension CheckSession {
  /// Flattens the input declaration into a schema with dense field indexes.
  mutating func buildSchema() {
    guard let inputDecl else { return }
    var fields: [SchemaField] = []
    var hasReportedKey = false
    let record = buildRecord(
      inputDecl.fields, path: "", recordName: inputDecl.name.name, into: &fields,
      hasReportedKey: &hasReportedKey)
    schema = InputSchema(name: inputDecl.name, fields: fields, recordType: record)
    for field in fields {
      if let purpose = field.attributes.purpose { checkPurpose(purpose) }
    }
  }

  private mutating func buildRecord(
    _ decls: [FieldDecl], path: String, recordName: String, into fields: inout [SchemaField],
    hasReportedKey: inout Bool
  ) -> RecordType {
    var seen: [String: SourceRange] = [:]
    var recordFields: [RecordType.Field] = []
    for decl in decls {
      if let first = seen[decl.name.name] {
        report(
          CheckerDiagnostics.duplicateField, "duplicate field `\(decl.name.name)`", at: decl.name.range,
          labels: [.init(first, "first declared here")])
        continue
      }
      seen[decl.name.name] = decl.name.range
      let fieldPath = path.isEmpty ? decl.name.name : path + "." + decl.name.name
      switch decl.kind {
      case .group(let members):
        let nested = buildRecord(
          members, path: fieldPath, recordName: recordName + "." + fieldPath, into: &fields,
          hasReportedKey: &hasReportedKey)
        recordFields.append(.init(name: decl.name.name, type: .record(nested)))
      case .value(let typeSyntax, let attributeList):
        var type = resolveType(typeSyntax, enumName: fieldPath)
        if case .money = type.unwrapped, currency == nil {
          report(
            CheckerDiagnostics.missingCurrency, "money field `\(fieldPath)` needs a `currency` declaration",
            at: typeSyntax.range, notes: ["a policy's money is in the one currency it declares"],
            fixIts: [.init(range: .at(0), replacement: "currency EUR\n", message: "declare `currency EUR`")])
          type = .error
        }
        let attributes = resolveAttributes(attributeList)
        if attributes.isKey {
          checkKey(decl, type: type, path: fieldPath, fields: fields, hasReportedKey: &hasReportedKey)
        }
        fields.append(
          SchemaField(path: fieldPath, name: decl.name, type: type, attributes: attributes, doc: decl.doc))
        recordFields.append(.init(name: decl.name.name, type: type))
      }
    }
    return RecordType(name: recordName, fields: recordFields)
  }

  private mutating func checkKey(
    _ decl: FieldDecl, type: PlumType, path: String, fields: [SchemaField], hasReportedKey: inout Bool
  ) {
    if let first = fields.first(where: { $0.attributes.isKey }), !hasReportedKey {
      report(
        CheckerDiagnostics.invalidKey, "only one field can be the `key`; `\(first.path)` already is",
        at: decl.name.range, labels: [.init(first.name.range, "the key is declared here")])
      hasReportedKey = true
      return
    }
    switch type {
    case .string, .int, .error: break
    default:
      report(
        CheckerDiagnostics.invalidKey, "the key field `\(path)` must be `string` or `int`, not `\(type)`",
        at: decl.name.range, notes: ["the key identifies each record and is never missing"])
    }
  }

  private mutating func resolveAttributes(_ attributes: [FieldAttribute]) -> FieldAttributes {
    var result = FieldAttributes()
    var seen: [String: SourceRange] = [:]
    for attribute in attributes {
      let (word, range): (String, SourceRange)
      switch attribute {
      case .key(let r): (word, range) = ("key", r)
      case .protected(let r): (word, range) = ("protected", r)
      case .pii(let r): (word, range) = ("pii", r)
      case .purpose(let name): (word, range) = ("purpose", name.range)
      }
      if let first = seen[word] {
        report(
          CheckerDiagnostics.duplicateField, "duplicate attribute `\(word)`", at: range,
          labels: [.init(first, "first written here")])
        continue
      }
      seen[word] = range
      switch attribute {
      case .key: result.isKey = true
      case .protected: result.isProtected = true
      case .pii: result.isPII = true
      case .purpose(let name): result.purpose = name
      }
    }
    return result
  }

  /// Resolves a written type; enumerations are named after `enumName`.
  mutating func resolveType(_ syntax: TypeSyntax, enumName: String) -> PlumType {
    switch syntax.kind {
    case .name(let name):
      switch name.name {
      case "bool": return .bool
      case "int": return .int
      case "float": return .float
      case "money": return .money(currency: currency ?? "")
      case "string": return .string
      case "date": return .date
      case "duration": return .duration
      default:
        // The parser has reported the unknown type name.
        return .error
      }
    case .enumeration(let cases):
      var seen: [String: SourceRange] = [:]
      var names: [String] = []
      for item in cases {
        if let first = seen[item.name] {
          report(
            CheckerDiagnostics.duplicateField, "duplicate enum case `\(item.name)`", at: item.range,
            labels: [.init(first, "first declared here")])
          continue
        }
        seen[item.name] = item.range
        names.append(item.name)
      }
      return .enumeration(EnumType(name: enumName, cases: names))
    case .list(let element):
      let elementType = resolveType(element, enumName: enumName)
      return elementType == .error ? .error : .list(elementType)
    case .optional(let wrapped):
      let wrappedType = resolveType(wrapped, enumName: enumName)
      return wrappedType == .error ? .error : wrappedType.madeOptional
    }
  }

  /// The `consent` group's bool fields, by name.
  var consentFields: [String: Int] {
    guard let schema else { return [:] }
    var result: [String: Int] = [:]
    for (index, field) in schema.fields.enumerated() where field.path.hasPrefix("consent.") {
      let name = String(field.path.dropFirst("consent.".count))
      if !name.contains("."), field.type == .bool { result[name] = index }
    }
    return result
  }

  /// Reports a purpose that has no `consent { NAME: bool }` field to establish it.
  mutating func checkPurpose(_ purpose: Identifier) {
    let available = consentFields
    guard available[purpose.name] == nil else { return }
    var notes = ["a purpose is established by a `bool` field of the input's `consent` group"]
    var fixIts: [Diagnostic.FixIt] = []
    if let suggestion = closestName(to: purpose.name, among: available.keys.sorted()) {
      notes.insert("did you mean `\(suggestion)`?", at: 0)
      fixIts.append(
        .init(range: purpose.range, replacement: suggestion, message: "replace with `\(suggestion)`"))
    } else {
      notes.append("add `consent { \(purpose.name): bool }` to the input")
    }
    report(
      CheckerDiagnostics.purposeWithoutConsent,
      "purpose `\(purpose.name)` has no `consent.\(purpose.name)` field in the input", at: purpose.range,
      notes: notes, fixIts: fixIts)
  }
}
