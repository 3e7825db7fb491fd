import Foundation
import PlumStatistics
import Testing

@testable import PlumCLI

/// `plum run` measures every `disparate_impact` constraint over its decisions and reports it in the
/// summary, with the figures `PlumStatistics` makes, without changing the exit status.
struct ConstraintRunTests {
  static let policy = """
    policy fair version "1"

    input participant {
      id:     string key
      spend:  int
      group:  string protected
      region: string protected
    }

    reward bonus {
      when participant.spend >= 50
      give points(10)
    }

    constraint fairness: disparate_impact(rewarded, by: participant.group) >= 0.8
    constraint by_bonus: disparate_impact(rewarded, by: participant.region) >= 0.5

    """

  /// Group a: 80 records, 60 selected; b: 100, 40; c: 5, 5 (small). Regions alternate north and
  /// south.
  static let data: String = {
    var rows = ["id,spend,group,region"]
    var next = 0
    func add(_ group: String, _ count: Int, selected: Int) {
      for position in 0..<count {
        next += 1
        rows.append("r\(next),\(position < selected ? 80 : 10),\(group),\(next % 2 == 0 ? "north" : "south")")
      }
    }
    add("a", 80, selected: 60)
    add("b", 100, selected: 40)
    add("c", 5, selected: 5)
    return rows.joined(separator: "\n") + "\n"
  }()

  static func run(jobs: Int) -> (
    status: PlumCLI.ExitStatus, err: String, summary: [String: Any]?, text: String
  ) {
    let io = CapturedIO(files: ["fair.plum": policy, "data.csv": data])
    let status = PlumCommand.run(
      [
        "run", "--as-of", "2026-11-23", "--jobs", String(jobs), "--summary", "summary.json", "fair.plum",
        "data.csv",
      ], io: io)
    let bytes = io.files["summary.json"] ?? []
    let text = String(decoding: bytes, as: UTF8.self)
    return (
      status, io.err, try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
      text.replacingOccurrences(of: #""seconds": [0-9.]+"#, with: "", options: .regularExpression)
    )
  }

  @Test func theSummaryGivesEachGroupsFigures() throws {
    let run = Self.run(jobs: 1)
    // A failing constraint is reported; the exit status stays that of the decisions.
    #expect(run.status == .success, "\(run.err)")
    let summary = try #require(run.summary)
    let constraints = try #require(summary["constraints"] as? [[String: Any]])
    #expect(constraints.count == 2)
    let fairness = constraints[0]
    #expect(fairness["name"] as? String == "fairness")
    #expect(fairness["by"] as? [String] == ["group"])
    #expect(fairness["records"] as? Int == 185)
    #expect(fairness["missing"] as? Int == 0)
    #expect(fairness["holds"] as? Bool == false)
    #expect(fairness["top_group"] as? String == "a")
    let value = try #require(fairness["value"] as? Double)
    #expect(abs(value - 0.4 / 0.75) < 1e-12)
    let groups = try #require(fairness["groups"] as? [[String: Any]])
    #expect(groups.map { $0["group"] as? [String] ?? [] } == [["a"], ["b"], ["c"]])
    let expected: [(n: Int, selected: Int, small: Bool, ratio: Double?)] = [
      (80, 60, false, 1), (100, 40, false, 0.4 / 0.75), (5, 5, true, nil),
    ]
    for (group, figures) in zip(groups, expected) {
      #expect(group["n"] as? Int == figures.n)
      #expect(group["selected"] as? Int == figures.selected)
      #expect(group["small"] as? Bool == figures.small)
      let rate = try #require(group["rate"] as? Double)
      #expect(abs(rate - Double(figures.selected) / Double(figures.n)) < 1e-12)
      let wilson = try ConfidenceInterval.wilson(successes: figures.selected, trials: figures.n)
      // Foundation's JSON reader may round the last digit; the text holds the shortest exact form.
      let bounds = try #require(group["wilson_95"] as? [Double])
      #expect(bounds.count == 2)
      #expect(abs(bounds[0] - wilson.lower) < 1e-12 && abs(bounds[1] - wilson.upper) < 1e-12)
      if let ratio = figures.ratio {
        #expect(abs((group["ratio_to_top"] as? Double ?? -1) - ratio) < 1e-12)
      } else {
        #expect(group["ratio_to_top"] is NSNull)
      }
    }
    // North: 52 of 92 selected, south 53 of 93.
    let byBonus = constraints[1]
    #expect(byBonus["by"] as? [String] == ["region"])
    #expect(abs((byBonus["value"] as? Double ?? 0) - (52.0 / 92) / (53.0 / 93)) < 1e-12)
    #expect((byBonus["groups"] as? [[String: Any]])?.first?["group"] as? [String] == ["north"])
    // The text summary: one line per constraint, group lines only under the failing one.
    #expect(
      run.err.contains(
        "\nconstraint fairness: disparate_impact(rewarded, by: group) 0.5333 >= 0.8 fails\n"
          + "  a: 60 of 80 selected, rate 75.0% ["))
    #expect(run.err.contains("  c: 5 of 5 selected, rate 100.0% ["))
    #expect(run.err.contains(", small group: not compared\n"))
    #expect(
      run.err.contains("\nconstraint by_bonus: disparate_impact(rewarded, by: region) 0.9918 >= 0.5 holds\n"))
  }

  @Test func everyJobCountGivesTheSameSummary() {
    let one = Self.run(jobs: 1)
    let two = Self.run(jobs: 2)
    #expect(one.text.contains("\"constraints\""))
    #expect(one.text == two.text)
  }
}
