import PlumChecker
import PlumDiagnostics

/// What a second back end (such as the SQL compiler) needs to agree with lowering: the same
/// constant folding, and the same model files.
package final class LoweringFacts {
  private let lowerer: Lowerer

  /// Creates the facts for a checked policy and its source.
  package init(policy: CheckedPolicy, source: SourceFile) {
    lowerer = Lowerer(policy: policy, source: source, options: LoweringOptions())
  }

  /// The value lowering folds `expression` to (its code never runs), if it folds.
  package func fold(_ expression: TypedExpression) -> Constant? { lowerer.fold(expression) }

  /// The model a declaration names, read from its file relative to `directory` as lowering reads it.
  package static func model(_ model: CheckedModel, directory: String) -> RuntimeModel? {
    guard case .success(let loaded) = ModelFileLoader.load(model, directory: directory) else { return nil }
    return loaded.model
  }
}
