import Foundation
import PlumData

/// Reads the facts of each record from a decision file that `plum run` wrote, joined with the data
/// by the record's key: the rewards given, the rules that held (`reasons`) and, when the decisions
/// were written with `--explain`, model scores.
struct LoggedAuditFacts: AuditFactSource {
  /// One decision line, as far as the audit reads it.
  private struct Line: Decodable {
    struct Reward: Decodable { var name: String }
    struct Failure: Decodable { var code: String }
    struct Explanation: Decodable {
      struct Model: Decodable {
        var name: String
        var score: Flexible<Double>
      }
      var models: [Model]?
    }
    var key: String?
    var rewards: [Reward]?
    var reasons: [String]?
    var error: Failure?
    var explain: Explanation?
  }

  /// A value, or the text `plum run` writes where there is none (`"not evaluated"`).
  private enum Flexible<Value: Decodable>: Decodable {
    case value(Value)
    case absent

    init(from decoder: any Decoder) throws {
      let container = try decoder.singleValueContainer()
      self = (try? container.decode(Value.self)).map(Flexible.value) ?? .absent
    }

    var value: Value? {
      if case .value(let value) = self { return value }
      return nil
    }
  }

  /// A decision as the audit keeps it until its data record comes.
  private enum Entry {
    case decided(AuditFacts)
    case failed(code: String)
    case repeated
  }

  private var entries: [String: Entry] = [:]
  private var joined: Set<String> = []
  /// Whether any decision carried an explanation (without one there are no model scores).
  let explained: Bool

  /// Why a decision file cannot be used at all (exit status 2).
  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  /// Reads every line of `bytes` (the decision file at `path`).
  init(_ bytes: [UInt8], path: String, policy: AuditPolicy) throws(Failure) {
    let rewardIndex = Dictionary(
      policy.program.rewards.enumerated().map { ($0.element.name, $0.offset) },
      uniquingKeysWith: { a, _ in a })
    let decoder = JSONDecoder()
    var explained = false
    var lineNumber = 0
    for line in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
      lineNumber += 1
      if line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\t") })
      {
        continue
      }
      let decision: Line
      do {
        decision = try decoder.decode(Line.self, from: Data(line))
      } catch {
        throw Failure(description: "\(path):\(lineNumber): not a decision line of plum run")
      }
      guard let key = decision.key else {
        throw Failure(
          description: "\(path):\(lineNumber): the decision has no key, so it cannot be joined with the data")
      }
      let entry: Entry
      // A record `plum run` refused because an earlier record had its key (P0608) is not that key's
      // decision; the audit refuses the same repeated data record itself.
      if decision.error?.code == RecordErrorCode.duplicateRecordKey.rawValue { continue }
      if let error = decision.error {
        entry = .failed(code: error.code)
      } else {
        var rewards = Array(repeating: false, count: policy.program.rewards.count)
        for reward in decision.rewards ?? [] {
          guard let index = rewardIndex[reward.name] else {
            throw Failure(
              description:
                "\(path):\(lineNumber): reward `\(reward.name)` is not in \(policy.path); were these decisions made by another policy?"
            )
          }
          rewards[index] = true
        }
        // `reasons` names the rules that were computed and held; `plum run` computes a rule only when
        // a decision needs it, so any other rule counts as not holding.
        let reasons = Set(decision.reasons ?? [])
        let rules = policy.rules.map { rule -> Bool? in reasons.contains(rule.name) }
        let scores = Dictionary(
          (decision.explain?.models ?? []).map { ($0.name, $0.score.value) }, uniquingKeysWith: { a, _ in a })
        if decision.explain != nil { explained = true }
        entry = .decided(
          AuditFacts(
            rewards: rewards, rules: rules, scores: policy.models.map { scores[$0.model.name] ?? nil },
            segments: policy.segmentations.map { model in
              (scores[model.probe.name] ?? nil).flatMap { $0.isFinite ? Int(exactly: $0) : nil }
            }))
      }
      entries[key] = entries[key] == nil ? entry : .repeated
    }
    self.explained = explained
  }

  mutating func facts(for row: RecordRow, key: String?) -> Result<AuditFacts, AuditRejection> {
    guard let key, let entry = entries[key] else {
      return .failure(AuditRejection("no decision with the record's key"))
    }
    joined.insert(key)
    switch entry {
    case .decided(let facts): return .success(facts)
    case .failed(let code): return .failure(AuditRejection("\(code) the decision is an error"))
    case .repeated: return .failure(AuditRejection("the key has several decisions"))
    }
  }

  /// Decisions whose key no data record had.
  var unjoined: Int { entries.count - joined.count }
}
