import Foundation
import PlumChecker
import PlumDiagnostics
import PlumSyntax
import Testing

@testable import PlumRuntime

/// A policy whose `because` text interpolates personal data in every way the language allows:
/// its value, and values that a condition on it chooses.
///
/// The segments that carry personal data break the `P0403` guarantee; the policy is lowered without
/// running the analyses, so the runtime's own redaction is what is tested.
private let policy = """
  input participant {
    id: string key
    email: string pii
    phone: string? pii
    nickname: string?
  }
  let staff = ends_with(participant.email, "@example.com")
  let label = if staff then "staff" else "member"
  let handle = participant.nickname ?? participant.email
  let initial = if starts_with(participant.email, "a") then "a" else if starts_with(participant.email, "b") then "b" else "?"
  let contact = (if present(participant.phone) then participant.nickname else "") ?? "friend"
  rule known = participant.email in ["a@example.com"]
  reward hello {
    when true
    give points(1)
    because "{staff} {label} {participant.email == "a@example.com"} {len(participant.email)} {handle} {upper(handle)} \
  {initial} {contact} {known or false} {participant.id} {participant.nickname ?? "x"}"
  }
  """

/// The segments of the `because` text, in order, and whether each carries personal data.
private let segments: [(text: String, carries: Bool)] = [
  ("staff", true), ("label", true), ("participant.email == \"a@example.com\"", true),
  ("len(participant.email)", true), ("handle", true), ("upper(handle)", true), ("initial", true),
  ("contact", true), ("known or false", true), ("participant.id", false),
  ("participant.nickname ?? \"x\"", false),
]

@Suite struct RedactionTests {
  @Test func valuesDerivedFromOrChosenByPersonalDataAreRedacted() throws {
    let program = try #require(PolicyHarness.compile(policy))
    let output = PolicyHarness.run(
      program, records: #"{"id":"p1","email":"a@example.com","nickname":"Al"}"# + "\n")
    let line = try #require(DecisionLine.parse(output).first)
    let redacted = Array(repeating: "[redacted]", count: 9).joined(separator: " ")
    #expect(line.rewards?.first?.because == redacted + " p1 Al")
    #expect(!output.contains("a@example.com") && !output.contains("staff"))
  }

  @Test func runtimeRedactsExactlyWhatTheAnalysisRefuses() throws {
    let source = SourceFile(name: "test.plum", text: policy)
    let (file, _) = Parser.parse(source)
    let checked = try #require(Checker.check(file, source: source).policy)
    let findings = PolicyAnalyzer.analyze(checked, file: file, source: source, options: .init(lints: false))
    let refused = findings.filter { $0.code.id == "P0403" }.map(\.range)
    let flow = PersonalDataFlow(policy: checked)
    let because = try #require(checked.rewards.first?.because)
    guard case .interpolation(let parts) = because.kind else {
      Issue.record("the `because` text is not an interpolation")
      return
    }
    let values = parts.compactMap { part -> TypedExpression? in
      if case .value(let value, _) = part { return value }
      return nil
    }
    #expect(values.map { source.text(in: $0.range) } == segments.map(\.text))
    for (value, expected) in zip(values, segments) {
      #expect(flow.carriesPersonalData(value) == expected.carries, "\(expected.text)")
      // Every redacted segment is refused by the analysis at a reference inside it, and no other.
      let inside = refused.contains { value.range.start <= $0.start && $0.end <= value.range.end }
      #expect(inside == expected.carries, "\(expected.text)")
    }
  }
}
