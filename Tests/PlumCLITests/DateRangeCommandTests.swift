import Foundation
import Testing

@testable import PlumCLI

/// Dates moved out of 0001-01-01…9999-12-31 are the record's error P0506, in `plum run` and
/// `plum eval` alike; the other records are still decided and the run's output is complete.
@Suite struct DateRangeCommandTests {
  private let policy = """
    policy due
    input r {
      id: string key
      wait: duration
    }
    let due = 1970-01-01 + r.wait
    reward remind {
      when day(due) > 0
      give points(1)
      because "due on {due}"
    }
    """

  @Test func aHugeDurationInARecordIsThatRecordsError() {
    let io = CapturedIO(files: [
      "due.plum": policy,
      "waits.csv": "id,wait\na,30\nb,9223372036854775807\nc,2932897\nd,-719162\ne,-719163\n",
    ])
    let status = PlumCommand.run(["run", "due.plum", "waits.csv", "--as-of", "2026-11-23"], io: io)
    #expect(status == .findings)
    let lines = io.out.split(separator: "\n").map(String.init)
    #expect(lines.count == 5)
    #expect(lines[0].contains("due on 1970-01-31"))
    #expect(lines[1].contains("\"P0506\""), "\(lines[1])")
    #expect(lines[2].contains("\"P0506\""), "\(lines[2])")
    #expect(lines[3].contains("due on 0001-01-01"), "\(lines[3])")
    #expect(lines[4].contains("\"P0506\""), "\(lines[4])")
    #expect(io.err.contains("3 errors"), "\(io.err)")
  }

  @Test(arguments: [
    "day(1970-01-01 + 9223372036854775807 days)", "9999-12-31 + 1 day", "0001-01-01 - 1 day",
    "1970-01-01 - 9223372036854775807 days - 1 day",
  ])
  func aConstantOutOfRangeIsAnEvaluationError(expression: String) {
    let io = CapturedIO()
    let status = PlumCommand.run(["eval", "--", expression], io: io)
    #expect(status == .findings)
    #expect(io.out == "")
    #expect(io.err.contains("error[P0506]: date outside 0001-01-01…9999-12-31"), "\(io.err)")
  }
}
