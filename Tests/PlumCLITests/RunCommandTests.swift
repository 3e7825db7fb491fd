import Foundation
import Testing

@testable import PlumCLI

private let policy = """
  policy small version "1"
  currency EUR
  input p {
    id: string key
    age: int
    spend: money
    email: string pii
    code: int pii
  }
  rule adult = p.age >= 18
  reward welcome {
    when adult
    give points(10)
    because "aged {p.age}"
  }
  reward ratio {
    when adult and 100 / (p.age - 40) < 1
    give voucher(5 EUR)
  }
  select all
  """

private let goodCSV = """
  id,age,spend,email,code
  a,30,1.00,x@example.com,1
  b,12,2.50,y@example.com,2

  """

private let badCSV = """
  id,age,spend,email,code
  a,30,1.00,x@example.com,1
  b,abc,1.00,y@example.com,2
  c,40,1.00,z@example.com,3
  d,17,2.00,w@example.com,zz

  """

/// Records like `goodCSV`'s with other keys, for runs over several files (a key may be used once).
private let laterCSV = """
  id,age,spend,email,code
  e,30,1.00,x@example.com,1
  f,12,2.50,y@example.com,2

  """

private func plum(_ arguments: String..., files: [String: String] = [:]) -> (PlumCLI.ExitStatus, CapturedIO) {
  var files = files
  files["small.plum"] = files["small.plum"] ?? policy
  let io = CapturedIO(files: files)
  return (PlumCommand.run(arguments, io: io), io)
}

private func lines(_ text: String) -> [String] {
  text.split(separator: "\n").map(String.init)
}

@Suite struct RunCommandTests {
  @Test func decidesEveryRecordAndExitsZero() {
    let (status, io) = plum(
      "run", "small.plum", "good.csv", "--as-of", "2026-11-23", files: ["good.csv": goodCSV])
    #expect(status == .success)
    #expect(
      lines(io.out) == [
        #"{"record":1,"key":"a","rewards":["#
          + #"{"name":"welcome","kind":"points","amount":10,"because":"aged 30"},"#
          + #"{"name":"ratio","kind":"voucher","amount":"5.00","currency":"EUR"}],"reasons":["adult"]}"#,
        #"{"record":2,"key":"b","rewards":[],"reasons":[]}"#,
      ])
    // Warnings (here: `spend` is never used) come first; the summary is the last line.
    let summary = lines(io.err).last ?? ""
    #expect(summary.hasPrefix("decided 2 of 2 records, 0 errors, as of 2026-11-23, in "))
    #expect(summary.hasSuffix("; welcome 1, ratio 1"))
  }

  @Test func badRecordsAreReportedAndTheOthersStillDecided() throws {
    let (status, io) = plum(
      "run", "small.plum", "bad.csv", "--as-of", "2026-11-23", files: ["bad.csv": badCSV])
    #expect(status == .findings)
    let output = lines(io.out)
    try #require(output.count == 4)
    #expect(output[0].hasPrefix(#"{"record":1,"key":"a","rewards":[{"name":"welcome""#))
    #expect(output[1].hasPrefix(#"{"record":2,"key":"b","error":{"code":"P0603","message":"#))
    #expect(output[1].hasSuffix(#","field":"age","line":3}}"#))
    #expect(
      output[2]
        == #"{"record":3,"key":"c","error":{"code":"P0502","#
        + #""message":"division by zero in `100 / (p.age - 40)` at 17:18","line":4}}"#
    )
    // A bad value in a pii field is reported without echoing it.
    #expect(output[3].contains(#""code":"P0603""#))
    #expect(output[3].contains(#""field":"code""#))
    #expect(!output[3].contains("zz"))
    #expect(io.err.contains("decided 1 of 4 records, 3 errors"))
  }

  @Test func piiNeverAppears() {
    let (_, io) = plum("run", "small.plum", "bad.csv", "--explain", files: ["bad.csv": badCSV])
    for secret in ["x@example.com", "y@example.com", "z@example.com", "w@example.com", "zz"] {
      #expect(!io.out.contains(secret))
      #expect(!io.err.contains(secret))
    }
  }

  @Test func strictStopsAtTheFirstBadRecord() {
    let (status, io) = plum("run", "--strict", "small.plum", "bad.csv", files: ["bad.csv": badCSV])
    #expect(status == .findings)
    #expect(lines(io.out).count == 2)
    #expect(io.err.contains("(stopped at the first error)"))
  }

  @Test func readsStandardInputWithAnExplicitFormat() {
    let jsonl = #"{"id":"a","age":30,"spend":1.0,"email":"x@example.com","code":1}"# + "\n"
    let (status, io) = plum("run", "small.plum", "-", "--input-format", "jsonl", files: ["-": jsonl])
    #expect(status == .success)
    #expect(lines(io.out).count == 1)
    let (unknown, unknownIO) = plum("run", "small.plum", "-", files: ["-": jsonl])
    #expect(unknown == .usage)
    #expect(unknownIO.err.contains("cannot tell the format of '-'"))
  }

  @Test func writesTheSummaryAndTheDecisionsToFiles() throws {
    let (status, io) = plum(
      "run", "small.plum", "bad.csv", "--out", "out.jsonl", "--summary", "summary.json", "--as-of",
      "2026-11-23",
      files: ["bad.csv": badCSV])
    #expect(status == .findings)
    #expect(io.out.isEmpty)
    let out = String(decoding: try #require(io.files["out.jsonl"]), as: UTF8.self)
    #expect(lines(out).count == 4)
    let summary = String(decoding: try #require(io.files["summary.json"]), as: UTF8.self)
    struct Summary: Decodable {
      var policy: String
      var asOf: String
      var records: Int
      var decisions: Int
      var errors: Int
      var errorsByCode: [String: Int]
      var rewards: [String: Int]
      var rewardsByKind: [String: Int]
      var cost: [String: String]
      var points: Int
      var seconds: Double
    }
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    let decoded = try decoder.decode(Summary.self, from: Data(summary.utf8))
    #expect(decoded.policy == "small")
    #expect(decoded.asOf == "2026-11-23")
    #expect(decoded.records == 4)
    #expect(decoded.decisions == 1)
    #expect(decoded.errorsByCode == ["P0502": 1, "P0603": 2])
    #expect(decoded.rewards == ["welcome": 1, "ratio": 1])
    #expect(decoded.rewardsByKind == ["points": 1, "voucher": 1])
    #expect(decoded.cost == ["EUR": "5.00"])
    #expect(decoded.points == 10)
  }

  @Test func explainAddsTheTrace() {
    let (_, io) = plum("run", "small.plum", "good.csv", "--explain", files: ["good.csv": goodCSV])
    let second = lines(io.out).last ?? ""
    #expect(
      second.contains(
        #""explain":{"rewards":[{"name":"welcome","eligible":false,"given":false,"#
          + #""conditions":[{"condition":"adult","value":false}]}"#
      ))
    #expect(second.contains(#"{"condition":"100 / (p.age - 40) < 1","value":"not evaluated"}"#))
    #expect(second.contains(#""rules":[{"name":"adult","value":false}]"#))
  }

  @Test func usageAndInputErrorsExitTwo() {
    let files = [
      "good.csv": goodCSV, "broken.plum": "policy broken\ninput p { id: string key }\nrule r = p.nope > 1\n",
    ]
    let cases: [([String], String)] = [
      (["run", "small.plum"], "missing expected argument '<data>'"),
      (["run", "small.plum", "good.txt"], "cannot tell the format of 'good.txt'"),
      (["run", "small.plum", "missing.csv"], "error: missing.csv:"),
      (["run", "small.plum", "good.csv", "--as-of", "2026-02-30"], "expected YYYY-MM-DD"),
      (["run", "broken.plum", "good.csv"], "nothing was run"),
      (["run", "small.plum", "good.csv", "--input-format", "xml"], "expected one of: csv, jsonl"),
    ]
    for (arguments, message) in cases {
      let io = CapturedIO(files: files.merging(["small.plum": policy]) { $1 })
      #expect(PlumCommand.run(arguments, io: io) == .usage, "\(arguments)")
      #expect(io.err.contains(message), "\(arguments): \(io.err)")
    }
  }

  @Test func aMissingColumnIsAnInputError() {
    let (status, io) = plum("run", "small.plum", "short.csv", files: ["short.csv": "id,age\na,3\n"])
    #expect(status == .usage)
    #expect(io.err.contains("csv header has no columns for fields `spend`, `email`, `code`"))
  }

  @Test func severalInputsNumberRecordsOnward() {
    let (status, io) = plum(
      "run", "small.plum", "good.csv", "later.csv", files: ["good.csv": goodCSV, "later.csv": laterCSV])
    #expect(status == .success)
    #expect(
      lines(io.out).map { $0.prefix(12) } == [
        #"{"record":1,"#, #"{"record":2,"#, #"{"record":3,"#, #"{"record":4,"#,
      ])
  }
}

/// I/O problems are found before the first record is decided, so they cost no work and leave no
/// partial output.
@Suite struct RunInputCheckTests {
  @Test func aMissingLaterFileStopsTheRunBeforeAnyDecision() {
    let (status, io) = plum("run", "small.plum", "good.csv", "missing.jsonl", files: ["good.csv": goodCSV])
    #expect(status == .usage)
    #expect(io.out.isEmpty)
    #expect(io.err.contains("error: missing.jsonl:"))
    #expect(!io.err.contains("decided"))
  }

  @Test func aLaterFileWithABadHeaderStopsTheRunBeforeAnyDecision() {
    let (status, io) = plum(
      "run", "small.plum", "good.csv", "short.csv",
      files: ["good.csv": goodCSV, "short.csv": "id,age\na,3\n"])
    #expect(status == .usage)
    #expect(io.out.isEmpty)
    #expect(io.err.contains("csv header has no columns for fields `spend`, `email`, `code`"))
  }

  @Test(arguments: ["--summary", "--out"])
  func anUnwritableOutputPathStopsTheRunBeforeAnyDecision(option: String) {
    let io = CapturedIO(files: ["small.plum": policy, "good.csv": goodCSV])
    io.unwritablePaths = ["locked/result.json"]
    let status = PlumCommand.run(["run", "small.plum", "good.csv", option, "locked/result.json"], io: io)
    #expect(status == .usage)
    #expect(io.out.isEmpty)
    #expect(io.err.hasSuffix("error: cannot write 'locked/result.json': Permission denied\n"))
    #expect(!io.err.contains("decided"))
    #expect(io.files["locked/result.json"] == nil)
  }

  @Test func errorLinesNameTheirFileOnlyWhenThereAreSeveral() {
    let files = ["later.csv": laterCSV, "bad.csv": badCSV]
    let (_, single) = plum("run", "small.plum", "bad.csv", "--as-of", "2026-11-23", files: files)
    #expect(!single.out.contains(#""file""#))
    let (status, several) = plum(
      "run", "small.plum", "later.csv", "bad.csv", "--as-of", "2026-11-23", files: files)
    #expect(status == .findings)
    let errors = lines(several.out).filter { $0.contains(#""error""#) }
    #expect(errors.count == 3)
    #expect(errors.allSatisfy { $0.hasSuffix(#","file":"bad.csv"}}"#) })
    #expect(lines(several.out).filter { $0.contains(#""file""#) }.count == 3)
  }

  @Test func theProcessChecksRealPathsWithoutCreatingThem() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("plum-writable-\(getpid())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let io = ProcessIO()
    let fresh = directory.appendingPathComponent("summary.json").path
    try io.checkWritable(fresh)
    #expect(!FileManager.default.fileExists(atPath: fresh))
    #expect(throws: FileError.self) { try io.checkWritable(directory.path + "/missing/summary.json") }
    #expect(throws: FileError.self) { try io.checkWritable(directory.path) }
  }
}

@Suite struct CompileIRTests {
  @Test func emitIRPrintsTheGoldenDump() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().path
    let io = CapturedIO()
    let status = PlumCommand.run(["compile", "--emit", "ir", root + "/examples/bench/loyalty.plum"], io: io)
    #expect(status == .success)
    let golden = try String(
      contentsOfFile: root + "/Tests/PlumRuntimeTests/Fixtures/ir/bench.ir", encoding: .utf8)
    #expect(io.out == golden)
  }
}
