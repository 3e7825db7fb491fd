import PlumDiagnostics
import PlumModels

/// A lowered policy: flat code for the register machine plus everything needed to run and explain it.
///
/// Registers below `inputs.intSlots` (and likewise for floats and strings) hold the input record's
/// slots exactly as `PlumData.RecordRow` stores them, so loading a record is a block copy. Constant
/// registers are filled once from `initial*` and never written by code.
public struct Program: Sendable {
  /// The policy's name.
  public var name: String
  /// The policy's currency (`currency EUR`), used for vouchers and values.
  public var currency: String
  /// The code; every block ends with `halt` or `returnFrom`.
  public var code: [Instruction]
  /// Initial contents of the int registers (their count is the file's size).
  public var initialInts: [Int64]
  /// Initial contents of the float registers.
  public var initialFloats: [Double]
  /// Initial contents of the string registers.
  public var initialStrings: [String]
  /// Initial contents of the list registers.
  public var initialLists: [ListValue]
  /// Constant int sets for `in` (sorted, without duplicates).
  public var intSets: [[Int64]]
  /// Constant float sets for `in`.
  public var floatSets: [[Double]]
  /// Constant string sets for `in`.
  public var stringSets: [[String]]
  /// Texts for `appendText` and currency codes.
  public var strings: [String]
  /// How each `appendValue` shows its value, by its `b` operand.
  public var displays: [Display] = []
  /// Enumeration case names, for showing enum values.
  public var enumerations: [[String]]
  /// Source expressions that runtime errors are reported at.
  public var sites: [Site]
  /// The lets, rules and models that survived dead-declaration removal, by `ensure` index.
  public var declarations: [DeclarationInfo]
  /// The models, by `evaluateModel` index.
  public var models: [ModelProgram]
  /// The rewards, in declaration order.
  public var rewards: [RewardProgram]
  /// How records map to registers.
  public var inputs: InputLayout
  /// Where a record's evaluation starts: every reward's conditions, give, value and priority.
  public var main: Address
  /// How granted rewards are selected.
  public var selection: Selection
  /// The int register holding the run's as-of date.
  public var asOfRegister: Register
  /// The int register the machine writes `model + 1` to when a model lacks consent.
  public var consentFailureRegister: Register
  /// Whether the code records explanation traces.
  public var explains: Bool
  /// The registers the runner fills with the decision after selection, for code that reads it
  /// (`plum test` expectations); nil in programs that never read the decision.
  public var decisionSlots: DecisionSlots? = nil
  /// The run's budget in minor units of the policy's currency (`budget … per run`), if declared.
  public var budget: Int64? = nil
  /// What one point costs, if the policy says (`points worth …`).
  public var pointValue: PointValue? = nil
  /// The `disparate_impact` constraints every run measures, in source order.
  public var constraints: [MeasuredConstraint] = []
}

/// What one loyalty point costs: `units / 10^scale` major units of the policy's currency, kept
/// exact so that `points worth 0.005 EUR` is not rounded per point.
public struct PointValue: Hashable, Sendable {
  /// The amount in units of 10^-scale of the currency's major unit.
  public var units: Int64
  /// The decimal digits of `units`.
  public var scale: Int
  /// The currency's minor-unit digits.
  public var minorDigits: Int

  /// Creates a point value.
  public init(units: Int64, scale: Int, minorDigits: Int) {
    self.units = units
    self.scale = scale
    self.minorDigits = minorDigits
  }

  /// The cost of `points` points in minor units, rounded half away from zero; nil on overflow.
  public func cost(ofPoints points: Int64) -> Int64? {
    // points × units × 10^minorDigits / 10^scale
    var numerator = points.multipliedReportingOverflow(by: units)
    guard !numerator.overflow else { return nil }
    var shift = minorDigits - scale
    while shift > 0 {
      numerator = numerator.partialValue.multipliedReportingOverflow(by: 10)
      guard !numerator.overflow else { return nil }
      shift -= 1
    }
    guard shift < 0 else { return numerator.partialValue }
    var divisor: Int64 = 1
    for _ in 0..<(-shift) { divisor *= 10 }
    let (quotient, remainder) = numerator.partialValue.quotientAndRemainder(dividingBy: divisor)
    return abs(remainder) * 2 >= divisor ? quotient + (numerator.partialValue < 0 ? -1 : 1) : quotient
  }
}

/// The registers holding a record's decision, written by the runner after selection.
public struct DecisionSlots: Hashable, Sendable {
  /// int: 1 when the record was decided, 0 when it failed.
  public var decided: Register
  /// list (of ints): the indexes of the rewards given, in output order.
  public var rewards: Register
  /// string: the `because` texts of the rewards given, joined with `; `.
  public var reason: Register
  /// int, one per reward: 1 when it was given.
  public var given: [Register]
}

/// A list value in a list register.
public enum ListValue: Hashable, Sendable {
  /// Elements held in int registers (bools, ints, money, dates, durations, enum cases).
  case ints([Int64])
  /// Float elements.
  case floats([Double])
  /// String elements.
  case strings([String])

  /// The number of elements.
  public var count: Int {
    switch self {
    case .ints(let values): values.count
    case .floats(let values): values.count
    case .strings(let values): values.count
    }
  }
}

/// A source expression a runtime error can be reported at.
public struct Site: Hashable, Sendable {
  /// The expression's span in the policy's source.
  public var range: SourceRange
  /// The 1-based line in the policy file.
  public var line: Int
  /// The 1-based column in the policy file.
  public var column: Int
  /// The expression's source text (shortened when long).
  public var text: String

  /// Creates a site.
  public init(range: SourceRange, line: Int, column: Int, text: String) {
    self.range = range
    self.line = line
    self.column = column
    self.text = text
  }
}

/// What a declaration is.
public enum DeclarationKind: String, Hashable, Sendable {
  case `let`, rule, model
}

/// A lowered let, rule or model: where its code starts and where its value lands.
public struct DeclarationInfo: Hashable, Sendable {
  /// The declaration's name.
  public var name: String
  /// What it is.
  public var kind: DeclarationKind
  /// The first instruction of its code.
  public var entry: Address
  /// The register holding its value.
  public var result: Register
  /// Which file `result` is in and how to show the value.
  public var display: DisplayKind
  /// The int register holding whether the value is present, for optional values.
  public var presence: Register?
  /// Whether the block exists only for explanations: without them the declaration would have no
  /// code (it names an input field), and so, as in `plum run`, it is never among a decision's reasons.
  public var isTraceOnly: Bool = false
}

/// A lowered model.
public struct ModelProgram: Equatable, Sendable {
  /// The model's name in the policy.
  public var name: String
  /// The model kind (`logistic`, `linear`, `kmeans`, `anomaly` or `trees`).
  public var kind: String
  /// The model file as written in the policy.
  public var source: String
  /// The consent purpose gating it, if any.
  public var purpose: String?
  /// The int register holding the consent flag for `purpose`.
  public var consentRegister: Register?
  /// The feature names, in order.
  public var featureNames: [String]
  /// The first of the consecutive float registers holding the features.
  public var firstFeature: Register
  /// The model, as PlumModels scores it.
  public var model: RuntimeModel
  /// The declaration index whose result is the score.
  public var declaration: Int32
  /// Whether a feature is derived from a `pii` field (its contribution is never shown).
  public var featureIsPII: [Bool]
}

/// A reward's kind, as `give` constructs it; stored in an int register by raw value.
public enum RewardKind: Int64, Hashable, Sendable, CaseIterable {
  case points = 0, voucher, cashback, badge

  /// The kind's name in output.
  public var name: String {
    switch self {
    case .points: "points"
    case .voucher: "voucher"
    case .cashback: "cashback"
    case .badge: "badge"
    }
  }
}

/// The registers a `give` expression fills.
public struct RewardSlots: Hashable, Sendable {
  /// int: the `RewardKind` raw value.
  public var kind: Register
  /// int: points, or the voucher amount in minor units.
  public var amount: Register
  /// float: the cashback rate.
  public var rate: Register
  /// string: the badge name.
  public var label: Register
}

/// One conjunct of a reward's conditions, for explanations.
public struct Conjunct: Hashable, Sendable {
  /// The conjunct's source text.
  public var text: String
  /// The int register holding 0 (false), 1 (true) or 2 (not evaluated) after a record.
  public var trace: Register
}

/// A lowered reward.
public struct RewardProgram: Hashable, Sendable {
  /// The reward's name.
  public var name: String
  /// The int register set to 1 when every condition held (0 otherwise).
  public var granted: Register
  /// Where `give` puts the reward.
  public var give: RewardSlots
  /// The int register holding the value in minor units, if `value` is written.
  public var value: Register?
  /// The int register holding the priority (0 when not written).
  public var priority: Register
  /// The `because` block's entry and the string register it fills, if written.
  public var because: (entry: Address, result: Register)?
  /// The conditions' conjuncts (`requires`, then `when` split at top-level `and`), when explaining.
  public var conjuncts: [Conjunct]
  /// The int register holding `model + 1` of a model whose missing consent abandoned the reward.
  public var blockedBy: Register?
  /// The int register holding the epoch of the last record whose evaluation reached the reward,
  /// when explaining.
  public var reached: Register? = nil
  /// The int register holding the `cost` in minor units, if `cost` is written.
  public var cost: Register? = nil

  public static func == (lhs: RewardProgram, rhs: RewardProgram) -> Bool {
    lhs.name == rhs.name && lhs.granted == rhs.granted && lhs.give == rhs.give && lhs.value == rhs.value
      && lhs.priority == rhs.priority && lhs.because?.entry == rhs.because?.entry
      && lhs.because?.result == rhs.because?.result && lhs.conjuncts == rhs.conjuncts
      && lhs.blockedBy == rhs.blockedBy && lhs.reached == rhs.reached && lhs.cost == rhs.cost
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(name)
    hasher.combine(granted)
  }
}

/// How granted rewards are chosen for a record.
public enum Selection: Hashable, Sendable {
  /// Every granted reward, in declaration order.
  case all
  /// The granted rewards with the highest priority, ties by declaration order, at most `max`.
  case bestByPriority(max: Int?)
}

/// How the fields of a record map to registers, and what must never be shown.
///
/// Fields are numbered as in the input schema; each value lives in register `slot` of its file,
/// numbered per file in field order, which is exactly how `PlumData.RecordRow` lays out a row.
public struct InputLayout: Hashable, Sendable {
  /// The fields, in schema order.
  public var fields: [InputField]
  /// How many int registers the fields occupy (registers `0..<intSlots`).
  public var intSlots: Int
  /// How many float registers the fields occupy.
  public var floatSlots: Int
  /// How many string registers the fields occupy.
  public var stringSlots: Int
  /// The key field's index, when it may be shown (a `pii` key never is).
  public var visibleKey: Int?
  /// The key field's index, shown or not (readers use it to name records in errors).
  public var keyField: Int?
}

/// One input field as the machine sees it.
public struct InputField: Hashable, Sendable {
  /// The dotted path, such as `consent.marketing`.
  public var path: String
  /// How its value is shown, which also names its register file.
  public var display: DisplayKind
  /// The register holding its value.
  public var slot: Register
  /// For optional fields, the int register holding whether the value is present.
  public var presence: Register?
  /// Whether the field is `pii`: its value never appears in any output.
  public var isPII: Bool
  /// Whether the program's code reads the field (others are not copied into registers).
  public var isRead: Bool = true
  /// The value's type as records carry it.
  public var type: InputType
  /// Whether the value may be missing.
  public var isOptional: Bool
}

/// The type of an input field's value as records carry it.
public enum InputType: Hashable, Sendable {
  case bool, int, float, string, date
  /// A whole number of days.
  case duration
  /// An amount with `digits` decimals, stored in minor units.
  case money(digits: Int)
  /// One of the named cases, stored as the case index.
  case enumeration([String])
}
