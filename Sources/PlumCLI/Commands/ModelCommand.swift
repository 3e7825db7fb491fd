import PlumModels
import PlumRuntime

/// `plum model show FILE`: prints a model file as a readable card.
enum ModelCommand: Command {
  static let name = "model"
  static let abstract = "Show a model file: kind, features, parameters, metrics and fingerprints."
  static let discussion: String? = """
    'plum model show FILE' reads a Plum model file (as `plum train` writes it) or an XGBoost JSON
    model and prints its kind, target, training rows, each feature with its coefficient, centroid
    coordinates or scale, the training metrics and the SHA-256 fingerprints of the training data
    and of the feature definitions. The card is the same for the same file: it shows no clock.
    Exit status: 0 when the file was shown, 1 when it is not a valid model file, 2 for usage or
    I/O errors.
    """
  static let arguments = ArgumentSpec(
    positionals: [
      .init(name: "action", help: "What to do: show."),
      .init(name: "file", help: "The model file."),
    ])

  static func run(_ arguments: ParsedArguments, io: CommandIO) throws(UsageError) -> ExitStatus {
    let positionals = arguments.positionals
    guard positionals.first == "show" else {
      throw UsageError(message: "unknown action '\(positionals.first ?? "")'; expected 'show'")
    }
    guard positionals.count == 2 else { throw UsageError(message: "missing expected argument '<file>'") }
    let path = positionals[1]
    let bytes: [UInt8]
    do {
      bytes = try io.readFile(path)
    } catch {
      io.writeErr("error: \(error)\n")
      return .usage
    }
    switch ModelCard.read(bytes) {
    case .success(let card):
      io.writeOut(card.render(path: path))
      return .success
    case .failure(let error):
      io.writeErr("error: \(path) is not a model file: \(error.description)\n")
      return .findings
    }
  }
}

/// A model file, shown as text.
enum ModelCard {
  /// A Plum model file or an XGBoost ensemble.
  case plum(ModelFile)
  case xgboost(TreeEnsemble)

  /// Reads a Plum model file, or else an XGBoost JSON model. When neither reads, the error is
  /// XGBoost's for a file that has XGBoost's `learner` (an objective Plum does not support, say),
  /// as `plum check` reports it, and the Plum error otherwise.
  static func read(_ bytes: [UInt8]) -> Result<ModelCard, ModelFileError> {
    let plumError: ModelFileError
    do {
      return .success(.plum(try ModelFile.decode(bytes)))
    } catch {
      plumError = error
    }
    do {
      return .success(.xgboost(try TreeEnsemble.readXGBoostJSON(bytes)))
    } catch {
      return .failure(error == .missingField("learner") ? plumError : error)
    }
  }

  /// The card's text.
  func render(path: String) -> String {
    switch self {
    case .plum(let file): return plumCard(file, path: path)
    case .xgboost(let ensemble):
      var lines = ["model file \(path)", ""]
      lines.append(row("kind", "trees (XGBoost, \(ensemble.objective.rawValue))"))
      lines.append(row("trees", String(ensemble.treeCount)))
      lines.append(row("base margin", ModelCard.number(ensemble.baseMargin)))
      lines.append(row("features", ensemble.featureNames.joined(separator: ", ")))
      lines.append(row("training", "recorded by XGBoost, not by Plum (no fingerprints)"))
      return lines.joined(separator: "\n") + "\n"
    }
  }

  private func plumCard(_ file: ModelFile, path: String) -> String {
    let model = file.model
    var lines = ["model file \(path)", ""]
    lines.append(row("kind", kindText(model)))
    lines.append(row("target", file.target ?? "none"))
    lines.append(row("rows", String(file.training.rows)))
    lines.append(row("preprocessing", model.standardization == nil ? "none" : "standardised (mean, scale)"))
    lines.append("")
    lines += featureTable(file)
    lines.append("")
    lines.append("metrics")
    if file.training.metrics.isEmpty { lines.append("  (none)") }
    let width = file.training.metrics.keys.map(\.count).max() ?? 0
    for name in file.training.metrics.keys.sorted() {
      let value = file.training.metrics[name] ?? .nan
      lines.append("  " + name.padding(width) + "  " + ModelCard.number(value))
    }
    lines.append("")
    lines.append("fingerprints (SHA-256)")
    lines.append("  data      " + file.training.dataSHA256)
    lines.append("  features  " + file.training.featuresSHA256)
    return lines.joined(separator: "\n") + "\n"
  }

  private func kindText(_ model: Model) -> String {
    switch model {
    case .logistic: "logistic (probability)"
    case .linear: "linear (prediction)"
    case .kMeans(let kMeans): "kmeans (\(kMeans.segmentCount) segments)"
    case .robustZScore(let robust): "anomaly (robust z-score, \(robust.combination.rawValue))"
    case .isolationForest(let forest):
      "anomaly (isolation forest, \(forest.trees.count) trees, sample size \(forest.sampleSize))"
    }
  }

  /// One row per feature with the parameters that belong to it, then the definition it was trained on.
  private func featureTable(_ file: ModelFile) -> [String] {
    let model = file.model
    let names = model.featureNames
    var header = ["feature"]
    var columns: [[String]] = [names]
    func add(_ title: String, _ values: [Double]) {
      header.append(title)
      columns.append(values.map(ModelCard.number))
    }
    switch model {
    case .logistic(let logistic): add("coefficient", logistic.terms.coefficients)
    case .linear(let linear): add("coefficient", linear.terms.coefficients)
    case .kMeans(let kMeans):
      for (segment, centroid) in kMeans.centroids.enumerated() { add("segment \(segment)", centroid) }
    case .robustZScore(let robust):
      add("median", robust.medians)
      add("scale", robust.scales)
    case .isolationForest: break
    }
    if let standardization = model.standardization {
      add("mean", standardization.means)
      add("scale", standardization.scales)
    }
    let widths = zip(header, columns).map { title, values in max(title.count, values.map(\.count).max() ?? 0)
    }
    var lines = ["  " + zip(header, widths).map { $0.padding($1) }.joined(separator: "  ")]
    for row in names.indices {
      lines.append(
        "  " + columns.indices.map { columns[$0][row].padding(widths[$0]) }.joined(separator: "  "))
    }
    switch model {
    case .logistic(let logistic): lines.append("  intercept " + ModelCard.number(logistic.terms.intercept))
    case .linear(let linear): lines.append("  intercept " + ModelCard.number(linear.terms.intercept))
    default: break
    }
    if let definitions = file.training.featureDefinitions {
      lines.append("")
      lines.append("feature definitions (as trained)")
      for (name, definition) in zip(names, definitions) { lines.append("  \(name): \(definition)") }
    }
    return ["features"] + lines.map { $0.trailingSpacesRemoved }
  }

  private func row(_ label: String, _ value: String) -> String {
    label.padding(14) + value
  }

  /// A number in its shortest exact form (whole numbers without `.0`), `NaN` for a missing metric.
  static func number(_ value: Double) -> String {
    guard value.isFinite else { return "NaN" }
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return NumberFormat.shortest(value)
  }
}

extension String {
  fileprivate func padding(_ width: Int) -> String {
    count >= width ? self : self + String(repeating: " ", count: width - count)
  }

  fileprivate var trailingSpacesRemoved: String {
    var text = self
    while text.hasSuffix(" ") { text.removeLast() }
    return text
  }
}
