/// One record's decision as the runtime makes it: the rewards given, the rules that held, or the
/// error that stopped the record, and the trace when the program records one.
///
/// `DecisionRunner` fills one `Decision` per record, reusing its storage, and hands it to the JSON
/// Lines encoder and to callers such as `plum test`. Later whole-run passes (budgets, fairness,
/// experiments) read decisions and add their own explanation records beside `trace`.
public struct Decision: Sendable {
  /// One reward given.
  public struct Reward: Hashable, Sendable {
    /// The reward's index in `Program.rewards`.
    public var index: Int
    /// The reward's name.
    public var name: String
    /// What `give` constructed.
    public var gift: Gift
    /// The `value` amount in minor units of the policy's currency, if the reward has one.
    public var value: Int64?
    /// The `because` text, if the reward has one.
    public var because: String?

    /// Creates a given reward.
    public init(index: Int, name: String, gift: Gift, value: Int64?, because: String?) {
      self.index = index
      self.name = name
      self.gift = gift
      self.value = value
      self.because = because
    }
  }

  /// What a whole-run pass chose for a record: the rewards to give, in output order, and why.
  public struct Choice: Sendable {
    /// Reward indexes, each one of the record's eligible rewards.
    public var rewards: [Int]
    /// Explanations written in `reasons` after the rule names.
    public var notes: [String]

    /// Creates a choice.
    public init(rewards: [Int], notes: [String]) {
      self.rewards = rewards
      self.notes = notes
    }
  }

  /// A reward as `give` constructs it.
  public struct Gift: Hashable, Sendable {
    /// The kind of reward.
    public var kind: RewardKind
    /// Points, or the voucher amount in minor units.
    public var amount: Int64
    /// The cashback rate.
    public var rate: Double
    /// The badge name.
    public var label: String

    /// Creates a gift.
    public init(kind: RewardKind, amount: Int64 = 0, rate: Double = 0, label: String = "") {
      self.kind = kind
      self.amount = amount
      self.rate = rate
      self.label = label
    }
  }

  /// The record's 1-based number in its input.
  public var record: Int = 0
  /// The rewards given, in output order (empty when the record failed).
  public var rewards: [Reward] = []
  /// The names of the rules that were computed and held, in declaration order.
  public var reasons: [String] { reasonRules.map { ruleNames[$0] } }
  /// The positions of the reasons among the program's rules (the encoder has their names encoded).
  var reasonRules: [Int] = []
  /// The program's rule names, shared by every decision of a runner.
  var ruleNames: [String] = []
  /// Explanations added by whole-run passes (the budget), written after the rule names in
  /// `reasons`.
  public var notes: [String] = []
  /// The runtime error that stopped the record, if it failed.
  public var error: RuntimeFault?
  /// What the machine recorded while deciding, when the program was lowered with tracing.
  public var trace: DecisionTrace?

  /// Creates an empty decision.
  public init() {}

  /// Whether the record was decided.
  public var isDecided: Bool { error == nil }

  /// The `because` texts of the rewards given, joined with `; `, as tests read `reason`.
  public var reason: String { rewards.compactMap(\.because).joined(separator: "; ") }

  /// Forgets the previous record's contents, keeping the storage.
  ///
  /// A record gives few rewards and reasons, so removing them one by one from the end is cheaper
  /// than a general `removeAll(keepingCapacity:)`; the storage is kept either way.
  @inline(__always)
  mutating func reset(record: Int) {
    self.record = record
    while !rewards.isEmpty { rewards.removeLast() }
    while !reasonRules.isEmpty { reasonRules.removeLast() }
    if !notes.isEmpty { notes.removeAll() }
    if error != nil { error = nil }
    if trace != nil { trace = nil }
  }
}
