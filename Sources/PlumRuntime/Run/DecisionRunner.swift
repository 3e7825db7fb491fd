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
  let encoder: DecisionEncoder
  let ints: UnsafeMutablePointer<Int64>
  // Hot per-record state lives behind pointers: plain loads and stores, no exclusivity checks.
  private let grantedRegisters: UnsafeMutablePointer<Int>
  private let priorityRegisters: UnsafeMutablePointer<Int>
  private let kindRegisters: UnsafeMutablePointer<Int>
  private let amountRegisters: UnsafeMutablePointer<Int>
  private let selected: UnsafeMutablePointer<Int>
  let counters: UnsafeMutablePointer<Int>
  let totals: UnsafeMutablePointer<Int64>
  // Per reward: the value register (-1 without `value`), the `because` result register (-1 without
  // `because`), the rate and label registers.
  private let valueRegisters: UnsafeMutablePointer<Int>
  private let becauseRegisters: UnsafeMutablePointer<Int>
  private let rateRegisters: UnsafeMutablePointer<Int>
  private let labelRegisters: UnsafeMutablePointer<Int>
  private let becauseEntries: UnsafeMutablePointer<Address>
  private let rewardNames: [String]
  // Per rule that can be a reason: its declaration and result register, then its position.
  private let reasonDeclarations: UnsafeMutablePointer<Int>
  private let reasonCount: Int
  private let reasonResults: UnsafeMutablePointer<Int>
  private let reasonPositions: UnsafeMutablePointer<Int>
  private let ruleNames: [String]
  // The decision being filled, behind a pointer like the rest of the per-record state.
  let current: UnsafeMutablePointer<Decision>
  var errorsByCode: [String: Int] = [:]
  /// Decided records by group, one tally per measured constraint.
  var constraintTallies: [ConstraintTally]
  private let rewardCount: Int
  private let limit: Int?
  /// The input file named in error lines (`"file"`), set by runs over several files; nil leaves it out.
  public var inputName: String?
  /// The keys seen so far by `run`, so that a record repeating an earlier record's key is an error
  /// (P0608) instead of a second decision; nil when the input has no key or repeats are allowed.
  public var keys: KeyRegistry?
  /// A whole-run pass that changes a record's selection (the budget): called with the record's
  /// number after its rewards are selected; nil keeps the selection. It may choose only among
  /// `eligibleRewards`.
  public var rewardChoice: ((_ record: Int, _ runner: DecisionRunner) -> Decision.Choice?)?
  private let eligible: UnsafeMutablePointer<Int>
  private let pointValue: PointValue?
  private let costRegisters: UnsafeMutablePointer<Int>

  /// Creates a runner for a program with the run's as-of date (days since 1970-01-01).
  public convenience init(program: Program, asOf: Int64) throws(SchemaError) {
    self.init(program: program, asOf: asOf, schema: try Self.schema(for: program.inputs))
  }

  /// Creates a runner with the schema already made from the program's inputs.
  init(program: Program, asOf: Int64, schema: RecordSchema) {
    self.program = program
    self.schema = schema
    keys = KeyRegistry(schema: schema)
    machine = Machine(program: program, asOf: asOf)
    encoder = DecisionEncoder(program: program)
    ints = machine.ints
    rewardCount = program.rewards.count
    let rules = program.declarations.enumerated().filter { $0.element.kind == .rule }
    ruleNames = rules.map(\.element.name)
    let reasons = rules.enumerated().filter { !$0.element.element.isTraceOnly }
    reasonCount = reasons.count
    reasonDeclarations = .allocate(capacity: max(1, reasons.count))
    reasonResults = .allocate(capacity: max(1, reasons.count))
    reasonPositions = .allocate(capacity: max(1, reasons.count))
    for (slot, reason) in reasons.enumerated() {
      reasonDeclarations[slot] = reason.element.offset
      reasonResults[slot] = Int(reason.element.element.result)
      reasonPositions[slot] = reason.offset
    }
    let capacity = max(1, rewardCount)
    valueRegisters = .allocate(capacity: capacity)
    becauseRegisters = .allocate(capacity: capacity)
    becauseEntries = .allocate(capacity: capacity)
    rateRegisters = .allocate(capacity: capacity)
    labelRegisters = .allocate(capacity: capacity)
    rewardNames = program.rewards.map(\.name)
    for (index, reward) in program.rewards.enumerated() {
      valueRegisters[index] = reward.value.map { Int($0) } ?? -1
      becauseRegisters[index] = reward.because.map { Int($0.result) } ?? -1
      becauseEntries[index] = reward.because?.entry ?? -1
      rateRegisters[index] = Int(reward.give.rate)
      labelRegisters[index] = Int(reward.give.label)
    }
    current = .allocate(capacity: 1)
    current.initialize(to: Decision())
    current.pointee.ruleNames = ruleNames
    grantedRegisters = .allocate(capacity: capacity)
    priorityRegisters = .allocate(capacity: capacity)
    kindRegisters = .allocate(capacity: capacity)
    amountRegisters = .allocate(capacity: capacity)
    for (index, reward) in program.rewards.enumerated() {
      grantedRegisters[index] = Int(reward.granted)
      priorityRegisters[index] = Int(reward.priority)
      kindRegisters[index] = Int(reward.give.kind)
      amountRegisters[index] = Int(reward.give.amount)
    }
    selected = .allocate(capacity: capacity)
    constraintTallies = program.constraints.map { _ in ConstraintTally() }
    eligible = .allocate(capacity: 1)
    eligible.initialize(to: 0)
    pointValue = program.pointValue
    costRegisters = .allocate(capacity: capacity)
    for (index, reward) in program.rewards.enumerated() {
      costRegisters[index] = reward.cost.map { Int($0) } ?? -1
    }
    // records, decisions, selected count, then one count per reward.
    counters = .allocate(capacity: 3 + capacity)
    counters.initialize(repeating: 0, count: 3 + capacity)
    // points, voucher minor units.
    totals = .allocate(capacity: 2)
    totals.initialize(repeating: 0, count: 2)
    switch program.selection {
    case .all: limit = nil
    case .bestByPriority(let max): limit = max ?? Int.max
    }
  }

  deinit {
    valueRegisters.deallocate()
    becauseRegisters.deallocate()
    becauseEntries.deallocate()
    rateRegisters.deallocate()
    labelRegisters.deallocate()
    reasonDeclarations.deallocate()
    reasonResults.deallocate()
    reasonPositions.deallocate()
    current.deinitialize(count: 1)
    current.deallocate()
    grantedRegisters.deallocate()
    priorityRegisters.deallocate()
    kindRegisters.deallocate()
    amountRegisters.deallocate()
    selected.deallocate()
    eligible.deallocate()
    costRegisters.deallocate()
    counters.deallocate()
    totals.deallocate()
  }

  /// What has been decided so far.
  public var statistics: RunStatistics {
    var statistics = RunStatistics(rewardCount: rewardCount)
    statistics.records = counters[0]
    statistics.decisions = counters[1]
    statistics.errorsByCode = errorsByCode
    for index in 0..<rewardCount { statistics.rewardCounts[index] = counters[3 + index] }
    statistics.points = totals[0]
    statistics.voucherMinorUnits = totals[1]
    statistics.constraintTallies = constraintTallies
    return statistics
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
    machine.load(row)
    return evaluateLoaded()
  }

  /// Runs the main block on the record already loaded into the machine, then selects.
  @inline(__always)
  func evaluateLoaded() -> Bool {
    guard machine.run(from: program.main) else { return false }
    select()
    return true
  }

  /// The rewards chosen for the last record evaluated, in output order; valid until the next record.
  public var selectedRewards: UnsafeBufferPointer<Int> {
    UnsafeBufferPointer(start: selected, count: counters[2])
  }

  @inline(__always)
  private func select() {
    let epoch = machine.epoch
    var count = 0
    for index in 0..<rewardCount where ints[grantedRegisters[index]] == epoch {
      selected[count] = index
      count += 1
    }
    if let limit, count > 0 {
      // Insertion sort: stable (ties keep declaration order) and allocation-free for a few rewards.
      for position in stride(from: 1, to: count, by: 1) {
        let current = selected[position]
        let priority = ints[priorityRegisters[current]]
        var insert = position
        while insert > 0, ints[priorityRegisters[selected[insert - 1]]] < priority {
          selected[insert] = selected[insert - 1]
          insert -= 1
        }
        selected[insert] = current
      }
      eligible.pointee = count
      count = min(count, limit)
    } else {
      eligible.pointee = count
    }
    counters[2] = count
  }

  /// Every reward whose conditions held for the last record evaluated, in selection order (by
  /// priority under `select best`), the selected ones first; valid until the next record.
  public var eligibleRewards: UnsafeBufferPointer<Int> {
    UnsafeBufferPointer(start: selected, count: eligible.pointee)
  }

  /// The `value` of an eligible reward of the last record evaluated, in minor units, if written.
  public func value(ofReward index: Int) -> Int64? {
    valueRegisters[index] >= 0 ? ints[valueRegisters[index]] : nil
  }

  /// What an eligible reward of the last record evaluated costs, in minor units: its `cost`, else
  /// a voucher's amount, a badge's nothing, or its points times the policy's point value; nil when
  /// it cannot be known (cashback without `cost`, points without `points worth`, an overflow).
  public func cost(ofReward index: Int) -> Int64? {
    if costRegisters[index] >= 0 { return ints[costRegisters[index]] }
    let amount = ints[amountRegisters[index]]
    switch RewardKind(rawValue: ints[kindRegisters[index]]) ?? .points {
    case .voucher: return amount
    case .badge: return 0
    case .points: return pointValue?.cost(ofPoints: amount)
    case .cashback: return nil
    }
  }

  /// The last record's decision; valid until the next record is decided.
  public var decision: Decision { current.pointee }

  /// Decides one read record into `decision` (with its trace when the program records one);
  /// returns false when it could not be decided, and `decision.error` says why.
  @discardableResult
  public func decide(_ row: borrowing RecordRow, record: Int) -> Bool {
    counters[0] += 1
    current.pointee.reset(record: record)
    guard evaluate(row) else { return failed(machine.fault) }
    if let rewardChoice, let choice = rewardChoice(record, self) {
      for (position, index) in choice.rewards.enumerated() { selected[position] = index }
      counters[2] = choice.rewards.count
      current.pointee.notes = choice.notes
    }
    let chosen = selectedRewards
    // `because` texts run after selection, only for the rewards given.
    for index in chosen where becauseEntries[index] >= 0 {
      if !machine.run(from: becauseEntries[index]) { return failed(machine.fault) }
    }
    counters[1] += 1
    let strings = machine.strings
    for index in chosen {
      counters[3 + index] += 1
      let kind = RewardKind(rawValue: ints[kindRegisters[index]]) ?? .points
      let amount = ints[amountRegisters[index]]
      switch kind {
      case .points: totals[0] = saturatingAdd(totals[0], amount)
      case .voucher: totals[1] = saturatingAdd(totals[1], amount)
      default: break
      }
      let gift = Decision.Gift(
        kind: kind, amount: amount, rate: kind == .cashback ? machine.floats[rateRegisters[index]] : 0,
        label: kind == .badge ? strings[labelRegisters[index]] : "")
      let value = valueRegisters[index]
      let because = becauseRegisters[index]
      current.pointee.rewards.append(
        Decision.Reward(
          index: index, name: rewardNames[index], gift: gift, value: value >= 0 ? ints[value] : nil,
          because: because >= 0 ? strings[because] : nil))
    }
    for slot in 0..<reasonCount
    where machine.isComputed(reasonDeclarations[slot]) && ints[reasonResults[slot]] != 0 {
      current.pointee.reasonRules.append(reasonPositions[slot])
    }
    if program.explains { current.pointee.trace = trace(selected: chosen, failed: false) }
    if let slots = program.decisionSlots { fillDecisionSlots(slots) }
    return true
  }

  /// Decides one read record and writes its line; returns false when it could not be decided.
  @discardableResult
  public func decide(_ row: borrowing RecordRow, record: Int, explain: Bool, to writer: JSONLinesWriter)
    -> Bool
  {
    guard decide(row, record: record) else {
      writeFailure(record: record, row: row, writer: writer)
      return false
    }
    encoder.writeDecision(current, row: row, schema: schema, explain: explain, to: writer)
    return true
  }

  /// Records a failed decision; always false.
  /// The key of a read row, as text, when the input has one (for tie-breaking hashes).
  public func keyText(_ row: borrowing RecordRow) -> String? {
    guard let field = schema.keyField, row.present[field] else { return nil }
    let slot = schema.slots[field]
    switch slot.storage {
    case .string: return row.strings[slot.index]
    case .int: return String(row.ints[slot.index])
    case .float: return String(row.floats[slot.index])
    }
  }

  private func failed(_ fault: RuntimeFault?) -> Bool {
    let fault = fault ?? RuntimeFault(.overflow, site: -1)
    errorsByCode[fault.code.rawValue, default: 0] += 1
    current.pointee.reset(record: current.pointee.record)
    current.pointee.error = fault
    if program.explains {
      current.pointee.trace = trace(selected: UnsafeBufferPointer(start: nil, count: 0), failed: true)
    }
    if let slots = program.decisionSlots { fillDecisionSlots(slots) }
    return false
  }

  private func writeFailure(record: Int, row: borrowing RecordRow, writer: JSONLinesWriter) {
    encoder.writeFault(
      current.pointee.error ?? RuntimeFault(.overflow, site: -1), record: record, row: row, schema: schema,
      file: inputName, to: writer)
  }

  /// Writes the line of a record the reader could not read.
  public func reject(_ error: RecordError, record: Int, to writer: JSONLinesWriter) {
    counters[0] += 1
    errorsByCode[error.code.rawValue, default: 0] += 1
    encoder.writeReadError(error, record: record, schema: schema, file: inputName, to: writer)
  }

  /// Reads every record from `reader`, deciding and writing each; stops after the first record that
  /// could not be decided when `strict`. A record whose key an earlier one had is rejected (see
  /// `keys`). Returns whether every record was decided.
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
        if let duplicate = keys?.admit(row, record: record) {
          reject(duplicate, record: record, to: writer)
          allDecided = false
        } else if decide(row, record: record, explain: explain, to: writer) {
          if !constraintTallies.isEmpty { tallyConstraints(row) }
        } else {
          allDecided = false
        }
      case .failure(let error):
        keys?.admit(error, record: record)
        reject(error, record: record, to: writer)
        allDecided = false
      }
      if !allDecided && strict { return false }
      if let progress, record & 0xFFFF == 0 { progress(record) }
      record += 1
    }
    return allDecided
  }

  /// The number of records handled so far, for a run that continues over several inputs.
  public var recordsSoFar: Int { counters[0] }
}

@inline(__always)
func saturatingAdd(_ a: Int64, _ b: Int64) -> Int64 {
  let (sum, overflow) = a.addingReportingOverflow(b)
  return overflow ? (b > 0 ? .max : .min) : sum
}
