import PlumData
import PlumRuntime

/// A record's decision as `plum run` makes it, in the terms test expectations use.
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

  /// Decides `row` with `runner`, exactly as `plum run` does.
  static func decide(_ row: RecordRow, with runner: DecisionRunner) -> MachineDecision {
    runner.decide(row, record: 1)
    return MachineDecision(runner.decision, program: runner.program)
  }

  /// The terms of a runtime decision.
  init(_ decision: Decision, program: Program) {
    if let fault = decision.error {
      self = .failed(code: fault.code.rawValue, message: fault.message(in: program))
    } else {
      self = .decided(rewards: decision.rewards.map(\.name), because: decision.rewards.map(\.because))
    }
  }
}
