import PlumData
import PlumModels
import PlumTestSupport
import Testing

@testable import PlumRuntime

/// `run(_:jobs:chunkSize:...)` writes what the one-thread `run` writes, byte for byte, with the same
/// statistics and result, whatever the chunk size: chunks of a few bytes put a boundary inside
/// every kind of record, a quoted CSV field spanning lines, a malformed record and a repeated key.
@Suite struct ChunkedRunTests {
  static let policy = """
    policy chunks version "1"
    currency EUR
    input p {
      id: string key
      age: int
      spend: money
      note: string?
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

  /// CSV with a byte order mark, CRLF endings, blank lines, quoted fields across lines, a stray
  /// quote, wrong field counts, bad values, a runtime error (age 40 divides by zero), repeated keys
  /// (also of a malformed record) and an unterminated quote at the end.
  static let csv =
    "\u{FEFF}id,age,spend,note\r\n"
    + "a,30,1.00,plain\r\n"
    + "b,12,2.50,\"two\nlines\"\n"
    + "\n"
    + "c,40,1.00,\n"
    + "d,abc,1.00,x\n"
    + "a,31,1.00,repeat\n"
    + "e,50,1.00,\"stray\" quote\n"
    + "f,20,1.00,\"spans\nlines, \"\"quoted\"\", then\nmore\"\n"
    + "g,20,1.00\n"
    + "d,25,1.00,repeats a malformed record's key\n"
    + "h,\"21\",3.00,\"open\n"
    + "i,22,1.00,after the stray quote\n"
    + "j,23,1.00,x,extra\n"
    + "\r\n"
    + "k,60,9.99,\"never closed\n"
    + "l,61,1.00,last\n"

  /// JSON Lines with the same kinds of records, a line longer than the limit used below, and no
  /// final line feed.
  static let jsonLines =
    "\u{FEFF}{\"id\":\"a\",\"age\":30,\"spend\":\"1.00\"}\n"
    + "\n"
    + "{\"id\":\"b\",\"age\":12,\"spend\":\"2.50\",\"note\":\"n\"}\r\n"
    + "{\"id\":\"c\",\"age\":40,\"spend\":\"1.00\"}\n"
    + "{\"id\":\"d\",\"age\":\"x\",\"spend\":\"1.00\"}\n"
    + "{\"id\":\"a\",\"age\":31,\"spend\":\"1.00\"}\n"
    + "{not json\n"
    + "{\"id\":\"e\",\"age\":50,\"spend\":\"1.00\",\"note\":\"" + String(repeating: "long ", count: 40)
    + "\"}\n"
    + "   \n"
    + "{\"id\":\"d\",\"age\":25,\"spend\":\"1.00\"}\n"
    + "{\"id\":\"f\",\"spend\":\"1.00\"}\n"
    + "{\"id\":\"g\",\"age\":70,\"spend\":\"1.00\"}"

  static let chunkSizes = [1, 2, 3, 5, 8, 13, 40, 100, 1000, 1 << 19]
  static let jobCounts = [2, 3, 7]

  struct Run: Equatable {
    var text: String
    var statistics: RunStatistics
    var decided: Bool
  }

  /// Runs `inputs` (CSV when `csv`) one after the other as `plum run` does, on `jobs` threads.
  static func run(
    _ program: Program, _ inputs: [String], csv: Bool, jobs: Int, chunkSize: Int = 1 << 19,
    strict: Bool = false,
    allowRepeats: Bool = false, options: ReaderOptions = ReaderOptions()
  ) throws -> Run {
    let runner = try DecisionRunner(program: program, asOf: PolicyHarness.asOf)
    if allowRepeats { runner.keys = nil }
    let writer = JSONLinesWriter()
    var decided = true
    for (index, input) in inputs.enumerated() {
      let source = MemorySource(text: input, maximumReadSize: 7)
      let reader: any ChunkedRecordReader =
        csv
        ? try CSVReader(schema: runner.schema, source: source, options: options)
        : JSONLinesReader(schema: runner.schema, source: source, options: options)
      runner.inputName = inputs.count > 1 ? "file\(index)" : nil
      let done = try runner.run(
        reader, jobs: jobs, chunkSize: chunkSize, to: writer, explain: program.explains, strict: strict,
        firstRecord: runner.recordsSoFar + 1)
      decided = decided && done
      if !done && strict { break }
    }
    return Run(text: writer.text, statistics: runner.statistics, decided: decided)
  }

  /// Expects every job count and chunk size to give the one-thread run.
  static func expectSame(
    _ program: Program, _ inputs: [String], csv: Bool, strict: Bool = false, allowRepeats: Bool = false,
    options: ReaderOptions = ReaderOptions(), sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let expected = try run(
      program, inputs, csv: csv, jobs: 1, strict: strict, allowRepeats: allowRepeats, options: options)
    #expect(!expected.text.isEmpty, sourceLocation: sourceLocation)
    for jobs in jobCounts {
      for chunkSize in chunkSizes {
        let actual = try run(
          program, inputs, csv: csv, jobs: jobs, chunkSize: chunkSize, strict: strict,
          allowRepeats: allowRepeats,
          options: options)
        #expect(
          actual == expected, "jobs \(jobs), chunk size \(chunkSize)", sourceLocation: sourceLocation)
      }
    }
  }

  @Test func csvIsTheSameOnEveryChunkSize() throws {
    let program = try #require(PolicyHarness.compile(Self.policy))
    try Self.expectSame(program, [Self.csv], csv: true)
    try Self.expectSame(program, [Self.csv], csv: true, allowRepeats: true)
    try Self.expectSame(program, [Self.csv], csv: true, strict: true)
  }

  @Test func jsonLinesAreTheSameOnEveryChunkSize() throws {
    let program = try #require(PolicyHarness.compile(Self.policy))
    try Self.expectSame(program, [Self.jsonLines], csv: false)
    try Self.expectSame(program, [Self.jsonLines], csv: false, strict: true)
  }

  @Test func recordsLongerThanTheLimitAreTheSame() throws {
    let program = try #require(PolicyHarness.compile(Self.policy))
    let options = ReaderOptions(chunkSize: 16, maximumRecordSize: 60)
    try Self.expectSame(program, [Self.jsonLines], csv: false, options: options)
    try Self.expectSame(program, [Self.csv], csv: true, options: options)
    // A quoted field that never closes runs past the limit and is followed to the end.
    let open = "id,age,spend,note\na,30,1.00,\"" + String(repeating: "x,", count: 50) + "\nb,20,1.00,y\n"
    try Self.expectSame(program, [open], csv: true, options: options)
  }

  @Test func explanationsAreTheSame() throws {
    let program = try #require(PolicyHarness.compile(Self.policy, explain: true))
    #expect(program.explains)
    try Self.expectSame(program, [Self.csv], csv: true)
  }

  @Test func severalInputsContinueNumbersAndKeys() throws {
    let program = try #require(PolicyHarness.compile(Self.policy))
    let second = "id,age,spend,note\nm,30,1.00,x\na,44,1.00,repeats the first file's key\n"
    try Self.expectSame(program, [Self.csv, second], csv: true)
    try Self.expectSame(program, [Self.csv, second], csv: true, strict: true)
  }

  /// Random CSV and JSON Lines (good rows, bad values, repeated keys, quoted fields across lines,
  /// stray quotes, blank lines) agree for every job count and chunk size.
  @Test func randomInputsAreTheSame() throws {
    let program = try #require(PolicyHarness.compile(Self.policy))
    var random = SplitMix64(seed: 0x10B5)
    for _ in 0..<6 {
      var csv = "id,age,spend,note\n"
      var jsonLines = ""
      for row in 0..<60 {
        let key = random.chance(10) ? "k\(random.below(max(1, row)))" : "k\(row)"
        let age = random.chance(8) ? "x" : String(random.int(0...90))
        let note = random.pick([
          "", "plain", "\"a, b\"", "\"two\nlines\"", "\"stray\" x", "\"open\n", "z,extra",
        ])
        csv += random.chance(5) ? "\n" : ""
        csv += "\(key),\(age),\(random.int(0...999)).\(random.int(10...99)),\(note)\n"
        jsonLines += random.chance(5) ? "\n" : ""
        jsonLines +=
          random.chance(4)
          ? "{\"id\":\"\(key)\",\n"
          : "{\"id\":\"\(key)\",\"age\":\(age == "x" ? "\"x\"" : age),\"spend\":\"1.00\"}\n"
      }
      try Self.expectSame(program, [csv], csv: true)
      try Self.expectSame(program, [jsonLines], csv: false)
    }
  }
}
