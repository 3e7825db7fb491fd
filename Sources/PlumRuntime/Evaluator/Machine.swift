import PlumData
import PlumModels

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The register machine that runs a `Program` over records, one record at a time.
///
/// All storage is allocated once: typed register files, the per-declaration "computed in this
/// record" marks (a record counter, so nothing is cleared between records) and the return stack
/// of lazily run declarations. A machine is not shared between threads; make one per thread.
public final class Machine {
  /// The program being run.
  public let program: Program
  private let code: UnsafeMutablePointer<Instruction>
  private let codeCount: Int
  // The typed register files; only the runtime reads and writes them.
  let ints: UnsafeMutablePointer<Int64>
  let floats: UnsafeMutablePointer<Double>
  let strings: UnsafeMutablePointer<String>
  let lists: UnsafeMutablePointer<ListValue>
  private let counts: (ints: Int, floats: Int, strings: Int, lists: Int)
  private let epochs: UnsafeMutablePointer<Int64>
  private let skipped: UnsafeMutablePointer<Int64>
  // state[0] is the current record's number in this machine's life (the epoch); `grant` stores it.
  private let state: UnsafeMutablePointer<Int64>
  private let consentFailureRegister: Int
  private let returnStack: UnsafeMutablePointer<Int>
  private let sets: ConstantSets
  private let displays: [Display]
  private let models: [RuntimeModel]
  private let firstFeatures: [Int]
  private let featureCounts: [Int]
  private let optionalFields: [(field: Int, register: Int)]
  private let inputCounts: (ints: Int, floats: Int, strings: Int)
  // The string slots the code reads; the others are never copied (each copy costs reference counting).
  let readStrings: UnsafeMutableBufferPointer<Int>
  /// The error that stopped the last `run`, if it failed.
  public private(set) var fault: RuntimeFault?

  /// Creates a machine for a program, with the as-of date (days since 1970-01-01).
  public init(program: Program, asOf: Int64) {
    self.program = program
    displays = program.displays
    codeCount = max(1, program.code.count)
    code = .allocate(capacity: codeCount)
    code.initialize(repeating: .halt, count: codeCount)
    for (index, instruction) in program.code.enumerated() { code[index] = instruction }
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
    state = .allocate(capacity: 1)
    state.initialize(to: 0)
    returnStack = .allocate(capacity: declarationCount + 1)
    returnStack.initialize(repeating: 0, count: declarationCount + 1)
    sets = ConstantSets(ints: program.intSets, floats: program.floatSets, strings: program.stringSets)
    models = program.models.map(\.model)
    firstFeatures = program.models.map { Int($0.firstFeature) }
    featureCounts = program.models.map(\.featureNames.count)
    let inputs = program.inputs
    optionalFields = inputs.fields.enumerated().compactMap { field, input in
      input.presence.map { (field, Int($0)) }
    }
    inputCounts = (inputs.intSlots, inputs.floatSlots, inputs.stringSlots)
    let read = inputs.fields.filter { $0.isRead && $0.display == .string }.map { Int($0.slot) }
    // Exactly `read.count` slots: the buffer is iterated, so every slot must be initialised (a
    // policy that reads no string field has an empty buffer).
    readStrings = .allocate(capacity: read.count)
    _ = readStrings.initialize(from: read)
    ints[Int(program.asOfRegister)] = asOf
    consentFailureRegister = Int(program.consentFailureRegister)
  }

  deinit {
    code.deinitialize(count: codeCount)
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
    state.deallocate()
    returnStack.deallocate()
    sets.deallocate()
    readStrings.deallocate()
  }

  /// The as-of date, in days since 1970-01-01.
  ///
  /// A server sets it per request (or per record) before deciding; nothing else writes it.
  public var asOf: Int64 {
    get { ints[Int(program.asOfRegister)] }
    set { ints[Int(program.asOfRegister)] = newValue }
  }

  /// The current record's number in this machine's life; `grant` stores it in a reward's register.
  @inline(__always)
  public var epoch: Int64 { state[0] }

  /// Starts a new record: every declaration becomes not yet computed.
  @inline(__always)
  public func beginRecord() {
    // 2^63 records is beyond any run, so the counter never wraps.
    state[0] += 1
  }

  /// Copies a row's values into the input registers (rows and registers share one layout) and
  /// starts a new record.
  @inline(__always)
  public func load(_ row: borrowing RecordRow) {
    row.ints.withUnsafeBufferPointer { ints in
      row.floats.withUnsafeBufferPointer { floats in
        row.strings.withUnsafeBufferPointer { strings in
          row.present.withUnsafeBufferPointer { present in
            load(ints: ints, floats: floats, strings: strings, present: present)
          }
        }
      }
    }
  }

  /// Copies a record's slots (laid out as `PlumData.RecordRow` stores them) into the input
  /// registers and starts a new record.
  @inline(__always)
  public func load(
    ints rowInts: UnsafeBufferPointer<Int64>, floats rowFloats: UnsafeBufferPointer<Double>,
    strings rowStrings: UnsafeBufferPointer<String>, present: UnsafeBufferPointer<Bool>
  ) {
    state[0] += 1
    if let base = rowInts.baseAddress { ints.update(from: base, count: min(inputCounts.ints, rowInts.count)) }
    if let base = rowFloats.baseAddress {
      floats.update(from: base, count: min(inputCounts.floats, rowFloats.count))
    }
    for index in readStrings where index < rowStrings.count { strings[index] = rowStrings[index] }
    if optionalFields.isEmpty { return }
    for (field, register) in optionalFields {
      ints[register] = field < present.count && present[field] ? 1 : 0
    }
  }

  /// Whether the reward whose `granted` register is `register` was granted for the current record.
  @inline(__always)
  public func isGranted(_ register: Register) -> Bool { ints[Int(register)] == state[0] }

  /// Whether declaration `index` was computed for the current record.
  public func isComputed(_ declaration: Int) -> Bool { epochs[declaration] == state[0] }

  /// Whether model `index` was skipped for the current record because its consent was false.
  public func lacksConsent(_ model: Int) -> Bool { skipped[model] == state[0] }

  /// Runs the code from `entry` until `halt`; returns false (and sets `fault`) on a runtime error.
  @discardableResult
  public func run(from entry: Address) -> Bool {
    let epoch = state[0]
    var pc = Int(entry)
    var depth = 0
    var abortTarget = -1
    let ints = self.ints
    let floats = self.floats
    let strings = self.strings
    let code = self.code
    while true {
      let i = code + pc
      pc &+= 1
      switch i.pointee.opcode {
      case .setInt: ints[Int(i.pointee.d)] = i.pointee.imm
      case .copyInt: ints[Int(i.pointee.d)] = ints[Int(i.pointee.a)]
      case .copyFloat: floats[Int(i.pointee.d)] = floats[Int(i.pointee.a)]
      case .copyString: strings[Int(i.pointee.d)] = strings[Int(i.pointee.a)]
      case .copyList: lists[Int(i.pointee.d)] = lists[Int(i.pointee.a)]

      case .addInt:
        let (value, overflow) = ints[Int(i.pointee.a)].addingReportingOverflow(ints[Int(i.pointee.b)])
        if overflow { return fail(.overflow, i.pointee.c) }
        ints[Int(i.pointee.d)] = value
      case .subtractInt:
        let (value, overflow) = ints[Int(i.pointee.a)].subtractingReportingOverflow(ints[Int(i.pointee.b)])
        if overflow { return fail(.overflow, i.pointee.c) }
        ints[Int(i.pointee.d)] = value
      case .multiplyInt:
        let (value, overflow) = ints[Int(i.pointee.a)].multipliedReportingOverflow(by: ints[Int(i.pointee.b)])
        if overflow { return fail(.overflow, i.pointee.c) }
        ints[Int(i.pointee.d)] = value
      case .divideInt:
        let divisor = ints[Int(i.pointee.b)]
        if divisor == 0 { return fail(.divisionByZero, i.pointee.c) }
        let (value, overflow) = ints[Int(i.pointee.a)].dividedReportingOverflow(by: divisor)
        if overflow { return fail(.overflow, i.pointee.c) }
        ints[Int(i.pointee.d)] = value
      case .remainderInt:
        let divisor = ints[Int(i.pointee.b)]
        if divisor == 0 { return fail(.divisionByZero, i.pointee.c) }
        // Int64.min % -1 is 0 mathematically, but the hardware traps: answer it directly.
        ints[Int(i.pointee.d)] = divisor == -1 ? 0 : ints[Int(i.pointee.a)] % divisor
      case .negateInt:
        let (value, overflow) = Int64(0).subtractingReportingOverflow(ints[Int(i.pointee.a)])
        if overflow { return fail(.overflow, i.pointee.c) }
        ints[Int(i.pointee.d)] = value
      case .absInt:
        let value = ints[Int(i.pointee.a)]
        if value == .min { return fail(.overflow, i.pointee.c) }
        ints[Int(i.pointee.d)] = value < 0 ? -value : value
      case .minInt: ints[Int(i.pointee.d)] = Swift.min(ints[Int(i.pointee.a)], ints[Int(i.pointee.b)])
      case .maxInt: ints[Int(i.pointee.d)] = Swift.max(ints[Int(i.pointee.a)], ints[Int(i.pointee.b)])

      case .multiplyMoneyByFloat:
        guard let value = Money.multiply(ints[Int(i.pointee.a)], by: floats[Int(i.pointee.b)]) else {
          return fail(.overflow, i.pointee.c)
        }
        ints[Int(i.pointee.d)] = value
      case .divideMoneyByInt:
        if ints[Int(i.pointee.b)] == 0 { return fail(.divisionByZero, i.pointee.c) }
        guard let value = Money.divide(ints[Int(i.pointee.a)], by: ints[Int(i.pointee.b)]) else {
          return fail(.overflow, i.pointee.c)
        }
        ints[Int(i.pointee.d)] = value
      case .divideMoneyByFloat:
        if floats[Int(i.pointee.b)] == 0 { return fail(.divisionByZero, i.pointee.c) }
        guard let value = Money.divide(ints[Int(i.pointee.a)], by: floats[Int(i.pointee.b)]) else {
          return fail(.overflow, i.pointee.c)
        }
        ints[Int(i.pointee.d)] = value
      case .moneyRatio:
        if ints[Int(i.pointee.b)] == 0 { return fail(.divisionByZero, i.pointee.c) }
        floats[Int(i.pointee.d)] = Double(ints[Int(i.pointee.a)]) / Double(ints[Int(i.pointee.b)])
      case .moneyToFloat:
        floats[Int(i.pointee.d)] = Money.toDouble(ints[Int(i.pointee.a)], digits: Int(i.pointee.b))

      case .addFloat:
        let value = floats[Int(i.pointee.a)] + floats[Int(i.pointee.b)]
        if !value.isFinite { return fail(.notFinite, i.pointee.c) }
        floats[Int(i.pointee.d)] = value
      case .subtractFloat:
        let value = floats[Int(i.pointee.a)] - floats[Int(i.pointee.b)]
        if !value.isFinite { return fail(.notFinite, i.pointee.c) }
        floats[Int(i.pointee.d)] = value
      case .multiplyFloat:
        let value = floats[Int(i.pointee.a)] * floats[Int(i.pointee.b)]
        if !value.isFinite { return fail(.notFinite, i.pointee.c) }
        floats[Int(i.pointee.d)] = value
      case .divideFloat:
        let divisor = floats[Int(i.pointee.b)]
        if divisor == 0 { return fail(.divisionByZero, i.pointee.c) }
        let value = floats[Int(i.pointee.a)] / divisor
        if !value.isFinite { return fail(.notFinite, i.pointee.c) }
        floats[Int(i.pointee.d)] = value
      case .remainderFloat:
        let divisor = floats[Int(i.pointee.b)]
        if divisor == 0 { return fail(.divisionByZero, i.pointee.c) }
        floats[Int(i.pointee.d)] = fmod(floats[Int(i.pointee.a)], divisor)
      case .negateFloat: floats[Int(i.pointee.d)] = -floats[Int(i.pointee.a)]
      case .intToFloat: floats[Int(i.pointee.d)] = Double(ints[Int(i.pointee.a)])
      case .truncateToInt:
        if !convert(.truncate, i) { return false }
      case .roundToInt:
        if !convert(.nearest, i) { return false }
      case .floorToInt:
        if !convert(.floor, i) { return false }
      case .ceilingToInt:
        if !convert(.ceiling, i) { return false }
      case .roundToDecimals:
        let value = Numerics.round(floats[Int(i.pointee.a)], decimals: ints[Int(i.pointee.b)])
        if !value.isFinite { return fail(.notFinite, i.pointee.c) }
        floats[Int(i.pointee.d)] = value
      case .absFloat:
        if !apply(.abs, i) { return false }
      case .squareRoot:
        if !apply(.sqrt, i) { return false }
      case .exponential:
        if !apply(.exp, i) { return false }
      case .naturalLogarithm:
        if !apply(.ln, i) { return false }
      case .commonLogarithm:
        if !apply(.log10, i) { return false }
      case .sigmoid: floats[Int(i.pointee.d)] = Numerics.sigmoid(floats[Int(i.pointee.a)])
      case .power:
        let value = pow(floats[Int(i.pointee.a)], floats[Int(i.pointee.b)])
        if value.isNaN { return fail(.domain, i.pointee.c) }
        if !value.isFinite { return fail(.notFinite, i.pointee.c) }
        floats[Int(i.pointee.d)] = value
      case .minFloat: floats[Int(i.pointee.d)] = Swift.min(floats[Int(i.pointee.a)], floats[Int(i.pointee.b)])
      case .maxFloat: floats[Int(i.pointee.d)] = Swift.max(floats[Int(i.pointee.a)], floats[Int(i.pointee.b)])

      case .compareIntEqual: compare(.equal, ints, i)
      case .compareIntNotEqual: compare(.notEqual, ints, i)
      case .compareIntLess: compare(.less, ints, i)
      case .compareIntLessEqual: compare(.lessEqual, ints, i)
      case .compareIntGreater: compare(.greater, ints, i)
      case .compareIntGreaterEqual: compare(.greaterEqual, ints, i)
      case .compareFloatEqual: compare(.equal, floats, i)
      case .compareFloatNotEqual: compare(.notEqual, floats, i)
      case .compareFloatLess: compare(.less, floats, i)
      case .compareFloatLessEqual: compare(.lessEqual, floats, i)
      case .compareFloatGreater: compare(.greater, floats, i)
      case .compareFloatGreaterEqual: compare(.greaterEqual, floats, i)
      // Strings are only compared for equality, by their Unicode scalars.
      case .compareStringEqual:
        ints[Int(i.pointee.d)] = Text.same(strings[Int(i.pointee.a)], strings[Int(i.pointee.b)]) ? 1 : 0
      case .compareStringNotEqual:
        ints[Int(i.pointee.d)] = Text.same(strings[Int(i.pointee.a)], strings[Int(i.pointee.b)]) ? 0 : 1
      case .not: ints[Int(i.pointee.d)] = ints[Int(i.pointee.a)] == 0 ? 1 : 0
      case .memberInt, .notMemberInt:
        let found = sets.contains(ints[Int(i.pointee.a)], inIntSet: Int(i.pointee.b))
        ints[Int(i.pointee.d)] = found != (i.pointee.opcode == .notMemberInt) ? 1 : 0
      case .memberFloat, .notMemberFloat:
        let found = sets.contains(floats[Int(i.pointee.a)], inFloatSet: Int(i.pointee.b))
        ints[Int(i.pointee.d)] = found != (i.pointee.opcode == .notMemberFloat) ? 1 : 0
      case .memberString, .notMemberString:
        let found = sets.contains(strings[Int(i.pointee.a)], inStringSet: Int(i.pointee.b))
        ints[Int(i.pointee.d)] = found != (i.pointee.opcode == .notMemberString) ? 1 : 0
      case .memberIntList, .notMemberIntList:
        let found: Bool
        if case .ints(let values) = lists[Int(i.pointee.b)] {
          found = values.contains(ints[Int(i.pointee.a)])
        } else {
          found = false
        }
        ints[Int(i.pointee.d)] = found != (i.pointee.opcode == .notMemberIntList) ? 1 : 0
      case .memberFloatList, .notMemberFloatList:
        let found: Bool
        if case .floats(let values) = lists[Int(i.pointee.b)] {
          found = values.contains(floats[Int(i.pointee.a)])
        } else {
          found = false
        }
        ints[Int(i.pointee.d)] = found != (i.pointee.opcode == .notMemberFloatList) ? 1 : 0
      case .memberStringList, .notMemberStringList:
        let found: Bool
        if case .strings(let values) = lists[Int(i.pointee.b)] {
          let value = strings[Int(i.pointee.a)]
          found = values.contains { Text.same($0, value) }
        } else {
          found = false
        }
        ints[Int(i.pointee.d)] = found != (i.pointee.opcode == .notMemberStringList) ? 1 : 0

      case .jump: pc = Int(i.pointee.d)
      case .jumpIfFalse: if ints[Int(i.pointee.a)] == 0 { pc = Int(i.pointee.d) }
      case .jumpIfTrue: if ints[Int(i.pointee.a)] != 0 { pc = Int(i.pointee.d) }
      case .jumpUnlessIntEqual:
        if !(ints[Int(i.pointee.a)] == ints[Int(i.pointee.b)]) { pc = Int(i.pointee.d) }
      case .jumpUnlessIntNotEqual:
        if !(ints[Int(i.pointee.a)] != ints[Int(i.pointee.b)]) { pc = Int(i.pointee.d) }
      case .jumpUnlessIntLess: if !(ints[Int(i.pointee.a)] < ints[Int(i.pointee.b)]) { pc = Int(i.pointee.d) }
      case .jumpUnlessIntLessEqual:
        if !(ints[Int(i.pointee.a)] <= ints[Int(i.pointee.b)]) { pc = Int(i.pointee.d) }
      case .jumpUnlessIntGreater:
        if !(ints[Int(i.pointee.a)] > ints[Int(i.pointee.b)]) { pc = Int(i.pointee.d) }
      case .jumpUnlessIntGreaterEqual:
        if !(ints[Int(i.pointee.a)] >= ints[Int(i.pointee.b)]) { pc = Int(i.pointee.d) }
      case .jumpUnlessFloatEqual:
        if !(floats[Int(i.pointee.a)] == floats[Int(i.pointee.b)]) { pc = Int(i.pointee.d) }
      case .jumpUnlessFloatNotEqual:
        if !(floats[Int(i.pointee.a)] != floats[Int(i.pointee.b)]) { pc = Int(i.pointee.d) }
      case .jumpUnlessFloatLess:
        if !(floats[Int(i.pointee.a)] < floats[Int(i.pointee.b)]) { pc = Int(i.pointee.d) }
      case .jumpUnlessFloatLessEqual:
        if !(floats[Int(i.pointee.a)] <= floats[Int(i.pointee.b)]) { pc = Int(i.pointee.d) }
      case .jumpUnlessFloatGreater:
        if !(floats[Int(i.pointee.a)] > floats[Int(i.pointee.b)]) { pc = Int(i.pointee.d) }
      case .jumpUnlessFloatGreaterEqual:
        if !(floats[Int(i.pointee.a)] >= floats[Int(i.pointee.b)]) { pc = Int(i.pointee.d) }
      case .jumpUnlessMemberInt:
        if !sets.contains(ints[Int(i.pointee.a)], inIntSet: Int(i.pointee.b)) { pc = Int(i.pointee.d) }
      case .jumpUnlessNotMemberInt:
        if sets.contains(ints[Int(i.pointee.a)], inIntSet: Int(i.pointee.b)) { pc = Int(i.pointee.d) }
      case .jumpUnlessMemberString:
        if !sets.contains(strings[Int(i.pointee.a)], inStringSet: Int(i.pointee.b)) { pc = Int(i.pointee.d) }
      case .jumpUnlessNotMemberString:
        if sets.contains(strings[Int(i.pointee.a)], inStringSet: Int(i.pointee.b)) { pc = Int(i.pointee.d) }
      case .ensure:
        if epochs[Int(i.pointee.a)] != epoch {
          returnStack[depth] = pc
          depth += 1
          pc = Int(i.pointee.d)
        }
      case .returnFrom:
        epochs[Int(i.pointee.a)] = epoch
        depth -= 1
        pc = returnStack[depth]
      case .onConsentFailure: abortTarget = Int(i.pointee.d)
      case .requireConsent:
        if ints[Int(i.pointee.a)] == 0 {
          skipped[Int(i.pointee.b)] = epoch
          ints[consentFailureRegister] = Int64(i.pointee.b) + 1
          guard abortTarget >= 0 else { return true }
          depth = 0
          pc = abortTarget
        }
      case .evaluateModel:
        let model = Int(i.pointee.b)
        let features = UnsafeBufferPointer(start: floats + firstFeatures[model], count: featureCounts[model])
        let value = models[model].score(features)
        if !value.isFinite { return fail(.notFinite, i.pointee.c) }
        floats[Int(i.pointee.d)] = value
      case .evaluateSegment:
        let model = Int(i.pointee.b)
        let features = UnsafeBufferPointer(start: floats + firstFeatures[model], count: featureCounts[model])
        let assignment = models[model].assignment(features)
        // A segment of −1 means a feature was NaN or infinite: no centroid is nearest.
        if !(assignment.segment >= 0) { return fail(.notFinite, i.pointee.c) }
        ints[Int(i.pointee.d)] = Int64(assignment.segment)
        floats[Int(i.pointee.a)] = assignment.distance
      case .grant: ints[Int(i.pointee.d)] = epoch
      case .halt: return true

      case .stringLength: ints[Int(i.pointee.d)] = Int64(strings[Int(i.pointee.a)].count)
      case .lower: strings[Int(i.pointee.d)] = Text.apply(.lower, strings[Int(i.pointee.a)])
      case .upper: strings[Int(i.pointee.d)] = Text.apply(.upper, strings[Int(i.pointee.a)])
      case .trim: strings[Int(i.pointee.d)] = Text.apply(.trim, strings[Int(i.pointee.a)])
      case .startsWith:
        ints[Int(i.pointee.d)] =
          Text.holds(.startsWith, strings[Int(i.pointee.a)], strings[Int(i.pointee.b)]) ? 1 : 0
      case .endsWith:
        ints[Int(i.pointee.d)] =
          Text.holds(.endsWith, strings[Int(i.pointee.a)], strings[Int(i.pointee.b)]) ? 1 : 0
      case .contains:
        ints[Int(i.pointee.d)] =
          Text.holds(.contains, strings[Int(i.pointee.a)], strings[Int(i.pointee.b)]) ? 1 : 0
      case .clearString: strings[Int(i.pointee.d)] = ""
      case .appendText: strings[Int(i.pointee.d)] += program.strings[Int(i.pointee.b)]
      case .appendValue:
        let shown = displays[Int(i.pointee.b)]
        let text = display(i.pointee.a, shown.kind, shown.format)
        strings[Int(i.pointee.d)] += text
      case .makeIntList:
        let range = Int(i.pointee.a)..<Int(i.pointee.a) + Int(i.pointee.b)
        lists[Int(i.pointee.d)] = .ints(range.map { ints[$0] })
      case .makeFloatList:
        let range = Int(i.pointee.a)..<Int(i.pointee.a) + Int(i.pointee.b)
        lists[Int(i.pointee.d)] = .floats(range.map { floats[$0] })
      case .makeStringList:
        let range = Int(i.pointee.a)..<Int(i.pointee.a) + Int(i.pointee.b)
        lists[Int(i.pointee.d)] = .strings(range.map { strings[$0] })
      case .listLength: ints[Int(i.pointee.d)] = Int64(lists[Int(i.pointee.a)].count)
      case .countTrue:
        if case .ints(let values) = lists[Int(i.pointee.a)] {
          ints[Int(i.pointee.d)] = Int64(values.reduce(0) { $0 + ($1 != 0 ? 1 : 0) })
        } else {
          ints[Int(i.pointee.d)] = 0
        }
      case .sameElements:
        if case .ints(let a) = lists[Int(i.pointee.a)], case .ints(let b) = lists[Int(i.pointee.b)] {
          ints[Int(i.pointee.d)] = Set(a) == Set(b) ? 1 : 0
        } else {
          ints[Int(i.pointee.d)] = 0
        }
      case .year: ints[Int(i.pointee.d)] = Numerics.datePart(.year, of: ints[Int(i.pointee.a)])
      case .month: ints[Int(i.pointee.d)] = Numerics.datePart(.month, of: ints[Int(i.pointee.a)])
      case .day: ints[Int(i.pointee.d)] = Numerics.datePart(.day, of: ints[Int(i.pointee.a)])
      case .weekday: ints[Int(i.pointee.d)] = Numerics.datePart(.weekday, of: ints[Int(i.pointee.a)])
      case .addDays:
        let (value, overflow) = ints[Int(i.pointee.a)].addingReportingOverflow(ints[Int(i.pointee.b)])
        if overflow { return fail(.overflow, i.pointee.c) }
        if !CivilDate.supported.contains(value) { return fail(.dateRange, i.pointee.c) }
        ints[Int(i.pointee.d)] = value
      case .subtractDays:
        let (value, overflow) = ints[Int(i.pointee.a)].subtractingReportingOverflow(ints[Int(i.pointee.b)])
        if overflow { return fail(.overflow, i.pointee.c) }
        if !CivilDate.supported.contains(value) { return fail(.dateRange, i.pointee.c) }
        ints[Int(i.pointee.d)] = value
      }
    }
  }

  /// `int[d] = file[a] ∘ file[b]`.
  @inline(__always)
  private func compare<T: Comparable>(
    _ comparison: Comparator, _ file: UnsafeMutablePointer<T>, _ i: UnsafeMutablePointer<Instruction>
  ) {
    ints[Int(i.pointee.d)] = comparison.holds(file[Int(i.pointee.a)], file[Int(i.pointee.b)]) ? 1 : 0
  }

  /// `int[d]` = `float[a]` rounded as `mode` says; false (with `fault` set) when it does not fit.
  @inline(__always)
  private func convert(_ mode: FloatRounding, _ i: UnsafeMutablePointer<Instruction>) -> Bool {
    guard let value = Numerics.toInt(floats[Int(i.pointee.a)], mode) else {
      return fail(.conversion, i.pointee.c)
    }
    ints[Int(i.pointee.d)] = value
    return true
  }

  /// `float[d] = f(float[a])`; false (with `fault` set) when the argument is outside the domain.
  @inline(__always)
  private func apply(_ function: FloatFunction, _ i: UnsafeMutablePointer<Instruction>) -> Bool {
    switch Numerics.apply(function, floats[Int(i.pointee.a)]) {
    case .success(let value):
      floats[Int(i.pointee.d)] = value
      return true
    case .failure(let code): return fail(code, i.pointee.c)
    }
  }

  private func fail(_ code: RuntimeErrorCode, _ site: Int32) -> Bool {
    fault = RuntimeFault(code, site: site)
    return false
  }

  /// The text of the value in register `register` shown as `kind` with `format`.
  func display(_ register: Register, _ kind: DisplayKind, _ format: DisplayFormat = .plain) -> String {
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
    case .duration:
      return ints[index] == 1 || ints[index] == -1 ? "\(ints[index]) day" : "\(ints[index]) days"
    case .money(let digits, let currency):
      let code = program.strings.indices.contains(Int(currency)) ? program.strings[Int(currency)] : ""
      switch format {
      case .plain: return Money.format(ints[index], digits: Int(digits)) + " " + code
      case .decimals(let n):
        return NumberFormat.fixed(Money.toDouble(ints[index], digits: Int(digits)), decimals: Int(n)) + " "
          + code
      case .percent(let n):
        return NumberFormat.percent(Money.toDouble(ints[index], digits: Int(digits)), decimals: Int(n))
      }
    case .enumeration(let enumeration):
      let cases =
        program.enumerations.indices.contains(Int(enumeration)) ? program.enumerations[Int(enumeration)] : []
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
