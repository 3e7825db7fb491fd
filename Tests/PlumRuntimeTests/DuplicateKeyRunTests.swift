import PlumData
import Testing

@testable import PlumRuntime

/// A repeated row must not pay out twice: `DecisionRunner.run` rejects a record whose key an
/// earlier record had.
@Suite struct DuplicateKeyRunTests {
  let policy = """
    policy dup version "1"
    currency EUR
    input p {
      id: string key
      age: int
    }
    reward welcome {
      when p.age >= 18
      give voucher(5 EUR)
    }
    select all
    """
  let records = "id,age\np1,30\np2,40\np1,30\np3,50\n"

  private func run(allowingRepeats: Bool) throws -> (String, RunStatistics, Bool) {
    let program = try #require(PolicyHarness.compile(policy))
    let runner = try DecisionRunner(program: program, asOf: PolicyHarness.asOf)
    if allowingRepeats { runner.keys = nil }
    let writer = JSONLinesWriter()
    let decided = try runner.run(
      CSVReader(schema: runner.schema, source: MemorySource(text: records)), to: writer)
    return (writer.text, runner.statistics, decided)
  }

  @Test func theRepeatIsAnErrorAndPaysNothing() throws {
    let (text, statistics, decided) = try run(allowingRepeats: false)
    let lines = text.split(separator: "\n").map(String.init)
    #expect(lines.count == 4)
    #expect(
      lines[2]
        == #"{"record":3,"key":"p1","error":{"code":"P0608","message":"key already seen in record 1","line":4}}"#
    )
    #expect(!decided)
    #expect(statistics.records == 4)
    #expect(statistics.decisions == 3)
    #expect(statistics.errorsByCode == ["P0608": 1])
    #expect(statistics.voucherMinorUnits == 1_500)
  }

  @Test func repeatsAreDecidedWhenAllowed() throws {
    let (_, statistics, decided) = try run(allowingRepeats: true)
    #expect(decided)
    #expect(statistics.decisions == 4)
    #expect(statistics.voucherMinorUnits == 2_000)
  }
}
