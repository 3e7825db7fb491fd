import PlumDiagnostics
import PlumSyntax

/// The static guarantees and lints, run on a checked policy after type checking.
///
/// Guarantees (`P04xx`) are errors: consent gating, protected attributes and personal data.
/// Lints (`P2xxx`) are warnings, silenced one by one with `// plum:allow(P2xxx) reason`.
public enum PolicyAnalyzer {
  /// Which analyses to run.
  public struct Options: Sendable {
    /// Whether to run the lints as well as the guarantees.
    public var lints: Bool

    /// Creates options; lints are on by default.
    public init(lints: Bool = true) {
      self.lints = lints
    }
  }

  /// Analyses a checked policy.
  ///
  /// - Parameters:
  ///   - policy: The checked policy.
  ///   - file: Its syntax tree, for clause spans used in fix-its.
  ///   - source: Its source text, for `plum:allow` comments.
  ///   - options: Which analyses to run.
  /// - Returns: The findings not silenced by an allow comment, ordered by position.
  public static func analyze(
    _ policy: CheckedPolicy, file: PolicyFile, source: SourceFile, options: Options = Options()
  ) -> [Diagnostic] {
    let context = AnalysisContext(policy: policy, file: file, source: source)
    var bag = DiagnosticBag()
    var consent = ConsentAnalysis(context: context)
    consent.run(into: &bag)
    var protected = TaintAnalysis(context: context, mode: .protected)
    protected.reportProtected(into: &bag)
    var personal = TaintAnalysis(context: context, mode: .pii)
    personal.reportPII(flow: PersonalDataFlow(policy: policy), into: &bag)
    if options.lints {
      LintAnalysis(context: context).run(into: &bag)
    }
    let suppressions = Suppressions(source: source, file: file)
    var kept = bag.diagnostics.filter { !suppressions.silences($0, in: source) }
    if options.lints { kept += suppressions.problems }
    return kept.sortedByPosition()
  }
}
