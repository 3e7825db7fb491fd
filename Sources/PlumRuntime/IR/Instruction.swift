import PlumChecker

/// An index into one of the machine's typed register files.
public typealias Register = Int32

/// A position in a program's code.
public typealias Address = Int32

/// One instruction of Plum's register machine: an opcode (see `Opcode` for the instruction set)
/// and plain operand fields, laid out for the machine to read directly.
///
/// Lowering builds instructions with the constructors below, which read as the operations they
/// make (`.addInt(d, a, b, site:)`, `.jumpUnlessInt(.less, a, b, target)`); code is one flat array.
public struct Instruction: Hashable, Sendable {
  /// The operation.
  public var opcode: Opcode
  /// The destination register, or the jump target.
  public var d: Int32
  /// The first operand.
  public var a: Int32
  /// The second operand.
  public var b: Int32
  /// The site a runtime error is reported at (an index into `Program.sites`).
  public var c: Int32
  /// The immediate value.
  public var imm: Int64

  /// Creates an instruction from its fields.
  public init(_ opcode: Opcode, d: Int32 = 0, a: Int32 = 0, b: Int32 = 0, c: Int32 = 0, imm: Int64 = 0) {
    self.opcode = opcode
    self.d = d
    self.a = a
    self.b = b
    self.c = c
    self.imm = imm
  }

  /// The field an operand lives in.
  public subscript(field: OperandLayout.Field) -> Int64 {
    get {
      switch field {
      case .d: Int64(d)
      case .a: Int64(a)
      case .b: Int64(b)
      case .c: Int64(c)
      case .imm: imm
      }
    }
    set {
      switch field {
      case .d: d = Int32(truncatingIfNeeded: newValue)
      case .a: a = Int32(truncatingIfNeeded: newValue)
      case .b: b = Int32(truncatingIfNeeded: newValue)
      case .c: c = Int32(truncatingIfNeeded: newValue)
      case .imm: imm = newValue
      }
    }
  }

  /// The instruction with every code address passed through `map`.
  public func relocated(_ map: (Address) -> Address) -> Instruction {
    var moved = self
    for operand in opcode.operands where operand.role == .address {
      if let field = operand.field { moved[field] = Int64(map(Address(truncatingIfNeeded: self[field]))) }
    }
    return moved
  }
}

extension Instruction {
  // MARK: Moves
  /// `int[d] = value`.
  public static func setInt(_ d: Register, _ value: Int64) -> Instruction {
    Instruction(.setInt, d: d, imm: value)
  }
  /// `int[d] = int[a]`.
  public static func copyInt(_ d: Register, _ a: Register) -> Instruction {
    Instruction(.copyInt, d: d, a: a)
  }
  /// `float[d] = float[a]`.
  public static func copyFloat(_ d: Register, _ a: Register) -> Instruction {
    Instruction(.copyFloat, d: d, a: a)
  }
  /// `string[d] = string[a]`.
  public static func copyString(_ d: Register, _ a: Register) -> Instruction {
    Instruction(.copyString, d: d, a: a)
  }
  /// `list[d] = list[a]`.
  public static func copyList(_ d: Register, _ a: Register) -> Instruction {
    Instruction(.copyList, d: d, a: a)
  }

  // MARK: Arithmetic
  /// `int[d] = int[a] + int[b]`.
  public static func addInt(_ d: Register, _ a: Register, _ b: Register, site: Int32) -> Instruction {
    Instruction(.addInt, d: d, a: a, b: b, c: site)
  }
  /// `int[d] = int[a] + int[b]`: a date moved by a duration, checked to stay a supported date.
  public static func addDays(_ d: Register, _ a: Register, _ b: Register, site: Int32) -> Instruction {
    Instruction(.addDays, d: d, a: a, b: b, c: site)
  }
  /// `int[d] = int[a] - int[b]`: a date moved back by a duration, checked to stay a supported date.
  public static func subtractDays(_ d: Register, _ a: Register, _ b: Register, site: Int32) -> Instruction {
    Instruction(.subtractDays, d: d, a: a, b: b, c: site)
  }
  /// `int[d] = int[a] - int[b]`.
  public static func subtractInt(_ d: Register, _ a: Register, _ b: Register, site: Int32) -> Instruction {
    Instruction(.subtractInt, d: d, a: a, b: b, c: site)
  }
  /// `int[d] = int[a] * int[b]`.
  public static func multiplyInt(_ d: Register, _ a: Register, _ b: Register, site: Int32) -> Instruction {
    Instruction(.multiplyInt, d: d, a: a, b: b, c: site)
  }
  /// `int[d] = int[a] / int[b]`.
  public static func divideInt(_ d: Register, _ a: Register, _ b: Register, site: Int32) -> Instruction {
    Instruction(.divideInt, d: d, a: a, b: b, c: site)
  }
  /// `int[d] = int[a] % int[b]`.
  public static func remainderInt(_ d: Register, _ a: Register, _ b: Register, site: Int32) -> Instruction {
    Instruction(.remainderInt, d: d, a: a, b: b, c: site)
  }
  /// `int[d] = -int[a]`.
  public static func negateInt(_ d: Register, _ a: Register, site: Int32) -> Instruction {
    Instruction(.negateInt, d: d, a: a, c: site)
  }
  /// `int[d]` = the magnitude of `int[a]`.
  public static func absInt(_ d: Register, _ a: Register, site: Int32) -> Instruction {
    Instruction(.absInt, d: d, a: a, c: site)
  }
  /// `int[d] = min(int[a], int[b])`.
  public static func minInt(_ d: Register, _ a: Register, _ b: Register) -> Instruction {
    Instruction(.minInt, d: d, a: a, b: b)
  }
  /// `int[d] = max(int[a], int[b])`.
  public static func maxInt(_ d: Register, _ a: Register, _ b: Register) -> Instruction {
    Instruction(.maxInt, d: d, a: a, b: b)
  }
  /// `int[d] = int[a] × float[b]` in minor units.
  public static func multiplyMoneyByFloat(_ d: Register, _ a: Register, _ b: Register, site: Int32)
    -> Instruction
  {
    Instruction(.multiplyMoneyByFloat, d: d, a: a, b: b, c: site)
  }
  /// `int[d] = int[a] ÷ int[b]` in minor units.
  public static func divideMoneyByInt(_ d: Register, _ a: Register, _ b: Register, site: Int32) -> Instruction
  {
    Instruction(.divideMoneyByInt, d: d, a: a, b: b, c: site)
  }
  /// `int[d] = int[a] ÷ float[b]` in minor units.
  public static func divideMoneyByFloat(_ d: Register, _ a: Register, _ b: Register, site: Int32)
    -> Instruction
  {
    Instruction(.divideMoneyByFloat, d: d, a: a, b: b, c: site)
  }
  /// `float[d] = int[a] ÷ int[b]`.
  public static func moneyRatio(_ d: Register, _ a: Register, _ b: Register, site: Int32) -> Instruction {
    Instruction(.moneyRatio, d: d, a: a, b: b, c: site)
  }
  /// `float[d] = int[a] / 10^digits`.
  public static func moneyToFloat(_ d: Register, _ a: Register, digits: Int32) -> Instruction {
    Instruction(.moneyToFloat, d: d, a: a, b: digits)
  }
  /// `float[d] = float[a] + float[b]`.
  public static func addFloat(_ d: Register, _ a: Register, _ b: Register, site: Int32) -> Instruction {
    Instruction(.addFloat, d: d, a: a, b: b, c: site)
  }
  /// `float[d] = float[a] - float[b]`.
  public static func subtractFloat(_ d: Register, _ a: Register, _ b: Register, site: Int32) -> Instruction {
    Instruction(.subtractFloat, d: d, a: a, b: b, c: site)
  }
  /// `float[d] = float[a] * float[b]`.
  public static func multiplyFloat(_ d: Register, _ a: Register, _ b: Register, site: Int32) -> Instruction {
    Instruction(.multiplyFloat, d: d, a: a, b: b, c: site)
  }
  /// `float[d] = float[a] / float[b]`.
  public static func divideFloat(_ d: Register, _ a: Register, _ b: Register, site: Int32) -> Instruction {
    Instruction(.divideFloat, d: d, a: a, b: b, c: site)
  }
  /// `float[d] = fmod(float[a], float[b])`.
  public static func remainderFloat(_ d: Register, _ a: Register, _ b: Register, site: Int32) -> Instruction {
    Instruction(.remainderFloat, d: d, a: a, b: b, c: site)
  }
  /// `float[d] = -float[a]`.
  public static func negateFloat(_ d: Register, _ a: Register) -> Instruction {
    Instruction(.negateFloat, d: d, a: a)
  }
  /// `float[d] = float(int[a])`.
  public static func intToFloat(_ d: Register, _ a: Register) -> Instruction {
    Instruction(.intToFloat, d: d, a: a)
  }
  /// `int[d]` = `float[a]` rounded as `mode` says.
  public static func floatToInt(_ d: Register, _ a: Register, _ mode: FloatRounding, site: Int32)
    -> Instruction
  {
    let opcode: Opcode =
      switch mode {
      case .truncate: .truncateToInt
      case .nearest: .roundToInt
      case .floor: .floorToInt
      case .ceiling: .ceilingToInt
      }
    return Instruction(opcode, d: d, a: a, c: site)
  }
  /// `float[d] = float[a]` rounded to `int[b]` decimals.
  public static func roundToDecimals(_ d: Register, _ a: Register, _ b: Register, site: Int32) -> Instruction
  {
    Instruction(.roundToDecimals, d: d, a: a, b: b, c: site)
  }
  /// `float[d] = f(float[a])`.
  public static func floatFunction(_ function: FloatFunction, _ d: Register, _ a: Register, site: Int32)
    -> Instruction
  {
    let opcode: Opcode =
      switch function {
      case .abs: .absFloat
      case .sqrt: .squareRoot
      case .exp: .exponential
      case .ln: .naturalLogarithm
      case .log10: .commonLogarithm
      case .sigmoid: .sigmoid
      }
    return Instruction(opcode, d: d, a: a, c: site)
  }
  /// `float[d] = pow(float[a], float[b])`.
  public static func power(_ d: Register, _ a: Register, _ b: Register, site: Int32) -> Instruction {
    Instruction(.power, d: d, a: a, b: b, c: site)
  }
  /// `float[d] = min(float[a], float[b])`.
  public static func minFloat(_ d: Register, _ a: Register, _ b: Register) -> Instruction {
    Instruction(.minFloat, d: d, a: a, b: b)
  }
  /// `float[d] = max(float[a], float[b])`.
  public static func maxFloat(_ d: Register, _ a: Register, _ b: Register) -> Instruction {
    Instruction(.maxFloat, d: d, a: a, b: b)
  }

  // MARK: Comparisons and booleans
  /// `int[d] = int[a] ∘ int[b]`.
  public static func compareInt(_ c: Comparator, _ d: Register, _ a: Register, _ b: Register) -> Instruction {
    let opcodes: [Opcode] = [
      .compareIntEqual, .compareIntNotEqual, .compareIntLess, .compareIntLessEqual, .compareIntGreater,
      .compareIntGreaterEqual,
    ]
    return Instruction(opcodes[c.position], d: d, a: a, b: b)
  }
  /// `int[d] = float[a] ∘ float[b]`.
  public static func compareFloat(_ c: Comparator, _ d: Register, _ a: Register, _ b: Register) -> Instruction
  {
    let opcodes: [Opcode] = [
      .compareFloatEqual, .compareFloatNotEqual, .compareFloatLess, .compareFloatLessEqual,
      .compareFloatGreater,
      .compareFloatGreaterEqual,
    ]
    return Instruction(opcodes[c.position], d: d, a: a, b: b)
  }
  /// `int[d] = string[a] ∘ string[b]`, for `==` or `!=` (the checker orders no strings; any other
  /// comparator is taken as `!=`).
  public static func compareString(_ c: Comparator, _ d: Register, _ a: Register, _ b: Register)
    -> Instruction
  {
    Instruction(c == .equal ? .compareStringEqual : .compareStringNotEqual, d: d, a: a, b: b)
  }
  /// `int[d] = !int[a]`.
  public static func not(_ d: Register, _ a: Register) -> Instruction { Instruction(.not, d: d, a: a) }
  /// `int[d] = int[a] ∈ Program.intSets[set]` (∉ when negated).
  public static func memberInt(_ d: Register, _ a: Register, set: Int32, negated: Bool) -> Instruction {
    Instruction(negated ? .notMemberInt : .memberInt, d: d, a: a, b: set)
  }
  /// `int[d] = float[a] ∈ Program.floatSets[set]` (∉ when negated).
  public static func memberFloat(_ d: Register, _ a: Register, set: Int32, negated: Bool) -> Instruction {
    Instruction(negated ? .notMemberFloat : .memberFloat, d: d, a: a, b: set)
  }
  /// `int[d] = string[a] ∈ Program.stringSets[set]` (∉ when negated).
  public static func memberString(_ d: Register, _ a: Register, set: Int32, negated: Bool) -> Instruction {
    Instruction(negated ? .notMemberString : .memberString, d: d, a: a, b: set)
  }
  /// `int[d] = int[a] ∈ list[l]` (∉ when negated).
  public static func memberIntList(_ d: Register, _ a: Register, _ l: Register, negated: Bool) -> Instruction
  {
    Instruction(negated ? .notMemberIntList : .memberIntList, d: d, a: a, b: l)
  }
  /// `int[d] = float[a] ∈ list[l]` (∉ when negated).
  public static func memberFloatList(_ d: Register, _ a: Register, _ l: Register, negated: Bool)
    -> Instruction
  {
    Instruction(negated ? .notMemberFloatList : .memberFloatList, d: d, a: a, b: l)
  }
  /// `int[d] = string[a] ∈ list[l]` (∉ when negated).
  public static func memberStringList(_ d: Register, _ a: Register, _ l: Register, negated: Bool)
    -> Instruction
  {
    Instruction(negated ? .notMemberStringList : .memberStringList, d: d, a: a, b: l)
  }

  // MARK: Control
  /// Continue at `target`.
  public static func jump(_ target: Address) -> Instruction { Instruction(.jump, d: target) }
  /// Continue at `target` when `int[c]` is 0.
  public static func jumpIfFalse(_ c: Register, _ target: Address) -> Instruction {
    Instruction(.jumpIfFalse, d: target, a: c)
  }
  /// Continue at `target` when `int[c]` is not 0.
  public static func jumpIfTrue(_ c: Register, _ target: Address) -> Instruction {
    Instruction(.jumpIfTrue, d: target, a: c)
  }
  /// Continue at `target` unless `int[a] ∘ int[b]` holds.
  public static func jumpUnlessInt(_ c: Comparator, _ a: Register, _ b: Register, _ target: Address)
    -> Instruction
  {
    let opcodes: [Opcode] = [
      .jumpUnlessIntEqual, .jumpUnlessIntNotEqual, .jumpUnlessIntLess, .jumpUnlessIntLessEqual,
      .jumpUnlessIntGreater, .jumpUnlessIntGreaterEqual,
    ]
    return Instruction(opcodes[c.position], d: target, a: a, b: b)
  }
  /// Continue at `target` unless `float[a] ∘ float[b]` holds.
  public static func jumpUnlessFloat(_ c: Comparator, _ a: Register, _ b: Register, _ target: Address)
    -> Instruction
  {
    let opcodes: [Opcode] = [
      .jumpUnlessFloatEqual, .jumpUnlessFloatNotEqual, .jumpUnlessFloatLess, .jumpUnlessFloatLessEqual,
      .jumpUnlessFloatGreater, .jumpUnlessFloatGreaterEqual,
    ]
    return Instruction(opcodes[c.position], d: target, a: a, b: b)
  }
  /// Continue at `target` unless `int[a] ∈ Program.intSets[set]` (or ∉ when negated).
  public static func jumpUnlessMemberInt(_ a: Register, set: Int32, negated: Bool, _ target: Address)
    -> Instruction
  {
    Instruction(negated ? .jumpUnlessNotMemberInt : .jumpUnlessMemberInt, d: target, a: a, b: set)
  }
  /// Continue at `target` unless `string[a] ∈ Program.stringSets[set]` (or ∉ when negated).
  public static func jumpUnlessMemberString(_ a: Register, set: Int32, negated: Bool, _ target: Address)
    -> Instruction
  {
    Instruction(negated ? .jumpUnlessNotMemberString : .jumpUnlessMemberString, d: target, a: a, b: set)
  }
  /// Run declaration `decl`'s code at `entry` unless it already ran for this record.
  public static func ensure(decl: Int32, entry: Address) -> Instruction {
    Instruction(.ensure, d: entry, a: decl)
  }
  /// End of declaration `decl`'s code.
  public static func returnFrom(decl: Int32) -> Instruction { Instruction(.returnFrom, a: decl) }
  /// Abandon the current reward at a missing consent for model `model`.
  public static func requireConsent(_ c: Register, model: Int32) -> Instruction {
    Instruction(.requireConsent, a: c, b: model)
  }
  /// From here on, a missing consent continues at `target`.
  public static func onConsentFailure(_ target: Address) -> Instruction {
    Instruction(.onConsentFailure, d: target)
  }
  /// Score model `model` into `float[d]`.
  public static func evaluateModel(_ d: Register, model: Int32, site: Int32) -> Instruction {
    Instruction(.evaluateModel, d: d, b: model, c: site)
  }
  /// Assign k-means model `model`'s segment into `int[d]` and its distance into `float[distance]`.
  public static func evaluateSegment(_ d: Register, distance: Register, model: Int32, site: Int32)
    -> Instruction
  {
    Instruction(.evaluateSegment, d: d, a: distance, b: model, c: site)
  }
  /// Store the record's epoch in `int[register]`.
  public static func grant(_ register: Register) -> Instruction { Instruction(.grant, d: register) }
  /// Stop.
  public static let halt = Instruction(.halt)

  // MARK: Strings, lists and dates
  /// `int[d]` = the number of characters of `string[a]`.
  public static func stringLength(_ d: Register, _ a: Register) -> Instruction {
    Instruction(.stringLength, d: d, a: a)
  }
  /// `string[d] = f(string[a])`.
  public static func stringFunction(_ function: StringFunction, _ d: Register, _ a: Register) -> Instruction {
    let opcode: Opcode =
      switch function {
      case .lower: .lower
      case .upper: .upper
      case .trim: .trim
      }
    return Instruction(opcode, d: d, a: a)
  }
  /// `int[d] = p(string[a], string[b])`.
  public static func stringTest(_ test: StringTest, _ d: Register, _ a: Register, _ b: Register)
    -> Instruction
  {
    let opcode: Opcode =
      switch test {
      case .startsWith: .startsWith
      case .endsWith: .endsWith
      case .contains: .contains
      }
    return Instruction(opcode, d: d, a: a, b: b)
  }
  /// `string[d] = ""`.
  public static func clearString(_ d: Register) -> Instruction { Instruction(.clearString, d: d) }
  /// Append `Program.strings[text]` to `string[d]`.
  public static func appendText(_ d: Register, text: Int32) -> Instruction {
    Instruction(.appendText, d: d, b: text)
  }
  /// Append the value in register `a`, shown as `Program.displays[display]` says, to `string[d]`.
  public static func appendValue(_ d: Register, _ a: Register, display: Int32) -> Instruction {
    Instruction(.appendValue, d: d, a: a, b: display)
  }
  /// `list[d]` = the `count` registers from `first` of the file `kind` names.
  public static func makeList(_ d: Register, _ kind: ListKind, first: Register, count: Int32) -> Instruction {
    let opcode: Opcode =
      switch kind {
      case .int: .makeIntList
      case .float: .makeFloatList
      case .string: .makeStringList
      }
    return Instruction(opcode, d: d, a: first, b: count)
  }
  /// `int[d]` = the number of elements of `list[a]`.
  public static func listLength(_ d: Register, _ a: Register) -> Instruction {
    Instruction(.listLength, d: d, a: a)
  }
  /// `int[d]` = the number of true elements of `list[a]`.
  public static func countTrue(_ d: Register, _ a: Register) -> Instruction {
    Instruction(.countTrue, d: d, a: a)
  }
  /// `int[d]` = whether `list[a]` and `list[b]` hold the same elements.
  public static func sameElements(_ d: Register, _ a: Register, _ b: Register) -> Instruction {
    Instruction(.sameElements, d: d, a: a, b: b)
  }
  /// `int[d]` = the `part` of the date `int[a]`.
  public static func datePart(_ part: DatePart, _ d: Register, _ a: Register) -> Instruction {
    let opcode: Opcode =
      switch part {
      case .year: .year
      case .month: .month
      case .day: .day
      case .weekday: .weekday
      }
    return Instruction(opcode, d: d, a: a)
  }
}

extension Comparison {
  /// The comparator's position in declaration order, which the comparing opcodes follow.
  var position: Int {
    switch self {
    case .equal: 0
    case .notEqual: 1
    case .less: 2
    case .lessEqual: 3
    case .greater: 4
    case .greaterEqual: 5
    }
  }
}

/// A comparison operator: the checker's, so comparison is implemented once.
public typealias Comparator = Comparison

/// How `floatToInt` rounds.
public enum FloatRounding: String, Hashable, Sendable {
  /// Toward zero (`int(x)`).
  case truncate
  /// To nearest, halves away from zero (`round(x)`).
  case nearest
  /// Toward −∞ (`floor(x)`).
  case floor
  /// Toward +∞ (`ceil(x)`).
  case ceiling
}

/// A unary function on floats.
public enum FloatFunction: String, Hashable, Sendable {
  case abs, sqrt, exp, ln, log10, sigmoid
}

/// A unary function on strings.
public enum StringFunction: String, Hashable, Sendable {
  case lower, upper, trim
}

/// A two-string predicate.
public enum StringTest: String, Hashable, Sendable {
  case startsWith = "starts_with"
  case endsWith = "ends_with"
  case contains
}

/// A part of a date.
public enum DatePart: String, Hashable, Sendable {
  case year, month, day, weekday
}

/// The element file of a list.
public enum ListKind: String, Hashable, Sendable {
  /// Elements from int registers.
  case int
  /// Elements from float registers.
  case float
  /// Elements from string registers.
  case string
}

/// How a register's value reads as text.
public enum DisplayKind: Hashable, Sendable {
  case bool, int, float, string, date, duration
  /// Money with the currency's minor-unit digits and code, `Program.strings[currency]`.
  case money(digits: Int32, currency: Int32)
  /// An enumeration case: `Program.enumerations[index]`.
  case enumeration(Int32)
  /// A list of `element` values.
  case list(ListKind)
}

/// A format specifier in a `because` interpolation.
public enum DisplayFormat: Hashable, Sendable {
  /// The value's natural form.
  case plain
  /// Exactly N decimals.
  case decimals(Int32)
  /// Multiplied by 100 with N decimals and a percent sign.
  case percent(Int32)
}

/// How `appendValue` shows a register's value: `Program.displays` holds one per use.
public struct Display: Hashable, Sendable {
  /// What the value is.
  public var kind: DisplayKind
  /// The format the interpolation asks for.
  public var format: DisplayFormat

  /// Creates a display.
  public init(kind: DisplayKind, format: DisplayFormat) {
    self.kind = kind
    self.format = format
  }
}
