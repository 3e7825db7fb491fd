import PlumDiagnostics

/// Every lint code: `P2xxx`, warnings unless `plum check --deny` promotes them.
///
/// Constants are in alphabetical order; the codes are stable and documented in
/// `docs/diagnostics-guarantees.md`. A lint can be silenced where it is reported with
/// `// plum:allow(P2xxx) reason`.
public enum LintDiagnostics {
  /// A comparison whose outcome the schema and the standard library already fix.
  public static let alwaysSameComparison = DiagnosticCode(
    "P2008", .warning, "comparison always has the same result")
  /// A condition whose value never depends on the record.
  public static let constantCondition = DiagnosticCode("P2005", .warning, "condition is constant")
  /// A `plum:allow` comment names something that is not a lint code.
  public static let invalidSuppression = DiagnosticCode("P2012", .warning, "invalid suppression")
  /// A reward that no test names.
  public static let missingTest = DiagnosticCode("P2007", .warning, "reward without a test")
  /// Two rewards of equal priority may both apply under `select best … max`.
  public static let overlappingRewards = DiagnosticCode(
    "P2006", .warning, "rewards of equal priority overlap")
  /// A field whose name suggests a stand-in for a protected attribute is decided on.
  public static let possibleProxy = DiagnosticCode(
    "P2010", .warning, "possible proxy for a protected attribute")
  /// A reward that a higher-priority reward always displaces under `select best`.
  public static let shadowedReward = DiagnosticCode("P2004", .warning, "reward is always shadowed")
  /// Money converted through floats or compared exactly after rounding.
  public static let suspiciousMoney = DiagnosticCode("P2009", .warning, "suspicious money arithmetic")
  /// A `plum:allow` comment without a reason.
  public static let suppressionWithoutReason = DiagnosticCode(
    "P2011", .warning, "suppression without a reason")
  /// A reward whose condition can never hold.
  public static let unreachableReward = DiagnosticCode("P2003", .warning, "reward can never apply")
  /// A let, rule or model that nothing refers to.
  public static let unusedDeclaration = DiagnosticCode("P2001", .warning, "unused declaration")
  /// An input field that nothing reads.
  public static let unusedField = DiagnosticCode("P2002", .warning, "unused input field")

  /// Every code, sorted by code.
  public static let all: [DiagnosticCode] = [
    alwaysSameComparison, constantCondition, invalidSuppression, missingTest, overlappingRewards,
    possibleProxy, shadowedReward, suspiciousMoney, suppressionWithoutReason, unreachableReward,
    unusedDeclaration, unusedField,
  ].sorted { $0.id < $1.id }
}
