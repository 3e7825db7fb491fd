import Foundation
import Testing

@testable import PlumCLI

/// The fixture folder of the `plum eval` tests.
private let evalFixtures = fixturesDirectory.appendingPathComponent("eval").path
private let policy = evalFixtures + "/loyalty.plum"
private let csv = evalFixtures + "/members.csv"
private let jsonl = evalFixtures + "/members.jsonl"

/// A record in which every optional field is present and profiling is consented to.
private let fullRecord = """
  {"id":"m9","age":40,"score":2.5,"tier":"silver","spend":"75.25","joined":"2026-11-10",\
  "last_order":"2026-10-24","nickname":"Ana","email":"ana@example.org",\
  "consent":{"marketing":true,"profiling":true}}
  """

/// Runs `plum eval` in-process; relative fixture paths are made absolute.
private func eval(_ arguments: [String]) -> (PlumCLI.ExitStatus, out: String, err: String) {
  let io = CapturedIO()
  let status = PlumCommand.run(["eval"] + arguments, io: io)
  return (status, io.out, io.err)
}

/// Evaluates on the full record with the policy in scope, as of 2026-11-23.
private func evalOnRecord(_ expression: String) -> (PlumCLI.ExitStatus, out: String, err: String) {
  eval(["--policy", policy, "--record", fullRecord, "--as-of", "2026-11-23", "--", expression])
}

struct EvalCommandTests {
  @Test(arguments: [
    ("42", "42 : int"),
    ("-7 * 6", "-42 : int"),
    ("0.7312", "0.7312 : float"),
    ("1 / 4 * 1.0", "0.0 : float"),
    ("true and not false", "true : bool"),
    ("10 EUR", "10.00 EUR : money"),
    ("member.spend * 2", "150.50 EUR : money"),
    ("\"plain\"", "\"plain\" : string"),
    ("\"tab\\there \\{x\\}\"", "\"tab\\there \\{x\\}\" : string"),
    ("2026-11-23 + 30 days", "2026-12-23 : date"),
    ("today()", "2026-11-23 : date"),
    ("30 days", "30 days : duration"),
    ("1 day", "1 day : duration"),
    ("tenure", "13 days : duration"),
    ("member.tier", "silver : enum { bronze, silver, gold }"),
    ("favourite_tiers", "[silver, gold] : list<enum { bronze, silver, gold }>"),
    ("[1, 2, 3]", "[1, 2, 3] : list<int>"),
    ("[0.5, 2.0]", "[0.5, 2.0] : list<float>"),
    ("[true, false]", "[true, false] : list<bool>"),
    ("[10 EUR, 0.5 EUR]", "[10.00 EUR, 0.50 EUR] : list<money>"),
    ("[\"a\", \"b\"]", "[\"a\", \"b\"] : list<string>"),
    ("member.last_order", "2026-10-24 : date?"),
    ("member.nickname", "\"Ana\" : string?"),
    ("greeting", "\"hello Ana\" : string"),
    ("recency", "30 : int"),
    ("-9223372036854775808", "-9223372036854775808 : int"),
    ("[-9223372036854775808, -1]", "[-9223372036854775808, -1] : list<int>"),
    ("adult", "true : bool"),
    ("valuable and member.consent.marketing", "true : bool"),
    ("churn", "0.14185106490048782 : float"),
    ("if churn > 0.5 then \"high\" else \"low\"", "\"low\" : string"),
    ("points(5)", "points(5) : reward"),
    ("voucher(10 EUR)", "voucher(10.00 EUR) : reward"),
    ("cashback(5%)", "cashback(5%) : reward"),
    ("badge(\"gold\")", "badge(\"gold\") : reward"),
  ])
  func printsValueAndType(_ expression: String, _ expected: String) {
    let (status, out, err) = evalOnRecord(expression)
    #expect(err == "")
    #expect(out == expected + "\n")
    #expect(status == .success)
  }

  @Test func missingOptionalsPrintAsMissing() {
    let record =
      #"{"id":"m2","age":16,"score":0.25,"tier":"bronze","spend":"0.00","joined":"2026-11-01","#
      + #""email":"kim@example.org","consent":{"marketing":true,"profiling":true}}"#
    let (status, out, _) = eval([
      "--policy", policy, "--record", record, "--as-of", "2026-11-23", "member.last_order",
    ])
    #expect(status == .success)
    #expect(out == "missing : date?\n")
    let fallback = eval(["--policy", policy, "--record", record, "--as-of", "2026-11-23", "recency"])
    #expect(fallback.out == "999 : int\n")
  }

  @Test func piiValuesAreRedacted() {
    for expression in ["member.email", "\"to {member.email}\"", "[member.email, \"x\"]"] {
      let (status, out, _) = evalOnRecord(expression)
      #expect(status == .success)
      #expect(out.hasPrefix("<redacted> : "), "\(expression)")
      #expect(!out.contains("ana@example.org"))
    }
    // A value that does not read a pii field is shown.
    #expect(evalOnRecord("member.id").out == "\"m9\" : string\n")
  }

  @Test func literalsAndTheLibraryWorkWithoutAPolicy() {
    #expect(eval(["1 + 2 * 3"]).out == "7 : int\n")
    #expect(eval(["--as-of", "2024-02-28", "today() + 1 day"]).out == "2024-02-29 : date\n")
    #expect(eval(["round(2.5)"]).out == "3 : int\n")
    let (status, _, err) = eval(["member.age"])
    #expect(status == .findings)
    #expect(err.contains("error[P0201]: unknown name `member`"))
  }

  @Test func typeFlagPrintsOnlyTheType() {
    let (status, out, err) = eval(["--policy", policy, "--type", "member.last_order"])
    #expect(status == .success)
    #expect(err == "")
    #expect(out == "date?\n")
    #expect(eval(["--type", "1.5 * 2"]).out == "float\n")
    // No record is needed to know a type.
    #expect(eval(["--policy", policy, "--type", "churn > 0.5"]).out == "bool\n")
  }

  @Test func recordsComeFromCSVAndJSONLinesRows() {
    let first = eval(["--policy", policy, "--data", csv, "--as-of", "2026-11-23", "member.id"])
    #expect(first.out == "\"m1\" : string\n")
    let third = eval(["--policy", policy, "--data", csv, "--row", "3", "--as-of", "2026-11-23", "recency"])
    #expect(third.out == "326 : int\n")
    let json = eval([
      "--policy", policy, "--data", jsonl, "--row", "2", "--as-of", "2026-11-23", "member.age",
    ])
    #expect(json.out == "16 : int\n")
    let forced = eval([
      "--policy", policy, "--data", fixturesDirectory.appendingPathComponent("eval/members.csv").path,
      "--input-format", "csv", "--row", "2", "member.nickname",
    ])
    #expect(forced.out == "missing : string?\n")
  }

  @Test func recordProblemsAreInputErrors() {
    let past = eval(["--policy", policy, "--data", csv, "--row", "9", "member.id"])
    #expect(past.0 == .usage)
    #expect(past.err == "error: \(csv) has 4 records, not 9\n")
    let bad = eval(["--policy", policy, "--data", csv, "--row", "4", "member.id"])
    #expect(bad.0 == .usage)
    #expect(bad.err.contains("line 5 (key `m4`): error[P0603]: field `age`"))
    let json = eval(["--policy", policy, "--record", #"{"id": 1}"#, "member.id"])
    #expect(json.0 == .usage)
    #expect(json.err.hasPrefix("error: the JSON record: line 1: error[P0603]: field `id`"))
    let unread = eval(["--policy", policy, "--data", "/nonexistent/members.csv", "member.id"])
    #expect(unread.0 == .usage)
    #expect(unread.err.hasPrefix("error: cannot read '/nonexistent/members.csv'"))
  }

  @Test func anExpressionReadingTheRecordNeedsOne() {
    let (status, out, err) = eval(["--policy", policy, "recency + 1"])
    #expect(status == .usage)
    #expect(out == "")
    #expect(err == "error: the expression reads `member.last_order`; give a record with --record or --data\n")
    // Declarations that read no field need no record.
    #expect(eval(["--policy", policy, "largest"]).out == "9223372036854775807 : int\n")
  }

  @Test func runtimeErrorsPointIntoTheExpression() {
    var transcript = ""
    for expression in ["largest + 1", "1 / (member.age - 40)", "sqrt(-1.0 * member.score)", "int(1e300)"] {
      let (status, out, err) = evalOnRecord(expression)
      #expect(status == .findings, "\(expression)")
      #expect(out == "")
      transcript += "$ plum eval '\(expression)'\n" + err
    }
    // An error inside a declaration of the policy points there.
    let record = fullRecord.replacingOccurrences(of: "\"age\":40", with: "\"age\":5000000000000000000")
    let (status, _, err) = eval([
      "--policy", policy, "--record", record, "--as-of", "2026-11-23", "doubled_age + 1",
    ])
    #expect(status == .findings)
    #expect(err.contains("loyalty.plum:27:19: error[P0501]"))
    transcript += "$ plum eval 'doubled_age + 1'\n" + err
    expectGolden(
      transcript.replacingOccurrences(of: evalFixtures, with: "Fixtures/eval"), "eval/runtime-errors.txt")
  }

  @Test func diagnosticsPointIntoTheExpression() {
    var transcript = ""
    let expressions = [
      "member.agee", "recencyy > 3", "member.age + \"x\"", "member.spend > 1 USD",
      "member.last_order > today()",
      "(1 +", "1 2", "1\nrule extra = true", "", "member.tier == platinum", "[1,\n  \"two\"]",
    ]
    for expression in expressions {
      let (status, out, err) = evalOnRecord(expression)
      #expect(status == .findings, "\(expression)")
      #expect(out == "")
      #expect(err.hasPrefix("<expr>:"), "\(expression)")
      transcript += "$ plum eval '\(expression)'\n" + err
    }
    expectGolden(
      transcript.replacingOccurrences(of: evalFixtures, with: "Fixtures/eval"), "eval/diagnostics.txt")
  }

  @Test func aModelWithoutConsentIsNotEvaluated() {
    let record = fullRecord.replacingOccurrences(of: "\"profiling\":true", with: "\"profiling\":false")
    let (status, out, err) = eval(["--policy", policy, "--record", record, "churn"])
    #expect(status == .findings)
    #expect(out == "")
    #expect(
      err
        == "error: not evaluated: model `churn` needs consent `profiling`, which this record does not give\n")
    // Establishing the consent first in the same expression is fine: the model is never reached.
    let guarded = eval(["--policy", policy, "--record", record, "member.consent.profiling and churn > 0.5"])
    #expect(guarded.out == "false : bool\n")
  }

  @Test(arguments: [
    (["eval"], "missing expected argument '<expression>'"),
    (["eval", "--row", "2", "1"], "'--row' needs '--data <file>'"),
    (["eval", "--record", "{}", "--data", "x.csv", "1"], "either '--record' or '--data'"),
    (["eval", "--as-of", "23/11/2026", "1"], "the value '23/11/2026' is invalid for '--as-of <date>'"),
    (["eval", "--data", "x.txt", "1"], "cannot tell the format of 'x.txt'"),
    (["eval", "--data", "x.csv", "--row", "0", "1"], "the value '0' is invalid for '--row <n>'"),
  ])
  func usageErrorsExitWithTwo(_ arguments: [String], _ message: String) {
    let io = CapturedIO()
    let status = PlumCommand.run(arguments, io: io)
    #expect(status == .usage)
    #expect(io.err.contains(message), "\(io.err)")
  }

  @Test func aPolicyWithErrorsIsNotEvaluated() {
    let io = CapturedIO(files: ["bad.plum": "input member { age: int }\nrule r = member.agee > 1\n"])
    let status = PlumCommand.run(["eval", "--policy", "bad.plum", "1"], io: io)
    #expect(status == .usage)
    #expect(io.out == "")
    #expect(io.err.contains("bad.plum:2:17: error[P0203]"))
    #expect(io.err.hasSuffix("error: bad.plum has 1 error; nothing was evaluated\n"))
    let missing = eval(["--policy", "/nonexistent.plum", "1"])
    #expect(missing.0 == .usage)
    #expect(missing.err.hasPrefix("error: cannot read '/nonexistent.plum'"))
  }

  @Test func theSyntheticDeclarationNeverClashesWithThePolicy() {
    let source = "input member { age: int }\nlet __eval = 5\n"
    let io = CapturedIO(files: ["clash.plum": source])
    let status = PlumCommand.run(["eval", "--policy", "clash.plum", "__eval * 2"], io: io)
    #expect(status == .success)
    #expect(io.out == "10 : int\n")
  }
}
