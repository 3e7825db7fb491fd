import PlumChecker
import PlumRuntime

/// Which `plum train` options apply to which kind of model, so an option meant for another kind is
/// refused instead of silently ignored.
enum TrainOptionScope {
  /// Where an option applies: a model kind and, for anomaly models, a method.
  struct Scope {
    /// The kinds the option applies to.
    var kinds: Set<ModelKind>
    /// For anomaly models, the methods it applies to; nil for all.
    var methods: Set<TrainingOptions.AnomalyMethod>? = nil
    /// How the scope is named in a message, such as "kmeans models".
    var description: String
  }

  /// The options that apply only to some kinds, with where they apply.
  static let scopes: [(option: String, scope: Scope)] = [
    ("--target", Scope(kinds: [.logistic, .linear], description: "logistic and linear models")),
    ("--c", Scope(kinds: [.logistic], description: "logistic models")),
    ("--l2", Scope(kinds: [.logistic], description: "logistic models")),
    ("--class-weight", Scope(kinds: [.logistic], description: "logistic models")),
    ("--alpha", Scope(kinds: [.linear], description: "linear models")),
    (
      "--standardize",
      Scope(kinds: [.logistic, .linear, .kmeans], description: "logistic, linear and kmeans models")
    ),
    ("--k", Scope(kinds: [.kmeans], description: "kmeans models")),
    ("--restarts", Scope(kinds: [.kmeans], description: "kmeans models")),
    (
      "--seed",
      Scope(
        kinds: [.kmeans, .anomaly], methods: [.isolationForest],
        description: "kmeans models and anomaly models with --method isolation_forest")
    ),
    ("--method", Scope(kinds: [.anomaly], description: "anomaly models")),
    (
      "--combination",
      Scope(kinds: [.anomaly], methods: [.robustZ], description: "anomaly models with --method robust_z")
    ),
    (
      "--trees",
      Scope(
        kinds: [.anomaly], methods: [.isolationForest],
        description: "anomaly models with --method isolation_forest")
    ),
    (
      "--sample-size",
      Scope(
        kinds: [.anomaly], methods: [.isolationForest],
        description: "anomaly models with --method isolation_forest")
    ),
  ]

  /// Refuses the first given option that does not apply to the model being trained.
  /// - Throws: `UsageError` naming the option, the model's kind and where the option applies.
  static func check(
    _ arguments: ParsedArguments, kind: ModelKind, method: TrainingOptions.AnomalyMethod, model: String
  ) throws(UsageError) {
    // Plum does not train `trees` models at all; that message says more than any option's.
    guard kind != .trees else { return }
    for (option, scope) in scopes where arguments.has(option) || arguments.value(option) != nil {
      let applies =
        scope.kinds.contains(kind) && (kind != .anomaly || scope.methods.map { $0.contains(method) } ?? true)
      guard !applies else { continue }
      var what = "\(kind == .anomaly ? "an" : "a") \(kind.rawValue) model"
      if kind == .anomaly { what += " with --method \(method.rawValue)" }
      throw UsageError(
        message: "'\(option)' does not apply to `\(model)`, \(what); it is for \(scope.description)")
    }
  }
}
