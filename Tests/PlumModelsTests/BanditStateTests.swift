import Testing

@testable import PlumModels

/// Bandit state files: an exact round trip, and a typed error for every kind of bad file.
@Suite struct BanditStateTests {
  static let arms = ["ten_eur", "points", "nothing"]

  static func trained() throws -> (
    EpsilonGreedy, UCB1, BetaThompsonSampling, GaussianThompsonSampling, LinUCB
  ) {
    var greedy = EpsilonGreedy(name: "offer", arms: arms, epsilon: 0.1)
    var ucb = UCB1(name: "offer", arms: arms, alpha: 0.7)
    var beta = BetaThompsonSampling(name: "offer", arms: arms)
    var gauss = GaussianThompsonSampling(name: "offer", arms: arms)
    var linear = LinUCB(name: "offer", arms: arms, dimension: 2, alpha: 1.5, ridge: 0.5)
    var generator = SplitMix64(seed: 3)
    for _ in 0..<50 {
      let arm = generator.nextInt(below: 3)
      let reward = generator.nextUnit()
      let context = [generator.nextUnit() * 2 - 1, 0.1 + generator.nextUnit()]
      try greedy.update(arm: arm, reward: reward)
      try ucb.update(arm: arm, reward: reward)
      try beta.update(arm: arm, reward: reward.rounded())
      try gauss.update(arm: arm, reward: reward * 40 - 3)
      try linear.update(arm: arm, reward: reward, context: context)
    }
    return (greedy, ucb, beta, gauss, linear)
  }

  private func roundTrips<P: BanditPolicy>(_ trained: P, fresh: P) throws {
    var restored = fresh
    try restored.restore(from: Array(trained.encodedState().utf8))
    #expect(restored == trained)
    #expect(restored.encodedState() == trained.encodedState())
  }

  @Test func everyAlgorithmRoundTripsBitForBit() throws {
    let (greedy, ucb, beta, gauss, linear) = try Self.trained()
    try roundTrips(greedy, fresh: EpsilonGreedy(name: "offer", arms: Self.arms, epsilon: 0.1))
    try roundTrips(ucb, fresh: UCB1(name: "offer", arms: Self.arms, alpha: 0.7))
    try roundTrips(beta, fresh: BetaThompsonSampling(name: "offer", arms: Self.arms))
    try roundTrips(gauss, fresh: GaussianThompsonSampling(name: "offer", arms: Self.arms))
    try roundTrips(
      linear, fresh: LinUCB(name: "offer", arms: Self.arms, dimension: 2, alpha: 1.5, ridge: 0.5))
  }

  private func restoreError<P: BanditPolicy>(_ text: String, into policy: P) -> BanditStateError? {
    var copy = policy
    do {
      try copy.restore(from: Array(text.utf8))
      return nil
    } catch {
      return error
    }
  }

  @Test func aTruncatedFileSaysSo() throws {
    let (_, ucb, _, _, _) = try Self.trained()
    let text = ucb.encodedState()
    let cut = String(text.utf8.prefix(text.utf8.count / 2)) ?? ""
    let fresh = UCB1(name: "offer", arms: Self.arms)
    guard case .truncated = restoreError(cut, into: fresh) else {
      Issue.record("expected a truncated-file error")
      return
    }
    #expect(restoreError("", into: fresh) == .truncated(offset: 0))
  }

  @Test func anotherVersionBanditAlgorithmOrArmsIsRefused() throws {
    let (greedy, ucb, _, _, linear) = try Self.trained()
    let text = ucb.encodedState()
    let fresh = UCB1(name: "offer", arms: Self.arms)
    #expect(
      restoreError(text.replacingOccurrences(of: "\"version\": 1", with: "\"version\": 2"), into: fresh)
        == .unsupportedVersion(2))
    #expect(
      restoreError(text, into: UCB1(name: "upsell", arms: Self.arms))
        == .otherBandit(expected: "upsell", found: "offer"))
    #expect(
      restoreError(greedy.encodedState(), into: fresh)
        == .algorithmMismatch(expected: "ucb1", found: "epsilon_greedy"))
    let reordered = ["points", "ten_eur", "nothing"]
    #expect(
      restoreError(text, into: UCB1(name: "offer", arms: reordered))
        == .armsMismatch(expected: reordered, found: Self.arms))
    #expect(
      restoreError(
        linear.encodedState(), into: LinUCB(name: "offer", arms: Self.arms, dimension: 2, ridge: 1))
        == .parameterMismatch(name: "ridge", expected: 1, found: 0.5))
    #expect(
      restoreError(
        linear.encodedState(), into: LinUCB(name: "offer", arms: Self.arms, dimension: 3, ridge: 0.5))
        == .parameterMismatch(name: "dimension", expected: 3, found: 2))
    #expect(restoreError(#"{"format": "plum-model", "version": 1}"#, into: fresh) == .notABanditState)
    #expect(restoreError("[1, 2]", into: fresh) == .notABanditState)
  }

  @Test func badStatisticsNameTheirField() throws {
    let (_, ucb, _, _, _) = try Self.trained()
    let text = ucb.encodedState()
    let negative = text.replacingOccurrences(of: "\"count\": ", with: "\"count\": -")
    guard
      case .invalidValue(let field, _) = restoreError(negative, into: UCB1(name: "offer", arms: Self.arms))
    else {
      Issue.record("expected an invalid count")
      return
    }
    #expect(field == "statistics[0].count")
    let missing = text.replacingOccurrences(of: "\"sum\"", with: "\"total\"")
    #expect(
      restoreError(missing, into: UCB1(name: "offer", arms: Self.arms)) == .missingField("statistics[0].sum"))
  }

  @Test func updatesRejectBadArmsRewardsAndContexts() {
    var ucb = UCB1(name: "offer", arms: Self.arms)
    #expect(throws: BanditError.unknownArm(3, arms: 3)) { try ucb.update(arm: 3, reward: 1) }
    #expect(throws: BanditError.self) { try ucb.update(arm: 0, reward: .nan) }
    var beta = BetaThompsonSampling(name: "offer", arms: Self.arms)
    #expect(throws: BanditError.self) { try beta.update(arm: 0, reward: 2) }
    var linear = LinUCB(name: "offer", arms: Self.arms, dimension: 2)
    #expect(throws: BanditError.invalidContext(expected: 2, found: 1)) {
      try linear.update(arm: 0, reward: 1, context: [1])
    }
    #expect(throws: BanditError.nonFiniteContext(feature: 1)) {
      try linear.update(arm: 0, reward: 1, context: [1, .infinity])
    }
  }
}
