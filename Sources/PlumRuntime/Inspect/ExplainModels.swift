import Foundation
import PlumChecker
import PlumModels

/// The scoring parameters of a policy's models, for the tracing evaluator.
///
/// Parameters come from the lowered program when it has the model, so traces score exactly as
/// `plum run` does; a model no reward needs is read from its file instead.
public struct ExplainModels: Sendable {
  /// One model ready to score.
  public struct Model: Equatable, Sendable {
    /// The feature names, in coefficient order.
    public var features: [String]
    /// The model, as the machine scores it.
    public var logistic: LogisticRegression

    /// Creates a model.
    public init(features: [String], logistic: LogisticRegression) {
      self.features = features
      self.logistic = logistic
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
        models[index] = .success(Model(features: lowered.featureNames, logistic: lowered.logistic))
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
    guard model.kind == .logistic else { return unavailable("is of a kind that cannot be run yet") }
    let path = model.source.hasPrefix("/") ? model.source : directory + "/" + model.source
    guard let data = FileManager.default.contents(atPath: path) else {
      return unavailable("cannot be read from `\(model.source)`")
    }
    do {
      let logistic = try ModelFile.decode(Array(data)).logistic()
      return .success(Model(features: logistic.terms.featureNames, logistic: logistic))
    } catch {
      return unavailable("is invalid: \(error)")
    }
  }
}
