import PlumData
import PlumModels

/// The feature matrix and target of a training run, computed record by record, and what was left out.
public struct TrainingSet: Sendable {
  /// One row per usable record, one column per feature, in the model's `inputs` order.
  public var features: FeatureMatrix
  /// The target of each row (empty when the model has none).
  public var target: [Double]
  /// The 1-based line where each row's record starts in the data, for messages.
  public var lines: [Int]
  /// The records read, usable or not.
  public var records: Int
  /// Why records were left out, with how many for each reason, in first-seen order.
  public var skipped: [(reason: String, count: Int)]
  /// The first record left out, described, for the report.
  public var firstSkipped: String?
  /// How many usable records had no `as_of` date and were taken as of the run's date.
  public var undated = 0

  /// How many records were left out.
  public var skippedCount: Int { skipped.reduce(0) { $0 + $1.count } }

  /// The reason given for a record without a target value.
  public static let noTargetReason = "no target value"

  /// How many records were left out for having no target value.
  public var recordsWithoutTarget: Int {
    skipped.first { $0.reason == Self.noTargetReason }?.count ?? 0
  }
}

/// Why a training set could not be made.
public enum TrainingError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The data could not be read at all.
  case data(String)
  /// A record could not be used and `strict` was asked for.
  case strict(String)
  /// The schema of the data (inputs, target, `as_of`) cannot be built.
  case schema(String)
  /// No record could be used.
  case noUsableRecords(skipped: String)
  /// A target value cannot be used for the model kind (e.g. not 0 or 1 for logistic).
  case target(String)
  /// The fit refused the data or the options.
  case fit(String)
  /// The kind cannot be trained by Plum.
  case unsupported(String)

  /// A one-line, lower-case explanation.
  public var description: String {
    switch self {
    case .data(let text), .strict(let text), .schema(let text), .target(let text), .fit(let text),
      .unsupported(let text):
      text
    case .noUsableRecords(let skipped):
      "no record can be used for training" + (skipped.isEmpty ? "" : " (\(skipped))")
    }
  }
}

/// Reads training records and computes each one's features with a `FeatureProgram`.
///
/// The training schema is the policy's input schema followed by the target column (a number,
/// required for a usable record) and an optional `as_of` date column: when a record has one,
/// its features are computed as of that date (history records are snapshots taken on different
/// days), otherwise as of the run's date.
public final class FeatureExtractor {
  /// The schema readers must fill rows for.
  public let schema: RecordSchema
  private let features: FeatureProgram
  private let machine: Machine
  private let targetField: Int?
  private let asOfField: Int?
  private let asOf: Int64

  /// The name of the optional per-record date column.
  public static let asOfColumn = "as_of"

  /// Creates an extractor.
  /// - Parameters:
  ///   - target: the target column, or nil for models without one (k-means, anomaly).
  ///   - asOf: the date (days since 1970-01-01) for records without an `as_of` value.
  /// - Throws: `TrainingError.schema` when the target names an input field or the columns clash.
  public init(features: FeatureProgram, target: String?, asOf: Int64) throws(TrainingError) {
    self.features = features
    self.asOf = asOf
    let inputs = features.program.inputs
    var fields: [FieldSpec]
    do {
      fields = try DecisionRunner.schema(for: inputs).fields
    } catch {
      throw .schema("the input schema cannot be read from records: \(error)")
    }
    let paths = Set(fields.map(\.path))
    if let target {
      guard !paths.contains(target) else {
        throw .schema("the target `\(target)` is an input field; train on a column the policy does not read")
      }
      fields.append(FieldSpec(path: target, type: .float, isOptional: true, isColumnOptional: true))
      targetField = fields.count - 1
    } else {
      targetField = nil
    }
    if !paths.contains(Self.asOfColumn) && target != Self.asOfColumn {
      fields.append(FieldSpec(path: Self.asOfColumn, type: .date, isOptional: true, isColumnOptional: true))
      asOfField = fields.count - 1
    } else {
      asOfField = nil
    }
    do {
      schema = try RecordSchema(
        fields: fields, keyPath: inputs.keyField.map { inputs.fields[$0].path })
    } catch {
      throw .schema("the training columns cannot be read: \(error)")
    }
    machine = Machine(program: features.program, asOf: asOf)
  }

  /// Reads every record and computes its features.
  /// - Parameter strict: fail on the first record that cannot be used instead of skipping it.
  public func extract(_ reader: any RecordReader, strict: Bool = false) throws(TrainingError) -> TrainingSet {
    var row = schema.makeRow()
    let width = features.featureNames.count
    var values: [Double] = []
    var target: [Double] = []
    var lines: [Int] = []
    var records = 0
    var reasons: [String] = []
    var counts: [String: Int] = [:]
    var firstSkipped: String?
    var undated = 0
    let floats = machine.floats
    let first = Int(features.firstFeature)
    let asOfRegister = Int(features.program.asOfRegister)
    func skip(_ reason: String, _ detail: String) throws(TrainingError) {
      if strict { throw .strict(detail) }
      if counts[reason] == nil { reasons.append(reason) }
      counts[reason, default: 0] += 1
      if firstSkipped == nil { firstSkipped = detail }
    }
    while true {
      let status: ReadStatus?
      do {
        status = try reader.next(into: &row)
      } catch {
        throw .data(error.description)
      }
      guard let status else { break }
      records += 1
      switch status {
      case .failure(let error):
        let shown = features.program.inputs.redacted(error)
        try skip(
          "unreadable (\(error.code.rawValue))", "record \(records) (line \(error.line)): \(shown.message)")
        continue
      case .record: break
      }
      var value = Double.nan
      if let targetField {
        let slot = schema.slots[targetField]
        guard row.present[targetField] else {
          try skip(TrainingSet.noTargetReason, "record \(records) (line \(row.line)) has no target value")
          continue
        }
        value = row.floats[slot.index]
        guard value.isFinite else {
          try skip(
            "target not a finite number", "record \(records) (line \(row.line)): the target is \(value)")
          continue
        }
      }
      machine.load(row)
      if let asOfField, row.present[asOfField] {
        machine.ints[asOfRegister] = row.ints[schema.slots[asOfField].index]
      } else {
        machine.ints[asOfRegister] = asOf
        undated += 1
      }
      guard machine.run(from: features.program.main) else {
        let fault = machine.fault ?? RuntimeFault(.overflow, site: -1)
        try skip(
          "feature error (\(fault.code.rawValue))",
          "record \(records) (line \(row.line)): \(fault.message(in: features.program))")
        continue
      }
      if machine.ints[Int(features.blocked)] != 0 {
        try skip(
          "no consent `\(features.purpose ?? "")`",
          "record \(records) (line \(row.line)) lacks consent `\(features.purpose ?? "")`")
        continue
      }
      for column in 0..<width { values.append(floats[first + column]) }
      if targetField != nil { target.append(value) }
      lines.append(row.line)
    }
    let matrix: FeatureMatrix
    do {
      matrix = try FeatureMatrix(
        rowCount: lines.count, columnCount: width, values: values, columnNames: features.featureNames)
    } catch {
      throw .data(error.description)
    }
    return TrainingSet(
      features: matrix, target: target, lines: lines, records: records,
      skipped: reasons.map { ($0, counts[$0] ?? 0) }, firstSkipped: firstSkipped, undated: undated)
  }
}
