import PlumCLI
import PlumData
import PlumDriver
import PlumModels
import PlumRuntime

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The `models` workloads: logistic training at scale, and a policy that scores three model kinds.
///
/// Every input is generated in memory from fixed seeds, so the figures need no data files.
enum ModelWorkloads {
  static let featureCount = 10

  static func run() -> Bool {
    print("models      generated in memory from fixed seeds, one core")
    guard trainingWorkload(), TrainCommandWorkload.run(), evaluationWorkload() else { return false }
    return true
  }

  // MARK: Training

  /// `LogisticRegression.fit` on 1,000,000 rows × 10 features, unpenalised and standardised.
  static func trainingWorkload() -> Bool {
    let rows = 1_000_000
    var generator = SplitMix64(seed: 20_261_123)
    var values = [Double](repeating: 0, count: rows * featureCount)
    var target = [Double](repeating: 0, count: rows)
    let truth = (0..<featureCount).map { 0.8 - 0.15 * Double($0) }
    for row in 0..<rows {
      var logit = -0.3
      for column in 0..<featureCount {
        let value = generator.nextUnit() * 2 - 1 + Double(column) * 0.1
        values[row * featureCount + column] = value
        logit += truth[column] * value
      }
      target[row] = generator.nextUnit() < 1 / (1 + exp(-logit)) ? 1 : 0
    }
    guard
      let data = try? FeatureMatrix(
        rowCount: rows, columnCount: featureCount, values: values,
        columnNames: (0..<featureCount).map { "x\($0)" })
    else { return false }
    for standardize in [false, true] {
      let name = standardize ? "train, standardised" : "train logistic"
      var outcome: Result<TrainingReport, ModelError> = .failure(.emptyData)
      let (times, cpu) = Benchmarks.measureWithCPU(runs: 3) {
        outcome = Result { () throws(ModelError) -> TrainingReport in
          try LogisticRegression.fit(data, target: target, options: .init(standardize: standardize)).report
        }
      }
      // A fit that fails has no iteration count; timing it would report a failure as a speed.
      let report: TrainingReport
      switch outcome {
      case .success(let fitted): report = fitted
      case .failure(let error):
        RunWorkloads.report(name, "failed", "(the fit was refused: \(error.description))")
        return false
      }
      let iterations = report.iterations.map { "\($0) Newton iterations" } ?? "iterations not recorded"
      RunWorkloads.report(
        name,
        "\(RunWorkloads.fixed(Benchmarks.median(times), 2)) s, "
          + "\(RunWorkloads.fixed(Benchmarks.median(cpu), 2)) s CPU",
        "(1,000,000 rows × 10 features, \(iterations), median of 3)")
    }
    return true
  }

  // MARK: Evaluation

  /// ns/record for a policy whose reward reads a logistic model, a k-means model (k = 8) and an
  /// XGBoost ensemble of 100 trees of depth 6, with and without `--explain`.
  static func evaluationWorkload() -> Bool {
    guard let models = makeModels(), let program = compile(models: models, explain: false),
      let explaining = compile(models: models, explain: true)
    else { return false }
    let records = 200_000
    guard let runner = try? DecisionRunner(program: program, asOf: 0) else { return false }
    let batch = makeRecords(records, schema: runner.schema)
    var given = 0
    let times = Benchmarks.measure(runs: 5) {
      for index in 0..<batch.count where runner.evaluate(batch, at: index) {
        given &+= runner.selectedRewards.count
      }
    }
    let seconds = Benchmarks.median(times)
    RunWorkloads.report(
      "evaluate 3 models", "\(RunWorkloads.fixed(seconds * 1e9 / Double(records), 1)) ns/record",
      "(logistic, k-means k = 8, 100 trees of depth 6; \(records) records in memory)")
    guard let explainRunner = try? DecisionRunner(program: explaining, asOf: 0) else { return false }
    let explainRecords = 2_000
    let rows = (0..<explainRecords).map { makeRow($0, schema: explainRunner.schema) }
    let null = open("/dev/null", O_WRONLY)
    defer { close(null) }
    let writer = JSONLinesWriter(fileDescriptor: null)
    let explainTimes = Benchmarks.measure(runs: 3) {
      for (index, row) in rows.enumerated() {
        explainRunner.decide(row, record: index + 1, explain: true, to: writer)
      }
      try? writer.flush()
    }
    RunWorkloads.report(
      "decide, --explain",
      "\(RunWorkloads.fixed(Benchmarks.median(explainTimes) * 1e9 / Double(explainRecords), 0)) ns/record",
      "(the same policy, with TreeSHAP and every centroid distance in each JSON line)")
    if given == -1 { print("") }  // keeps the loop's result alive
    return true
  }

  static let policy: String = {
    let fields = (0..<featureCount).map { "  x\($0): float" }.joined(separator: "\n")
    let inputs = (0..<featureCount).map { "x\($0): r.x\($0)" }.joined(separator: ", ")
    return """
      policy models
      input r {
        id: int key
      \(fields)
      }
      model churn = logistic("churn.json") { inputs { \(inputs) } }
      model segment = kmeans("segment.json") { inputs { \(inputs) } }
      model risk = trees("risk.json") { inputs { \(inputs) } }
      reward keep { when churn > 0.5 and segment != 3 and risk < 0.9 give points(1) }
      """
  }()

  static func compile(models: [String: RuntimeModel], explain: Bool) -> Program? {
    let compiled = Driver.compile(
      path: "models.plum", bytes: Array(policy.utf8),
      options: CompileOptions(explain: explain, runtimeModels: models))
    if compiled.program == nil { print("plum-bench: \(compiled.diagnostics.map(\.message))") }
    return compiled.program
  }

  /// A logistic model, k-means with 8 centroids and an ensemble of 100 full trees of depth 6.
  static func makeModels() -> [String: RuntimeModel]? {
    var generator = SplitMix64(seed: 7)
    let names = (0..<featureCount).map { "x\($0)" }
    let coefficients = (0..<featureCount).map { _ in generator.nextUnit() - 0.5 }
    let centroids = (0..<8).map { _ in (0..<featureCount).map { _ in generator.nextUnit() * 2 - 1 } }
    guard
      let terms = try? LinearTerms(
        featureNames: names, standardization: nil, intercept: 0.1, coefficients: coefficients),
      let kMeans = try? KMeans(featureNames: names, standardization: nil, centroids: centroids),
      let ensemble = try? TreeEnsemble.readXGBoostJSON(Array(xgboostJSON(trees: 100, depth: 6).utf8))
    else {
      print("plum-bench: the generated models are invalid")
      return nil
    }
    return [
      "churn.json": .logistic(LogisticRegression(terms: terms)), "segment.json": .kMeans(kMeans),
      "risk.json": .trees(ensemble),
    ]
  }

  /// An XGBoost `save_model` JSON document of full binary trees with seeded splits and leaves.
  static func xgboostJSON(trees: Int, depth: Int) -> String {
    var generator = SplitMix64(seed: 11)
    let branches = (1 << depth) - 1
    let count = (1 << (depth + 1)) - 1
    var documents: [String] = []
    for _ in 0..<trees {
      var left: [Int] = []
      var right: [Int] = []
      var features: [Int] = []
      var conditions: [Double] = []
      var hessians: [Double] = []
      for node in 0..<count {
        let leaf = node >= branches
        left.append(leaf ? -1 : 2 * node + 1)
        right.append(leaf ? -1 : 2 * node + 2)
        features.append(leaf ? 0 : generator.nextInt(below: featureCount))
        conditions.append(leaf ? (generator.nextUnit() - 0.5) * 0.2 : generator.nextUnit() * 2 - 1)
        // Covers halve with depth, as for evenly split data.
        let level = Int(log2(Double(node + 1)))
        hessians.append(Double(1 << (depth + 1 - level)))
      }
      func list<T>(_ values: [T]) -> String { "[" + values.map { "\($0)" }.joined(separator: ",") + "]" }
      documents.append(
        "{\"left_children\":\(list(left)),\"right_children\":\(list(right)),"
          + "\"split_indices\":\(list(features)),\"split_conditions\":\(list(conditions)),"
          + "\"default_left\":\(list([Int](repeating: 1, count: count))),\"sum_hessian\":\(list(hessians))}")
    }
    let names = (0..<featureCount).map { "\"x\($0)\"" }.joined(separator: ",")
    return "{\"learner\":{\"feature_names\":[\(names)],\"objective\":{\"name\":\"binary:logistic\"},"
      + "\"learner_model_param\":{\"base_score\":\"5E-1\",\"num_feature\":\"\(featureCount)\"},"
      + "\"gradient_booster\":{\"name\":\"gbtree\",\"model\":{\"trees\":[" + documents.joined(separator: ",")
      + "]}}}}"
  }

  /// Records with uniform features in [−1, 1], in a batch laid out for the policy's schema.
  static func makeRecords(_ count: Int, schema: RecordSchema) -> RecordBatch {
    let batch = RecordBatch(schema: schema)
    for index in 0..<count { batch.append(makeRow(index, schema: schema)) }
    return batch
  }

  /// Record `index`: its key and ten features drawn from a generator seeded by the index.
  static func makeRow(_ index: Int, schema: RecordSchema) -> RecordRow {
    var generator = SplitMix64(seed: UInt64(index))
    var row = schema.makeRow()
    row.ints[0] = Int64(index)
    for column in 0..<min(featureCount, row.floats.count) {
      row.floats[column] = generator.nextUnit() * 2 - 1
    }
    for field in row.present.indices { row.present[field] = true }
    return row
  }
}
