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
  private let currency: [UInt8]
  private let ruleNames: [[UInt8]]
  private let digits: Int
  private let keySlot: FieldSlot?
  /// Whether a line starts `{"record":N`; without, it starts with what follows (for lines whose
  /// record number is written later, see `ChunkedRun`).
  var writesRecordNumbers = true

  init(program: Program) {
    self.program = program
    rewardPrefixes = program.rewards.map { Array("{\"name\":\(jsonString($0.name)),\"kind\":\"".utf8) }
    currency = Array(jsonString(program.currency).utf8)
    ruleNames = program.declarations.filter { $0.kind == .rule }.map { Array(jsonString($0.name).utf8) }
    digits = Money.minorDigits(of: program.currency)
    keySlot = nil
  }

  // MARK: Decisions

  func writeDecision(
    _ decision: UnsafeMutablePointer<Decision>, row: borrowing RecordRow, schema: RecordSchema, explain: Bool,
    to writer: JSONLinesWriter
  ) {
    // The decision is read in place, so writing it copies no strings.
    let decision = UnsafePointer(decision)
    writeHead(record: decision.pointee.record, row: row, schema: schema, to: writer)
    writer.append(raw: ",\"rewards\":[")
    decision.pointee.rewards.withUnsafeBufferPointer { rewards in
      for position in rewards.indices {
        if position > 0 { writer.append(byte: UInt8(ascii: ",")) }
        writeReward(rewards.baseAddress.unsafelyUnwrapped + position, to: writer)
      }
    }
    writer.append(raw: "],\"reasons\":[")
    decision.pointee.reasonRules.withUnsafeBufferPointer { rules in
      for position in rules.indices {
        if position > 0 { writer.append(byte: UInt8(ascii: ",")) }
        writer.append(contentsOf: ruleNames[rules[position]])
      }
    }
    for (position, note) in decision.pointee.notes.enumerated() {
      if position > 0 || !decision.pointee.reasonRules.isEmpty { writer.append(byte: UInt8(ascii: ",")) }
      writer.append(jsonString: note)
    }
    writer.append(byte: UInt8(ascii: "]"))
    if explain, let trace = decision.pointee.trace { writeExplanation(trace, to: writer) }
    writer.append(byte: UInt8(ascii: "}"))
    writer.endLine()
  }

  /// One given reward, read in place.
  @inline(__always)
  private func writeReward(_ reward: UnsafePointer<Decision.Reward>, to writer: JSONLinesWriter) {
    writer.append(contentsOf: rewardPrefixes[reward.pointee.index])
    switch reward.pointee.gift.kind {
    case .points:
      writer.append(raw: "points\",\"amount\":")
      writer.append(int: reward.pointee.gift.amount)
    case .voucher:
      writer.append(raw: "voucher\",\"amount\":\"")
      writer.append(raw: Money.format(reward.pointee.gift.amount, digits: digits))
      writer.append(raw: "\",\"currency\":")
      writer.append(contentsOf: currency)
    case .cashback:
      writer.append(raw: "cashback\",\"rate\":")
      writer.append(double: reward.pointee.gift.rate)
    case .badge:
      writer.append(raw: "badge\",\"badge\":")
      writer.append(jsonString: reward.pointee.gift.label)
    }
    if let value = reward.pointee.value {
      writer.append(raw: ",\"value\":\"")
      writer.append(raw: Money.format(value, digits: digits))
      writer.append(byte: UInt8(ascii: "\""))
    }
    if reward.pointee.because != nil {
      writer.append(raw: ",\"because\":")
      writer.append(jsonString: reward.pointee.because.unsafelyUnwrapped)
    }
    writer.append(byte: UInt8(ascii: "}"))
  }

  private func writeHead(
    record: Int, row: borrowing RecordRow, schema: RecordSchema, to writer: JSONLinesWriter
  ) {
    if writesRecordNumbers {
      writer.append(raw: "{\"record\":")
      writer.append(int: Int64(record))
    }
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
    _ fault: RuntimeFault, record: Int, row: borrowing RecordRow, schema: RecordSchema,
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
    if writesRecordNumbers {
      writer.append(raw: "{\"record\":")
      writer.append(int: Int64(record))
    }
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

  private func writeExplanation(_ trace: DecisionTrace, to writer: JSONLinesWriter) {
    writer.append(raw: ",\"explain\":{\"rewards\":[")
    for (index, reward) in trace.rewards.enumerated() {
      if index > 0 { writer.append(byte: UInt8(ascii: ",")) }
      writer.append(raw: "{\"name\":")
      writer.append(jsonString: reward.name)
      writer.append(raw: ",\"eligible\":")
      writer.append(bool: reward.isEligible)
      writer.append(raw: ",\"given\":")
      writer.append(bool: reward.isGiven)
      writer.append(raw: ",\"conditions\":[")
      let conjuncts = program.rewards[reward.index].conjuncts
      for (position, value) in reward.conditions.enumerated() {
        if position > 0 { writer.append(byte: UInt8(ascii: ",")) }
        writer.append(raw: "{\"condition\":")
        writer.append(jsonString: conjuncts[position].text)
        writer.append(raw: ",\"value\":")
        switch value {
        case false?: writer.append(raw: "false")
        case true?: writer.append(raw: "true")
        case nil: writer.append(raw: "\"not evaluated\"")
        }
        writer.append(byte: UInt8(ascii: "}"))
      }
      writer.append(byte: UInt8(ascii: "]"))
      if case .blocked(let index) = reward.outcome, program.models.indices.contains(index) {
        let model = program.models[index]
        writer.append(raw: ",\"blocked\":")
        writer.append(jsonString: "model `\(model.name)` needs consent `\(model.purpose ?? "")`")
      }
      writer.append(byte: UInt8(ascii: "}"))
    }
    writer.append(raw: "],\"rules\":[")
    for (position, rule) in trace.rules.enumerated() {
      if position > 0 { writer.append(byte: UInt8(ascii: ",")) }
      writer.append(raw: "{\"name\":")
      writer.append(jsonString: rule.name)
      writer.append(raw: ",\"value\":")
      if let value = rule.value {
        writer.append(bool: value)
      } else {
        writer.append(raw: "\"not evaluated\"")
      }
      writer.append(byte: UInt8(ascii: "}"))
    }
    writer.append(raw: "],\"models\":[")
    for (index, model) in trace.models.enumerated() {
      if index > 0 { writer.append(byte: UInt8(ascii: ",")) }
      writer.append(raw: "{\"name\":")
      writer.append(jsonString: model.name)
      let lowered = program.models[model.index]
      switch model.outcome {
      case .score(let score):
        writer.append(raw: ",\"score\":")
        writer.append(double: score)
        writeModelExplanation(lowered, features: model.features, to: writer)
      case .segment(let segment):
        writer.append(raw: ",\"score\":")
        writer.append(int: segment)
        writeModelExplanation(lowered, features: model.features, to: writer)
      case .noConsent:
        writer.append(raw: ",\"score\":\"not evaluated\",\"reason\":")
        writer.append(jsonString: "no consent `\(lowered.purpose ?? "")`")
      case .notNeeded:
        writer.append(raw: ",\"score\":\"not evaluated\",\"reason\":")
        writer.append(jsonString: "not needed")
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
