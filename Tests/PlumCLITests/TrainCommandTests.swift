import Foundation
import Testing

@testable import PlumCLI

private func plum(_ arguments: String..., files: [String: String] = [:]) -> (
  PlumCLI.ExitStatus, io: CapturedIO
) {
  let io = CapturedIO(files: files)
  let status = PlumCommand.run(arguments, io: io)
  return (status, io)
}

/// A repository file's absolute path.
private func path(_ relative: String) -> String {
  repositoryRoot.appendingPathComponent(relative).path
}

/// A small policy whose model is trained in memory.
private let shop = """
  policy shop
  input member {
    id: string key
    visits: int
    spend: float
    consent { profiling: bool }
  }
  model churn = logistic("models/churn.json") {
    inputs { visits: member.visits, spend: member.spend }
    purpose profiling
  }
  model size = linear("models/size.json") { inputs { visits: member.visits } }
  reward keep { when member.consent.profiling and churn > 0.5 and size > 1.0 give points(1) }
  """

/// Members whose churn falls with visits and spend, not perfectly.
private func members(_ rows: Int = 40) -> String {
  var text = "id,visits,spend,consent.profiling,churned\n"
  for row in 0..<rows {
    let visits = (row * 7) % 13
    let spend = Double((row * 31) % 97) / 2
    let churned = (visits + row % 5 < 8) ? 1 : 0
    text += "m\(row),\(visits),\(spend),\(row % 10 != 3),\(churned)\n"
  }
  return text
}

struct TrainCommandTests {
  @Test func theCommittedChurnModelIsWhatTheDocumentedCommandWrites() throws {
    let (status, io) = plum(
      "train", path("examples/winback/winback.plum"), "--model", "churn", "--data",
      path("examples/winback/data/history.csv"), "--target", "churned")
    #expect(status == .success, "\(io.err)")
    let written = try #require(io.files[path("examples/winback/models/churn.json")])
    let committed = try Data(
      contentsOf: repositoryRoot.appendingPathComponent("examples/winback/models/churn.json"))
    #expect(written == Array(committed), "examples/winback/models/churn.json is not what plum train writes")
    #expect(io.err.contains("left out 303 of 2000 records: 303 no consent `profiling`"))
    #expect(io.err.contains("trained `churn` (logistic) on 1697 of 2000 records"))
  }

  @Test(arguments: [
    ("unusual", ["--method", "robust_z"], "examples/fraud/models/unusual.json"),
    ("segment", ["--k", "4", "--standardize"], "examples/fraud/models/segments.json"),
  ])
  func theCommittedFraudModelsAreWhatPlumTrainWrites(model: String, options: [String], file: String) throws {
    let arguments =
      [
        "train", path("examples/fraud/fraud.plum"), "--model", model, "--data",
        path("examples/fraud/data/history.csv"),
      ]
      + options
    let io = CapturedIO()
    let status = PlumCommand.run(arguments, io: io)
    #expect(status == .success, "\(io.err)")
    let committed = try Data(contentsOf: repositoryRoot.appendingPathComponent(file))
    #expect(io.files[path(file)] == Array(committed), "\(file) is not what plum train writes")
  }

  @Test func trainingWritesAModelThatRunAccepts() throws {
    let (status, io) = plum(
      "train", "shop.plum", "--model", "churn", "--data", "members.csv", "--target", "churned",
      files: ["shop.plum": shop, "members.csv": members()])
    #expect(status == .success, "\(io.err)")
    let file = try #require(io.files["models/churn.json"])
    let text = String(decoding: file, as: UTF8.self)
    #expect(text.contains("\"kind\": \"logistic\""))
    #expect(text.contains("\"target\": \"churned\""))
    #expect(text.contains("\"rows\": 36"))
    #expect(text.contains("\"auc\""))
    #expect(io.err.contains("left out 4 of 40 records: 4 no consent `profiling`"))
    let (linear, linearIO) = plum(
      "train", "shop.plum", "--model", "size", "--data", "members.csv", "--target", "spend", "--out",
      "s.json",
      files: ["shop.plum": shop, "members.csv": members()])
    // `spend` is an input field, not a target.
    #expect(linear == .findings)
    #expect(linearIO.err.contains("the target `spend` is an input field"))
  }

  @Test func usageMistakesAreExitTwo() {
    let files = ["shop.plum": shop, "members.csv": members()]
    let (unknown, unknownIO) = plum(
      "train", "shop.plum", "--model", "nope", "--data", "members.csv", files: files)
    #expect(unknown == .usage)
    #expect(unknownIO.err.contains("the policy has no model 'nope'; its models are `churn`, `size`"))
    let (noTarget, noTargetIO) = plum(
      "train", "shop.plum", "--model", "churn", "--data", "members.csv", files: files)
    #expect(noTarget == .usage)
    #expect(noTargetIO.err.contains("a logistic model needs '--target <column>'"))
    let (both, _) = plum(
      "train", "shop.plum", "--model", "churn", "--data", "members.csv", "--target", "churned", "--c", "1",
      "--l2", "1", files: files)
    #expect(both == .usage)
    let (badK, _) = plum(
      "train", "shop.plum", "--model", "churn", "--data", "members.csv", "--k", "0", files: files)
    #expect(badK == .usage)
  }

  @Test func badTrainingDataIsExitOneWithTheReason() {
    let separable =
      "id,visits,spend,consent.profiling,churned\n"
      + (0..<30).map { "m\($0),\($0 % 10),\($0),true,\($0 % 10 > 4 ? 1 : 0)" }.joined(separator: "\n") + "\n"
    let (status, io) = plum(
      "train", "shop.plum", "--model", "churn", "--data", "members.csv", "--target", "churned",
      files: ["shop.plum": shop, "members.csv": separable])
    #expect(status == .findings)
    #expect(io.err.contains("error: cannot train `churn`: the features separate the classes"))
    #expect(io.files["models/churn.json"] == nil)
    let (regularised, regularisedIO) = plum(
      "train", "shop.plum", "--model", "churn", "--data", "members.csv", "--target", "churned", "--c", "0.5",
      files: ["shop.plum": shop, "members.csv": separable])
    #expect(regularised == .success, "\(regularisedIO.err)")
    let (strict, strictIO) = plum(
      "train", "shop.plum", "--model", "churn", "--data", "members.csv", "--target", "churned", "--strict",
      files: ["shop.plum": shop, "members.csv": members()])
    #expect(strict == .findings)
    #expect(strictIO.err.contains("lacks consent `profiling`"))
  }

  @Test func anUnreadablePIIValueIsNotQuotedInTheSkippedRecords() {
    let policy = shop.replacingOccurrences(of: "  visits: int\n", with: "  visits: int\n  phone: int pii\n")
    var data = members().replacingOccurrences(of: "id,visits,", with: "id,visits,phone,")
    data =
      data.split(separator: "\n").enumerated().map { index, line in
        guard index > 0 else { return String(line) }
        var fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        fields.insert(index == 1 ? "555-SECRET-1" : "5550100", at: 2)
        return fields.joined(separator: ",")
      }.joined(separator: "\n") + "\n"
    let (status, io) = plum(
      "train", "shop.plum", "--model", "churn", "--data", "members.csv", "--target", "churned",
      files: ["shop.plum": policy, "members.csv": data])
    #expect(status == .success, "\(io.err)")
    #expect(
      io.err.contains("first: record 1 (line 2): wrong type or invalid value in a pii field"), "\(io.err)")
    #expect(!io.err.contains("555-SECRET-1"), "\(io.err)")
  }

  @Test func aTargetMissingFromTheHeaderIsNamed() {
    let files = ["shop.plum": shop, "members.csv": members()]
    let (status, io) = plum(
      "train", "shop.plum", "--model", "churn", "--data", "members.csv", "--target", "churn", files: files)
    #expect(status == .findings)
    #expect(
      io.err.contains(
        "members.csv has no column `churn` for --target; its columns are `id`, `visits`, `spend`, "
          + "`consent.profiling`, `churned`"), "\(io.err)")
    #expect(!io.err.contains("left out"), "the header is checked before any record is read")
    let jsonl = #"{"id":"a","visits":1,"spend":2.0,"consent":{"profiling":true},"churned":1}"# + "\n"
    let (lines, linesIO) = plum(
      "train", "shop.plum", "--model", "churn", "--data", "members.jsonl", "--target", "churn",
      files: ["shop.plum": shop, "members.jsonl": jsonl + jsonl])
    #expect(lines == .findings)
    #expect(
      linesIO.err.contains("no record of members.jsonl has a `churn` value for --target"), "\(linesIO.err)")
  }

  @Test(arguments: [
    (["--c", "-1"], "the value '-1' is invalid for '--c'; it must be positive"),
    (["--l2=-0.5"], "the value '-0.5' is invalid for '--l2'; it must be positive"),
    (["--c", "0"], "the value '0' is invalid for '--c'; it must be positive"),
    (["--seed", "-5"], "the value '-5' is invalid for '--seed'; it must be a whole number ≥ 0"),
    (["--k", "-2"], "the value '-2' is invalid for '--k'; it must be a positive whole number"),
    (["--alpha", "-1"], "the value '-1' is invalid for '--alpha'; it must be a number ≥ 0"),
  ])
  func negativeValuesAreReadAsValuesAndRefused(options: [String], message: String) {
    let arguments =
      ["train", "shop.plum", "--model", "churn", "--data", "members.csv", "--target", "churned"] + options
    let io = CapturedIO(files: ["shop.plum": shop, "members.csv": members()])
    let status = PlumCommand.run(arguments, io: io)
    #expect(status == .usage)
    #expect(io.err.hasPrefix("error: \(message)\n"), "\(io.err)")
  }

  @Test(arguments: [
    (
      ["--model", "churn", "--target", "churned", "--k", "3"],
      "'--k' does not apply to `churn`, a logistic model; it is for kmeans models"
    ),
    (
      ["--model", "size", "--target", "churned", "--c", "1"],
      "'--c' does not apply to `size`, a linear model; it is for logistic models"
    ),
    (
      ["--model", "groups", "--k", "2", "--c", "1"],
      "'--c' does not apply to `groups`, a kmeans model; it is for logistic models"
    ),
    (
      ["--model", "groups", "--k", "2", "--target", "churned"],
      "'--target' does not apply to `groups`, a kmeans model; it is for logistic and linear models"
    ),
    (
      ["--model", "odd", "--trees", "10"],
      "'--trees' does not apply to `odd`, an anomaly model with --method robust_z; it is for anomaly "
        + "models with --method isolation_forest"
    ),
    (
      ["--model", "odd", "--method", "isolation_forest", "--combination", "mean_abs"],
      "'--combination' does not apply to `odd`, an anomaly model with --method isolation_forest; it is "
        + "for anomaly models with --method robust_z"
    ),
  ])
  func optionsForAnotherKindAreUsageErrors(options: [String], message: String) {
    let policy =
      shop + """

        model groups = kmeans("models/groups.json") { inputs { visits: member.visits } }
        model odd = anomaly("models/odd.json") { inputs { spend: member.spend } }
        reward grouped { when groups == 1 and odd < 3.0 give points(1) }

        """
    let io = CapturedIO(files: ["shop.plum": policy, "members.csv": members()])
    let status = PlumCommand.run(["train", "shop.plum", "--data", "members.csv"] + options, io: io)
    #expect(status == .usage)
    #expect(io.err.hasPrefix("error: \(message)\n"), "\(io.err)")
    #expect(io.writtenPaths.isEmpty)
  }

  @Test func anOverflowingFitSuggestsStandardizingNotCollinearity() {
    var data = "id,visits,spend,consent.profiling,churned\n"
    for row in 0..<40 {
      let visits = (row * 7) % 13
      let spend = 1e155 + Double((row * 31) % 97) * 1e150
      data += "m\(row),\(visits),\(spend),true,\(visits + row % 5 < 8 ? 1 : 0)\n"
    }
    let files = ["shop.plum": shop, "members.csv": data]
    let arguments = [
      "train", "shop.plum", "--model", "churn", "--data", "members.csv", "--target", "churned",
    ]
    let io = CapturedIO(files: files)
    #expect(PlumCommand.run(arguments, io: io) == .findings)
    #expect(io.err.contains("the fit overflowed"), "\(io.err)")
    #expect(io.err.contains("feature `spend` reaches 1e+155"))
    #expect(io.err.contains("train with `--standardize`"))
    #expect(!io.err.contains("collinear"))
    let standardized = CapturedIO(files: files)
    #expect(
      PlumCommand.run(arguments + ["--standardize"], io: standardized) == .success, "\(standardized.err)")
  }

  @Test func modelShowPrintsACard() throws {
    // Files under relative names, so the cards do not depend on the checkout's path.
    var files: [String: String] = [:]
    for name in [
      "examples/winback/models/churn.json", "examples/fraud/models/segments.json",
      "Tests/PlumModelsTests/Fixtures/xgboost-binary.json",
    ] {
      files[name] = try String(contentsOf: repositoryRoot.appendingPathComponent(name), encoding: .utf8)
    }
    let (status, io) = plum("model", "show", "examples/winback/models/churn.json", files: files)
    #expect(status == .success, "\(io.err)")
    expectGolden(io.out, "model/churn-card.txt")
    let (segments, segmentsIO) = plum("model", "show", "examples/fraud/models/segments.json", files: files)
    #expect(segments == .success)
    expectGolden(segmentsIO.out, "model/segments-card.txt")
    let (trees, treesIO) = plum(
      "model", "show", "Tests/PlumModelsTests/Fixtures/xgboost-binary.json", files: files)
    #expect(trees == .success)
    #expect(treesIO.out.contains("trees (XGBoost, binary:logistic)"))
    let (bad, badIO) = plum("model", "show", "bad.json", files: ["bad.json": "{\"format\": \"other\"}"])
    #expect(bad == .findings)
    #expect(badIO.err.contains("bad.json is not a model file"))
    let (action, _) = plum("model", "list", "bad.json")
    #expect(action == .usage)
  }

  @Test func modelShowSaysWhichXGBoostObjectiveIsNotSupported() throws {
    let binary = try String(
      contentsOf: repositoryRoot.appendingPathComponent("Tests/PlumModelsTests/Fixtures/xgboost-binary.json"),
      encoding: .utf8)
    let ranking = binary.replacingOccurrences(
      of: #""name":"binary:logistic""#, with: #""name":"rank:pairwise""#)
    #expect(ranking != binary)
    let (status, io) = plum("model", "show", "rank.json", files: ["rank.json": ranking])
    #expect(status == .findings)
    #expect(
      io.err.contains("`learner.objective.name` is `rank:pairwise`, which Plum does not support"), "\(io.err)"
    )
  }

  @Test func anIsolationForestCardShowsItsTrainingFigures() throws {
    let policy =
      shop + """

        model odd = anomaly("models/odd.json") { inputs { visits: member.visits, spend: member.spend } }
        reward unusual { when odd > 0.6 give points(1) }

        """
    let (status, io) = plum(
      "train", "shop.plum", "--model", "odd", "--data", "members.csv", "--method", "isolation_forest",
      "--trees", "20", "--sample-size", "16", "--seed", "7",
      files: ["shop.plum": policy, "members.csv": members()])
    #expect(status == .success, "\(io.err)")
    let written = try #require(io.files["models/odd.json"])
    let (shown, card) = plum(
      "model", "show", "models/odd.json", files: ["models/odd.json": String(decoding: written, as: UTF8.self)]
    )
    #expect(shown == .success)
    expectGolden(card.out, "model/isolation-forest-card.txt")
    for line in [
      "rows          40", "  trees         20", "  sample_size   16", "  score_min", "  score_median",
      "  score_max",
    ] {
      #expect(card.out.contains(line), "missing `\(line)`")
    }
  }

  @Test func helpIsGolden() {
    for command in ["train", "model"] {
      let (status, io) = plum(command, "--help")
      #expect(status == .success)
      expectGolden(io.out, "help/\(command).txt")
    }
  }
}
