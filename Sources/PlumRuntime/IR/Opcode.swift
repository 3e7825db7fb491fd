/// The instruction set of Plum's register machine: every operation, its mnemonic and its operands,
/// in one table.
///
/// `Instruction` is an opcode with plain operand fields: lowering builds it, `ProgramDump` prints it
/// from the operands listed here, and the machine dispatches on the opcode in one switch. A new
/// operation is a case here, its row in `row`, and its case in the machine's switch (which the
/// compiler demands); no other list of operations exists, and no operation hides a variant in an
/// operand.
///
/// Registers are typed by file: `int` registers hold bools (0/1), ints, money (minor units), dates
/// (days since 1970-01-01), durations (days), enumeration case indexes and presence flags; `float`
/// registers hold doubles; `string` and `list` registers hold strings and lists. Field `d` is the
/// destination (or the jump target), `a` and `b` the operands, `c` the site (an index into
/// `Program.sites`) a runtime error is reported at, `imm` an immediate value.
public enum Opcode: UInt8, CaseIterable, Hashable, Sendable {
  // MARK: Moves
  /// `int[d] = imm`.
  case setInt
  /// `int[d] = int[a]`.
  case copyInt
  /// `float[d] = float[a]`.
  case copyFloat
  /// `string[d] = string[a]`.
  case copyString
  /// `list[d] = list[a]`.
  case copyList
  // MARK: Integers (also money, dates and durations); overflow and division by zero are errors at site `c`
  /// `int[d] = int[a] + int[b]`.
  case addInt
  /// `int[d] = int[a] - int[b]`.
  case subtractInt
  /// `int[d] = int[a] * int[b]`.
  case multiplyInt
  /// `int[d] = int[a] / int[b]`, truncating toward zero.
  case divideInt
  /// `int[d] = int[a] % int[b]`, with the sign of the dividend.
  case remainderInt
  /// `int[d] = -int[a]`.
  case negateInt
  /// `int[d]` = the magnitude of `int[a]`.
  case absInt
  /// `int[d] = min(int[a], int[b])`.
  case minInt
  /// `int[d] = max(int[a], int[b])`.
  case maxInt
  // MARK: Money
  /// `int[d] = int[a] × float[b]`, rounded half to even to minor units.
  case multiplyMoneyByFloat
  /// `int[d] = int[a] ÷ int[b]`, rounded half to even to minor units.
  case divideMoneyByInt
  /// `int[d] = int[a] ÷ float[b]`, rounded half to even to minor units.
  case divideMoneyByFloat
  /// `float[d] = int[a] ÷ int[b]` for two amounts of one currency.
  case moneyRatio
  /// `float[d] = int[a] / 10^b`: an amount in major units.
  case moneyToFloat
  // MARK: Floats; results that are not finite numbers are errors at site `c`
  /// `float[d] = float[a] + float[b]`.
  case addFloat
  /// `float[d] = float[a] - float[b]`.
  case subtractFloat
  /// `float[d] = float[a] * float[b]`.
  case multiplyFloat
  /// `float[d] = float[a] / float[b]`.
  case divideFloat
  /// `float[d] = fmod(float[a], float[b])`.
  case remainderFloat
  /// `float[d] = -float[a]`.
  case negateFloat
  /// `float[d] = float(int[a])`.
  case intToFloat
  /// `int[d] = int(float[a])`, toward zero; out of range is an error.
  case truncateToInt
  /// `int[d]` = `float[a]` rounded to nearest, halves away from zero.
  case roundToInt
  /// `int[d]` = `float[a]` rounded toward −∞.
  case floorToInt
  /// `int[d]` = `float[a]` rounded toward +∞.
  case ceilingToInt
  /// `float[d] = float[a]` rounded to `int[b]` decimals, halves away from zero.
  case roundToDecimals
  /// `float[d]` = the magnitude of `float[a]`.
  case absFloat
  /// `float[d] = √float[a]`; a negative argument is an error.
  case squareRoot
  /// `float[d] = e^float[a]`.
  case exponential
  /// `float[d] = ln(float[a])`; an argument not above 0 is an error.
  case naturalLogarithm
  /// `float[d] = log10(float[a])`; an argument not above 0 is an error.
  case commonLogarithm
  /// `float[d] = 1 / (1 + e^-float[a])`.
  case sigmoid
  /// `float[d] = pow(float[a], float[b])`.
  case power
  /// `float[d] = min(float[a], float[b])`.
  case minFloat
  /// `float[d] = max(float[a], float[b])`.
  case maxFloat
  // MARK: Comparisons and booleans
  /// `int[d] = int[a] == int[b]`.
  case compareIntEqual
  /// `int[d] = int[a] != int[b]`.
  case compareIntNotEqual
  /// `int[d] = int[a] < int[b]`.
  case compareIntLess
  /// `int[d] = int[a] <= int[b]`.
  case compareIntLessEqual
  /// `int[d] = int[a] > int[b]`.
  case compareIntGreater
  /// `int[d] = int[a] >= int[b]`.
  case compareIntGreaterEqual
  /// `int[d] = float[a] == float[b]`.
  case compareFloatEqual
  /// `int[d] = float[a] != float[b]`.
  case compareFloatNotEqual
  /// `int[d] = float[a] < float[b]`.
  case compareFloatLess
  /// `int[d] = float[a] <= float[b]`.
  case compareFloatLessEqual
  /// `int[d] = float[a] > float[b]`.
  case compareFloatGreater
  /// `int[d] = float[a] >= float[b]`.
  case compareFloatGreaterEqual
  /// `int[d] = string[a] == string[b]`, the same Unicode scalars (strings are not ordered).
  case compareStringEqual
  /// `int[d] = string[a] != string[b]`.
  case compareStringNotEqual
  /// `int[d] = !int[a]`.
  case `not`
  /// `int[d] = int[a] ∈ Program.intSets[b]`.
  case memberInt
  /// `int[d] = int[a] ∉ Program.intSets[b]`.
  case notMemberInt
  /// `int[d] = float[a] ∈ Program.floatSets[b]`.
  case memberFloat
  /// `int[d] = float[a] ∉ Program.floatSets[b]`.
  case notMemberFloat
  /// `int[d] = string[a] ∈ Program.stringSets[b]`.
  case memberString
  /// `int[d] = string[a] ∉ Program.stringSets[b]`.
  case notMemberString
  /// `int[d] = int[a] ∈ list[b]`.
  case memberIntList
  /// `int[d] = int[a] ∉ list[b]`.
  case notMemberIntList
  /// `int[d] = float[a] ∈ list[b]`.
  case memberFloatList
  /// `int[d] = float[a] ∉ list[b]`.
  case notMemberFloatList
  /// `int[d] = string[a] ∈ list[b]`.
  case memberStringList
  /// `int[d] = string[a] ∉ list[b]`.
  case notMemberStringList
  // MARK: Control
  /// Continue at `d`.
  case jump
  /// Continue at `d` when `int[a]` is 0.
  case jumpIfFalse
  /// Continue at `d` when `int[a]` is not 0.
  case jumpIfTrue
  /// Continue at `d` unless `int[a] == int[b]`.
  case jumpUnlessIntEqual
  /// Continue at `d` unless `int[a] != int[b]`.
  case jumpUnlessIntNotEqual
  /// Continue at `d` unless `int[a] < int[b]`.
  case jumpUnlessIntLess
  /// Continue at `d` unless `int[a] <= int[b]`.
  case jumpUnlessIntLessEqual
  /// Continue at `d` unless `int[a] > int[b]`.
  case jumpUnlessIntGreater
  /// Continue at `d` unless `int[a] >= int[b]`.
  case jumpUnlessIntGreaterEqual
  /// Continue at `d` unless `float[a] == float[b]`.
  case jumpUnlessFloatEqual
  /// Continue at `d` unless `float[a] != float[b]`.
  case jumpUnlessFloatNotEqual
  /// Continue at `d` unless `float[a] < float[b]`.
  case jumpUnlessFloatLess
  /// Continue at `d` unless `float[a] <= float[b]`.
  case jumpUnlessFloatLessEqual
  /// Continue at `d` unless `float[a] > float[b]`.
  case jumpUnlessFloatGreater
  /// Continue at `d` unless `float[a] >= float[b]`.
  case jumpUnlessFloatGreaterEqual
  /// Continue at `d` unless `int[a] ∈ Program.intSets[b]`.
  case jumpUnlessMemberInt
  /// Continue at `d` unless `int[a] ∉ Program.intSets[b]`.
  case jumpUnlessNotMemberInt
  /// Continue at `d` unless `string[a] ∈ Program.stringSets[b]`.
  case jumpUnlessMemberString
  /// Continue at `d` unless `string[a] ∉ Program.stringSets[b]`.
  case jumpUnlessNotMemberString
  /// Run declaration `a`'s code at `d` unless it already ran for this record.
  case ensure
  /// End of declaration `a`'s code: mark it computed and return after its `ensure`.
  case returnFrom
  /// From here on, a missing consent abandons evaluation and continues at `d`.
  case onConsentFailure
  /// If `int[a]` (a consent flag) is false, mark model `b` not evaluated and abandon the current reward (its conditions fail closed).
  case requireConsent
  /// Evaluate model `b` on its feature registers into `float[d]`.
  case evaluateModel
  /// Assign the record to k-means model `b`'s nearest segment, into `int[d]`, and its distance to that segment's centre into `float[a]`.
  case evaluateSegment
  /// Store the record's epoch in `int[d]`: a reward granted, or reached.
  case grant
  /// Stop; the record's evaluation of this block is complete.
  case halt
  // MARK: Strings, lists and dates
  /// `int[d]` = the number of characters of `string[a]`.
  case stringLength
  /// `string[d] = lower(string[a])`.
  case lower
  /// `string[d] = upper(string[a])`.
  case upper
  /// `string[d] = trim(string[a])`.
  case trim
  /// `int[d] = starts_with(string[a], string[b])`.
  case startsWith
  /// `int[d] = ends_with(string[a], string[b])`.
  case endsWith
  /// `int[d] = contains(string[a], string[b])`.
  case contains
  /// `string[d] = ""`.
  case clearString
  /// Append `Program.strings[b]` to `string[d]`.
  case appendText
  /// Append the value in register `a`, shown as `Program.displays[b]` says, to `string[d]`.
  case appendValue
  /// `list[d]` = the `b` int registers from `a`.
  case makeIntList
  /// `list[d]` = the `b` float registers from `a`.
  case makeFloatList
  /// `list[d]` = the `b` string registers from `a`.
  case makeStringList
  /// `int[d]` = the number of elements of `list[a]`.
  case listLength
  /// `int[d]` = the number of true elements of `list[a]`.
  case countTrue
  /// `int[d]` = 1 when the int lists `list[a]` and `list[b]` hold the same elements, ignoring order and repetition (reward sets in test expectations).
  case sameElements
  /// `int[d]` = the year of the date `int[a]`.
  case year
  /// `int[d]` = the month of the date `int[a]`.
  case month
  /// `int[d]` = the day of the month of the date `int[a]`.
  case day
  /// `int[d]` = the ISO weekday (1 = Monday) of the date `int[a]`.
  case weekday
  /// `int[d] = int[a] + int[b]`, a date and a duration; a result that overflows is P0501, one
  /// outside 0001-01-01…9999-12-31 is P0506, at site `c`.
  case addDays
  /// `int[d] = int[a] - int[b]`, a date less a duration; errors as `addDays`.
  case subtractDays
}

/// Where an operand of an instruction is, and what it names.
public struct OperandLayout: Hashable, Sendable {
  /// An instruction's operand field.
  public enum Field: Hashable, Sendable { case d, a, b, c, imm }

  /// What an operand names.
  public enum Role: Hashable, Sendable {
    /// A register of the int, float, string or list file.
    case int, float, string, list
    /// A code address.
    case address
    /// The immediate value.
    case immediate
    /// A count of decimal digits.
    case digits
    /// A constant set of ints, floats or strings, by index.
    case intSet, floatSet, stringSet
    /// A declaration run by `ensure`, shown with its name, or by index only.
    case declaration, declarationIndex
    /// A model, by index.
    case model
    /// A text of `Program.strings`.
    case text
    /// A register shown as `Program.displays[b]` says (the register's file comes from the display).
    case displayed
    /// `b` consecutive registers of a file, from the one in this field.
    case intRun, floatRun, stringRun
    /// A fixed word, part of the operation's name.
    case word(String)
  }

  /// The field; nil for a fixed word.
  public var field: Field?
  /// What it names.
  public var role: Role
}

extension Opcode {
  /// The operation's mnemonic in `plum compile --emit ir`.
  public var mnemonic: String { row.mnemonic }

  /// The operands in the order the dump shows them.
  public var operands: [OperandLayout] { row.operands }

  /// Whether the operation may continue elsewhere than at the next instruction.
  public var branches: Bool {
    operands.contains { $0.role == .address } && self != .ensure && self != .onConsentFailure
  }

  /// The operation's row of the table.
  private var row: (mnemonic: String, operands: [OperandLayout]) {
    typealias O = OperandLayout
    switch self {
    case .setInt: return ("set", [O(field: .d, role: .int), O(field: .imm, role: .immediate)])
    case .copyInt: return ("copy", [O(field: .d, role: .int), O(field: .a, role: .int)])
    case .copyFloat: return ("copy", [O(field: .d, role: .float), O(field: .a, role: .float)])
    case .copyString: return ("copy", [O(field: .d, role: .string), O(field: .a, role: .string)])
    case .copyList: return ("copy", [O(field: .d, role: .list), O(field: .a, role: .list)])
    case .addInt:
      return ("add.int", [O(field: .d, role: .int), O(field: .a, role: .int), O(field: .b, role: .int)])
    case .subtractInt:
      return ("sub.int", [O(field: .d, role: .int), O(field: .a, role: .int), O(field: .b, role: .int)])
    case .multiplyInt:
      return ("mul.int", [O(field: .d, role: .int), O(field: .a, role: .int), O(field: .b, role: .int)])
    case .divideInt:
      return ("div.int", [O(field: .d, role: .int), O(field: .a, role: .int), O(field: .b, role: .int)])
    case .remainderInt:
      return ("rem.int", [O(field: .d, role: .int), O(field: .a, role: .int), O(field: .b, role: .int)])
    case .negateInt: return ("neg.int", [O(field: .d, role: .int), O(field: .a, role: .int)])
    case .absInt: return ("abs.int", [O(field: .d, role: .int), O(field: .a, role: .int)])
    case .minInt:
      return ("min.int", [O(field: .d, role: .int), O(field: .a, role: .int), O(field: .b, role: .int)])
    case .maxInt:
      return ("max.int", [O(field: .d, role: .int), O(field: .a, role: .int), O(field: .b, role: .int)])
    case .multiplyMoneyByFloat:
      return (
        "mul.money.float", [O(field: .d, role: .int), O(field: .a, role: .int), O(field: .b, role: .float)]
      )
    case .divideMoneyByInt:
      return (
        "div.money.int", [O(field: .d, role: .int), O(field: .a, role: .int), O(field: .b, role: .int)]
      )
    case .divideMoneyByFloat:
      return (
        "div.money.float", [O(field: .d, role: .int), O(field: .a, role: .int), O(field: .b, role: .float)]
      )
    case .moneyRatio:
      return (
        "div.money.money", [O(field: .d, role: .float), O(field: .a, role: .int), O(field: .b, role: .int)]
      )
    case .moneyToFloat:
      return (
        "money.to.float", [O(field: .d, role: .float), O(field: .a, role: .int), O(field: .b, role: .digits)]
      )
    case .addFloat:
      return (
        "add.float", [O(field: .d, role: .float), O(field: .a, role: .float), O(field: .b, role: .float)]
      )
    case .subtractFloat:
      return (
        "sub.float", [O(field: .d, role: .float), O(field: .a, role: .float), O(field: .b, role: .float)]
      )
    case .multiplyFloat:
      return (
        "mul.float", [O(field: .d, role: .float), O(field: .a, role: .float), O(field: .b, role: .float)]
      )
    case .divideFloat:
      return (
        "div.float", [O(field: .d, role: .float), O(field: .a, role: .float), O(field: .b, role: .float)]
      )
    case .remainderFloat:
      return (
        "rem.float", [O(field: .d, role: .float), O(field: .a, role: .float), O(field: .b, role: .float)]
      )
    case .negateFloat: return ("neg.float", [O(field: .d, role: .float), O(field: .a, role: .float)])
    case .intToFloat: return ("int.to.float", [O(field: .d, role: .float), O(field: .a, role: .int)])
    case .truncateToInt:
      return (
        "float.to.int",
        [O(field: .d, role: .int), O(field: .a, role: .float), O(field: nil, role: .word("truncate"))]
      )
    case .roundToInt:
      return (
        "float.to.int",
        [O(field: .d, role: .int), O(field: .a, role: .float), O(field: nil, role: .word("nearest"))]
      )
    case .floorToInt:
      return (
        "float.to.int",
        [O(field: .d, role: .int), O(field: .a, role: .float), O(field: nil, role: .word("floor"))]
      )
    case .ceilingToInt:
      return (
        "float.to.int",
        [O(field: .d, role: .int), O(field: .a, role: .float), O(field: nil, role: .word("ceiling"))]
      )
    case .roundToDecimals:
      return (
        "round.decimals", [O(field: .d, role: .float), O(field: .a, role: .float), O(field: .b, role: .int)]
      )
    case .absFloat: return ("abs", [O(field: .d, role: .float), O(field: .a, role: .float)])
    case .squareRoot: return ("sqrt", [O(field: .d, role: .float), O(field: .a, role: .float)])
    case .exponential: return ("exp", [O(field: .d, role: .float), O(field: .a, role: .float)])
    case .naturalLogarithm: return ("ln", [O(field: .d, role: .float), O(field: .a, role: .float)])
    case .commonLogarithm: return ("log10", [O(field: .d, role: .float), O(field: .a, role: .float)])
    case .sigmoid: return ("sigmoid", [O(field: .d, role: .float), O(field: .a, role: .float)])
    case .power:
      return ("pow", [O(field: .d, role: .float), O(field: .a, role: .float), O(field: .b, role: .float)])
    case .minFloat:
      return (
        "min.float", [O(field: .d, role: .float), O(field: .a, role: .float), O(field: .b, role: .float)]
      )
    case .maxFloat:
      return (
        "max.float", [O(field: .d, role: .float), O(field: .a, role: .float), O(field: .b, role: .float)]
      )
    case .compareIntEqual:
      return ("cmp.int ==", [O(field: .d, role: .int), O(field: .a, role: .int), O(field: .b, role: .int)])
    case .compareIntNotEqual:
      return ("cmp.int !=", [O(field: .d, role: .int), O(field: .a, role: .int), O(field: .b, role: .int)])
    case .compareIntLess:
      return ("cmp.int <", [O(field: .d, role: .int), O(field: .a, role: .int), O(field: .b, role: .int)])
    case .compareIntLessEqual:
      return ("cmp.int <=", [O(field: .d, role: .int), O(field: .a, role: .int), O(field: .b, role: .int)])
    case .compareIntGreater:
      return ("cmp.int >", [O(field: .d, role: .int), O(field: .a, role: .int), O(field: .b, role: .int)])
    case .compareIntGreaterEqual:
      return ("cmp.int >=", [O(field: .d, role: .int), O(field: .a, role: .int), O(field: .b, role: .int)])
    case .compareFloatEqual:
      return (
        "cmp.float ==", [O(field: .d, role: .int), O(field: .a, role: .float), O(field: .b, role: .float)]
      )
    case .compareFloatNotEqual:
      return (
        "cmp.float !=", [O(field: .d, role: .int), O(field: .a, role: .float), O(field: .b, role: .float)]
      )
    case .compareFloatLess:
      return (
        "cmp.float <", [O(field: .d, role: .int), O(field: .a, role: .float), O(field: .b, role: .float)]
      )
    case .compareFloatLessEqual:
      return (
        "cmp.float <=", [O(field: .d, role: .int), O(field: .a, role: .float), O(field: .b, role: .float)]
      )
    case .compareFloatGreater:
      return (
        "cmp.float >", [O(field: .d, role: .int), O(field: .a, role: .float), O(field: .b, role: .float)]
      )
    case .compareFloatGreaterEqual:
      return (
        "cmp.float >=", [O(field: .d, role: .int), O(field: .a, role: .float), O(field: .b, role: .float)]
      )
    case .compareStringEqual:
      return (
        "cmp.string ==", [O(field: .d, role: .int), O(field: .a, role: .string), O(field: .b, role: .string)]
      )
    case .compareStringNotEqual:
      return (
        "cmp.string !=", [O(field: .d, role: .int), O(field: .a, role: .string), O(field: .b, role: .string)]
      )
    case .not: return ("not", [O(field: .d, role: .int), O(field: .a, role: .int)])
    case .memberInt:
      return ("in.int", [O(field: .d, role: .int), O(field: .a, role: .int), O(field: .b, role: .intSet)])
    case .notMemberInt:
      return ("notin.int", [O(field: .d, role: .int), O(field: .a, role: .int), O(field: .b, role: .intSet)])
    case .memberFloat:
      return (
        "in.float", [O(field: .d, role: .int), O(field: .a, role: .float), O(field: .b, role: .floatSet)]
      )
    case .notMemberFloat:
      return (
        "notin.float", [O(field: .d, role: .int), O(field: .a, role: .float), O(field: .b, role: .floatSet)]
      )
    case .memberString:
      return (
        "in.string", [O(field: .d, role: .int), O(field: .a, role: .string), O(field: .b, role: .stringSet)]
      )
    case .notMemberString:
      return (
        "notin.string",
        [O(field: .d, role: .int), O(field: .a, role: .string), O(field: .b, role: .stringSet)]
      )
    case .memberIntList:
      return ("in.int", [O(field: .d, role: .int), O(field: .a, role: .int), O(field: .b, role: .list)])
    case .notMemberIntList:
      return ("notin.int", [O(field: .d, role: .int), O(field: .a, role: .int), O(field: .b, role: .list)])
    case .memberFloatList:
      return ("in.float", [O(field: .d, role: .int), O(field: .a, role: .float), O(field: .b, role: .list)])
    case .notMemberFloatList:
      return (
        "notin.float", [O(field: .d, role: .int), O(field: .a, role: .float), O(field: .b, role: .list)]
      )
    case .memberStringList:
      return (
        "in.string", [O(field: .d, role: .int), O(field: .a, role: .string), O(field: .b, role: .list)]
      )
    case .notMemberStringList:
      return (
        "notin.string", [O(field: .d, role: .int), O(field: .a, role: .string), O(field: .b, role: .list)]
      )
    case .jump: return ("jump", [O(field: .d, role: .address)])
    case .jumpIfFalse: return ("jump.false", [O(field: .a, role: .int), O(field: .d, role: .address)])
    case .jumpIfTrue: return ("jump.true", [O(field: .a, role: .int), O(field: .d, role: .address)])
    case .jumpUnlessIntEqual:
      return (
        "jump.unless.int ==",
        [O(field: .a, role: .int), O(field: .b, role: .int), O(field: .d, role: .address)]
      )
    case .jumpUnlessIntNotEqual:
      return (
        "jump.unless.int !=",
        [O(field: .a, role: .int), O(field: .b, role: .int), O(field: .d, role: .address)]
      )
    case .jumpUnlessIntLess:
      return (
        "jump.unless.int <",
        [O(field: .a, role: .int), O(field: .b, role: .int), O(field: .d, role: .address)]
      )
    case .jumpUnlessIntLessEqual:
      return (
        "jump.unless.int <=",
        [O(field: .a, role: .int), O(field: .b, role: .int), O(field: .d, role: .address)]
      )
    case .jumpUnlessIntGreater:
      return (
        "jump.unless.int >",
        [O(field: .a, role: .int), O(field: .b, role: .int), O(field: .d, role: .address)]
      )
    case .jumpUnlessIntGreaterEqual:
      return (
        "jump.unless.int >=",
        [O(field: .a, role: .int), O(field: .b, role: .int), O(field: .d, role: .address)]
      )
    case .jumpUnlessFloatEqual:
      return (
        "jump.unless.float ==",
        [O(field: .a, role: .float), O(field: .b, role: .float), O(field: .d, role: .address)]
      )
    case .jumpUnlessFloatNotEqual:
      return (
        "jump.unless.float !=",
        [O(field: .a, role: .float), O(field: .b, role: .float), O(field: .d, role: .address)]
      )
    case .jumpUnlessFloatLess:
      return (
        "jump.unless.float <",
        [O(field: .a, role: .float), O(field: .b, role: .float), O(field: .d, role: .address)]
      )
    case .jumpUnlessFloatLessEqual:
      return (
        "jump.unless.float <=",
        [O(field: .a, role: .float), O(field: .b, role: .float), O(field: .d, role: .address)]
      )
    case .jumpUnlessFloatGreater:
      return (
        "jump.unless.float >",
        [O(field: .a, role: .float), O(field: .b, role: .float), O(field: .d, role: .address)]
      )
    case .jumpUnlessFloatGreaterEqual:
      return (
        "jump.unless.float >=",
        [O(field: .a, role: .float), O(field: .b, role: .float), O(field: .d, role: .address)]
      )
    case .jumpUnlessMemberInt:
      return (
        "jump.unless.in.int",
        [O(field: .a, role: .int), O(field: .b, role: .intSet), O(field: .d, role: .address)]
      )
    case .jumpUnlessNotMemberInt:
      return (
        "jump.unless.notin.int",
        [O(field: .a, role: .int), O(field: .b, role: .intSet), O(field: .d, role: .address)]
      )
    case .jumpUnlessMemberString:
      return (
        "jump.unless.in.string",
        [O(field: .a, role: .string), O(field: .b, role: .stringSet), O(field: .d, role: .address)]
      )
    case .jumpUnlessNotMemberString:
      return (
        "jump.unless.notin.string",
        [O(field: .a, role: .string), O(field: .b, role: .stringSet), O(field: .d, role: .address)]
      )
    case .ensure: return ("ensure", [O(field: .a, role: .declaration), O(field: .d, role: .address)])
    case .returnFrom: return ("return", [O(field: .a, role: .declarationIndex)])
    case .onConsentFailure: return ("on.consent.failure", [O(field: .d, role: .address)])
    case .requireConsent: return ("require.consent", [O(field: .a, role: .int), O(field: .b, role: .model)])
    case .evaluateModel: return ("model", [O(field: .d, role: .float), O(field: .b, role: .model)])
    case .evaluateSegment:
      return (
        "model.segment", [O(field: .d, role: .int), O(field: .a, role: .float), O(field: .b, role: .model)]
      )
    case .grant: return ("grant", [O(field: .d, role: .int)])
    case .halt: return ("halt", [])
    case .stringLength: return ("len.string", [O(field: .d, role: .int), O(field: .a, role: .string)])
    case .lower: return ("lower", [O(field: .d, role: .string), O(field: .a, role: .string)])
    case .upper: return ("upper", [O(field: .d, role: .string), O(field: .a, role: .string)])
    case .trim: return ("trim", [O(field: .d, role: .string), O(field: .a, role: .string)])
    case .startsWith:
      return (
        "starts_with", [O(field: .d, role: .int), O(field: .a, role: .string), O(field: .b, role: .string)]
      )
    case .endsWith:
      return (
        "ends_with", [O(field: .d, role: .int), O(field: .a, role: .string), O(field: .b, role: .string)]
      )
    case .contains:
      return (
        "contains", [O(field: .d, role: .int), O(field: .a, role: .string), O(field: .b, role: .string)]
      )
    case .clearString: return ("clear", [O(field: .d, role: .string)])
    case .appendText: return ("append.text", [O(field: .d, role: .string), O(field: .b, role: .text)])
    case .appendValue: return ("append.value", [O(field: .d, role: .string), O(field: .a, role: .displayed)])
    case .makeIntList: return ("list.int", [O(field: .d, role: .list), O(field: .a, role: .intRun)])
    case .makeFloatList: return ("list.float", [O(field: .d, role: .list), O(field: .a, role: .floatRun)])
    case .makeStringList: return ("list.string", [O(field: .d, role: .list), O(field: .a, role: .stringRun)])
    case .listLength: return ("len.list", [O(field: .d, role: .int), O(field: .a, role: .list)])
    case .countTrue: return ("count", [O(field: .d, role: .int), O(field: .a, role: .list)])
    case .sameElements:
      return (
        "same.elements", [O(field: .d, role: .int), O(field: .a, role: .list), O(field: .b, role: .list)]
      )
    case .year: return ("year", [O(field: .d, role: .int), O(field: .a, role: .int)])
    case .month: return ("month", [O(field: .d, role: .int), O(field: .a, role: .int)])
    case .day: return ("day", [O(field: .d, role: .int), O(field: .a, role: .int)])
    case .weekday: return ("weekday", [O(field: .d, role: .int), O(field: .a, role: .int)])
    case .addDays:
      return ("add.days", [O(field: .d, role: .int), O(field: .a, role: .int), O(field: .b, role: .int)])
    case .subtractDays:
      return ("sub.days", [O(field: .d, role: .int), O(field: .a, role: .int), O(field: .b, role: .int)])
    }
  }
}
