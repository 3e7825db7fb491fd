import Foundation

extension TreeEnsemble {
  /// Reads a model saved by XGBoost's `save_model("model.json")` (gbtree booster, one output,
  /// numeric splits, objective `binary:logistic` or `reg:squarederror`).
  ///
  /// Feature names come from the file when it has them, else `f0`, `f1`, … as XGBoost names them.
  /// - Throws: `ModelFileError` naming the field at fault; never traps on a truncated or altered file.
  public static func readXGBoostJSON(_ bytes: [UInt8]) throws(ModelFileError) -> TreeEnsemble {
    let learner = try JSONField.parse(bytes).field("learner")
    let objectiveName = try learner.field("objective").field("name").string()
    guard let objective = Objective(rawValue: objectiveName) else {
      throw .unsupported(field: "learner.objective.name", value: objectiveName)
    }
    let parameters = try learner.field("learner_model_param")
    let featureCount = try integerText(parameters.field("num_feature"))
    guard featureCount > 0 else {
      throw .invalidValue(field: "learner.learner_model_param.num_feature", reason: "no features")
    }
    if let classes = try parameters.optionalField("num_class"), try integerText(classes) > 1 {
      throw .unsupported(field: classes.path, value: "multi-class")
    }
    if let targets = try parameters.optionalField("num_target"), try integerText(targets) > 1 {
      throw .unsupported(field: targets.path, value: "multi-target")
    }
    let baseScore = try numberText(parameters.field("base_score"))
    let baseMargin: Double
    switch objective {
    case .binaryLogistic:
      guard baseScore > 0, baseScore < 1 else {
        throw .invalidValue(field: "learner.learner_model_param.base_score", reason: "must be in (0, 1)")
      }
      baseMargin = log(baseScore / (1 - baseScore))
    case .squaredError:
      baseMargin = baseScore
    }
    let booster = try learner.field("gradient_booster")
    let boosterField = try booster.field("name")
    let boosterName = try boosterField.string()
    guard boosterName == "gbtree" else { throw .unsupported(field: boosterField.path, value: boosterName) }
    let model = try booster.field("model")
    var trees: [[Node]] = []
    for tree in try model.field("trees").elements() { trees.append(try readTree(tree)) }
    if let info = try model.optionalField("tree_info") {
      guard try info.numbers().allSatisfy({ $0 == 0 }) else {
        throw .unsupported(field: info.path, value: "multi-output")
      }
    }
    var names = (0..<featureCount).map { "f\($0)" }
    if let stored = try learner.optionalField("feature_names") {
      let storedNames = try stored.strings()
      if !storedNames.isEmpty {
        guard storedNames.count == featureCount else {
          throw .lengthMismatch(field: stored.path, expected: featureCount, actual: storedNames.count)
        }
        names = storedNames
      }
    }
    do {
      return try TreeEnsemble(objective: objective, featureNames: names, baseMargin: baseMargin, trees: trees)
    } catch {
      throw .invalidModel(error)
    }
  }

  private static func readTree(_ tree: JSONField) throws(ModelFileError) -> [Node] {
    let left = try tree.field("left_children").numbers()
    let count = left.count
    let right = try tree.field("right_children").numbers(count: count)
    let features = try tree.field("split_indices").numbers(count: count)
    let conditions = try tree.field("split_conditions").numbers(count: count)
    let covers = try tree.field("sum_hessian").numbers(count: count)
    var defaults: [Bool] = []
    for flag in try tree.field("default_left").elements() { defaults.append(try flag.bool()) }
    guard defaults.count == count else {
      throw .lengthMismatch(field: "\(tree.path).default_left", expected: count, actual: defaults.count)
    }
    if let types = try tree.optionalField("split_type"), try types.numbers().contains(where: { $0 != 0 }) {
      throw .unsupported(field: types.path, value: "categorical splits")
    }
    var nodes: [Node] = []
    nodes.reserveCapacity(count)
    for index in 0..<count {
      let isLeaf = left[index] == -1
      guard isLeaf || (isIndex(left[index]) && isIndex(right[index]) && isIndex(features[index])) else {
        throw .invalidValue(field: "\(tree.path).left_children[\(index)]", reason: "not a node index")
      }
      nodes.append(
        Node(
          feature: isLeaf ? -1 : Int32(features[index]), left: isLeaf ? -1 : Int32(left[index]),
          right: isLeaf ? -1 : Int32(right[index]), threshold: isLeaf ? 0 : Float(conditions[index]),
          value: isLeaf ? Float(conditions[index]) : 0, defaultLeft: defaults[index],
          cover: Float(covers[index])))
    }
    return nodes
  }

  private static func isIndex(_ value: Double) -> Bool {
    value >= 0 && value < 2_147_483_647 && value == value.rounded()
  }

  /// XGBoost stores parameters as strings, sometimes bracketed (`"[5E-1]"`).
  private static func numberText(_ field: JSONField) throws(ModelFileError) -> Double {
    if case .number(let value) = field.value { return value }
    var text = try field.string()
    if text.hasPrefix("["), text.hasSuffix("]") { text = String(text.dropFirst().dropLast()) }
    guard let value = Double(text), value.isFinite else {
      throw .invalidValue(field: field.path, reason: "`\(text)` is not a number")
    }
    return value
  }

  private static func integerText(_ field: JSONField) throws(ModelFileError) -> Int {
    let value = try numberText(field)
    guard value == value.rounded(), abs(value) < 1e9 else {
      throw .invalidValue(field: field.path, reason: "expected a whole number")
    }
    return Int(value)
  }
}
