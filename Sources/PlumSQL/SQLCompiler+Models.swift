import PlumChecker
import PlumModels
import PlumRuntime

extension SQLCompiler {
  /// A model's score (a k-means model's segment): the consent gate first, then the features in
  /// the file's order, then the model, computed with the same float operations as the machine.
  func model(_ index: Int) -> SQLTerm {
    let model = policy.models[index]
    guard let loaded = LoweringFacts.model(model, directory: options.modelDirectory) else {
      return SQLTerm(value: .null, stop: nil)
    }
    var consent: SQLFragment?
    if let purpose = model.purpose, let field = policy.input.index(ofPath: "consent.\(purpose.name)") {
      consent = builder.bind(sql(fields[field]) { "COALESCE(\($0[0]), FALSE)" })
    }
    var features: [SQLFragment] = []
    var stops: [SQLFragment?] = []
    under(consent.map { [$0] } ?? []) {
      for name in loaded.featureNames {
        guard let input = model.inputs.first(where: { $0.name.name == name }) else {
          features.append(.null)
          continue
        }
        let term = compile(input.value)
        stops.append(term.stop)
        features.append(featureValue(term.value, input.value.type))
      }
    }
    let site = model.name.range
    let score: SQLFragment
    let finite: SQLFragment
    switch loaded {
    case .logistic(let logistic):
      let eta = linear(logistic.terms, features)
      let e = builder.bind(guardedExp(sql(eta.value) { "(-abs(\($0[0])))" }))
      score = builder.bind(
        sql(eta.value, e) {
          "CASE WHEN \($0[0]) >= 0 THEN 1.0 / (1.0 + \($0[1])) ELSE \($0[1]) / (1.0 + \($0[1])) END"
        })
      finite = sql(eta.notFinite) { "NOT \($0[0])" }
    case .linear(let linear):
      let eta = self.linear(linear.terms, features)
      score = eta.value
      finite = sql(eta.notFinite) { "NOT \($0[0])" }
    case .robustZScore(let robust):
      var zs: [SQLFragment] = []
      var overflow: [SQLFragment] = []
      for (j, feature) in features.enumerated() {
        let centred = builder.bind(sql(feature) { "(\($0[0]) - \(floatText(robust.medians[j])))" })
        let ratio = product(centred, .literal(floatText(robust.scales[j])), divide: true)
        zs.append(builder.bind(sql(ratio.value) { "abs(\($0[0]))" }))
        overflow.append(ratio.notFinite)
      }
      if robust.combination == .maxAbs {
        score = builder.bind(
          sql(zs) { "GREATEST(CAST(0 AS \(spelling.double)), \($0.joined(separator: ", ")))" })
      } else {
        var total = SQLFragment.literal(floatText(0))
        for z in zs {
          total =
            float(sql(total, z) { "(\($0[0]) + \($0[1]))" }, overflows: sumOverflows(total, z, "+")).value
        }
        score = builder.bind(sql(total) { "(\($0[0]) / \(floatText(Double(zs.count))))" })
      }
      finite = sql(overflow + [score]) { parts in
        "(NOT (" + parts.dropLast().joined(separator: " OR ")
          + ") AND \(spelling.isFiniteOrNull(parts.last ?? "0")) AND \(parts.last ?? "0") IS NOT NULL)"
      }
    case .kMeans(let kMeans):
      let width = kMeans.featureNames.count
      var sums: [SQLFragment] = []
      for segment in 0..<kMeans.segmentCount {
        var sum = SQLFragment.literal(floatText(0))
        for j in 0..<width {
          let offset = floatText(kMeans.offsets[j])
          let scale = floatText(kMeans.inverseScales[j])
          let centre = floatText(kMeans.flatCentroids[segment * width + j])
          let difference = builder.bind(
            sql(features[j]) { "((\($0[0]) - \(offset)) * \(scale) - \(centre))" })
          let square = product(difference, difference, divide: false)
          sum =
            float(
              sql(sum, square.value) { "(\($0[0]) + \($0[1]))" },
              overflows: sumOverflows(sum, square.value, "+")
            ).value
        }
        sums.append(sum)
      }
      let nearest = builder.bind(
        sql(sums) { parts in
          spelling.hasIEEEFloats
            ? "LEAST("
              + parts.map { "CASE WHEN \(spelling.isFinite($0)) THEN \($0) END" }.joined(separator: ", ")
              + ")"
            : "LEAST(" + parts.joined(separator: ", ") + ")"
        })
      score = builder.bind(
        sql([nearest] + sums) { parts in
          "CASE "
            + parts.dropFirst().enumerated().map {
              "WHEN \($0.element) = \(parts[0]) THEN \(bigint(Int64($0.offset)))"
            }
            .joined(separator: " ") + " END"
        })
      segmentDistances[index] = builder.bind(sql(nearest) { "sqrt(\($0[0]))" })
      finite = sql(nearest) { "\($0[0]) IS NOT NULL" }
    case .trees(let trees):
      var margin = SQLFragment.literal(floatText(trees.baseMargin))
      for root in trees.roots {
        let leaf = builder.bind(
          SQLFragment(
            treeText(trees, node: root, features: features), level: features.map(\.level).max() ?? 0))
        margin =
          float(sql(margin, leaf) { "(\($0[0]) + \($0[1]))" }, overflows: sumOverflows(margin, leaf, "+"))
          .value
      }
      switch trees.objective {
      case .binaryLogistic:
        let negated = builder.bind(sql(margin) { "(-\($0[0]))" })
        score = builder.bind(sql(guardedExp(negated)) { "1.0 / (1.0 + \($0[0]))" })
      case .squaredError: score = margin
      }
      finite = sql(score) { "\($0[0]) IS NOT NULL AND \(spelling.isFiniteOrNull($0[0]))" }
    case .isolationForest(let forest):
      // The mean path length over the trees, each a nested CASE, summed in tree order.
      var total = SQLFragment.literal(floatText(0))
      for tree in forest.trees {
        let length = builder.bind(
          SQLFragment(forestText(tree, node: 0, features: features), level: features.map(\.level).max() ?? 0))
        total = builder.bind(sql(total, length) { "(\($0[0]) + \($0[1]))" })
      }
      let trees = floatText(Double(forest.trees.count))
      let average = floatText(IsolationForest.averagePathLength(forest.sampleSize))
      score = builder.bind(
        sql(total) { "power(CAST(2 AS \(spelling.double)), -(\($0[0]) / \(trees)) / \(average))" })
      finite = sql(score) { "\($0[0]) IS NOT NULL" }
    }
    let own = stop(when: sql(finite) { "NOT COALESCE(\($0[0]), FALSE)" }, .notFinite, at: site)
    let evaluated = first(stops + [own])
    guard let consent else { return SQLTerm(value: score, stop: evaluated) }
    let gated = builder.bind(
      sql(consent, evaluated ?? .null) {
        "CASE WHEN NOT \($0[0]) THEN \(spelling.string("C\(index)")) ELSE \($0[1]) END"
      })
    return SQLTerm(value: score, stop: gated)
  }

  /// A model input as the float the machine passes: money in major units, ints and bools as floats.
  func featureValue(_ value: SQLFragment, _ type: PlumType) -> SQLFragment {
    switch type.unwrapped {
    case .float: return value
    case .bool:
      return builder.bind(sql(value) { "CASE WHEN \($0[0]) THEN 1.0 WHEN NOT \($0[0]) THEN 0.0 END" })
    case .money(let currency):
      let divisor = floatText(Double(Money.powerOfTen(Money.minorDigits(of: currency))))
      return builder.bind(sql(value) { "(CAST(\($0[0]) AS \(spelling.double)) / \(divisor))" })
    default: return builder.bind(sql(value) { "CAST(\($0[0]) AS \(spelling.double))" })
    }
  }

  /// `intercept + Σ coefficient × feature`, summed left to right as the machine sums.
  func linear(_ terms: LinearTerms, _ features: [SQLFragment]) -> (value: SQLFragment, notFinite: SQLFragment)
  {
    var sum = SQLFragment.literal(floatText(terms.rawIntercept))
    var notFinite: [SQLFragment] = []
    for (j, feature) in features.enumerated() {
      let term = product(.literal(floatText(terms.rawCoefficients[j])), feature, divide: false)
      notFinite.append(term.notFinite)
      let next = float(
        sql(sum, term.value) { "(\($0[0]) + \($0[1]))" }, overflows: sumOverflows(sum, term.value, "+"))
      notFinite.append(next.notFinite)
      sum = next.value
    }
    let any = builder.bind(
      sql(notFinite.isEmpty ? [SQLFragment.no] : notFinite) {
        "COALESCE(" + $0.joined(separator: " OR ") + ", TRUE)"
      })
    return (sum, any)
  }

  /// An isolation tree's path length as nested `CASE`: a feature at or below the threshold goes left.
  func forestText(_ tree: [IsolationForest.Node], node index: Int, features: [SQLFragment]) -> String {
    let node = tree[index]
    if node.feature < 0 { return floatText(node.pathLength) }
    let x = features[node.feature].text
    let left = forestText(tree, node: node.left, features: features)
    let right = forestText(tree, node: node.right, features: features)
    return "CASE WHEN \(x) <= \(floatText(node.threshold)) THEN \(left) ELSE \(right) END"
  }

  /// A tree's leaf value as nested `CASE`: a missing feature follows the default direction,
  /// others compare as 32-bit floats, as XGBoost does.
  func treeText(_ trees: TreeEnsemble, node index: Int, features: [SQLFragment]) -> String {
    let node = trees.nodes[index]
    if node.feature < 0 { return floatText(Double(node.value)) }
    let x = features[Int(node.feature)].text
    let threshold = "CAST(\(spelling.string(Double(node.threshold).description)) AS \(spelling.float32))"
    let left = treeText(trees, node: Int(node.left), features: features)
    let right = treeText(trees, node: Int(node.right), features: features)
    let goesLeft: String
    if spelling.hasIEEEFloats {
      goesLeft = "CAST(\(x) AS \(spelling.float32)) < \(threshold)"
    } else {
      goesLeft =
        "CASE WHEN abs(\(x)) > \(floatText(Double(Float.greatestFiniteMagnitude))) THEN \(x) < 0 "
        + "WHEN abs(\(x)) <= \(floatText(Double(Float.leastNonzeroMagnitude) / 2)) THEN CAST(0 AS \(spelling.float32)) < \(threshold) "
        + "ELSE CAST(\(x) AS \(spelling.float32)) < \(threshold) END"
    }
    return
      "CASE WHEN \(x) IS NULL THEN \(node.defaultLeft ? left : right) WHEN \(goesLeft) THEN \(left) ELSE \(right) END"
  }
}
