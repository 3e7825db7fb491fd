import Testing

@testable import PlumCLI

/// A key seen twice in one run gives the repeat an error outcome (P0608) instead of a second
/// payout; `--allow-duplicate-keys` opts out; `plum train` reads repeated keys as snapshots.
@Suite struct DuplicateKeyCommandTests {
  let policy = """
    policy dup version "1"
    currency EUR
    input p {
      id: string key
      age: int
      consent { profiling: bool }
    }
    model churn = logistic("churn.json") {
      inputs { age: p.age }
      purpose profiling
    }
    reward welcome {
      when p.age >= 18
      give voucher(5 EUR)
    }
    select all
    """
  let first = "id,age,consent.profiling\np1,30,false\np2,40,false\np1,30,false\n"
  let second = "id,age,consent.profiling\np3,50,false\np2,41,false\n"

  private func plum(_ arguments: String...) -> (PlumCLI.ExitStatus, CapturedIO) {
    let io = CapturedIO(files: ["dup.plum": policy, "first.csv": first, "second.csv": second])
    return (PlumCommand.run(arguments, io: io), io)
  }

  @Test func aRepeatedKeyIsAnErrorCountedInTheSummary() throws {
    let (status, io) = plum(
      "run", "dup.plum", "first.csv", "second.csv", "--as-of", "2026-11-23", "--summary", "summary.json")
    #expect(status == .findings)
    let lines = io.out.split(separator: "\n").map(String.init)
    #expect(lines.count == 5)
    #expect(
      lines[2]
        == #"{"record":3,"key":"p1","error":{"code":"P0608","message":"key already seen in record 1","#
        + #""line":4,"file":"first.csv"}}"#)
    #expect(
      lines[4].contains(#""key":"p2","error":{"code":"P0608","message":"key already seen in record 2""#))
    #expect(io.err.contains("decided 3 of 5 records, 2 errors"))
    let summary = String(decoding: try #require(io.files["summary.json"]), as: UTF8.self)
    #expect(summary.contains(#""errors_by_code": {"P0608": 2}"#))
    #expect(summary.contains(#""cost": {"EUR": "15.00"}"#))
  }

  @Test func allowingDuplicateKeysDecidesEveryRecord() {
    let (status, io) = plum(
      "run", "dup.plum", "first.csv", "second.csv", "--as-of", "2026-11-23", "--allow-duplicate-keys")
    #expect(status == .success)
    #expect(io.err.contains("decided 5 of 5 records, 0 errors"))
  }

  @Test func strictStopsAtTheRepeat() {
    let (status, io) = plum("run", "dup.plum", "first.csv", "--as-of", "2026-11-23", "--strict")
    #expect(status == .findings)
    #expect(io.out.split(separator: "\n").count == 3)
    #expect(io.err.contains("(stopped at the first error)"))
  }

  @Test func explainShowsTheRepeatAsRunDecidesIt() {
    let (status, io) = plum("explain", "dup.plum", "first.csv", "--row", "3", "--as-of", "2026-11-23")
    #expect(status == .findings)
    #expect(
      io.out
        == "record 3 of first.csv (line 4), key \"p1\"\n\n"
        + "the record is not decided: error[P0608]: key already seen in record 1\n")
    let (allowed, allowedIO) = plum(
      "explain", "dup.plum", "first.csv", "--row", "3", "--as-of", "2026-11-23", "--allow-duplicate-keys")
    #expect(allowed == .success)
    #expect(allowedIO.out.hasPrefix("record 3 of first.csv (line 4), key \"p1\""))
    let (byKey, byKeyIO) = plum("explain", "dup.plum", "first.csv", "--key", "p1", "--as-of", "2026-11-23")
    #expect(byKey == .success)
    #expect(byKeyIO.out.hasPrefix("record 1 of first.csv (line 2), key \"p1\""))
  }

  @Test func trainingReadsRepeatedKeysAsSnapshots() {
    var history = "id,age,consent.profiling,as_of,churned\n"
    for snapshot in 0..<20 {
      history +=
        "p\(snapshot % 4),\(20 + snapshot * 3),true,2026-0\(1 + snapshot % 9)-01,\(snapshot % 3 == 0 ? 1 : 0)\n"
    }
    let io = CapturedIO(files: ["dup.plum": policy, "history.csv": history])
    let status = PlumCommand.run(
      ["train", "dup.plum", "--model", "churn", "--data", "history.csv", "--target", "churned"], io: io)
    #expect(status == .success, "\(io.err)")
    #expect(io.err.contains("on 20 of 20 records"))
  }
}
