import Foundation

/// A logistic model loaded from its JSON file: feature names in order and the scoring parameters.
///
/// The file format (see docs/runtime.md):
/// `{"kind": "logistic", "features": ["recency", …], "intercept": -1.2, "coefficients": [0.011, …],
/// "standardization": {"means": […], "scales": […]}}` — `standardization` is optional.
public struct LogisticModelFile: Hashable, Sendable {
  /// The feature names, in coefficient order.
  public var features: [String]
  /// The scoring parameters.
  public var scorer: LogisticScorer

  /// Creates a model from its parts.
  public init(features: [String], scorer: LogisticScorer) {
    self.features = features
    self.scorer = scorer
  }

  private struct Document: Decodable {
    struct Standardization: Decodable {
      var means: [Double]
      var scales: [Double]
    }
    var kind: String
    var features: [String]
    var intercept: Double
    var coefficients: [Double]
    var standardization: Standardization?
  }

  /// Parses a model file's bytes; the error is a one-line lowercase reason.
  public static func parse(_ bytes: [UInt8]) -> Result<LogisticModelFile, ModelFileProblem> {
    let document: Document
    do {
      document = try JSONDecoder().decode(Document.self, from: Data(bytes))
    } catch {
      return .failure(.invalid("not a logistic model document: \(describe(error))"))
    }
    guard document.kind == "logistic" else { return .failure(.invalid("kind is `\(document.kind)`, expected `logistic`")) }
    let count = document.features.count
    guard document.coefficients.count == count else {
      return .failure(.invalid("\(count) features but \(document.coefficients.count) coefficients"))
    }
    guard Set(document.features).count == count else { return .failure(.invalid("a feature name is repeated")) }
    var means: [Double]?
    var scales: [Double]?
    if let standardization = document.standardization {
      guard standardization.means.count == count, standardization.scales.count == count else {
        return .failure(.invalid("standardization needs one mean and one scale per feature"))
      }
      guard standardization.scales.allSatisfy({ $0 != 0 && $0.isFinite }) else {
        return .failure(.invalid("standardization scales must be finite and non-zero"))
      }
      means = standardization.means
      scales = standardization.scales
    }
    let numbers = [document.intercept] + document.coefficients + (means ?? [])
    guard numbers.allSatisfy(\.isFinite) else { return .failure(.invalid("parameters must be finite numbers")) }
    let scorer = LogisticScorer(
      intercept: document.intercept, weights: document.coefficients, means: means, scales: scales)
    return .success(LogisticModelFile(features: document.features, scorer: scorer))
  }

  private static func describe(_ error: any Error) -> String {
    switch error {
    case DecodingError.keyNotFound(let key, _): "missing `\(key.stringValue)`"
    case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
      "wrong type at `\(context.codingPath.map(\.stringValue).joined(separator: "."))`"
    default: "malformed JSON"
    }
  }
}

/// Why a model file could not be used.
public enum ModelFileProblem: Error, Hashable, Sendable {
  /// The file could not be read.
  case unreadable(String)
  /// The file is not a valid model.
  case invalid(String)
}
