/// What a run decided, for the summary line and `--summary FILE`.
public struct RunStatistics: Hashable, Sendable {
  /// Records read (decided or not).
  public var records = 0
  /// Records decided.
  public var decisions = 0
  /// Records that could not be decided, by error code.
  public var errorsByCode: [String: Int] = [:]
  /// Times each reward was given, by reward index.
  public var rewardCounts: [Int]
  /// Total voucher amounts given, in minor units of the policy's currency (saturating).
  public var voucherMinorUnits: Int64 = 0
  /// Total points given (saturating).
  public var points: Int64 = 0
  /// Decided records counted by group, one tally per measured constraint (`Program.constraints`).
  public var constraintTallies: [ConstraintTally] = []

  /// Creates empty statistics for `rewardCount` rewards.
  public init(rewardCount: Int) {
    rewardCounts = Array(repeating: 0, count: rewardCount)
  }

  /// The number of records that could not be decided.
  public var errors: Int { errorsByCode.values.reduce(0, +) }
}
