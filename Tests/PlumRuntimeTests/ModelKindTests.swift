import Foundation
import PlumModels
import Testing

@testable import PlumRuntime

/// Every model kind at run time: decisions and `--explain` contributions, pinned by goldens, and
/// TreeSHAP contributions checked against XGBoost's own `pred_contribs`.
struct ModelKindTests {
  static let kindsDirectory = PolicyHarness.packageRoot + "/Tests/PlumRuntimeTests/Fixtures/kinds"

  /// The first `count` records of the kinds fixture's members, as CSV.
  static func members(_ count: Int) -> String {
    let text = PolicyHarness.read("Tests/PlumRuntimeTests/Fixtures/kinds/members.csv")
    return text.split(separator: "\n").prefix(count + 1).joined(separator: "\n") + "\n"
  }

  static func kindsProgram(explain: Bool) -> Program? {
    PolicyHarness.compile(
      PolicyHarness.read("Tests/PlumRuntimeTests/Fixtures/kinds/kinds.plum"), name: "kinds.plum",
      explain: explain, modelDirectory: kindsDirectory)
  }

  @Test func everyKindDecidesAsItsGoldenSays() throws {
    let program = try #require(Self.kindsProgram(explain: false))
    #expect(program.models.map(\.kind) == ["linear", "kmeans", "anomaly", "anomaly"])
    expectGolden(PolicyHarness.run(program, records: Self.members(16), csv: true), "kinds/decisions.jsonl")
  }

  @Test func everyKindExplainsItsScore() throws {
    let program = try #require(Self.kindsProgram(explain: true))
    let output = PolicyHarness.run(program, records: Self.members(16), csv: true, explain: true)
    expectGolden(output, "kinds/decisions.explain.jsonl")
    for line in output.split(separator: "\n") {
      let models = try Self.models(in: line)
      for model in models {
        switch model["name"] as? String {
        case "value":
          // A linear model's contributions add up to its prediction.
          let score = try #require(model["score"] as? Double)
          let intercept = try #require(model["intercept"] as? Double)
          let terms = try #require(model["contributions"] as? [[String: Any]])
          let total = terms.compactMap { $0["contribution"] as? Double }.reduce(intercept, +)
          #expect(abs(total - score) < 1e-9 * max(1, abs(score)))
        case "segment":
          // The segment is the nearest centroid.
          guard let segment = model["score"] as? Int else { continue }
          let distances = try #require(model["distances"] as? [[String: Any]])
          let values = distances.compactMap { $0["distance"] as? Double }
          #expect(values.count == 3)
          #expect(values.indices.min { values[$0] < values[$1] } == segment)
        case "outlier":
          // The robust score is the largest |z|.
          let score = try #require(model["score"] as? Double)
          let scores = try #require(model["z_scores"] as? [[String: Any]])
          let largest = scores.compactMap { ($0["z"] as? Double).map(abs) }.max()
          #expect(largest == score)
        default:
          continue
        }
      }
    }
  }

  /// The XGBoost binary fixture (rows, TreeSHAP contributions, predictions) and a policy scoring it
  /// with ten `float` inputs, optional ones when `optional` is set.
  private static func binaryTreeFixture(optional: Bool) throws -> (
    rows: [[Any]], expected: [[Double]], predictions: [Double], program: Program
  ) {
    let fixtures = PolicyHarness.packageRoot + "/Tests/PlumModelsTests/Fixtures"
    let data = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: fixtures + "/trees.json")))
        as? [String: Any])
    let cases = try #require(data["cases"] as? [[String: Any]])
    let binary = try #require(cases.first { ($0["model"] as? String) == "xgboost-binary.json" })
    let rows = try #require(binary["x"] as? [[Any]])
    let expected = try #require(binary["contributions"] as? [[Double]])
    let predictions = try #require(binary["predictions"] as? [Double])
    let fields = (0..<10).map { "  f\($0): float\(optional ? "?" : "")" }.joined(separator: "\n")
    let inputs = (0..<10).map { "f\($0): r.f\($0)" }.joined(separator: ", ")
    let policy = """
      policy trees
      input r {
        id: int key
      \(fields)
      }
      model risk = trees("xgboost-binary.json") { inputs { \(inputs) } }
      reward flagged { when risk > 0.5 give points(1) }
      """
    let program = try #require(PolicyHarness.compile(policy, explain: true, modelDirectory: fixtures))
    return (rows, expected, predictions, program)
  }

  @Test func treeSHAPContributionsMatchXGBoost() throws {
    let (rows, expected, predictions, program) = try Self.binaryTreeFixture(optional: false)
    // Complete rows here; rows with missing values are compared with optional inputs below.
    let complete = rows.indices.filter { rows[$0].allSatisfy { $0 is Double } }.prefix(60)
    #expect(complete.count >= 40)
    var records = ""
    for index in complete {
      let values = rows[index].compactMap { $0 as? Double }
      records +=
        "{\"id\":\(index),"
        + values.enumerated().map { "\"f\($0.offset)\":\($0.element)" }.joined(separator: ",")
        + "}\n"
    }
    let output = PolicyHarness.run(program, records: records, explain: true)
    let lines = output.split(separator: "\n")
    #expect(lines.count == complete.count)
    for (line, index) in zip(lines, complete) {
      let model = try #require(try Self.models(in: line).first)
      let score = try #require(model["score"] as? Double)
      #expect(abs(score - predictions[index]) <= 1e-6)
      let bias = try #require(model["bias"] as? Double)
      let terms = try #require(model["contributions"] as? [[String: Any]])
      let values = terms.compactMap { $0["contribution"] as? Double }
      #expect(terms.compactMap { $0["feature"] as? String } == (0..<10).map { "f\($0)" })
      for (actual, reference) in zip(values + [bias], expected[index]) {
        #expect(abs(actual - reference) <= 1e-6, "record \(index): \(actual) vs \(reference)")
      }
    }
  }

  @Test func optionalTreeInputsFollowXGBoostsDefaultDirections() throws {
    let (rows, expected, predictions, program) = try Self.binaryTreeFixture(optional: true)
    // The rows XGBoost scored with missing values, each missing value written as JSON `null`.
    let partial = rows.indices.filter { !rows[$0].allSatisfy { $0 is Double } }
    #expect(partial.count >= 10)
    var records = ""
    for index in partial {
      let values = rows[index].map { ($0 as? Double).map { "\($0)" } ?? "null" }
      records +=
        "{\"id\":\(index),"
        + values.enumerated().map { "\"f\($0.offset)\":\($0.element)" }.joined(separator: ",") + "}\n"
    }
    let output = PolicyHarness.run(program, records: records, explain: true)
    let lines = output.split(separator: "\n")
    #expect(lines.count == partial.count)
    for (line, index) in zip(lines, partial) {
      let model = try #require(try Self.models(in: line).first, "\(line)")
      let score = try #require(model["score"] as? Double, "\(line)")
      #expect(abs(score - predictions[index]) <= 1e-6, "record \(index)")
      let bias = try #require(model["bias"] as? Double)
      let terms = try #require(model["contributions"] as? [[String: Any]])
      let values = terms.compactMap { $0["contribution"] as? Double }
      for (actual, reference) in zip(values + [bias], expected[index]) {
        #expect(abs(actual - reference) <= 1e-6, "record \(index): \(actual) vs \(reference)")
      }
    }
  }

  @Test func kMeansSegmentIsAnIntScore() throws {
    let program = try #require(Self.kindsProgram(explain: false))
    let model = try #require(program.models.first { $0.name == "segment" })
    guard case .kMeans(let kMeans) = model.model else {
      Issue.record("segment is not a k-means model")
      return
    }
    #expect(kMeans.segmentCount == 3)
    #expect(program.code.contains { $0.opcode == .evaluateSegment })
  }

  @Test func namedSegmentsAreCasesOfTheModelsEnumeration() throws {
    let numbered = PolicyHarness.read("Tests/PlumRuntimeTests/Fixtures/kinds/kinds.plum")
    let named =
      numbered
      .replacingOccurrences(
        of: "  purpose profiling\n}", with: "  purpose profiling\n  segments [casual, regular, big]\n}"
      )
      .replacingOccurrences(of: "segment == 1", with: "segment == regular")
    #expect(named != numbered)
    let plain = try #require(
      PolicyHarness.compile(numbered, name: "kinds.plum", modelDirectory: Self.kindsDirectory))
    let program = try #require(
      PolicyHarness.compile(named, name: "kinds.plum", modelDirectory: Self.kindsDirectory))
    let records = Self.members(16)
    let before = DecisionLine.parse(PolicyHarness.run(plain, records: records, csv: true))
    let after = DecisionLine.parse(PolicyHarness.run(program, records: records, csv: true))
    #expect(after.count == before.count && !after.isEmpty)
    var shown = 0
    for (old, new) in zip(before, after) {
      // The same members get the same rewards; the text names the segment instead of its number.
      #expect(old.rewards?.map(\.name) == new.rewards?.map(\.name))
      for (oldReward, newReward) in zip(old.rewards ?? [], new.rewards ?? [])
      where oldReward.name == "segment_one" {
        #expect(oldReward.because == "segment 1")
        #expect(newReward.because == "segment regular")
        shown += 1
      }
    }
    #expect(shown > 0, "no member is in segment 1")
  }

  @Test func distanceIsTheNearestCentresDistance() throws {
    let policy = PolicyHarness.read("Tests/PlumRuntimeTests/Fixtures/kinds/kinds.plum")
      .replacingOccurrences(
        of: "because \"segment {segment}\"", with: "because \"{distance(segment):.9}\""
      )
      .replacingOccurrences(of: "segment == 1", with: "segment >= 0 and distance(segment) >= 0.0")
    let program = try #require(
      PolicyHarness.compile(policy, name: "kinds.plum", explain: true, modelDirectory: Self.kindsDirectory))
    let output = PolicyHarness.run(program, records: Self.members(16), csv: true, explain: true)
    var compared = 0
    for line in output.split(separator: "\n") {
      let decision = try #require(DecisionLine.parse(String(line)).first)
      guard let shown = decision.rewards?.first(where: { $0.name == "segment_one" })?.because else {
        continue
      }
      let model = try #require(try Self.models(in: line).first { $0["name"] as? String == "segment" })
      let distances = try #require(model["distances"] as? [[String: Any]]).compactMap {
        $0["distance"] as? Double
      }
      let nearest = try #require(distances.min())
      #expect(shown == NumberFormat.fixed(nearest, decimals: 9), "\(line)")
      compared += 1
    }
    #expect(compared > 0, "no member with consent was segmented")
  }

  @Test func segmentNamesMustNameEverySegment() {
    let policy = PolicyHarness.read("Tests/PlumRuntimeTests/Fixtures/kinds/kinds.plum")
      .replacingOccurrences(
        of: "  purpose profiling\n}", with: "  purpose profiling\n  segments [casual, big]\n}"
      )
      .replacingOccurrences(of: "segment == 1", with: "segment == big")
    let diagnostics = PolicyHarness.loweringDiagnostics(policy, directory: Self.kindsDirectory)
    #expect(diagnostics.map(\.code.id) == ["P0706"])
    #expect(diagnostics.first?.message.contains("names 2 segments of model `segment`, but") == true)
  }

  @Test func aModelOfAnotherKindIsRefused() {
    let policy = PolicyHarness.read("Tests/PlumRuntimeTests/Fixtures/kinds/kinds.plum")
      .replacingOccurrences(of: "linear(\"models/value.json\")", with: "linear(\"models/segment.json\")")
    let source = policy
    let diagnostics = PolicyHarness.loweringDiagnostics(source, directory: Self.kindsDirectory)
    #expect(diagnostics.contains { $0.code.id == "P0702" && $0.message.contains("`kmeans` model") })
  }

  @Test func aModelFedByAnotherModelScoresWithItsOwnParameters() throws {
    func logistic(_ features: [String], _ intercept: Double, _ coefficients: [Double]) throws
      -> LogisticRegression
    {
      LogisticRegression(
        terms: try LinearTerms(
          featureNames: features, standardization: nil, intercept: intercept, coefficients: coefficients))
    }
    let churn = try logistic(["age", "orders"], -1, [0.02, 0.1])
    let stacked = try logistic(["risk", "orders"], -0.3, [1.5, 0.05])
    let policy = """
      input member { id: string key, age: int, orders: int }
      model churn = logistic("churn.json") { inputs { age: member.age, orders: member.orders } }
      model stacked = logistic("stacked.json") { inputs { risk: churn, orders: member.orders } }
      reward show { when stacked > 0.0 give points(1) because "{stacked:.12} {churn:.12}" }
      """
    // `stacked` is lowered first and reads `churn` while its own code is being emitted.
    let program = try #require(
      PolicyHarness.compile(policy, models: ["churn.json": churn, "stacked.json": stacked]))
    #expect(program.models.map(\.name).sorted() == ["churn", "stacked"])
    for model in program.models {
      #expect(model.model == .logistic(model.name == "churn" ? churn : stacked), "\(model.name)")
    }
    let output = PolicyHarness.run(program, records: #"{"id":"a","age":40,"orders":3}"# + "\n")
    let because = try #require(DecisionLine.parse(output).first?.rewards?.first?.because)
    let risk = churn.probability([40, 3])
    let expected = stacked.probability([risk, 3])
    #expect(
      because == "\(NumberFormat.fixed(expected, decimals: 12)) \(NumberFormat.fixed(risk, decimals: 12))")
  }

  /// The `explain.models` array of one decision line.
  static func models(in line: Substring) throws -> [[String: Any]] {
    let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    let explain = try #require(object["explain"] as? [String: Any])
    return try #require(explain["models"] as? [[String: Any]])
  }
}
