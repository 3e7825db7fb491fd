import Testing

@testable import PlumStatistics

/// The off-policy estimators against Open Bandit Pipeline on the Open Bandit Dataset sample shipped
/// in obp (`scripts/fixtures/off_policy.py`): estimates within 1e-9, bootstrap bounds loosely.
@Suite struct OffPolicyTests {
  static let names: [(String, OffPolicyEstimator)] = [
    ("ipw", .inverseProbabilityWeighting), ("snipw", .selfNormalizedInverseProbabilityWeighting),
    ("dm", .directMethod), ("dr", .doublyRobust),
  ]

  /// The fixture's rounds as `LoggedFeedback`: the evaluated policy's distribution at each round's
  /// logged position, and the reward model's predictions there.
  static func feedback() throws -> (LoggedFeedback, Fixture) {
    let fixture = try Fixture("off_policy.json")
    let actionCount = try fixture["actions"].integer
    let positions = try fixture["position"].integers
    let table = try fixture["action_dist_by_position"].elements.map { try $0.numbers }
    let predictions = try fixture["reward_model_at_position"].elements.flatMap { try $0.numbers }
    let target = positions.flatMap { position in table.map { $0[position] } }
    let feedback = try LoggedFeedback(
      actionCount: actionCount, actions: fixture["action"].integers, rewards: fixture["reward"].numbers,
      propensities: fixture["pscore"].numbers, targetProbabilities: target, rewardPredictions: predictions)
    return (feedback, fixture)
  }

  @Test func estimatesMatchOpenBanditPipeline() throws {
    let (feedback, fixture) = try Self.feedback()
    #expect(feedback.roundCount == 1_000 && feedback.actionCount == 80)
    #expect(try matches(feedback.observedValue, fixture["observed_mean_reward"].number))
    for (name, estimator) in Self.names {
      let expected = try fixture["estimates"][name].number
      #expect(matches(try estimator.estimate(feedback), expected), "\(name)")
    }
  }

  @Test func bootstrapIntervalsAgreeWithOpenBanditPipelineWithinMonteCarloError() throws {
    let (feedback, fixture) = try Self.feedback()
    for (name, estimator) in Self.names {
      let ours = try estimator.bootstrap(feedback, resamples: 10_000, seed: 12_345)
      let obp = try fixture["intervals"][name]
      let lower = try obp["lower"].number
      let upper = try obp["upper"].number
      let width = upper - lower
      // Two independent 10,000-draw bootstraps differ by a few per cent of the width.
      #expect(Swift.abs(ours.interval.lower - lower) <= 0.06 * width, "\(name) lower")
      #expect(Swift.abs(ours.interval.upper - upper) <= 0.06 * width, "\(name) upper")
      #expect(try Swift.abs(ours.replicateMean - obp["mean"].number) <= 0.03 * width, "\(name) mean")
      #expect(ours.estimate == (try estimator.estimate(feedback)))
    }
  }

  @Test func bootstrapIsDeterministicGivenItsSeed() throws {
    let (feedback, _) = try Self.feedback()
    let first = try OffPolicyEstimator.doublyRobust.bootstrap(feedback, resamples: 500, seed: 7)
    let again = try OffPolicyEstimator.doublyRobust.bootstrap(feedback, resamples: 500, seed: 7)
    let other = try OffPolicyEstimator.doublyRobust.bootstrap(feedback, resamples: 500, seed: 8)
    #expect(first == again)
    #expect(first.interval != other.interval)
  }

  @Test func bootstrapOfAMeanCoversIt() throws {
    let values = (0..<200).map { Double($0 % 17) }
    let result = try BootstrapInterval(count: values.count, resamples: 2_000, seed: 1) { rows in
      rows.reduce(0) { $0 + values[$1] } / Double(rows.count)
    }
    #expect(result.interval.contains(result.estimate))
    #expect(result.interval.lower < result.interval.upper)
  }

  @Test func refusesFeedbackItCannotWeigh() throws {
    #expect(throws: StatisticsError.self) {
      try LoggedFeedback(
        actionCount: 2, actions: [0, 1], rewards: [1, 0], propensities: [0.5, 0],
        targetProbabilities: [1, 0, 0, 1])
    }
    #expect(throws: StatisticsError.self) {
      try LoggedFeedback(
        actionCount: 2, actions: [0, 2], rewards: [1, 0], propensities: [0.5, 0.5],
        targetProbabilities: [1, 0, 0, 1])
    }
    let withoutModel = try LoggedFeedback(
      actionCount: 2, actions: [0, 1], rewards: [1, 0], propensities: [0.5, 0.5],
      targetProbabilities: [1, 0, 0, 1])
    #expect(throws: StatisticsError.self) { try OffPolicyEstimator.directMethod.estimate(withoutModel) }
    #expect(try OffPolicyEstimator.inverseProbabilityWeighting.estimate(withoutModel) == 1)
  }
}
