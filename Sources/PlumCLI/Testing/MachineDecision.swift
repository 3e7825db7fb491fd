import Foundation
import PlumData
import PlumRuntime

/// A record's decision as `plum run` makes it: the register machine, read back from its JSON line.
enum MachineDecision: Equatable {
  /// The record was decided: the rewards given, in output order, with their `because` texts.
  case decided(rewards: [String], because: [String?])
  /// The record could not be decided.
  case failed(code: String, message: String)

  /// The `because` texts of the rewards given, joined with `; `, as tests see `reason`.
  var reason: String {
    guard case .decided(_, let because) = self else { return "" }
    return because.compactMap { $0 }.joined(separator: "; ")
  }

  private struct Line: Decodable {
    struct Reward: Decodable {
      var name: String
      var because: String?
    }
    struct Failure: Decodable {
      var code: String
      var message: String
    }
    var rewards: [Reward]?
    var error: Failure?
  }

  /// Decides `row` with `runner`, exactly as `plum run` writes it.
  static func decide(_ row: RecordRow, with runner: DecisionRunner) -> MachineDecision {
    let writer = JSONLinesWriter()
    runner.decide(row, record: 1, explain: false, to: writer)
    guard let line = try? JSONDecoder().decode(Line.self, from: Data(writer.bytes)) else {
      return .failed(code: "", message: "the decision line cannot be read back")
    }
    if let error = line.error { return .failed(code: error.code, message: error.message) }
    let rewards = line.rewards ?? []
    return .decided(rewards: rewards.map(\.name), because: rewards.map(\.because))
  }
}
