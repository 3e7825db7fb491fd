import PlumData
import PlumOptimizer

/// `budget … per run` as a whole-run pass around `DecisionRunner`, in two passes over the input.
///
/// 1. `collect` decides every record and keeps, per record whose rewards cost something, a
///    compact candidate list for `PlumOptimizer` (the record's number and its options' value, cost
///    and reward index — never the record).
/// 2. `solve` finds the price λ and the allocation.
/// 3. Installed as the runner's `rewardChoice`, `choice(record:runner:)` replaces each record's
///    selection with its allocated rewards while the input is decided and written again, in order.
///
/// The options of a record are its eligible rewards within its `select`: under `select best by
/// priority, max 1` the selected reward or a cheaper and less valuable eligible one in its place
/// (a multiple-choice knapsack); otherwise each selected reward on its own (0–1). A reward that
/// costs nothing is always given. When what the rewards would cost without a budget fits it, the
/// budget does not bind: λ = 0, no choice is installed and the decisions are exactly those of a run
/// without a budget.
///
/// Memory: 18 bytes per candidate and 19 per record with candidates (the optimiser's 15 and the
/// record's number, 4), plus 2 per such record while solving.
public final class BudgetPass {
  /// The budget in minor units of the policy's currency.
  public let budget: Int64
  private let seed: UInt64
  private let digits: Int
  private let currency: String
  private let rewardNames: [String]
  private let multipleChoice: Bool
  private var list = CandidateList()
  private var itemRecords: [UInt32] = []
  private var cursor = 0
  private var spentUnbudgeted: Int64 = 0
  private var valueUnbudgeted = 0.0
  /// The allocation, once solved.
  public private(set) var allocation: BudgetAllocation?
  /// How many records lost a reward to the budget (withheld, or given a cheaper one), counted while
  /// the decisions are written.
  public private(set) var recordsLosing = 0

  /// Creates the pass for a program with a budget; nil when the program has none.
  /// - Parameter seed: the run's `--seed`, mixed with each record's key to break ties at the margin.
  public init?(program: Program, seed: UInt64) {
    guard let budget = program.budget else { return nil }
    self.budget = budget
    self.seed = seed
    currency = program.currency
    digits = Money.minorDigits(of: program.currency)
    rewardNames = program.rewards.map(\.name)
    if case .bestByPriority(max: 1) = program.selection {
      multipleChoice = true
    } else {
      multipleChoice = false
    }
  }

  /// Whether the budget binds: what the rewards would cost without it is more than the budget.
  public var isBinding: Bool { spentUnbudgeted > budget }

  // MARK: The first pass

  /// Decides every record of `reader` with `runner` (which writes nothing) and collects the
  /// candidates of those decided; returns the number of the record after the last one read.
  /// Records that fail or repeat a key are left out, as the second pass writes their error lines.
  public func collect(
    _ reader: any RecordReader, runner: DecisionRunner, firstRecord: Int, strict: Bool
  ) throws(BudgetError) -> Int {
    var row = reader.schema.makeRow()
    var record = firstRecord
    while true {
      let status: ReadStatus?
      do {
        status = try reader.next(into: &row)
      } catch {
        throw .data(error)
      }
      guard let status else { break }
      defer { record += 1 }
      guard case .record = status else {
        if case .failure(let error) = status { runner.keys?.admit(error, record: record) }
        if strict { return record + 1 }
        continue
      }
      if runner.keys?.admit(row, record: record) != nil || !runner.decide(row, record: record) {
        if strict { return record + 1 }
        continue
      }
      try add(record: record, key: runner.keyText(row), runner: runner)
    }
    return record
  }

  private func add(record: Int, key: String?, runner: DecisionRunner) throws(BudgetError) {
    for reward in runner.selectedRewards {
      let cost = runner.cost(ofReward: reward) ?? 0
      spentUnbudgeted = spentUnbudgeted.addingReportingOverflow(cost).overflow ? .max : spentUnbudgeted + cost
      valueUnbudgeted += Double(runner.value(ofReward: reward) ?? cost)
    }
    let tieBreak = Self.hash(key.map { Array($0.utf8) } ?? Array(String(record).utf8), seed: seed)
    for options in items(runner) {
      do {
        try list.addRecord(options, tieBreak: tieBreak)
      } catch {
        throw .optimizer(error)
      }
      itemRecords.append(UInt32(truncatingIfNeeded: record))
    }
  }

  /// The optimiser's records for the last record the runner decided: lists of options.
  private func items(_ runner: DecisionRunner) -> [[BudgetOption]] {
    let selected = runner.selectedRewards
    func option(_ reward: Int) -> BudgetOption? {
      guard let cost = runner.cost(ofReward: reward) else { return nil }
      return BudgetOption(index: reward, value: Double(runner.value(ofReward: reward) ?? cost), cost: cost)
    }
    if multipleChoice {
      guard let first = selected.first, let preferred = option(first), preferred.cost > 0 else { return [] }
      var options = [preferred]
      for reward in runner.eligibleRewards.dropFirst() {
        if let other = option(reward), other.cost < preferred.cost, other.value < preferred.value {
          options.append(other)
        }
      }
      return [options]
    }
    return selected.compactMap { reward in option(reward).flatMap { $0.cost > 0 ? [$0] : nil } }
  }

  // MARK: Solving

  /// Finds λ and the allocation.
  public func solve() throws(BudgetError) {
    do {
      allocation = try BudgetOptimizer.solve(list, budget: budget)
    } catch {
      throw .optimizer(error)
    }
  }

  // MARK: The second pass

  /// The rewards of record `record` under the budget, with the explanations for `reasons`; nil
  /// when the budget does not bind or the record had no candidates.
  public func choice(record: Int, runner: DecisionRunner) -> Decision.Choice? {
    guard isBinding, let allocation else { return nil }
    while cursor < itemRecords.count, Int(itemRecords[cursor]) < record { cursor += 1 }
    guard cursor < itemRecords.count, Int(itemRecords[cursor]) == record else { return nil }
    let items = items(runner)
    var rewards: [Int] = []
    var notes: [String] = []
    var lost = false
    var given: [Int: Int] = [:]
    for (offset, options) in items.enumerated() {
      let item = cursor + offset
      guard item < itemRecords.count, Int(itemRecords[item]) == record else { break }
      let preferred = options[0]
      if let chosen = allocation.option(forRecord: item),
        let option = options.first(where: { $0.index == chosen })
      {
        given[chosen] = item
        notes.append(
          givenNote(option, preferred: preferred, marginal: allocation.isGivenAtMargin(record: item)))
        if chosen != preferred.index { lost = true }
      } else {
        notes.append(withheldNote(preferred))
        lost = true
      }
    }
    cursor += items.count
    if lost { recordsLosing += 1 }
    if multipleChoice {
      rewards = Array(given.keys)
    } else {
      for reward in runner.selectedRewards {
        let free = runner.cost(ofReward: reward) == 0
        if free || given[reward] != nil { rewards.append(reward) }
      }
    }
    return Decision.Choice(rewards: rewards, notes: notes)
  }

  // MARK: One record at a stated price

  /// The rewards of the record `runner` decided last, at the price `lambda` stated by a test or by
  /// `plum explain --budget-multiplier`, with the explanations `reasons` would give: each of the
  /// record's option lists takes the option with the largest `value − λ·cost` when it is positive
  /// (ties to the cheaper). This is the optimiser's choice at λ without the fill at the margin,
  /// which depends on the whole run; nil when the record has no reward that costs something.
  public func choice(atPrice lambda: Double, runner: DecisionRunner) -> Decision.Choice? {
    let items = items(runner)
    guard !items.isEmpty else { return nil }
    var given: [Int] = []
    var notes: [String] = []
    for options in items {
      var best: BudgetOption?
      var bestWorth = 0.0
      for option in options {
        let worth = option.value - lambda * Double(option.cost)
        guard worth > 0 else { continue }
        if best == nil || worth > bestWorth || (worth == bestWorth && option.cost < (best?.cost ?? 0)) {
          best = option
          bestWorth = worth
        }
      }
      if let best {
        given.append(best.index)
        notes.append(givenNote(best, preferred: options[0], marginal: false, lambda: lambda))
      } else {
        notes.append(withheldNote(options[0], lambda: lambda))
      }
    }
    var rewards: [Int] = []
    if multipleChoice {
      rewards = given
    } else {
      for reward in runner.selectedRewards where runner.cost(ofReward: reward) == 0 || given.contains(reward)
      {
        rewards.append(reward)
      }
    }
    return Decision.Choice(rewards: rewards, notes: notes)
  }

  private func givenNote(
    _ option: BudgetOption, preferred: BudgetOption, marginal: Bool, lambda: Double? = nil
  ) -> String {
    let lambda = lambda ?? allocation?.lambda ?? 0
    let ratio = Self.number(option.value / Double(option.cost))
    let name = rewardNames[option.index]
    let place = option.index == preferred.index ? "" : " in place of \(rewardNames[preferred.index])"
    if marginal {
      return
        "budget: \(name) given\(place) at the margin: value per cost \(ratio) < λ \(Self.number(lambda)), "
        + "within what is left of the budget"
    }
    return "budget: \(name) given\(place): value per cost \(ratio) ≥ λ \(Self.number(lambda))"
  }

  private func withheldNote(_ option: BudgetOption, lambda: Double? = nil) -> String {
    let lambda = lambda ?? allocation?.lambda ?? 0
    let name = rewardNames[option.index]
    // Given when value − λ·cost > 0: the least whole amount of minor units that is.
    let needed = (lambda * Double(option.cost)).rounded(.down) + 1
    let threshold = needed < 9.0e18 ? money(Int64(needed)) : "more than any amount"
    return
      "budget: \(name) withheld by the budget: value \(money(Int64(option.value))) − \(Self.number(lambda)) × "
      + "cost \(money(option.cost)) < 0; would be given if its value were ≥ \(threshold)"
  }

  private func money(_ minorUnits: Int64) -> String {
    Money.format(minorUnits, digits: digits) + (currency.isEmpty ? "" : " \(currency)")
  }

  /// A ratio with at most 4 decimals, trailing zeros dropped (`1.25`, `1.8`, `0`).
  public static func number(_ value: Double) -> String {
    var text = NumberFormat.fixed(value, decimals: 4)
    if text.contains(".") {
      while text.hasSuffix("0") { text.removeLast() }
      if text.hasSuffix(".") { text.removeLast() }
    }
    return text
  }

  /// FNV-1a over the key's bytes, mixed with the seed by SplitMix64's finaliser.
  static func hash(_ bytes: [UInt8], seed: UInt64) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
    var z = hash ^ (seed &+ 0x9E37_79B9_7F4A_7C15)
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  // MARK: The summary

  /// The figures a run summary reports.
  public var summary: BudgetSummary {
    let binding = isBinding
    return BudgetSummary(
      limit: budget,
      spent: binding ? allocation?.spent ?? 0 : spentUnbudgeted,
      lambda: binding ? allocation?.lambda ?? 0 : 0,
      value: binding ? allocation?.value ?? 0 : valueUnbudgeted,
      upperBound: allocation?.upperBound ?? 0,
      recordsLosing: recordsLosing, candidates: list.candidateCount, digits: digits)
  }
}

/// What a run's budget did, for its summary.
public struct BudgetSummary: Hashable, Sendable {
  /// The budget, in minor units.
  public var limit: Int64
  /// What the rewards given cost, in minor units.
  public var spent: Int64
  /// The price λ (value per unit of cost) below which rewards were withheld; 0 when not binding.
  public var lambda: Double
  /// The total value of the rewards given, in minor units.
  public var value: Double
  /// The LP-relaxation upper bound on the value any allocation within the budget captures.
  public var upperBound: Double
  /// Records that lost a reward to the budget.
  public var recordsLosing: Int
  /// Candidates the optimiser held.
  public var candidates: Int
  /// The currency's minor-unit digits.
  public var digits: Int

  /// `upperBound − value`, never below 0.
  public var gap: Double { max(0, upperBound - value) }
}

/// Why the budget pass could not allocate.
public enum BudgetError: Error, Sendable {
  /// Reading the input failed.
  case data(DataError)
  /// The optimiser refused its input.
  case optimizer(OptimizerError)
}
