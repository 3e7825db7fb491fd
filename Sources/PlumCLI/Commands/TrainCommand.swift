import Foundation
import PlumChecker
import PlumData
import PlumDiagnostics
import PlumDriver
import PlumModels
import PlumRuntime

/// `plum train POLICY --model NAME --data FILE --target COLUMN`: fits a policy's model on records.
enum TrainCommand: Command {
  static let name = "train"
  static let abstract = "Train a policy's model on historical records and write its model file."
  static let discussion: String? = """
    Each record's features are the model's `inputs` expressions, computed by the same compiled
    code `plum run` uses. The data has the policy's input columns plus the target column (a number;
    0 or 1 for logistic) and, optionally, an `as_of` date column giving the date each record was
    taken (otherwise --as-of, or today). Records that cannot be read, whose features fail, that
    lack the model's consent or have no target are left out and counted (--strict stops instead).
    The model file goes to the model's path in the policy unless --out says otherwise; it records
    the features, metrics, row count and SHA-256 fingerprints of the data and of the feature
    definitions, and `plum run` refuses it once the policy defines the features differently. It
    replaces the old file in one step (a failed run keeps it), and may not be the policy, the data
    or another model's file.
    Exit status: 0 when a model was written, 1 when the data cannot train one, 2 for usage or I/O
    errors or a policy with errors.
    """
  static let arguments = ArgumentSpec(
    flags: [
      .init(name: "--standardize", help: "Standardise features before fitting (logistic, linear, kmeans)."),
      .init(name: "--strict", help: "Stop at the first record that cannot be used."),
    ],
    options: [
      .init(name: "--model", valueName: "name", help: "The model to train, by its name in the policy."),
      .init(name: "--data", valueName: "file", help: "The training records (CSV or JSON Lines)."),
      .init(name: "--target", valueName: "column", help: "The column to learn (logistic and linear)."),
      .init(
        name: "--out", valueName: "file",
        help: "Where to write the model file (default: its path in the policy)."),
      .init(
        name: "--input-format", valueName: "format",
        help: "The records' format when the extension does not say.",
        choices: ["csv", "jsonl"]),
      .init(name: "--as-of", valueName: "date", help: "The date (YYYY-MM-DD) for records without `as_of`."),
      .init(name: "--seed", valueName: "n", help: "The random seed (kmeans, isolation forest; default 0)."),
      .init(name: "--c", valueName: "c", help: "logistic: inverse L2 strength, as scikit-learn's C."),
      .init(name: "--l2", valueName: "lambda", help: "logistic: L2 strength (1 / C)."),
      .init(
        name: "--class-weight", valueName: "weights", help: "logistic: weigh the classes.",
        choices: ["balanced"]),
      .init(name: "--alpha", valueName: "alpha", help: "linear: ridge strength (default 0)."),
      .init(name: "--k", valueName: "k", help: "kmeans: the number of segments."),
      .init(name: "--restarts", valueName: "n", help: "kmeans: initialisations to try (default 10)."),
      .init(
        name: "--method", valueName: "method", help: "anomaly: how to score.",
        choices: TrainingOptions.AnomalyMethod.allCases.map(\.rawValue)),
      .init(
        name: "--combination", valueName: "combination", help: "anomaly, robust_z: how features combine.",
        choices: ["max_abs", "mean_abs"]),
      .init(name: "--trees", valueName: "n", help: "anomaly, isolation_forest: trees (default 100)."),
      .init(
        name: "--sample-size", valueName: "n", help: "anomaly, isolation_forest: rows per tree (default 256)."
      ),
    ],
    positionals: [.init(name: "policy", help: "The policy file that declares the model.")])

  static func run(_ arguments: ParsedArguments, io: CommandIO) throws(UsageError) -> ExitStatus {
    let request = try TrainRequest(arguments)
    guard let compiled = load(request.policyPath, io: io), let checked = compiled.checked else {
      return .usage
    }
    let source = compiled.source
    guard let index = checked.models.firstIndex(where: { $0.name.name == request.modelName }) else {
      let names = checked.models.map { "`\($0.name.name)`" }.joined(separator: ", ")
      throw UsageError(
        message: "the policy has no model '\(request.modelName)'"
          + (names.isEmpty ? "" : "; its models are \(names)"))
    }
    let model = checked.models[index]
    guard let kind = model.kind else { return .usage }
    try TrainOptionScope.check(
      arguments, kind: kind, method: request.options.anomalyMethod, model: model.name.name)
    if kind.needsTarget && request.target == nil {
      throw UsageError(message: "a \(kind.rawValue) model needs '--target <column>', the column to learn")
    }
    let base = compiled.directory
    let out =
      request.out ?? (model.source.hasPrefix("/") || base == "." ? model.source : base + "/" + model.source)
    // The model must not replace the policy, the training records or another model's file.
    let conflicts = OutputConflicts(
      outputs: [.init(option: request.out == nil ? "the model file" : "--out", path: out)],
      inputs: [
        .init(role: "the policy", path: request.policyPath),
        .init(role: "the data file", path: request.dataPath),
      ]
        + checked.models.indices.filter { $0 != index }.map {
          .init(
            role: "the model file of `\(checked.models[$0].name.name)`",
            path: compiled.resolve(checked.models[$0].source))
        })
    if let problem = conflicts.problem() {
      io.writeErr("error: \(problem)\n")
      return .usage
    }
    let lowered = Lowering.lowerFeatures(
      of: index, in: checked, source: source, options: compiled.loweringOptions)
    if !lowered.diagnostics.isEmpty {
      io.writeErr(
        DiagnosticRenderer(colored: io.colorsErr).render(lowered.diagnostics, in: source, format: .text))
    }
    guard let features = lowered.features else { return .usage }
    let bytes: [UInt8]
    do {
      bytes = try io.readFile(request.dataPath)
    } catch {
      io.writeErr("error: \(error)\n")
      return .usage
    }
    let trained: (ModelFile, TrainingSet)
    do {
      trained = try fit(
        kind: kind, features: features, bytes: bytes, request: request, io: io)
    } catch {
      io.writeErr("error: cannot train `\(model.name.name)`: \(error.description)\n")
      return .findings
    }
    let (file, set) = trained
    do {
      try io.writeFile(out, contents: Array(file.encoded().utf8))
    } catch {
      io.writeErr("error: cannot write '\(out)': \(error.reason)\n")
      return .usage
    }
    io.writeErr(summary(model: model, kind: kind, file: file, set: set, out: out))
    return .success
  }

  /// Reads and checks the policy, printing its diagnostics; nil when it has errors.
  private static func load(_ path: String, io: CommandIO) -> Compilation? {
    let bytes: [UInt8]
    do {
      bytes = try io.readFile(path)
    } catch {
      io.writeErr("error: \(error)\n")
      return nil
    }
    let compiled = Driver.compile(path: path, bytes: bytes, options: CompileOptions(lowering: .never))
    guard !compiled.hasFrontEndErrors, compiled.checked != nil else {
      io.writeErr(compiled.rendered(compiled.diagnostics, colored: io.colorsErr))
      io.writeErr("error: \(path) has \(plural(compiled.errorCount, "error")); nothing was trained\n")
      return nil
    }
    return compiled
  }

  /// Reads the records, computes their features and fits the model.
  private static func fit(
    kind: ModelKind, features: FeatureProgram, bytes: [UInt8], request: TrainRequest, io: CommandIO
  ) throws(TrainingError) -> (ModelFile, TrainingSet) {
    let extractor = try FeatureExtractor(
      features: features, target: kind.needsTarget ? request.target : nil, asOf: request.asOf)
    let reader: any RecordReader
    do {
      switch request.format {
      case .csv: reader = try CSVReader(schema: extractor.schema, source: MemorySource(bytes))
      case .jsonLines: reader = JSONLinesReader(schema: extractor.schema, source: MemorySource(bytes))
      }
    } catch {
      throw .data("\(request.dataPath): \(error.description)")
    }
    // The header says at once whether the target is there; otherwise every record would lack it.
    if kind.needsTarget, let target = request.target, let csv = reader as? CSVReader,
      !csv.columns.contains(target)
    {
      throw .schema(
        "\(request.dataPath) has no column `\(target)` for --target; its columns are "
          + csv.columns.map { "`\($0)`" }.joined(separator: ", "))
    }
    let set = try extractor.extract(reader, strict: request.strict)
    if kind.needsTarget, let target = request.target, set.records > 0, set.recordsWithoutTarget == set.records
    {
      throw .schema("no record of \(request.dataPath) has a `\(target)` value for --target")
    }
    if set.skippedCount > 0 {
      var text = "warning: left out \(set.skippedCount) of \(plural(set.records, "record")): "
      text += ModelTraining.describeSkipped(set)
      if let first = set.firstSkipped { text += "\n  first: \(first)" }
      io.writeErr(text + "\n")
    }
    if set.undated > 0 && !request.asOfGiven && features.readsAsOf {
      io.writeErr(
        "warning: \(plural(set.undated, "record")) without `as_of` were taken as of today "
          + "(\(CivilDate.format(request.asOf))); pass --as-of for a reproducible model\n")
    }
    let file = try ModelTraining.train(
      kind: kind, set: set, targetName: request.target, definitions: features.definitions,
      dataSHA256: SHA256.hexDigest(of: bytes), options: request.options)
    return (file, set)
  }

  private static func summary(
    model: CheckedModel, kind: ModelKind, file: ModelFile, set: TrainingSet, out: String
  )
    -> String
  {
    let shown = ["log_loss", "accuracy", "auc", "r_squared", "rmse", "inertia"]
    let metrics = shown.compactMap { name in
      file.training.metrics[name].map { "\(name) \(NumberFormat.fixed($0, decimals: 4))" }
    }
    var text = "trained `\(model.name.name)` (\(kind.rawValue)) on \(file.training.rows) of "
    text += plural(set.records, "record")
    if !metrics.isEmpty { text += ": " + metrics.joined(separator: ", ") }
    return text + "; wrote \(out)\n"
  }
}

/// The validated arguments of `plum train`.
struct TrainRequest {
  var policyPath: String
  var modelName: String
  var dataPath: String
  var target: String?
  var out: String?
  var format: InputFormat
  var asOf: Int64
  var asOfGiven: Bool
  var strict: Bool
  var options = TrainingOptions()

  init(_ arguments: ParsedArguments) throws(UsageError) {
    guard let policy = arguments.positionals.first else {
      throw UsageError(message: "missing expected argument '<policy>'")
    }
    guard let model = arguments.value("--model") else {
      throw UsageError(message: "missing '--model <name>'")
    }
    guard let data = arguments.value("--data") else { throw UsageError(message: "missing '--data <file>'") }
    try StandardInputOnce.check([policy, data])
    policyPath = policy
    modelName = model
    dataPath = data
    target = arguments.value("--target")
    out = arguments.value("--out")
    guard let format = InputFormat(path: data, option: arguments.value("--input-format")) else {
      throw UsageError(
        message: "cannot tell the format of '\(data)'; use a .csv, .jsonl or .ndjson name or --input-format")
    }
    self.format = format
    asOf = try AsOfOption.parse(arguments.value("--as-of"))
    asOfGiven = arguments.value("--as-of") != nil
    strict = arguments.has("--strict")
    options.standardize = arguments.has("--standardize")
    options.balancedClasses = arguments.value("--class-weight") == "balanced"
    if arguments.value("--c") != nil && arguments.value("--l2") != nil {
      throw UsageError(message: "give '--c' or '--l2', not both (--l2 is 1 / C)")
    }
    if let c = try Self.positive(arguments, "--c") { options.c = c }
    if let l2 = try Self.positive(arguments, "--l2") { options.c = 1 / l2 }
    if let alpha = arguments.value("--alpha") {
      guard let value = Double(alpha), value >= 0, value.isFinite else {
        throw UsageError(message: "the value '\(alpha)' is invalid for '--alpha'; it must be a number ≥ 0")
      }
      options.alpha = value
    }
    options.k = try Self.count(arguments, "--k")
    options.restarts = try Self.count(arguments, "--restarts") ?? options.restarts
    options.trees = try Self.count(arguments, "--trees") ?? options.trees
    options.sampleSize = try Self.count(arguments, "--sample-size") ?? options.sampleSize
    if let seed = arguments.value("--seed") {
      guard let value = UInt64(seed) else {
        throw UsageError(
          message: "the value '\(seed)' is invalid for '--seed'; it must be a whole number ≥ 0")
      }
      options.seed = value
    }
    if let method = arguments.value("--method").flatMap(TrainingOptions.AnomalyMethod.init(rawValue:)) {
      options.anomalyMethod = method
    }
    if let combination = arguments.value("--combination").flatMap(RobustZScore.Combination.init(rawValue:)) {
      options.combination = combination
    }
  }

  private static func positive(_ arguments: ParsedArguments, _ name: String) throws(UsageError) -> Double? {
    guard let text = arguments.value(name) else { return nil }
    guard let value = Double(text), value > 0, value.isFinite else {
      throw UsageError(message: "the value '\(text)' is invalid for '\(name)'; it must be positive")
    }
    return value
  }

  private static func count(_ arguments: ParsedArguments, _ name: String) throws(UsageError) -> Int? {
    guard let text = arguments.value(name) else { return nil }
    guard let value = Int(text), value > 0 else {
      throw UsageError(
        message: "the value '\(text)' is invalid for '\(name)'; it must be a positive whole number")
    }
    return value
  }
}
