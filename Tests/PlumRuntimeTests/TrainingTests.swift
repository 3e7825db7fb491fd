import Foundation
import PlumChecker
import PlumData
import PlumDiagnostics
import PlumModels
import PlumSyntax
import Testing

@testable import PlumRuntime

/// Checks a policy and trains one of its models on CSV text, as `plum train` does.
private enum TrainingHarness {
  static let policy = """
    policy shop
    currency EUR
    input member {
      id: string key
      visits: int
      spend: money
      since: date
      consent { profiling: bool }
    }
    /// Weeks since joining, as of each record's date.
    let weeks = days_since(member.since) / 7
    model churn = logistic("churn.json") {
      inputs { visits: member.visits, spend: amount(member.spend), weeks: weeks }
      purpose profiling
    }
    reward keep { when member.consent.profiling and churn > 0.5 give points(1) }
    """

  /// The checked policy and its source.
  static func check(_ text: String) throws -> (CheckedPolicy, SourceFile) {
    let source = SourceFile(name: "shop.plum", text: text)
    let (file, _) = Parser.parse(source)
    let checked = Checker.check(file, source: source)
    let errors = checked.diagnostics.filter { $0.severity == .error }
    try #require(errors.isEmpty, "\(errors.map(\.message))")
    return (try #require(checked.policy), source)
  }

  /// The training set computed from `csv` for model `model`.
  static func set(_ text: String = policy, model: String = "churn", csv: String, target: String? = "churned")
    throws(TrainingError) -> (TrainingSet, FeatureProgram)
  {
    guard let (checked, source) = try? check(text),
      let index = checked.models.firstIndex(where: { $0.name.name == model }),
      let features = Lowering.lowerFeatures(of: index, in: checked, source: source).features
    else { throw .schema("the test policy does not lower") }
    let extractor = try FeatureExtractor(features: features, target: target, asOf: PolicyHarness.asOf)
    guard let reader = try? CSVReader(schema: extractor.schema, source: MemorySource(text: csv)) else {
      throw .data("the test data has no usable header")
    }
    return (try extractor.extract(reader), features)
  }

  /// The model file trained on `csv`.
  static func train(
    _ text: String = policy, model: String = "churn", kind: ModelKind = .logistic, csv: String,
    options: TrainingOptions = TrainingOptions()
  ) throws(TrainingError) -> ModelFile {
    let (set, features) = try set(text, model: model, csv: csv, target: kind.needsTarget ? "churned" : nil)
    return try ModelTraining.train(
      kind: kind, set: set, targetName: "churned", definitions: features.definitions,
      dataSHA256: SHA256.hexDigest(of: csv), options: options)
  }

  /// Deterministic member records: visits, spend, joining date, consent, as_of and churn outcome.
  static func csv(rows: Int = 80, target: (Int) -> String = { String(($0 * 7919 + $0 / 3) % 5 < 2 ? 1 : 0) })
    -> String
  {
    var text = "id,visits,spend,since,consent.profiling,as_of,churned\n"
    for row in 0..<rows {
      let visits = (row * 37) % 23
      let spend = Double((row * 53) % 400) + Double(row % 100) / 100
      let since = 18_000 + (row * 131) % 900
      let asOf = row % 3 == 0 ? "2026-01-01" : ""
      text +=
        "m\(row),\(visits),\(spend),\(CivilDate.format(Int64(since))),\(row % 9 != 4),\(asOf),\(target(row))\n"
    }
    return text
  }
}

struct TrainingTests {
  @Test func trainingThroughThePolicyEqualsAFitOnTheSameMatrix() throws {
    let csv = TrainingHarness.csv()
    let file = try TrainingHarness.train(csv: csv)
    // The same features computed here by hand: records without consent are left out, and `weeks`
    // counts from the record's own `as_of` date when it has one.
    var rows: [[Double]] = []
    var target: [Double] = []
    let fallback = PolicyHarness.asOf
    for line in csv.split(separator: "\n").dropFirst() {
      let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      guard cells[4] == "true" else { continue }
      let since = try #require(CivilDate.parse(cells[3]))
      let asOf = cells[5].isEmpty ? fallback : try #require(CivilDate.parse(cells[5]))
      rows.append([
        try #require(Double(cells[1])), try #require(Double(cells[2])), Double((asOf - since) / 7),
      ])
      target.append(try #require(Double(cells[6])))
    }
    let direct = try LogisticRegression.fit(
      FeatureMatrix(rows: rows, columnNames: ["visits", "spend", "weeks"]), target: target)
    guard case .logistic(let trained) = file.model else {
      Issue.record("not a logistic model")
      return
    }
    #expect(trained == direct.model)
    #expect(file.training.rows == rows.count)
    #expect(file.training.metrics["log_likelihood"] == direct.report.metrics["log_likelihood"])
    #expect(file.training.dataSHA256 == SHA256.hexDigest(of: csv))
    #expect(file.training.featureDefinitions?[2] == "weeks where let weeks = days_since(member.since) / 7")
  }

  @Test func trainedFileRoundTripsAndRunsWithTheSameScores() throws {
    let csv = TrainingHarness.csv()
    let file = try TrainingHarness.train(csv: csv)
    let text = file.encoded()
    #expect(try ModelFile.decode(text) == file)
    let directory = try Self.directory(with: ["churn.json": text])
    let diagnostics = PolicyHarness.loweringDiagnostics(TrainingHarness.policy, directory: directory)
    #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
    let program = try #require(
      PolicyHarness.compile(TrainingHarness.policy, name: "shop.plum", modelDirectory: directory))
    #expect(program.models.first?.model == .logistic(try file.logistic()))
  }

  @Test func changedFeatureDefinitionsAreRefused() throws {
    let file = try TrainingHarness.train(csv: TrainingHarness.csv())
    let directory = try Self.directory(with: ["churn.json": file.encoded()])
    // Layout and comments are not part of a definition.
    let relaid = TrainingHarness.policy.replacingOccurrences(
      of: "let weeks = days_since(member.since) / 7",
      with: "let weeks =  days_since( member.since )/7 // weeks")
    #expect(PolicyHarness.loweringDiagnostics(relaid, directory: directory).isEmpty)
    // A changed let that a feature reads is.
    let changed = TrainingHarness.policy.replacingOccurrences(
      of: "days_since(member.since) / 7", with: "days_since(member.since) / 30")
    let diagnostics = PolicyHarness.loweringDiagnostics(changed, directory: directory)
    let refusal = try #require(diagnostics.first { $0.code.id == "P0705" })
    #expect(refusal.message.contains("feature `weeks` of model `churn`"))
    #expect(refusal.message.contains("/ 30"))
    #expect(refusal.message.contains("plum train"))
    // Without recorded definitions the fingerprint alone still refuses.
    var bare = file
    bare.training.featureDefinitions = nil
    let bareDirectory = try Self.directory(with: ["churn.json": bare.encoded()])
    let fingerprintOnly = PolicyHarness.loweringDiagnostics(changed, directory: bareDirectory)
    #expect(fingerprintOnly.contains { $0.code.id == "P0705" && $0.message.contains("features_sha256") })
  }

  @Test func aTargetThatIsNotZeroOrOneIsRefusedNamingItsLine() {
    let csv = TrainingHarness.csv { $0 == 5 ? "2" : String($0 % 2) }
    #expect(throws: TrainingError.self) { try TrainingHarness.train(csv: csv) }
    do {
      _ = try TrainingHarness.train(csv: csv)
    } catch {
      #expect(error.description.contains("must be 0 or 1, but it is 2"))
      #expect(error.description.contains("line 7"))
    }
  }

  @Test func aConstantFeatureIsRefused() {
    let policy = TrainingHarness.policy.replacingOccurrences(of: "visits: member.visits", with: "visits: 3")
    do {
      _ = try TrainingHarness.train(policy, csv: TrainingHarness.csv())
      Issue.record("a constant feature was accepted")
    } catch {
      #expect(error.description.contains("feature `visits` has the same value in every training record"))
    }
  }

  @Test func separableDataIsRefusedWithAdviceAndTrainsWithRegularisation() throws {
    let csv = TrainingHarness.csv { ($0 * 37) % 23 > 11 ? "1" : "0" }
    do {
      _ = try TrainingHarness.train(csv: csv)
      Issue.record("separable data was accepted")
    } catch {
      #expect(error.description.contains("separate the classes"))
      #expect(error.description.contains("regularisation"))
    }
    var options = TrainingOptions()
    options.c = 1
    options.standardize = true
    let file = try TrainingHarness.train(csv: csv, options: options)
    #expect((file.training.metrics["accuracy"] ?? 0) >= 0.95)
  }

  @Test func recordsWithMissingOrBadValuesAreCountedAndStrictStops() throws {
    var csv = TrainingHarness.csv(rows: 30)
    csv += "bad1,,10.00,2025-01-01,true,,1\n"  // a missing required value
    csv += "bad2,3,10.00,2025-01-01,true,,\n"  // no target
    csv += "bad3,3,10.00,2025-01-01,true,,nan\n"  // a target that is not a number
    let (set, _) = try TrainingHarness.set(csv: csv)
    #expect(set.records == 33)
    let reasons = Dictionary(uniqueKeysWithValues: set.skipped.map { ($0.reason, $0.count) })
    #expect(reasons["no consent `profiling`"] == 3)
    #expect(reasons["no target value"] == 1)
    #expect(set.skipped.contains { $0.reason.hasPrefix("unreadable") })
    #expect(set.skippedCount == 6)
    #expect(set.features.values.allSatisfy { $0.isFinite })
    do {
      let features = try #require(
        Lowering.lowerFeatures(
          of: 0, in: try TrainingHarness.check(TrainingHarness.policy).0,
          source: try TrainingHarness.check(TrainingHarness.policy).1
        ).features)
      let extractor = try FeatureExtractor(features: features, target: "churned", asOf: PolicyHarness.asOf)
      _ = try extractor.extract(
        try CSVReader(schema: extractor.schema, source: MemorySource(text: csv)), strict: true)
      Issue.record("strict training accepted a record without consent")
    } catch let error as TrainingError {
      #expect(error.description.contains("lacks consent `profiling`"))
    }
  }

  @Test func featuresThatFailAreSkippedNotTrainedOn() throws {
    let policy = TrainingHarness.policy.replacingOccurrences(
      of: "visits: member.visits", with: "visits: 100 / (member.visits - 5)")
    let (set, _) = try TrainingHarness.set(policy, csv: TrainingHarness.csv())
    #expect(set.skipped.contains { $0.reason == "feature error (P0502)" })
  }

  @Test func emptyDataIsAClearError() {
    let csv = "id,visits,spend,since,consent.profiling,as_of,churned\n"
    do {
      _ = try TrainingHarness.train(csv: csv)
      Issue.record("empty data was accepted")
    } catch {
      #expect(error == .noUsableRecords(skipped: ""))
      #expect(error.description == "no record can be used for training")
    }
  }

  @Test func unsupervisedKindsTrainWithoutATarget() throws {
    let policy =
      TrainingHarness.policy + """

        model shape = kmeans("shape.json") { inputs { visits: member.visits, spend: amount(member.spend) } }
        model odd = anomaly("odd.json") { inputs { visits: member.visits, spend: amount(member.spend) } }
        """
    var options = TrainingOptions()
    options.k = 3
    let segments = try TrainingHarness.train(
      policy, model: "shape", kind: .kmeans, csv: TrainingHarness.csv(), options: options)
    #expect(segments.target == nil)
    #expect(segments.training.metrics["inertia"] != nil)
    let odd = try TrainingHarness.train(policy, model: "odd", kind: .anomaly, csv: TrainingHarness.csv())
    guard case .robustZScore = odd.model else {
      Issue.record("expected a robust z-score model")
      return
    }
    options.k = nil
    #expect(throws: TrainingError.self) {
      try TrainingHarness.train(
        policy, model: "shape", kind: .kmeans, csv: TrainingHarness.csv(), options: options)
    }
  }

  @Test func anIsolationForestRecordsHowItWasGrownAndItsScores() throws {
    let policy =
      TrainingHarness.policy + """

        model odd = anomaly("odd.json") { inputs { visits: member.visits, spend: amount(member.spend) } }
        """
    var options = TrainingOptions()
    options.anomalyMethod = .isolationForest
    options.trees = 25
    options.sampleSize = 500
    let csv = TrainingHarness.csv()
    let file = try TrainingHarness.train(policy, model: "odd", kind: .anomaly, csv: csv, options: options)
    guard case .isolationForest(let forest) = file.model else {
      Issue.record("expected an isolation forest")
      return
    }
    let (set, _) = try TrainingHarness.set(policy, model: "odd", csv: csv, target: nil)
    let scores = (0..<set.features.rowCount).map { forest.score(set.features.row($0)) }.sorted()
    #expect(scores.count == file.training.rows)
    let metrics = file.training.metrics
    #expect(metrics["trees"] == 25)
    // ψ is capped at the training rows.
    #expect(metrics["sample_size"] == Double(file.training.rows))
    #expect(metrics["score_min"] == scores.first)
    #expect(metrics["score_max"] == scores.last)
    let middle = scores.count / 2
    let median = scores.count % 2 == 1 ? scores[middle] : (scores[middle - 1] + scores[middle]) / 2
    #expect(metrics["score_median"] == median)
    // The figures survive the file's round trip.
    #expect(try ModelFile.decode(Array(file.encoded().utf8)).training.metrics == metrics)
  }

  /// A fresh directory holding `files`.
  static func directory(with files: [String: String]) throws -> String {
    let path = NSTemporaryDirectory() + "plum-training-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    for (name, text) in files { try text.write(toFile: path + "/" + name, atomically: true, encoding: .utf8) }
    return path
  }
}
