import PlumData
import PlumDiagnostics

/// Writes decisions, errors and explanations as JSON lines (the shape is documented in docs/runtime.md).
///
/// Field names and per-reward prefixes are encoded once; a decision line costs appends only.
/// Values of `pii` fields are never written: a `pii` key is left out, messages about `pii`
/// fields are replaced, and `because` values derived from them were redacted when lowering.
final class DecisionEncoder {
  private let program: Program
  private let rewardPrefixes: [[UInt8]]
  private let rules: [(declaration: Int, result: Int, name: [UInt8])]
  private let currency: [UInt8]
  private let digits: Int
  private let keySlot: FieldSlot?

  init(program: Program) {
    self.program = program
    rewardPrefixes = program.rewards.map { Array("{\"name\":\(jsonString($0.name)),\"kind\":\"".utf8) }
    rules = program.declarations.enumerated().compactMap { index, declaration in
      declaration.kind == .rule
        ? (index, Int(declaration.result), Array(jsonString(declaration.name).utf8)) : nil
    }
    currency = Array(jsonString(program.currency).utf8)
    digits = Money.minorDigits(of: program.currency)
    keySlot = nil
  }

  // MARK: Decisions

  func writeDecision(
    record: Int, row: borrowing RecordRow, schema: RecordSchema, machine: Machine,
    selected: UnsafeBufferPointer<Int>,
    explain: Bool,
    to writer: JSONLinesWriter
  ) {
    writeHead(record: record, row: row, schema: schema, to: writer)
    writer.append(raw: ",\"rewards\":[")
    let ints = machine.ints
    for (position, index) in selected.enumerated() {
      if position > 0 { writer.append(byte: UInt8(ascii: ",")) }
      let reward = program.rewards[index]
      writer.append(contentsOf: rewardPrefixes[index])
      let amount = ints[Int(reward.give.amount)]
      switch RewardKind(rawValue: ints[Int(reward.give.kind)]) ?? .points {
      case .points:
        writer.append(raw: "points\",\"amount\":")
        writer.append(int: amount)
      case .voucher:
        writer.append(raw: "voucher\",\"amount\":\"")
        writer.append(raw: Money.format(amount, digits: digits))
        writer.append(raw: "\",\"currency\":")
        writer.append(contentsOf: currency)
      case .cashback:
        writer.append(raw: "cashback\",\"rate\":")
        writer.append(double: machine.floats[Int(reward.give.rate)])
      case .badge:
        writer.append(raw: "badge\",\"badge\":")
        writer.append(jsonString: machine.strings[Int(reward.give.label)])
      }
      if let value = reward.value {
        writer.append(raw: ",\"value\":\"")
        writer.append(raw: Money.format(ints[Int(value)], digits: digits))
        writer.append(byte: UInt8(ascii: "\""))
      }
      if let because = reward.because {
        writer.append(raw: ",\"because\":")
        writer.append(jsonString: machine.strings[Int(because.result)])
      }
      writer.append(byte: UInt8(ascii: "}"))
    }
    writer.append(raw: "],\"reasons\":[")
    var first = true
    for rule in rules where machine.isComputed(rule.declaration) && ints[rule.result] != 0 {
      if !first { writer.append(byte: UInt8(ascii: ",")) }
      first = false
      writer.append(contentsOf: rule.name)
    }
    writer.append(byte: UInt8(ascii: "]"))
    if explain { writeExplanation(machine: machine, selected: selected, to: writer) }
    writer.append(byte: UInt8(ascii: "}"))
    writer.endLine()
  }

  private func writeHead(
    record: Int, row: borrowing RecordRow, schema: RecordSchema, to writer: JSONLinesWriter
  ) {
    writer.append(raw: "{\"record\":")
    writer.append(int: Int64(record))
    guard let key = program.inputs.visibleKey, row.present.indices.contains(key), row.present[key] else {
      return
    }
    writer.append(raw: ",\"key\":")
    let slot = schema.slots[key]
    switch slot.storage {
    case .string: writer.append(jsonString: row.strings[slot.index])
    case .int: writer.append(jsonString: String(row.ints[slot.index]))
    case .float: writer.append(jsonString: NumberFormat.shortest(row.floats[slot.index]))
    }
  }

  // MARK: Errors

  func writeFault(
    _ fault: RuntimeFault, record: Int, row: borrowing RecordRow, schema: RecordSchema, machine: Machine,
    file: String?, to writer: JSONLinesWriter
  ) {
    writeHead(record: record, row: row, schema: schema, to: writer)
    writer.append(raw: ",\"error\":{\"code\":\"")
    writer.append(raw: fault.code.rawValue)
    writer.append(raw: "\",\"message\":")
    writer.append(jsonString: fault.message(in: program))
    writer.append(raw: ",\"line\":")
    writer.append(int: Int64(row.line))
    appendFile(file, to: writer)
    writer.append(raw: "}}")
    writer.endLine()
  }

  func writeReadError(
    _ error: RecordError, record: Int, schema: RecordSchema, file: String?, to writer: JSONLinesWriter
  ) {
    let error = program.inputs.redacted(error)
    writer.append(raw: "{\"record\":")
    writer.append(int: Int64(record))
    if let key = error.key {
      writer.append(raw: ",\"key\":")
      writer.append(jsonString: key)
    }
    writer.append(raw: ",\"error\":{\"code\":\"")
    writer.append(raw: error.code.rawValue)
    writer.append(raw: "\",\"message\":")
    writer.append(jsonString: error.message)
    if let field = error.field {
      writer.append(raw: ",\"field\":")
      writer.append(jsonString: field)
    }
    writer.append(raw: ",\"line\":")
    writer.append(int: Int64(error.line))
    appendFile(file, to: writer)
    writer.append(raw: "}}")
    writer.endLine()
  }

  /// Names the record's input file, for runs over several files.
  private func appendFile(_ file: String?, to writer: JSONLinesWriter) {
    guard let file else { return }
    writer.append(raw: ",\"file\":")
    writer.append(jsonString: file)
  }

  // MARK: Explanations

  private func writeExplanation(
    machine: Machine, selected: UnsafeBufferPointer<Int>, to writer: JSONLinesWriter
  ) {
    let ints = machine.ints
    writer.append(raw: ",\"explain\":{\"rewards\":[")
    for (index, reward) in program.rewards.enumerated() {
      if index > 0 { writer.append(byte: UInt8(ascii: ",")) }
      writer.append(raw: "{\"name\":")
      writer.append(jsonString: reward.name)
      writer.append(raw: ",\"eligible\":")
      writer.append(bool: machine.isGranted(reward.granted))
      writer.append(raw: ",\"given\":")
      writer.append(bool: selected.contains(index))
      writer.append(raw: ",\"conditions\":[")
      for (position, conjunct) in reward.conjuncts.enumerated() {
        if position > 0 { writer.append(byte: UInt8(ascii: ",")) }
        writer.append(raw: "{\"condition\":")
        writer.append(jsonString: conjunct.text)
        writer.append(raw: ",\"value\":")
        switch ints[Int(conjunct.trace)] {
        case 0: writer.append(raw: "false")
        case 1: writer.append(raw: "true")
        default: writer.append(raw: "\"not evaluated\"")
        }
        writer.append(byte: UInt8(ascii: "}"))
      }
      writer.append(byte: UInt8(ascii: "]"))
      if let blockedBy = reward.blockedBy, ints[Int(blockedBy)] > 0,
        program.models.indices.contains(Int(ints[Int(blockedBy)] - 1))
      {
        let model = program.models[Int(ints[Int(blockedBy)] - 1)]
        writer.append(raw: ",\"blocked\":")
        writer.append(jsonString: "model `\(model.name)` needs consent `\(model.purpose ?? "")`")
      }
      writer.append(byte: UInt8(ascii: "}"))
    }
    writer.append(raw: "],\"rules\":[")
    for (position, rule) in rules.enumerated() {
      if position > 0 { writer.append(byte: UInt8(ascii: ",")) }
      writer.append(raw: "{\"name\":")
      writer.append(contentsOf: rule.name)
      writer.append(raw: ",\"value\":")
      if machine.isComputed(rule.declaration) {
        writer.append(bool: ints[rule.result] != 0)
      } else {
        writer.append(raw: "\"not evaluated\"")
      }
      writer.append(byte: UInt8(ascii: "}"))
    }
    writer.append(raw: "],\"models\":[")
    for (index, model) in program.models.enumerated() {
      if index > 0 { writer.append(byte: UInt8(ascii: ",")) }
      writer.append(raw: "{\"name\":")
      writer.append(jsonString: model.name)
      let declaration = Int(model.declaration)
      if declaration >= 0, machine.isComputed(declaration) {
        writer.append(raw: ",\"score\":")
        let result = Int(program.declarations[declaration].result)
        if case .kMeans = model.model {
          writer.append(int: machine.ints[result])
        } else {
          writer.append(double: machine.floats[result])
        }
        let features = (0..<model.featureNames.count).map { machine.floats[Int(model.firstFeature) + $0] }
        writeModelExplanation(model, features: features, to: writer)
      } else {
        writer.append(raw: ",\"score\":\"not evaluated\",\"reason\":")
        let reason = machine.lacksConsent(index) ? "no consent `\(model.purpose ?? "")`" : "not needed"
        writer.append(jsonString: reason)
      }
      writer.append(byte: UInt8(ascii: "}"))
    }
    writer.append(raw: "]}")
  }
}

extension DecisionEncoder {
  /// Writes what makes up a model's score: per-feature contributions on the link scale (with the
  /// intercept, or TreeSHAP's bias), distances to every k-means centroid, or robust z-scores.
  /// Features derived from `pii` fields are left out.
  fileprivate func writeModelExplanation(
    _ model: ModelProgram, features: [Double], to writer: JSONLinesWriter
  ) {
    func perFeature(_ key: String, _ valueKey: String, _ values: [Double]) {
      writer.append(raw: ",\"\(key)\":[")
      var first = true
      for (feature, value) in values.enumerated() where !model.featureIsPII[feature] {
        if !first { writer.append(byte: UInt8(ascii: ",")) }
        first = false
        writer.append(raw: "{\"feature\":")
        writer.append(jsonString: model.featureNames[feature])
        writer.append(raw: ",\"\(valueKey)\":")
        writer.append(double: value)
        writer.append(byte: UInt8(ascii: "}"))
      }
      writer.append(byte: UInt8(ascii: "]"))
    }
    switch model.model.explanation(features) {
    case .additive(let base, let baseName, let terms):
      writer.append(raw: ",\"\(baseName)\":")
      writer.append(double: base)
      perFeature("contributions", "contribution", terms)
    case .distances(let distances):
      writer.append(raw: ",\"distances\":[")
      for (segment, distance) in distances.enumerated() {
        if segment > 0 { writer.append(byte: UInt8(ascii: ",")) }
        writer.append(raw: "{\"segment\":")
        writer.append(int: Int64(segment))
        writer.append(raw: ",\"distance\":")
        writer.append(double: distance)
        writer.append(byte: UInt8(ascii: "}"))
      }
      writer.append(byte: UInt8(ascii: "]"))
    case .zScores(let scores):
      perFeature("z_scores", "z", scores)
    case .opaque:
      break
    }
  }
}
