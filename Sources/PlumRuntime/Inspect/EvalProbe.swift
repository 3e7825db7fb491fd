import PlumDiagnostics

/// Where the value of one expression lowered for inspection lands, and how to run its code.
///
/// A probe's code is a block of its own: running the machine from `entry` (after a record is
/// loaded) computes the expression and halts, running on demand whatever lets, rules and models it
/// needs. Probes back `plum eval` and the REPL; `plum run` never lowers any.
public struct EvalProbe: Hashable, Sendable {
  /// The register(s) holding a value.
  public enum Location: Hashable, Sendable {
    /// An int register: bools, ints, money (minor units), dates, durations and enum cases.
    case int(Register)
    /// A float register.
    case float(Register)
    /// A string register.
    case string(Register)
    /// A list register.
    case list(Register)
    /// The registers a reward value fills.
    case reward(RewardSlots)
  }

  /// The first instruction of the probe's block.
  public var entry: Address
  /// Where the value is after the block halts.
  public var location: Location
  /// The int register that is 1 when the value is present; nil when it always is.
  public var presence: Register?
  /// The int register set to 1 when a model's consent stopped the evaluation (0 otherwise).
  public var blocked: Register
  /// Whether the value depends on a `pii` field, so it must never be shown.
  public var readsPII: Bool
}

/// A program lowered with extra probe blocks, or the diagnostics explaining why there is none.
public struct EvalLoweringResult: Sendable {
  /// The program (whose main block is the policy's, unchanged); nil when any diagnostic is an error.
  public var program: Program?
  /// One probe per expression asked for, in order (empty when there is no program).
  public var probes: [EvalProbe]
  /// Problems found while lowering the policy or the expressions.
  public var diagnostics: [Diagnostic]
  /// Why each probe has no value, when lowering isolated probe errors (nil: it lowered cleanly).
  public var failures: [String?] = []
}
