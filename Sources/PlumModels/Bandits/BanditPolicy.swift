/// What every bandit algorithm offers: learn from a reward, choose an arm with its propensity, and
/// save or restore its learned statistics as a versioned state file (`BanditState`).
///
/// A bandit is configured from its declaration (name, arms, parameters); `restore(from:)` then
/// replaces only the learned statistics, after checking that the file is this bandit's.
public protocol BanditPolicy: Sendable, Equatable {
  /// The algorithm's name as written in state files (`epsilon_greedy`, `ucb1`, …).
  static var algorithm: String { get }
  /// The bandit's name, recorded in its state file so another bandit's file is refused.
  var name: String { get }
  /// The arms' names, in index order.
  var arms: [String] { get }

  /// Folds one observed reward for `arm` (chosen in `context`) into the statistics.
  mutating func update(arm: Int, reward: Double, context: [Double]) throws(BanditError)

  /// Chooses an arm for `context`, drawing any randomness from `random`.
  func choose<R: UniformRandomSource>(context: [Double], random: inout R) throws(BanditError) -> BanditChoice

  /// The state file's text.
  func encodedState() -> String

  /// Replaces the learned statistics with those in a state file written by `encodedState()`.
  mutating func restore(from bytes: [UInt8]) throws(BanditStateError)
}

/// The reward count and sum of one arm, the statistics of ε-greedy and UCB1.
public struct ArmTally: Sendable, Equatable {
  /// How many rewards were observed.
  public var count: Int = 0
  /// Their sum.
  public var sum: Double = 0

  /// Creates a tally.
  public init(count: Int = 0, sum: Double = 0) {
    self.count = count
    self.sum = sum
  }

  /// Counts one more reward.
  public mutating func add(_ reward: Double) {
    count += 1
    sum += reward
  }

  /// The mean reward, 0 for an untried arm (as MABWiser reports it).
  public var mean: Double { count > 0 ? sum / Double(count) : 0 }

  var json: JSONValue { .object([("count", .number(Double(count))), ("sum", .number(sum))]) }

  init(_ field: JSONField) throws(ModelFileError) {
    count = try field.field("count").count()
    sum = try field.field("sum").finite()
  }
}

/// Decodes one statistics object per arm with `read`, mapping field errors to state errors.
func decodeStatistics<T>(
  _ fields: [JSONField], _ read: (JSONField) throws(ModelFileError) -> T
) throws(BanditStateError) -> [T] {
  var result: [T] = []
  for field in fields {
    do { result.append(try read(field)) } catch { throw BanditStateError(error) }
  }
  return result
}
