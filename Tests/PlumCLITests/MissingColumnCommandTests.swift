import Testing

@testable import PlumCLI

/// A misspelt optional column stops `plum run` and `plum explain` before any decision, instead of
/// deciding every record as if the value were missing.
@Suite struct MissingColumnCommandTests {
  let policy = """
    policy visits version "1"
    input p {
      id: string key
      visits: int
      last_visit: date?
    }
    let recency = days_since(p.last_visit) ?? 999
    reward come_back {
      when recency > 30
      give points(10)
    }
    select all
    """
  let misspelt = "id,visits,last_vist\na,3,2026-11-20\nb,1,\n"

  @Test func runRefusesAHeaderWithoutAnOptionalFieldsColumn() {
    let io = CapturedIO(files: ["visits.plum": policy, "visits.csv": misspelt])
    let status = PlumCommand.run(["run", "visits.plum", "visits.csv", "--as-of", "2026-11-23"], io: io)
    #expect(status == .usage)
    #expect(io.out.isEmpty)
    #expect(
      io.err.contains(
        "error: visits.csv: csv header has no column for field `last_visit` (did you mean `last_vist`?)"))
    #expect(!io.err.contains("decided"))
  }

  @Test func explainRefusesItToo() {
    let io = CapturedIO(files: ["visits.plum": policy, "visits.csv": misspelt])
    let status = PlumCommand.run(["explain", "visits.plum", "visits.csv", "--key", "a"], io: io)
    #expect(status == .usage)
    #expect(io.err.contains("did you mean `last_vist`?"))
  }

  @Test func emptyValuesInThePresentColumnAreStillMissing() {
    let io = CapturedIO(files: [
      "visits.plum": policy, "visits.csv": "id,visits,last_visit\na,3,2026-11-20\nb,1,\n",
    ])
    let status = PlumCommand.run(["run", "visits.plum", "visits.csv", "--as-of", "2026-11-23"], io: io)
    #expect(status == .success)
    #expect(io.out.split(separator: "\n").count == 2)
    #expect(io.err.contains("come_back 1"))
  }

  @Test func jsonLinesMayLeaveOutAnOptionalKey() {
    let io = CapturedIO(files: ["visits.plum": policy, "visits.jsonl": #"{"id":"a","visits":3}"# + "\n"])
    let status = PlumCommand.run(["run", "visits.plum", "visits.jsonl", "--as-of", "2026-11-23"], io: io)
    #expect(status == .success)
    #expect(io.err.contains("come_back 1"))
  }
}
