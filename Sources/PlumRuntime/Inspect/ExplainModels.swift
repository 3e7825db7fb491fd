import PlumChecker
import PlumModels

/// The scoring parameters of a policy's models, for the tracing evaluator.
///
/// Parameters come from the lowered program when it has the model, so traces score exactly as
/// `plum run` does; a model no reward needs is read from its file instead.
public struct ExplainModels: Sendable {
  /// One model ready to score.
  public struct Model: Equatable, Sendable {
    /// The feature names, in the model file's order.
    public var features: [String]
    /// The model, as the machine scores it.
    public var model: RuntimeModel

    /// Creates a model.
    public init(features: [String], model: RuntimeModel) {
      self.features = features
      self.model = model
    }
  }

  /// The models by their index in `CheckedPolicy.models`; a reason when one cannot be scored.
  public var models: [Int: Result<Model, ExplainFault>]

  /// Creates models from explicit parameters (for embedding and tests).
  public init(models: [Int: Result<Model, ExplainFault>]) {
    self.models = models
  }

  /// Gathers the parameters of every model of `policy`.
  /// - Parameters:
  ///   - program: the lowered policy; its models are used as they are.
  ///   - directory: the directory model paths are relative to (the policy file's).
  public static func load(policy: CheckedPolicy, program: Program?, directory: String) -> ExplainModels {
    var models: [Int: Result<Model, ExplainFault>] = [:]
    for (index, model) in policy.models.enumerated() {
      if let lowered = program?.models.first(where: { $0.name == model.name.name }) {
        models[index] = .success(Model(features: lowered.featureNames, model: lowered.model))
        continue
      }
      models[index] = read(model, directory: directory)
    }
    return ExplainModels(models: models)
  }

  private static func read(_ model: CheckedModel, directory: String) -> Result<Model, ExplainFault> {
    func unavailable(_ reason: String) -> Result<Model, ExplainFault> {
      .failure(
        ExplainFault(code: nil, summary: "model `\(model.name.name)` \(reason)", range: model.name.range))
    }
    switch ModelFileLoader.load(model, directory: directory) {
    case .success(let loaded):
      return .success(Model(features: loaded.model.featureNames, model: loaded.model))
    case .failure(.unreadable): return unavailable("cannot be read from `\(model.source)`")
    case .failure(.invalid(let reason)): return unavailable("is invalid: \(reason)")
    }
  }
}
