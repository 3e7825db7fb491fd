import Foundation
import Testing

@testable import PlumChecker

/// Whole policies that must check without a single diagnostic.
@Suite struct PolicyTests {
  static let fixtures = Fixtures.names(in: "policies")

  @Test(arguments: fixtures) func fixturePolicyChecksClean(name: String) throws {
    let checked = checkSource(try Fixtures.text("policies", name + ".plum"), name: name + ".plum")
    #expect(checked.allDiagnostics.isEmpty, "\(checked.rendered)")
    #expect(checked.result.policy != nil)
  }

  @Test func onlyTreeModelsTakeOptionalInputs() throws {
    let policy = """
      input member { id: string key, score: float?, visits: int?, label: string? }
      model risk = trees("risk.json") { inputs { score: member.score, visits: member.visits } }
      model churn = logistic("churn.json") { inputs { score: member.score } }
      model odd = trees("odd.json") { inputs { label: member.label } }
      reward keep { when risk > 0.5 and churn > 0.5 and odd > 0.5 give points(1) }
      """
    let checked = checkSource(policy)
    let messages = checked.allDiagnostics.map { "\($0.code.id) \($0.message)" }
    #expect(
      messages == [
        "P0306 `member.score` may be missing",
        "P0315 model input `label` must be int, float, money or bool, found `string?`",
      ], "\(checked.rendered)")
    let risk = try #require(checked.result.policy?.models.first)
    #expect(risk.inputs.map(\.value.type) == [.optional(.float), .optional(.int)])
  }

  @Test func kmeansSegmentNamesMakeTheModelAnEnumeration() throws {
    let policy = """
      input member { id: string key, visits: int }
      model segment = kmeans("segment.json") {
        inputs { visits: member.visits }
        segments [casual, regular, big]
      }
      model churn = logistic("churn.json") {
        inputs { visits: member.visits }
        segments [low, high]
      }
      model twice = kmeans("twice.json") {
        inputs { visits: member.visits }
        segments [a, b, a]
      }
      reward regulars { when segment == regular and churn > 0.5 give points(1) }
      reward unknown { when segment == huge give points(1) }
      reward numbered { when segment == 1 give points(1) }
      """
    let checked = checkSource(policy)
    let messages = checked.allDiagnostics.map { "\($0.code.id) \($0.message)" }
    #expect(messages.contains { $0.hasPrefix("P0213 `segments` names the segments of a kmeans model") })
    #expect(messages.contains("P0219 duplicate segment name `a`"))
    #expect(messages.contains { $0.hasPrefix("P0204") && $0.contains("`huge`") }, "\(messages)")
    #expect(messages.contains { $0.hasPrefix("P0302") || $0.hasPrefix("P0301") }, "\(messages)")
    #expect(messages.count == 4, "\(checked.rendered)")
    let models = try #require(checked.result.policy?.models)
    #expect(models[0].type == .enumeration(EnumType(name: "segment", cases: ["casual", "regular", "big"])))
    #expect(models[0].segments?.map(\.name) == ["casual", "regular", "big"])
    #expect(models[1].type == .float)
    #expect(models[1].segments == nil)
  }

  @Test func distanceReadsAKMeansModel() throws {
    let policy = """
      input member { id: string key, visits: int }
      model segment = kmeans("segment.json") { inputs { visits: member.visits } }
      model churn = logistic("churn.json") { inputs { visits: member.visits } }
      let near = distance(segment)
      let wrong = distance(churn)
      let numbered = distance(member.visits)
      reward close { when near < 1.0 and wrong > 0.0 and numbered > 0.0 give points(1) }
      """
    let checked = checkSource(policy)
    let messages = checked.allDiagnostics.map { "\($0.code.id) \($0.message)" }
    #expect(
      messages == [
        "P0311 argument 1 of `distance` must name a kmeans model, found `churn`",
        "P0311 argument 1 of `distance` must name a kmeans model, found `member.visits`",
      ], "\(checked.rendered)")
    #expect(checked.result.policy?.lets.first?.type == .float)
  }

  @Test func briefExampleIsFullyResolved() throws {
    let checked = checkSource(try Fixtures.text("policies", "brief.plum"))
    let policy = try #require(checked.result.policy)
    #expect(policy.name?.name == "winback")
    #expect(policy.version == "2026.11")
    #expect(policy.currency == "EUR")
    #expect(policy.lets.map(\.type) == [.int])
    #expect(policy.models.first?.purpose?.name == "profiling")
    #expect(policy.models.first?.inputs.map(\.value.type) == [.int, .int, .money(currency: "EUR")])
    #expect(policy.rewards.map(\.name.name) == ["winback_10", "tier_bonus"])
    #expect(policy.rewards[0].value?.type == .money(currency: "EUR"))
    #expect(policy.select == .bestByPriority(max: 1))
    #expect(policy.evaluationOrder.count == 4)
    #expect(policy.tests.count == 1)
  }

  /// The opening example of the language reference is a whole policy and checks clean.
  @Test func languageReferenceOpeningExampleChecksClean() throws {
    let docs = try String(
      contentsOf: Fixtures.packageRoot.appendingPathComponent("docs/language.md"), encoding: .utf8)
    let start = try #require(docs.range(of: "```plum\n"))
    let end = try #require(docs.range(of: "```", range: start.upperBound..<docs.endIndex))
    let checked = checkSource(String(docs[start.upperBound..<end.lowerBound]))
    #expect(checked.allDiagnostics.isEmpty, "\(checked.rendered)")
  }

  /// Every policy in the repository's `examples/` folder checks clean.
  @Test func repositoryExamplesCheckClean() throws {
    let examples = Fixtures.packageRoot.appendingPathComponent("examples")
    guard let walker = FileManager.default.enumerator(atPath: examples.path) else { return }
    var count = 0
    for case let path as String in walker where path.hasSuffix(".plum") {
      let text = try String(contentsOf: examples.appendingPathComponent(path), encoding: .utf8)
      let checked = checkSource(text, name: path)
      #expect(checked.allDiagnostics.isEmpty, "\(path):\n\(checked.rendered)")
      count += 1
    }
    #expect(count > 0 || !FileManager.default.fileExists(atPath: examples.path))
  }
}
