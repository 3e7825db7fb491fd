import Foundation
import PlumAudit
import PlumChecker
import PlumData
import PlumDiagnostics
import PlumRuntime

/// A policy made ready for `plum audit`: checked, lowered with one probe per rule and model, its
/// grouping fields and outcome column resolved, and the schema its data is read with.
struct AuditPolicy {
  /// How the outcome is read from each record.
  enum OutcomeColumn {
    /// A `bool` field of the policy's own input.
    case field(Int)
    /// A column the policy does not read, added to the schema: text in CSV (`1`/`0`, `true`/`false`,
    /// `yes`/`no`), a boolean in JSON Lines.
    case extra(Int, name: String)
  }

  /// A rule or model and the probe that computes it for the loaded record.
  struct Probe {
    /// The rule's or model's name.
    var name: String
    /// Its probe.
    var probe: EvalProbe
  }

  let path: String
  let checked: CheckedPolicy
  /// The program with the probes; its main block is the policy's, unchanged.
  let program: Program
  /// The schema data is read with: the policy's fields, then the outcome column if it is extra.
  let schema: RecordSchema
  /// The grouping fields' indexes in `schema`, in the order given.
  let groupFields: [Int]
  let attributes: [AuditData.Attribute]
  let outcome: OutcomeColumn?
  let rules: [Probe]
  /// The models whose scores are audited (every model but k-means).
  let models: [(model: AuditData.Model, probe: Probe)]
  /// The k-means models, whose segments are audited as selections, with their segments' names.
  let segmentations: [(probe: Probe, segments: [String])]

  /// Why the audit cannot start; each is exit status 2.
  enum Failure: Error {
    /// The file could not be read.
    case unreadable(FileError)
    /// The policy has errors; they have been shown.
    case invalid(errors: Int)
    /// An argument does not fit the policy.
    case usage(String)
  }

  /// Loads `path`, showing its diagnostics on standard error.
  static func load(
    _ path: String, by names: [String], outcome outcomeName: String?, format: InputFormat, io: CommandIO
  ) -> Result<AuditPolicy, Failure> {
    // The policy is read, checked and lowered as every command that runs one does; the audit then
    // lowers it once more with its probes.
    let loaded: LoadedPolicy
    switch LoadedPolicy.load(path, io: io) {
    case .success(let policy): loaded = policy
    case .failure(.unreadable(let error)): return .failure(.unreadable(error))
    case .failure(.invalid(let errors)): return .failure(.invalid(errors: errors))
    case .failure(.noTests): return .failure(.invalid(errors: 1))
    }
    let checked = loaded.policy
    let input = checked.input
    var groupFields: [Int] = []
    var attributes: [AuditData.Attribute] = []
    for name in names {
      guard let field = fieldIndex(name, in: input) else {
        let paths = input.fields.filter { !$0.attributes.isPII }.map(\.path)
        var message = "`\(name)` is not a field of input `\(input.name.name)`"
        if let suggestion = closest(name, among: paths) { message += "; did you mean `\(suggestion)`?" }
        return .failure(.usage(message))
      }
      let schemaField = input.fields[field]
      if schemaField.attributes.isPII {
        return .failure(
          .usage(
            "`\(schemaField.path)` is a pii field: its values never leave the policy, so it cannot group an audit"
          ))
      }
      if groupFields.contains(field) {
        return .failure(.usage("`\(schemaField.path)` is given to --by twice"))
      }
      groupFields.append(field)
      attributes.append(
        AuditData.Attribute(name: schemaField.path, isProtected: schemaField.attributes.isProtected))
    }
    var expressions: [TypedExpression] = checked.rules.indices.map { index in
      TypedExpression(.ruleRef(index), .bool, checked.rules[index].name.range)
    }
    let scored = checked.models.indices.filter {
      checked.models[$0].kind != nil && checked.models[$0].kind != .kmeans
    }
    let clustered = checked.models.indices.filter { checked.models[$0].kind == .kmeans }
    expressions += (scored + clustered).map { index in
      TypedExpression(.modelRef(index), checked.models[index].type, checked.models[index].name.range)
    }
    let lowered = Lowering.lower(
      checked, source: loaded.source, options: loaded.loweringOptions,
      probing: expressions)
    guard let program = lowered.program else {
      let errors = lowered.diagnostics.filter { $0.severity == .error }
      io.writeErr(DiagnosticRenderer(colored: io.colorsErr).render(errors, in: loaded.source, format: .text))
      return .failure(.invalid(errors: max(1, errors.count)))
    }
    let base: RecordSchema
    do {
      base = try DecisionRunner.schema(for: program.inputs)
    } catch {
      return .failure(.usage("the input schema cannot be read from records: \(error)"))
    }
    var schema = base
    var outcome: OutcomeColumn?
    if let outcomeName {
      if let field = fieldIndex(outcomeName, in: input) {
        let schemaField = input.fields[field]
        guard !schemaField.attributes.isPII else {
          return .failure(.usage("`\(schemaField.path)` is a pii field and cannot be the outcome"))
        }
        guard schemaField.type.unwrapped == .bool else {
          return .failure(
            .usage("the outcome `\(schemaField.path)` is a `\(schemaField.type)` field; an outcome is a bool")
          )
        }
        outcome = .field(field)
      } else {
        let type: FieldType = format == .csv ? .string : .bool
        do {
          schema = try RecordSchema(
            fields: base.fields + [FieldSpec(path: outcomeName, type: type, isOptional: true)],
            keyPath: base.keyField.map { base.fields[$0].path })
        } catch {
          return .failure(.usage("`\(outcomeName)` cannot be read as an outcome column: \(error)"))
        }
        outcome = .extra(base.fields.count, name: outcomeName)
      }
    }
    let probes = lowered.probes
    let rules = checked.rules.indices.map { Probe(name: checked.rules[$0].name.name, probe: probes[$0]) }
    let models = scored.enumerated().map { offset, index in
      let model = checked.models[index]
      return (
        AuditData.Model(
          name: model.name.name, kind: model.kind?.rawValue ?? "", purpose: model.purpose?.name),
        Probe(name: model.name.name, probe: probes[checked.rules.count + offset])
      )
    }
    let segmentations = clustered.enumerated().map { offset, index in
      let model = checked.models[index]
      var count = 0
      if case .kMeans(let kMeans)? = program.models.first(where: { $0.name == model.name.name })?.model {
        count = kMeans.centroids.count
      }
      let names = model.segments?.map(\.name) ?? []
      return (
        probe: Probe(name: model.name.name, probe: probes[checked.rules.count + scored.count + offset]),
        segments: (0..<count).map { $0 < names.count ? names[$0] : "\($0)" }
      )
    }
    return .success(
      AuditPolicy(
        path: path, checked: checked, program: program, schema: schema, groupFields: groupFields,
        attributes: attributes, outcome: outcome, rules: rules, models: models, segmentations: segmentations))
  }

  /// The field named `name`, with or without the input's name in front (`participant.gender`).
  private static func fieldIndex(_ name: String, in input: InputSchema) -> Int? {
    let prefix = input.name.name + "."
    let path =
      name.hasPrefix(prefix) && input.index(ofPath: name) == nil ? String(name.dropFirst(prefix.count)) : name
    return input.index(ofPath: path)
  }

  /// The subjects audited: any reward, each reward, each rule, each segment of each k-means model.
  var subjects: [AuditData.Subject] {
    [AuditData.Subject(name: "rewarded", kind: .rewarded)]
      + program.rewards.map { AuditData.Subject(name: $0.name, kind: .reward) }
      + rules.map { AuditData.Subject(name: $0.name, kind: .rule) }
      + segmentations.flatMap { model in
        model.segments.map { AuditData.Subject(name: $0, kind: .segment, model: model.probe.name) }
      }
  }

  /// The key of a read record as text, if the input has a key.
  func key(of row: RecordRow) -> String? {
    schema.keyField.flatMap { row.text(ofField: $0, in: schema) }
  }

  /// The grouping values of a record; a missing value or empty text is nil.
  func groups(of row: RecordRow) -> [String?] {
    groupFields.map { field in
      guard let text = row.text(ofField: field, in: schema), !text.isEmpty else { return nil }
      return text
    }
  }

  /// The outcome of a record: nil when missing, `.failure` when the text is not a yes or no.
  func outcome(of row: RecordRow) -> Result<Bool?, AuditRejection> {
    switch outcome {
    case nil: return .success(nil)
    case .field(let field):
      guard case .bool(let value)? = row.value(ofField: field, in: schema) else { return .success(nil) }
      return .success(value)
    case .extra(let field, let name):
      switch row.value(ofField: field, in: schema) {
      case nil: return .success(nil)
      case .bool(let value)?: return .success(value)
      case .string(let text)?:
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "": return .success(nil)
        case "1", "true", "yes", "y", "t": return .success(true)
        case "0", "false", "no", "n", "f": return .success(false)
        default: return .failure(AuditRejection("outcome `\(name)` is not 1, 0, true, false, yes or no"))
        }
      case .some: return .success(nil)
      }
    }
  }
}

/// Why one record is not audited, as the report counts it (never with a value from the record).
struct AuditRejection: Error, Hashable {
  var reason: String

  init(_ reason: String) {
    self.reason = reason
  }
}
