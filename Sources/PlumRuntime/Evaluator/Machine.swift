#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The register machine that runs a `Program` over records, one record at a time.
///
/// All storage is allocated once: typed register files, the per-declaration "computed in this
/// record" marks (an epoch counter, so nothing is cleared between records) and the return stack
/// of lazily run declarations. A machine is not shared between threads; make one per thread.
public final class Machine {
  /// The program being run.
  public let program: Program
  private let code: UnsafeMutableBufferPointer<Instruction>
  /// The int register file.
  public let ints: UnsafeMutablePointer<Int64>
  /// The float register file.
  public let floats: UnsafeMutablePointer<Double>
  /// The string register file.
  public let strings: UnsafeMutablePointer<String>
  /// The list register file.
  public let lists: UnsafeMutablePointer<ListValue>
  private let counts: (ints: Int, floats: Int, strings: Int, lists: Int)
  private let epochs: UnsafeMutablePointer<Int64>
  private let skipped: UnsafeMutablePointer<Int64>
  /// The current record's number in this machine's life; `grant` stores it in a reward's register.
  public private(set) var epoch: Int64 = 0
  private let consentFailureRegister: Int
  private let returnStack: UnsafeMutablePointer<Int>
  private let intSets: FlatSets<Int64>
  private let floatSets: FlatSets<Double>
  private let stringSets: FlatSets<String>
  private let models: [ModelProgram]
  private let optionalFields: [(field: Int, register: Int)]
  private let inputCounts: (ints: Int, floats: Int, strings: Int)
  /// The error that stopped the last `run`, if it failed.
  public private(set) var fault: RuntimeFault?

  /// Creates a machine for a program, with the as-of date (days since 1970-01-01).
  public init(program: Program, asOf: Int64) {
    self.program = program
    code = .allocate(capacity: max(1, program.code.count))
    _ = code.initialize(from: program.code)
    counts = (
      program.initialInts.count, program.initialFloats.count, program.initialStrings.count,
      program.initialLists.count
    )
    ints = .allocate(capacity: max(1, counts.ints))
    ints.initialize(repeating: 0, count: max(1, counts.ints))
    floats = .allocate(capacity: max(1, counts.floats))
    floats.initialize(repeating: 0, count: max(1, counts.floats))
    strings = .allocate(capacity: max(1, counts.strings))
    strings.initialize(repeating: "", count: max(1, counts.strings))
    lists = .allocate(capacity: max(1, counts.lists))
    lists.initialize(repeating: .ints([]), count: max(1, counts.lists))
    for (index, value) in program.initialInts.enumerated() { ints[index] = value }
    for (index, value) in program.initialFloats.enumerated() { floats[index] = value }
    for (index, value) in program.initialStrings.enumerated() { strings[index] = value }
    for (index, value) in program.initialLists.enumerated() { lists[index] = value }
    let declarationCount = max(1, program.declarations.count)
    epochs = .allocate(capacity: declarationCount)
    epochs.initialize(repeating: 0, count: declarationCount)
    skipped = .allocate(capacity: max(1, program.models.count))
    skipped.initialize(repeating: 0, count: max(1, program.models.count))
    returnStack = .allocate(capacity: declarationCount + 1)
    returnStack.initialize(repeating: 0, count: declarationCount + 1)
    intSets = FlatSets(program.intSets)
    floatSets = FlatSets(program.floatSets)
    stringSets = FlatSets(program.stringSets)
    models = program.models
    let inputs = program.inputs
    optionalFields = inputs.fields.enumerated().compactMap { field, input in
      input.presence.map { (field, Int($0)) }
    }
    inputCounts = (inputs.intSlots, inputs.floatSlots, inputs.stringSlots)
    ints[Int(program.asOfRegister)] = asOf
    consentFailureRegister = Int(program.consentFailureRegister)
  }

  deinit {
    code.deinitialize()
    code.deallocate()
    ints.deinitialize(count: max(1, counts.ints))
    ints.deallocate()
    floats.deinitialize(count: max(1, counts.floats))
    floats.deallocate()
    strings.deinitialize(count: max(1, counts.strings))
    strings.deallocate()
    lists.deinitialize(count: max(1, counts.lists))
    lists.deallocate()
    epochs.deallocate()
    skipped.deallocate()
    returnStack.deallocate()
  }

  /// The as-of date, in days since 1970-01-01.
  public var asOf: Int64 { ints[Int(program.asOfRegister)] }

  /// Starts a new record: every declaration becomes not yet computed.
  @inline(__always)
  public func beginRecord() {
    // 2^63 records is beyond any run, so the counter never wraps.
    epoch += 1
  }

  /// Copies a record's slots (laid out as `PlumData.RecordRow` stores them) into the input
  /// registers and starts a new record.
  @inline(__always)
  public func load(
    ints rowInts: UnsafeBufferPointer<Int64>, floats rowFloats: UnsafeBufferPointer<Double>,
    strings rowStrings: UnsafeBufferPointer<String>, present: UnsafeBufferPointer<Bool>
  ) {
    beginRecord()
    for index in 0..<min(inputCounts.ints, rowInts.count) { ints[index] = rowInts[index] }
    for index in 0..<min(inputCounts.floats, rowFloats.count) { floats[index] = rowFloats[index] }
    for index in 0..<min(inputCounts.strings, rowStrings.count) { strings[index] = rowStrings[index] }
    for (field, register) in optionalFields {
      ints[register] = field < present.count && present[field] ? 1 : 0
    }
  }

  /// Whether the reward whose `granted` register is `register` was granted for the current record.
  @inline(__always)
  public func isGranted(_ register: Register) -> Bool { ints[Int(register)] == epoch }

  /// Whether declaration `index` was computed for the current record.
  public func isComputed(_ declaration: Int) -> Bool { epochs[declaration] == epoch }

  /// Whether model `index` was skipped for the current record because its consent was false.
  public func lacksConsent(_ model: Int) -> Bool { skipped[model] == epoch }

  /// Runs the code from `entry` until `halt`; returns false (and sets `fault`) on a runtime error.
  @discardableResult
  public func run(from entry: Address) -> Bool {
    let epoch = self.epoch
    var pc = Int(entry)
    var depth = 0
    var abortTarget = -1
    let ints = self.ints
    let floats = self.floats
    let code = self.code
    while true {
      switch code[pc] {
      case .setInt(let d, let value):
        ints[Int(d)] = value
      case .copyInt(let d, let a):
        ints[Int(d)] = ints[Int(a)]
      case .copyFloat(let d, let a):
        floats[Int(d)] = floats[Int(a)]
      case .copyString(let d, let a):
        strings[Int(d)] = strings[Int(a)]
      case .copyList(let d, let a):
        lists[Int(d)] = lists[Int(a)]

      case .addInt(let d, let a, let b, let site):
        let (value, overflow) = ints[Int(a)].addingReportingOverflow(ints[Int(b)])
        if overflow { return fail(.overflow, site) }
        ints[Int(d)] = value
      case .subtractInt(let d, let a, let b, let site):
        let (value, overflow) = ints[Int(a)].subtractingReportingOverflow(ints[Int(b)])
        if overflow { return fail(.overflow, site) }
        ints[Int(d)] = value
      case .multiplyInt(let d, let a, let b, let site):
        let (value, overflow) = ints[Int(a)].multipliedReportingOverflow(by: ints[Int(b)])
        if overflow { return fail(.overflow, site) }
        ints[Int(d)] = value
      case .divideInt(let d, let a, let b, let site):
        let divisor = ints[Int(b)]
        if divisor == 0 { return fail(.divisionByZero, site) }
        let (value, overflow) = ints[Int(a)].dividedReportingOverflow(by: divisor)
        if overflow { return fail(.overflow, site) }
        ints[Int(d)] = value
      case .remainderInt(let d, let a, let b, let site):
        let divisor = ints[Int(b)]
        if divisor == 0 { return fail(.divisionByZero, site) }
        // Int64.min % -1 is 0 mathematically; the reporting form flags it, so special-case it.
        ints[Int(d)] = divisor == -1 ? 0 : ints[Int(a)] % divisor
      case .negateInt(let d, let a, let site):
        let (value, overflow) = Int64(0).subtractingReportingOverflow(ints[Int(a)])
        if overflow { return fail(.overflow, site) }
        ints[Int(d)] = value
      case .absInt(let d, let a, let site):
        let value = ints[Int(a)]
        if value == .min { return fail(.overflow, site) }
        ints[Int(d)] = value < 0 ? -value : value
      case .minInt(let d, let a, let b):
        ints[Int(d)] = Swift.min(ints[Int(a)], ints[Int(b)])
      case .maxInt(let d, let a, let b):
        ints[Int(d)] = Swift.max(ints[Int(a)], ints[Int(b)])

      case .multiplyMoneyByFloat(let d, let a, let b, let site):
        guard let value = Money.multiply(ints[Int(a)], by: floats[Int(b)]) else { return fail(.overflow, site) }
        ints[Int(d)] = value
      case .divideMoneyByInt(let d, let a, let b, let site):
        if ints[Int(b)] == 0 { return fail(.divisionByZero, site) }
        guard let value = Money.divide(ints[Int(a)], by: ints[Int(b)]) else { return fail(.overflow, site) }
        ints[Int(d)] = value
      case .divideMoneyByFloat(let d, let a, let b, let site):
        if floats[Int(b)] == 0 { return fail(.divisionByZero, site) }
        guard let value = Money.divide(ints[Int(a)], by: floats[Int(b)]) else { return fail(.overflow, site) }
        ints[Int(d)] = value
      case .moneyRatio(let d, let a, let b, let site):
        if ints[Int(b)] == 0 { return fail(.divisionByZero, site) }
        floats[Int(d)] = Double(ints[Int(a)]) / Double(ints[Int(b)])
      case .moneyToFloat(let d, let a, let digits):
        floats[Int(d)] = Money.toDouble(ints[Int(a)], digits: Int(digits))

      case .addFloat(let d, let a, let b, let site):
        let value = floats[Int(a)] + floats[Int(b)]
        if !value.isFinite { return fail(.notFinite, site) }
        floats[Int(d)] = value
      case .subtractFloat(let d, let a, let b, let site):
        let value = floats[Int(a)] - floats[Int(b)]
        if !value.isFinite { return fail(.notFinite, site) }
        floats[Int(d)] = value
      case .multiplyFloat(let d, let a, let b, let site):
        let value = floats[Int(a)] * floats[Int(b)]
        if !value.isFinite { return fail(.notFinite, site) }
        floats[Int(d)] = value
      case .divideFloat(let d, let a, let b, let site):
        let divisor = floats[Int(b)]
        if divisor == 0 { return fail(.divisionByZero, site) }
        let value = floats[Int(a)] / divisor
        if !value.isFinite { return fail(.notFinite, site) }
        floats[Int(d)] = value
      case .remainderFloat(let d, let a, let b, let site):
        let divisor = floats[Int(b)]
        if divisor == 0 { return fail(.divisionByZero, site) }
        floats[Int(d)] = fmod(floats[Int(a)], divisor)
      case .negateFloat(let d, let a):
        floats[Int(d)] = -floats[Int(a)]
      case .intToFloat(let d, let a):
        floats[Int(d)] = Double(ints[Int(a)])
      case .floatToInt(let d, let a, let mode, let site):
        guard let value = Numerics.toInt(floats[Int(a)], mode) else { return fail(.conversion, site) }
        ints[Int(d)] = value
      case .roundToDecimals(let d, let a, let b, let site):
        let value = Numerics.round(floats[Int(a)], decimals: ints[Int(b)])
        if !value.isFinite { return fail(.notFinite, site) }
        floats[Int(d)] = value
      case .floatFunction(let function, let d, let a, let site):
        switch Numerics.apply(function, floats[Int(a)]) {
        case .success(let value): floats[Int(d)] = value
        case .failure(let code): return fail(code, site)
        }
      case .power(let d, let a, let b, let site):
        let value = pow(floats[Int(a)], floats[Int(b)])
        if value.isNaN { return fail(.domain, site) }
        if !value.isFinite { return fail(.notFinite, site) }
        floats[Int(d)] = value
      case .minFloat(let d, let a, let b):
        floats[Int(d)] = Swift.min(floats[Int(a)], floats[Int(b)])
      case .maxFloat(let d, let a, let b):
        floats[Int(d)] = Swift.max(floats[Int(a)], floats[Int(b)])

      case .compareInt(let op, let d, let a, let b):
        ints[Int(d)] = op.holds(ints[Int(a)], ints[Int(b)]) ? 1 : 0
      case .compareFloat(let op, let d, let a, let b):
        ints[Int(d)] = op.holds(floats[Int(a)], floats[Int(b)]) ? 1 : 0
      case .compareString(let op, let d, let a, let b):
        ints[Int(d)] = op.holds(strings[Int(a)], strings[Int(b)]) ? 1 : 0
      case .not(let d, let a):
        ints[Int(d)] = ints[Int(a)] == 0 ? 1 : 0
      case .memberInt(let d, let a, let set, let negated):
        ints[Int(d)] = intSets.contains(ints[Int(a)], in: Int(set)) != negated ? 1 : 0
      case .memberFloat(let d, let a, let set, let negated):
        ints[Int(d)] = floatSets.contains(floats[Int(a)], in: Int(set)) != negated ? 1 : 0
      case .memberString(let d, let a, let set, let negated):
        ints[Int(d)] = stringSets.contains(strings[Int(a)], in: Int(set)) != negated ? 1 : 0
      case .memberIntList(let d, let a, let l, let negated):
        guard case .ints(let values) = lists[Int(l)] else { ints[Int(d)] = negated ? 1 : 0; break }
        ints[Int(d)] = values.contains(ints[Int(a)]) != negated ? 1 : 0
      case .memberFloatList(let d, let a, let l, let negated):
        guard case .floats(let values) = lists[Int(l)] else { ints[Int(d)] = negated ? 1 : 0; break }
        ints[Int(d)] = values.contains(floats[Int(a)]) != negated ? 1 : 0
      case .memberStringList(let d, let a, let l, let negated):
        guard case .strings(let values) = lists[Int(l)] else { ints[Int(d)] = negated ? 1 : 0; break }
        ints[Int(d)] = values.contains(strings[Int(a)]) != negated ? 1 : 0

      case .jump(let target):
        pc = Int(target)
        continue
      case .jumpIfFalse(let c, let target):
        if ints[Int(c)] == 0 {
          pc = Int(target)
          continue
        }
      case .jumpIfTrue(let c, let target):
        if ints[Int(c)] != 0 {
          pc = Int(target)
          continue
        }
      case .jumpUnlessInt(let op, let a, let b, let target):
        if !op.holds(ints[Int(a)], ints[Int(b)]) {
          pc = Int(target)
          continue
        }
      case .jumpUnlessFloat(let op, let a, let b, let target):
        if !op.holds(floats[Int(a)], floats[Int(b)]) {
          pc = Int(target)
          continue
        }
      case .jumpUnlessMemberInt(let a, let set, let negated, let target):
        if intSets.contains(ints[Int(a)], in: Int(set)) == negated {
          pc = Int(target)
          continue
        }
      case .jumpUnlessMemberString(let a, let set, let negated, let target):
        if stringSets.contains(strings[Int(a)], in: Int(set)) == negated {
          pc = Int(target)
          continue
        }
      case .ensure(let decl, let entry):
        if epochs[Int(decl)] != epoch {
          returnStack[depth] = pc + 1
          depth += 1
          pc = Int(entry)
          continue
        }
      case .returnFrom(let decl):
        epochs[Int(decl)] = epoch
        depth -= 1
        pc = returnStack[depth]
        continue
      case .onConsentFailure(let target):
        abortTarget = Int(target)
      case .requireConsent(let c, let model):
        if ints[Int(c)] == 0 {
          skipped[Int(model)] = epoch
          ints[consentFailureRegister] = Int64(model) + 1
          guard abortTarget >= 0 else { return true }
          depth = 0
          pc = abortTarget
          continue
        }
      case .evaluateModel(let d, let model, let site):
        let value = models[Int(model)].scorer.probability(UnsafePointer(floats + Int(models[Int(model)].firstFeature)))
        if !value.isFinite { return fail(.notFinite, site) }
        floats[Int(d)] = value
      case .grant(let granted):
        ints[Int(granted)] = epoch
      case .halt:
        return true

      case .stringLength(let d, let a):
        ints[Int(d)] = Int64(strings[Int(a)].count)
      case .stringFunction(let function, let d, let a):
        strings[Int(d)] = Text.apply(function, strings[Int(a)])
      case .stringTest(let test, let d, let a, let b):
        ints[Int(d)] = Text.holds(test, strings[Int(a)], strings[Int(b)]) ? 1 : 0
      case .clearString(let d):
        strings[Int(d)] = ""
      case .appendText(let d, let text):
        strings[Int(d)] += program.strings[Int(text)]
      case .appendValue(let d, let a, let kind, let format):
        let text = display(a, kind, format)
        strings[Int(d)] += text
      case .makeList(let d, let kind, let first, let count):
        let range = Int(first)..<Int(first) + Int(count)
        switch kind {
        case .int: lists[Int(d)] = .ints(range.map { ints[$0] })
        case .float: lists[Int(d)] = .floats(range.map { floats[$0] })
        case .string: lists[Int(d)] = .strings(range.map { strings[$0] })
        }
      case .listLength(let d, let l):
        ints[Int(d)] = Int64(lists[Int(l)].count)
      case .countTrue(let d, let l):
        guard case .ints(let values) = lists[Int(l)] else { ints[Int(d)] = 0; break }
        ints[Int(d)] = Int64(values.reduce(0) { $0 + ($1 != 0 ? 1 : 0) })
      case .datePart(let part, let d, let a):
        ints[Int(d)] = Numerics.datePart(part, of: ints[Int(a)])
      }
      pc += 1
    }
  }

  private func fail(_ code: RuntimeErrorCode, _ site: Int32) -> Bool {
    fault = RuntimeFault(code, site: site)
    return false
  }

  /// The text of the value in register `register` shown as `kind` with `format`.
  public func display(_ register: Register, _ kind: DisplayKind, _ format: DisplayFormat = .plain) -> String {
    let index = Int(register)
    switch kind {
    case .bool: return ints[index] != 0 ? "true" : "false"
    case .int:
      switch format {
      case .plain: return String(ints[index])
      case .decimals(let n): return NumberFormat.fixed(Double(ints[index]), decimals: Int(n))
      case .percent(let n): return NumberFormat.percent(Double(ints[index]), decimals: Int(n))
      }
    case .float:
      switch format {
      case .plain: return NumberFormat.shortest(floats[index])
      case .decimals(let n): return NumberFormat.fixed(floats[index], decimals: Int(n))
      case .percent(let n): return NumberFormat.percent(floats[index], decimals: Int(n))
      }
    case .string: return strings[index]
    case .date: return CivilDate.format(ints[index])
    case .duration: return ints[index] == 1 || ints[index] == -1 ? "\(ints[index]) day" : "\(ints[index]) days"
    case .money(let digits, let currency):
      let code = program.strings.indices.contains(Int(currency)) ? program.strings[Int(currency)] : ""
      switch format {
      case .plain: return Money.format(ints[index], digits: Int(digits)) + " " + code
      case .decimals(let n):
        return NumberFormat.fixed(Money.toDouble(ints[index], digits: Int(digits)), decimals: Int(n)) + " " + code
      case .percent(let n):
        return NumberFormat.percent(Money.toDouble(ints[index], digits: Int(digits)), decimals: Int(n))
      }
    case .enumeration(let enumeration):
      let cases = program.enumerations.indices.contains(Int(enumeration)) ? program.enumerations[Int(enumeration)] : []
      let value = Int(ints[index])
      return cases.indices.contains(value) ? cases[value] : String(value)
    case .list(let element):
      switch (element, lists[index]) {
      case (_, .ints(let values)):
        return "[" + values.map { String($0) }.joined(separator: ", ") + "]"
      case (_, .floats(let values)):
        return "[" + values.map { NumberFormat.shortest($0) }.joined(separator: ", ") + "]"
      case (_, .strings(let values)):
        return "[" + values.joined(separator: ", ") + "]"
      }
    }
  }
}

/// Constant sets stored back to back, so a membership test touches one contiguous buffer.
struct FlatSets<Element: Equatable> {
  private let storage: [Element]
  private let bounds: [(start: Int, end: Int)]

  init(_ sets: [[Element]]) {
    storage = sets.flatMap { $0 }
    var start = 0
    bounds = sets.map { set in
      defer { start += set.count }
      return (start, start + set.count)
    }
  }

  @inline(__always)
  func contains(_ value: Element, in set: Int) -> Bool {
    let (start, end) = bounds[set]
    return storage.withUnsafeBufferPointer { buffer in
      var index = start
      while index < end {
        if buffer[index] == value { return true }
        index += 1
      }
      return false
    }
  }
}

extension Comparator {
  /// Whether `a ∘ b` holds.
  @inline(__always)
  public func holds<T: Comparable>(_ a: T, _ b: T) -> Bool {
    switch self {
    case .equal: a == b
    case .notEqual: a != b
    case .less: a < b
    case .lessEqual: a <= b
    case .greater: a > b
    case .greaterEqual: a >= b
    }
  }
}
