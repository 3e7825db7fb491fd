/// An instruction as the machine executes it: a one-byte opcode and fixed operand fields.
///
/// `Instruction` is the IR's readable form; packing it into plain fields lets the machine's
/// dispatch be one jump table on a byte, with operands read straight from the struct.
struct PackedInstruction {
  var op: Opcode
  /// A small sub-operation: comparator, rounding mode, function, `negated` flag or list kind.
  var sub: UInt8 = 0
  var d: Int32 = 0
  var a: Int32 = 0
  var b: Int32 = 0
  /// Usually the error site.
  var c: Int32 = 0
  var imm: Int64 = 0
}

/// The machine's opcodes; jumps on comparisons are split per comparator, the hottest instructions.
enum Opcode: UInt8 {
  case setInt, copyInt, copyFloat, copyString, copyList
  case addInt, subtractInt, multiplyInt, divideInt, remainderInt, negateInt, absInt, minInt, maxInt
  case multiplyMoneyByFloat, divideMoneyByInt, divideMoneyByFloat, moneyRatio, moneyToFloat
  case addFloat, subtractFloat, multiplyFloat, divideFloat, remainderFloat, negateFloat, intToFloat
  case floatToInt, roundToDecimals, floatFunction, power, minFloat, maxFloat
  case compareInt, compareFloat, compareString, not
  case memberInt, memberFloat, memberString, memberIntList, memberFloatList, memberStringList
  case jump, jumpIfFalse, jumpIfTrue
  case jumpUnlessIntEqual, jumpUnlessIntNotEqual, jumpUnlessIntLess, jumpUnlessIntLessEqual
  case jumpUnlessIntGreater, jumpUnlessIntGreaterEqual
  case jumpUnlessFloatEqual, jumpUnlessFloatNotEqual, jumpUnlessFloatLess, jumpUnlessFloatLessEqual
  case jumpUnlessFloatGreater, jumpUnlessFloatGreaterEqual
  case jumpUnlessMemberInt, jumpUnlessMemberString
  case ensure, returnFrom, onConsentFailure, requireConsent, evaluateModel, evaluateSegment, grant, halt
  case stringLength, stringFunction, stringTest, clearString, appendText, appendValue
  case makeList, listLength, countTrue, sameElements, datePart
}

extension PackedInstruction {
  /// Packs an instruction; `displays` collects the display settings of `appendValue`s.
  init(_ instruction: Instruction, displays: inout [(DisplayKind, DisplayFormat)]) {
    switch instruction {
    case .setInt(let d, let value): self.init(op: .setInt, d: d, imm: value)
    case .copyInt(let d, let a): self.init(op: .copyInt, d: d, a: a)
    case .copyFloat(let d, let a): self.init(op: .copyFloat, d: d, a: a)
    case .copyString(let d, let a): self.init(op: .copyString, d: d, a: a)
    case .copyList(let d, let a): self.init(op: .copyList, d: d, a: a)
    case .addInt(let d, let a, let b, let site): self.init(op: .addInt, d: d, a: a, b: b, c: site)
    case .subtractInt(let d, let a, let b, let site): self.init(op: .subtractInt, d: d, a: a, b: b, c: site)
    case .multiplyInt(let d, let a, let b, let site): self.init(op: .multiplyInt, d: d, a: a, b: b, c: site)
    case .divideInt(let d, let a, let b, let site): self.init(op: .divideInt, d: d, a: a, b: b, c: site)
    case .remainderInt(let d, let a, let b, let site): self.init(op: .remainderInt, d: d, a: a, b: b, c: site)
    case .negateInt(let d, let a, let site): self.init(op: .negateInt, d: d, a: a, c: site)
    case .absInt(let d, let a, let site): self.init(op: .absInt, d: d, a: a, c: site)
    case .minInt(let d, let a, let b): self.init(op: .minInt, d: d, a: a, b: b)
    case .maxInt(let d, let a, let b): self.init(op: .maxInt, d: d, a: a, b: b)
    case .multiplyMoneyByFloat(let d, let a, let b, let site):
      self.init(op: .multiplyMoneyByFloat, d: d, a: a, b: b, c: site)
    case .divideMoneyByInt(let d, let a, let b, let site):
      self.init(op: .divideMoneyByInt, d: d, a: a, b: b, c: site)
    case .divideMoneyByFloat(let d, let a, let b, let site):
      self.init(op: .divideMoneyByFloat, d: d, a: a, b: b, c: site)
    case .moneyRatio(let d, let a, let b, let site): self.init(op: .moneyRatio, d: d, a: a, b: b, c: site)
    case .moneyToFloat(let d, let a, let digits): self.init(op: .moneyToFloat, d: d, a: a, b: digits)
    case .addFloat(let d, let a, let b, let site): self.init(op: .addFloat, d: d, a: a, b: b, c: site)
    case .subtractFloat(let d, let a, let b, let site):
      self.init(op: .subtractFloat, d: d, a: a, b: b, c: site)
    case .multiplyFloat(let d, let a, let b, let site):
      self.init(op: .multiplyFloat, d: d, a: a, b: b, c: site)
    case .divideFloat(let d, let a, let b, let site): self.init(op: .divideFloat, d: d, a: a, b: b, c: site)
    case .remainderFloat(let d, let a, let b, let site):
      self.init(op: .remainderFloat, d: d, a: a, b: b, c: site)
    case .negateFloat(let d, let a): self.init(op: .negateFloat, d: d, a: a)
    case .intToFloat(let d, let a): self.init(op: .intToFloat, d: d, a: a)
    case .floatToInt(let d, let a, let mode, let site):
      self.init(op: .floatToInt, sub: mode.code, d: d, a: a, c: site)
    case .roundToDecimals(let d, let a, let b, let site):
      self.init(op: .roundToDecimals, d: d, a: a, b: b, c: site)
    case .floatFunction(let function, let d, let a, let site):
      self.init(op: .floatFunction, sub: function.code, d: d, a: a, c: site)
    case .power(let d, let a, let b, let site): self.init(op: .power, d: d, a: a, b: b, c: site)
    case .minFloat(let d, let a, let b): self.init(op: .minFloat, d: d, a: a, b: b)
    case .maxFloat(let d, let a, let b): self.init(op: .maxFloat, d: d, a: a, b: b)
    case .compareInt(let op, let d, let a, let b): self.init(op: .compareInt, sub: op.code, d: d, a: a, b: b)
    case .compareFloat(let op, let d, let a, let b):
      self.init(op: .compareFloat, sub: op.code, d: d, a: a, b: b)
    case .compareString(let op, let d, let a, let b):
      self.init(op: .compareString, sub: op.code, d: d, a: a, b: b)
    case .not(let d, let a): self.init(op: .not, d: d, a: a)
    case .memberInt(let d, let a, let set, let negated):
      self.init(op: .memberInt, sub: negated ? 1 : 0, d: d, a: a, b: set)
    case .memberFloat(let d, let a, let set, let negated):
      self.init(op: .memberFloat, sub: negated ? 1 : 0, d: d, a: a, b: set)
    case .memberString(let d, let a, let set, let negated):
      self.init(op: .memberString, sub: negated ? 1 : 0, d: d, a: a, b: set)
    case .memberIntList(let d, let a, let list, let negated):
      self.init(op: .memberIntList, sub: negated ? 1 : 0, d: d, a: a, b: list)
    case .memberFloatList(let d, let a, let list, let negated):
      self.init(op: .memberFloatList, sub: negated ? 1 : 0, d: d, a: a, b: list)
    case .memberStringList(let d, let a, let list, let negated):
      self.init(op: .memberStringList, sub: negated ? 1 : 0, d: d, a: a, b: list)
    case .jump(let target): self.init(op: .jump, d: target)
    case .jumpIfFalse(let c, let target): self.init(op: .jumpIfFalse, d: target, a: c)
    case .jumpIfTrue(let c, let target): self.init(op: .jumpIfTrue, d: target, a: c)
    case .jumpUnlessInt(let op, let a, let b, let target):
      let opcodes: [Opcode] = [
        .jumpUnlessIntEqual, .jumpUnlessIntNotEqual, .jumpUnlessIntLess, .jumpUnlessIntLessEqual,
        .jumpUnlessIntGreater, .jumpUnlessIntGreaterEqual,
      ]
      self.init(op: opcodes[Int(op.code)], d: target, a: a, b: b)
    case .jumpUnlessFloat(let op, let a, let b, let target):
      let opcodes: [Opcode] = [
        .jumpUnlessFloatEqual, .jumpUnlessFloatNotEqual, .jumpUnlessFloatLess, .jumpUnlessFloatLessEqual,
        .jumpUnlessFloatGreater, .jumpUnlessFloatGreaterEqual,
      ]
      self.init(op: opcodes[Int(op.code)], d: target, a: a, b: b)
    case .jumpUnlessMemberInt(let a, let set, let negated, let target):
      self.init(op: .jumpUnlessMemberInt, sub: negated ? 1 : 0, d: target, a: a, b: set)
    case .jumpUnlessMemberString(let a, let set, let negated, let target):
      self.init(op: .jumpUnlessMemberString, sub: negated ? 1 : 0, d: target, a: a, b: set)
    case .ensure(let decl, let entry): self.init(op: .ensure, d: entry, a: decl)
    case .returnFrom(let decl): self.init(op: .returnFrom, a: decl)
    case .onConsentFailure(let target): self.init(op: .onConsentFailure, d: target)
    case .requireConsent(let c, let model): self.init(op: .requireConsent, a: c, b: model)
    case .evaluateModel(let d, let model, let site): self.init(op: .evaluateModel, d: d, b: model, c: site)
    case .evaluateSegment(let d, let distance, let model, let site):
      self.init(op: .evaluateSegment, d: d, a: distance, b: model, c: site)
    case .grant(let register): self.init(op: .grant, d: register)
    case .halt: self.init(op: .halt)
    case .stringLength(let d, let a): self.init(op: .stringLength, d: d, a: a)
    case .stringFunction(let function, let d, let a):
      self.init(op: .stringFunction, sub: function.code, d: d, a: a)
    case .stringTest(let test, let d, let a, let b):
      self.init(op: .stringTest, sub: test.code, d: d, a: a, b: b)
    case .clearString(let d): self.init(op: .clearString, d: d)
    case .appendText(let d, let text): self.init(op: .appendText, d: d, b: text)
    case .appendValue(let d, let a, let kind, let format):
      displays.append((kind, format))
      self.init(op: .appendValue, d: d, a: a, b: Int32(displays.count - 1))
    case .makeList(let d, let kind, let first, let count):
      self.init(op: .makeList, sub: kind.code, d: d, a: first, b: count)
    case .listLength(let d, let a): self.init(op: .listLength, d: d, a: a)
    case .countTrue(let d, let a): self.init(op: .countTrue, d: d, a: a)
    case .sameElements(let d, let a, let b): self.init(op: .sameElements, d: d, a: a, b: b)
    case .datePart(let part, let d, let a): self.init(op: .datePart, sub: part.code, d: d, a: a)
    }
  }
}

extension Comparator {
  var code: UInt8 {
    switch self {
    case .equal: 0
    case .notEqual: 1
    case .less: 2
    case .lessEqual: 3
    case .greater: 4
    case .greaterEqual: 5
    }
  }

  static let byCode: [Comparator] = [.equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual]
}

extension FloatRounding {
  var code: UInt8 {
    switch self {
    case .truncate: 0
    case .nearest: 1
    case .floor: 2
    case .ceiling: 3
    }
  }

  static let byCode: [FloatRounding] = [.truncate, .nearest, .floor, .ceiling]
}

extension FloatFunction {
  var code: UInt8 {
    switch self {
    case .abs: 0
    case .sqrt: 1
    case .exp: 2
    case .ln: 3
    case .log10: 4
    case .sigmoid: 5
    }
  }

  static let byCode: [FloatFunction] = [.abs, .sqrt, .exp, .ln, .log10, .sigmoid]
}

extension StringFunction {
  var code: UInt8 {
    switch self {
    case .lower: 0
    case .upper: 1
    case .trim: 2
    }
  }

  static let byCode: [StringFunction] = [.lower, .upper, .trim]
}

extension StringTest {
  var code: UInt8 {
    switch self {
    case .startsWith: 0
    case .endsWith: 1
    case .contains: 2
    }
  }

  static let byCode: [StringTest] = [.startsWith, .endsWith, .contains]
}

extension DatePart {
  var code: UInt8 {
    switch self {
    case .year: 0
    case .month: 1
    case .day: 2
    case .weekday: 3
    }
  }

  static let byCode: [DatePart] = [.year, .month, .day, .weekday]
}

extension ListKind {
  var code: UInt8 {
    switch self {
    case .int: 0
    case .float: 1
    case .string: 2
    }
  }
}
