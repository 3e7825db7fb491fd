import PlumData

/// Decides records with a program and writes one JSON line per record, in input order.
///
/// Nothing about a record is kept once its line is written: memory stays flat however long the
/// input. One runner serves one thread.
public final class DecisionRunner {
  /// The program being run.
  public let program: Program
  /// The schema readers must fill rows for.
  public let schema: RecordSchema
  /// The machine evaluating records.
  public let machine: Machine
  /// What has been decided so far.
  public private(set) var statistics: RunStatistics
  private let encoder: DecisionEncoder
  private var selected: [Int] = []
  private let rewards: [RewardProgram]
  private let ints: UnsafeMutablePointer<Int64>

  /// Creates a runner for a program with the run's as-of date (days since 1970-01-01).
  public init(program: Program, asOf: Int64) throws(SchemaError) {
    self.program = program
    schema = try Self.schema(for: program.inputs)
    machine = Machine(program: program, asOf: asOf)
    statistics = RunStatistics(rewardCount: program.rewards.count)
    encoder = DecisionEncoder(program: program)
    rewards = program.rewards
    ints = machine.ints
    selected.reserveCapacity(program.rewards.count)
  }

  /// The PlumData schema of a program's input fields.
  public static func schema(for inputs: InputLayout) throws(SchemaError) -> RecordSchema {
    let fields = inputs.fields.map { field -> FieldSpec in
      let type: FieldType =
        switch field.type {
        case .bool: .bool
        case .int, .duration: .int
        case .float: .float
        case .string: .string
        case .date: .date
        case .money(let digits): .money(scale: digits)
        case .enumeration(let cases): .enumeration(cases)
        }
      return FieldSpec(path: field.path, type: type, isOptional: field.isOptional)
    }
    let keyPath = inputs.keyField.map { inputs.fields[$0].path }
    return try RecordSchema(fields: fields, keyPath: keyPath)
  }

  /// Evaluates one record and selects its rewards; false when evaluation failed (see `machine.fault`).
  ///
  /// Afterwards `selectedRewards` holds the chosen reward indexes, in output order.
  @inline(__always)
  public func evaluate(_ row: borrowing RecordRow) -> Bool {
    row.ints.withUnsafeBufferPointer { ints in
      row.floats.withUnsafeBufferPointer { floats in
        row.strings.withUnsafeBufferPointer { strings in
          row.present.withUnsafeBufferPointer { present in
            machine.load(ints: ints, floats: floats, strings: strings, present: present)
          }
        }
      }
    }
    guard machine.run(from: program.main) else { return false }
    select()
    return true
  }

  /// The rewards chosen for the last record evaluated, in output order.
  public var selectedRewards: [Int] { selected }

  private func select() {
    selected.removeAll(keepingCapacity: true)
    for index in rewards.indices where ints[Int(rewards[index].granted)] != 0 {
      selected.append(index)
    }
    guard case .bestByPriority(let limit) = program.selection, !selected.isEmpty else { return }
    // Insertion sort: stable (ties keep declaration order) and allocation-free for a few rewards.
    if selected.count > 1 {
      for position in 1..<selected.count {
        let current = selected[position]
        let priority = ints[Int(rewards[current].priority)]
        var insert = position
        while insert > 0, ints[Int(rewards[selected[insert - 1]].priority)] < priority {
          selected[insert] = selected[insert - 1]
          insert -= 1
        }
        selected[insert] = current
      }
    }
    if let limit, selected.count > limit { selected.removeLast(selected.count - limit) }
  }

  /// Decides one read record and writes its line; returns false when it could not be decided.
  @discardableResult
  public func decide(_ row: borrowing RecordRow, record: Int, explain: Bool, to writer: JSONLinesWriter) -> Bool {
    statistics.records += 1
    guard evaluate(row) else {
      let fault = machine.fault ?? RuntimeFault(.overflow, site: -1)
      statistics.errorsByCode[fault.code.rawValue, default: 0] += 1
      encoder.writeFault(fault, record: record, row: row, schema: schema, machine: machine, to: writer)
      return false
    }
    // `because` texts run after selection, only for the rewards given.
    var becauseFailed: RuntimeFault?
    for index in selected {
      if let because = rewards[index].because, !machine.run(from: because.entry) {
        becauseFailed = machine.fault
        break
      }
    }
    if let fault = becauseFailed {
      statistics.errorsByCode[fault.code.rawValue, default: 0] += 1
      encoder.writeFault(fault, record: record, row: row, schema: schema, machine: machine, to: writer)
      return false
    }
    statistics.decisions += 1
    for index in selected {
      statistics.rewardCounts[index] += 1
      let reward = rewards[index]
      switch RewardKind(rawValue: ints[Int(reward.give.kind)]) {
      case .points:
        statistics.points = saturatingAdd(statistics.points, ints[Int(reward.give.amount)])
      case .voucher:
        statistics.voucherMinorUnits = saturatingAdd(statistics.voucherMinorUnits, ints[Int(reward.give.amount)])
      default: break
      }
    }
    encoder.writeDecision(
      record: record, row: row, schema: schema, machine: machine, selected: selected, explain: explain, to: writer)
    return true
  }

  /// Writes the line of a record the reader could not read.
  public func reject(_ error: RecordError, record: Int, to writer: JSONLinesWriter) {
    statistics.records += 1
    statistics.errorsByCode[error.code.rawValue, default: 0] += 1
    encoder.writeReadError(error, record: record, schema: schema, to: writer)
  }

  /// Reads every record from `reader`, deciding and writing each; stops after the first record that
  /// could not be decided when `strict`. Returns whether every record was decided.
  ///
  /// - Parameter progress: called every 65,536 records with the count so far.
  public func run(
    _ reader: any RecordReader, to writer: JSONLinesWriter, explain: Bool = false, strict: Bool = false,
    firstRecord: Int = 1, progress: ((Int) -> Void)? = nil
  ) throws(DataError) -> Bool {
    var row = reader.schema.makeRow()
    var record = firstRecord
    var allDecided = true
    while let status = try reader.next(into: &row) {
      switch status {
      case .record:
        if !decide(row, record: record, explain: explain, to: writer) { allDecided = false }
      case .failure(let error):
        reject(error, record: record, to: writer)
        allDecided = false
      }
      if !allDecided && strict { return false }
      if let progress, record & 0xFFFF == 0 { progress(record) }
      record += 1
    }
    return allDecided
  }

  /// The number of the next record for a run that continues over several inputs.
  public var recordsSoFar: Int { statistics.records }
}

@inline(__always)
func saturatingAdd(_ a: Int64, _ b: Int64) -> Int64 {
  let (sum, overflow) = a.addingReportingOverflow(b)
  return overflow ? (b > 0 ? .max : .min) : sum
}
