import PlumChecker

/// An index into one of the machine's typed register files.
public typealias Register = Int32

/// A position in a program's code.
public typealias Address = Int32

/// One instruction of Plum's register machine.
///
/// Registers are typed by file: `int` registers hold bools (0/1), ints, money (minor units), dates
/// (days since 1970-01-01), durations (days), enumeration case indexes and presence flags; `float`
/// registers hold doubles; `string` and `list` registers hold strings and lists. Instructions name
/// their destination first. `site` is an index into `Program.sites`, naming the source expression
/// a runtime error is reported at. Every payload is plain data, so code is one flat array.
public enum Instruction: Hashable, Sendable {
  // MARK: Moves
  /// `int[d] = value`.
  case setInt(Register, Int64)
  /// `int[d] = int[a]`.
  case copyInt(Register, Register)
  /// `float[d] = float[a]`.
  case copyFloat(Register, Register)
  /// `string[d] = string[a]`.
  case copyString(Register, Register)
  /// `list[d] = list[a]`.
  case copyList(Register, Register)

  // MARK: Integers (also money, dates and durations); overflow and division by zero are errors
  /// `int[d] = int[a] + int[b]`.
  case addInt(Register, Register, Register, site: Int32)
  /// `int[d] = int[a] - int[b]`.
  case subtractInt(Register, Register, Register, site: Int32)
  /// `int[d] = int[a] * int[b]`.
  case multiplyInt(Register, Register, Register, site: Int32)
  /// `int[d] = int[a] / int[b]`, truncating toward zero.
  case divideInt(Register, Register, Register, site: Int32)
  /// `int[d] = int[a] % int[b]`, with the sign of the dividend.
  case remainderInt(Register, Register, Register, site: Int32)
  /// `int[d] = -int[a]`.
  case negateInt(Register, Register, site: Int32)
  /// `int[d] = |int[a]|`.
  case absInt(Register, Register, site: Int32)
  /// `int[d] = min(int[a], int[b])`.
  case minInt(Register, Register, Register)
  /// `int[d] = max(int[a], int[b])`.
  case maxInt(Register, Register, Register)

  // MARK: Money
  /// `int[d] = int[a] × float[b]`, rounded half to even to minor units.
  case multiplyMoneyByFloat(Register, Register, Register, site: Int32)
  /// `int[d] = int[a] ÷ int[b]`, rounded half to even to minor units.
  case divideMoneyByInt(Register, Register, Register, site: Int32)
  /// `int[d] = int[a] ÷ float[b]`, rounded half to even to minor units.
  case divideMoneyByFloat(Register, Register, Register, site: Int32)
  /// `float[d] = int[a] ÷ int[b]` for two amounts of one currency.
  case moneyRatio(Register, Register, Register, site: Int32)
  /// `float[d] = int[a] / 10^digits`: an amount in major units.
  case moneyToFloat(Register, Register, digits: Int32)

  // MARK: Floats; results that are not finite numbers are errors
  /// `float[d] = float[a] + float[b]`.
  case addFloat(Register, Register, Register, site: Int32)
  /// `float[d] = float[a] - float[b]`.
  case subtractFloat(Register, Register, Register, site: Int32)
  /// `float[d] = float[a] * float[b]`.
  case multiplyFloat(Register, Register, Register, site: Int32)
  /// `float[d] = float[a] / float[b]`.
  case divideFloat(Register, Register, Register, site: Int32)
  /// `float[d] = fmod(float[a], float[b])`.
  case remainderFloat(Register, Register, Register, site: Int32)
  /// `float[d] = -float[a]`.
  case negateFloat(Register, Register)
  /// `float[d] = float(int[a])`.
  case intToFloat(Register, Register)
  /// `int[d] = int(float[a])` rounded as `mode` says; out of range is an error.
  case floatToInt(Register, Register, FloatRounding, site: Int32)
  /// `float[d] = float[a]` rounded to `int[b]` decimals, halves away from zero.
  case roundToDecimals(Register, Register, Register, site: Int32)
  /// `float[d] = f(float[a])`.
  case floatFunction(FloatFunction, Register, Register, site: Int32)
  /// `float[d] = pow(float[a], float[b])`.
  case power(Register, Register, Register, site: Int32)
  /// `float[d] = min(float[a], float[b])`.
  case minFloat(Register, Register, Register)
  /// `float[d] = max(float[a], float[b])`.
  case maxFloat(Register, Register, Register)

  // MARK: Comparisons and booleans
  /// `int[d] = int[a] ∘ int[b]`.
  case compareInt(Comparator, Register, Register, Register)
  /// `int[d] = float[a] ∘ float[b]`.
  case compareFloat(Comparator, Register, Register, Register)
  /// `int[d] = string[a] ∘ string[b]`.
  case compareString(Comparator, Register, Register, Register)
  /// `int[d] = !int[a]`.
  case not(Register, Register)
  /// `int[d] = int[a] ∈ Program.intSets[set]` (negated for `not in`).
  case memberInt(Register, Register, set: Int32, negated: Bool)
  /// `int[d] = float[a] ∈ Program.floatSets[set]`.
  case memberFloat(Register, Register, set: Int32, negated: Bool)
  /// `int[d] = string[a] ∈ Program.stringSets[set]`.
  case memberString(Register, Register, set: Int32, negated: Bool)
  /// `int[d] = int[a] ∈ list[l]`.
  case memberIntList(Register, Register, Register, negated: Bool)
  /// `int[d] = float[a] ∈ list[l]`.
  case memberFloatList(Register, Register, Register, negated: Bool)
  /// `int[d] = string[a] ∈ list[l]`.
  case memberStringList(Register, Register, Register, negated: Bool)

  // MARK: Control
  /// Continue at `target`.
  case jump(Address)
  /// Continue at `target` when `int[c]` is 0.
  case jumpIfFalse(Register, Address)
  /// Continue at `target` when `int[c]` is not 0.
  case jumpIfTrue(Register, Address)
  /// Continue at `target` unless `int[a] ∘ int[b]` holds.
  case jumpUnlessInt(Comparator, Register, Register, Address)
  /// Continue at `target` unless `float[a] ∘ float[b]` holds.
  case jumpUnlessFloat(Comparator, Register, Register, Address)
  /// Continue at `target` unless `int[a] ∈ Program.intSets[set]` (or ∉ when negated).
  case jumpUnlessMemberInt(Register, set: Int32, negated: Bool, Address)
  /// Continue at `target` unless `string[a] ∈ Program.stringSets[set]` (or ∉ when negated).
  case jumpUnlessMemberString(Register, set: Int32, negated: Bool, Address)
  /// Run declaration `decl`'s code at `entry` unless it already ran for this record.
  case ensure(decl: Int32, entry: Address)
  /// End of declaration `decl`'s code: mark it computed and return to the instruction after `ensure`.
  case returnFrom(decl: Int32)
  /// If `int[c]` (a consent flag) is false, mark model `model` not evaluated and abandon the current
  /// reward (its conditions fail closed).
  case requireConsent(Register, model: Int32)
  /// From here on, a missing consent abandons evaluation and continues at `target`.
  case onConsentFailure(Address)
  /// Evaluate model `model` on its feature registers into `float[d]`.
  case evaluateModel(Register, model: Int32, site: Int32)
  /// Assign the record to k-means model `model`'s nearest segment, into `int[d]`, and its distance to
  /// that segment's centre into `float[distance]`.
  case evaluateSegment(Register, distance: Register, model: Int32, site: Int32)
  /// Mark reward `granted` register as given for this record (it holds the record's epoch).
  case grant(Register)
  /// Stop; the record's evaluation of this block is complete.
  case halt

  // MARK: Strings, lists and dates
  /// `int[d]` = number of characters of `string[a]`.
  case stringLength(Register, Register)
  /// `string[d] = f(string[a])`.
  case stringFunction(StringFunction, Register, Register)
  /// `int[d] = p(string[a], string[b])`.
  case stringTest(StringTest, Register, Register, Register)
  /// `string[d] = ""`.
  case clearString(Register)
  /// Append `Program.strings[text]` to `string[d]`.
  case appendText(Register, text: Int32)
  /// Append the value in register `a`, shown as `kind` with `format`, to `string[d]`.
  case appendValue(Register, Register, DisplayKind, DisplayFormat)
  /// `list[d]` = the `count` registers from `first` of the file `kind` names.
  case makeList(Register, ListKind, first: Register, count: Int32)
  /// `int[d]` = the number of elements of `list[l]`.
  case listLength(Register, Register)
  /// `int[d]` = the number of true elements of `list[l]`.
  case countTrue(Register, Register)
  /// `int[d]` = 1 when the int lists `list[a]` and `list[b]` hold the same elements, ignoring order
  /// and repetition (reward sets in test expectations).
  case sameElements(Register, Register, Register)
  /// `int[d]` = the `part` of the date `int[a]`.
  case datePart(DatePart, Register, Register)
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
