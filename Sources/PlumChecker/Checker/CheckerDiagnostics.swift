import PlumDiagnostics

/// Every diagnostic code the checker reports: `P02xx` names and declarations, `P03xx` types.
///
/// Constants are in alphabetical order; the codes are stable and documented in the language
/// reference.
public enum CheckerDiagnostics {
  /// A branch of `if … then … else` has a type the other cannot take.
  public static let branchMismatch = DiagnosticCode("P0308", .error, "branches have different types")
  /// Two operands or a literal use different currencies.
  public static let currencyMismatch = DiagnosticCode("P0303", .error, "currencies do not match")
  /// Lets, rules or models depend on each other in a cycle.
  public static let dependencyCycle = DiagnosticCode("P0205", .error, "declarations depend on each other")
  /// A name is declared twice.
  public static let duplicateDeclaration = DiagnosticCode("P0202", .error, "duplicate declaration")
  /// A field, enum case, model input, attribute or record entry is written twice.
  public static let duplicateField = DiagnosticCode("P0219", .error, "duplicate field")
  /// A test has more than one `given` record.
  public static let duplicateGiven = DiagnosticCode("P0215", .error, "test has more than one record")
  /// A declaration that may appear at most once appears again.
  public static let duplicateSingleton = DiagnosticCode("P0208", .error, "declaration may appear only once")
  /// A list literal is empty and nothing says what its elements are.
  public static let emptyListType = DiagnosticCode("P0309", .error, "cannot infer the list's element type")
  /// `expect error` names something that is not a diagnostic code.
  public static let invalidErrorCode = DiagnosticCode("P0221", .error, "not a diagnostic code")
  /// A `%` or `.N` format specifier is malformed or does not fit the value.
  public static let invalidFormat = DiagnosticCode("P0312", .error, "invalid format specifier")
  /// A `key` field is repeated or has a type that cannot identify a record.
  public static let invalidKey = DiagnosticCode("P0223", .error, "invalid key field")
  /// A number is out of the range the construct allows (e.g. `max 0`).
  public static let invalidNumber = DiagnosticCode("P0316", .error, "number out of range")
  /// A call's arguments carry a wrong, missing or unexpected label.
  public static let labelMismatch = DiagnosticCode("P0314", .error, "wrong argument label")
  /// Money is used but the policy declares no `currency`.
  public static let missingCurrency = DiagnosticCode("P0304", .error, "missing currency declaration")
  /// A test has no `given` record.
  public static let missingGiven = DiagnosticCode("P0222", .error, "test has no record")
  /// The file has no `input` declaration.
  public static let missingInput = DiagnosticCode("P0206", .error, "missing input declaration")
  /// A test record leaves out required fields.
  public static let missingRecordFields = DiagnosticCode("P0218", .error, "test record misses fields")
  /// A model input is not a number or bool.
  public static let modelInputType = DiagnosticCode("P0315", .error, "model inputs must be numeric")
  /// A money literal's currency differs from the policy's.
  public static let moneyLiteralCurrency = DiagnosticCode(
    "P0305", .error, "money literal in another currency")
  /// The file has more than one `input` declaration.
  public static let multipleInputs = DiagnosticCode("P0207", .error, "more than one input declaration")
  /// A condition is not bool.
  public static let nonBoolCondition = DiagnosticCode("P0307", .error, "condition must be bool")
  /// A group of fields or the input record is used where a value is needed.
  public static let notAValue = DiagnosticCode("P0214", .error, "not a value")
  /// A name or function is used outside the place where it means something.
  public static let notAvailableHere = DiagnosticCode("P0213", .error, "not available here")
  /// A value is not printable in a string.
  public static let notPrintable = DiagnosticCode("P0313", .error, "value cannot be shown in text")
  /// An operator does not apply to its operand types.
  public static let operatorMismatch = DiagnosticCode("P0302", .error, "operator does not apply")
  /// A possibly-missing value is used where a value is needed.
  public static let optionalNotHandled = DiagnosticCode("P0306", .error, "value may be missing")
  /// A model or field purpose has no matching `consent` field.
  public static let purposeWithoutConsent = DiagnosticCode("P0211", .error, "purpose without consent field")
  /// `within` is used with values that are not numbers.
  public static let toleranceMismatch = DiagnosticCode("P0317", .error, "tolerance needs numbers")
  /// A value has the wrong type for its place.
  public static let typeMismatch = DiagnosticCode("P0301", .error, "type mismatch")
  /// Under a budget, a reward's cost cannot be known.
  public static let unknownRewardCost = DiagnosticCode("P0224", .error, "reward cost unknown")
  /// A budget period is unknown.
  public static let unknownBudgetPeriod = DiagnosticCode("P0217", .error, "unknown budget period")
  /// A bare name is not a case of the expected enumeration.
  public static let unknownEnumCase = DiagnosticCode("P0204", .error, "unknown enum case")
  /// A field path names no field of the input.
  public static let unknownField = DiagnosticCode("P0203", .error, "unknown field")
  /// A call names no standard-library function.
  public static let unknownFunction = DiagnosticCode("P0209", .error, "unknown function")
  /// A model kind is not one of the supported kinds.
  public static let unknownModelKind = DiagnosticCode("P0210", .error, "unknown model kind")
  /// A name refers to nothing declared.
  public static let unknownName = DiagnosticCode("P0201", .error, "unknown name")
  /// `select best by` names an unknown key.
  public static let unknownSelectKey = DiagnosticCode("P0212", .error, "unknown selection key")
  /// A call has too few or too many arguments.
  public static let wrongArgumentCount = DiagnosticCode("P0310", .error, "wrong number of arguments")
  /// A call argument has the wrong type.
  public static let wrongArgumentType = DiagnosticCode("P0311", .error, "wrong argument type")

  /// Every code, sorted by code.
  public static let all: [DiagnosticCode] = [
    branchMismatch, currencyMismatch, dependencyCycle, duplicateDeclaration, duplicateField, duplicateGiven,
    duplicateSingleton, emptyListType, invalidErrorCode, invalidFormat, invalidKey, invalidNumber,
    labelMismatch, missingCurrency, missingGiven, missingInput, missingRecordFields, modelInputType,
    moneyLiteralCurrency, multipleInputs, nonBoolCondition, notAValue, notAvailableHere, notPrintable,
    operatorMismatch, optionalNotHandled, purposeWithoutConsent, toleranceMismatch, typeMismatch,
    unknownBudgetPeriod, unknownEnumCase, unknownRewardCost, unknownField, unknownFunction, unknownModelKind,
    unknownName,
    unknownSelectKey, wrongArgumentCount, wrongArgumentType,
  ].sorted { $0.id < $1.id }
}
