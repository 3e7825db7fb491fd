import Testing

@testable import PlumModels

/// Uniform draws replayed from a fixture, in the order a reference library consumed them.
struct ReplayedUniforms: UniformRandomSource {
  let draws: [Double]
  private(set) var used = 0

  init(_ draws: [Double]) { self.draws = draws }

  mutating func nextUniform() -> Double {
    defer { used += 1 }
    return used < draws.count ? draws[used] : .nan
  }
}

/// Plum's bandits replayed on MABWiser's reward streams (`Fixtures/bandits.json`, made by
/// `scripts/fixtures/bandits.py`): the same arms, round by round.
@Suite struct BanditReferenceTests {
  let fixture: JSONValue
  let rewards: [[Double]]
  let warmup: [Double]
  let arms: [String]

  init() throws {
    fixture = try Fixture.load("bandits.json")
    rewards = try fixture.at("rewards").array().map { try $0.numbers() }
    warmup = try fixture.at("warmup").numbers()
    arms = (0..<Int(try fixture.at("arms").number())).map { "arm\($0)" }
  }

  /// Plays `policy` on the stream after one warm-up reward per arm; returns the arms chosen.
  private func play<P: BanditPolicy, R: UniformRandomSource>(_ policy: P, random: inout R) throws -> [Int] {
    var policy = policy
    for (arm, reward) in warmup.enumerated() { try policy.update(arm: arm, reward: reward, context: []) }
    var chosen: [Int] = []
    for round in rewards {
      let arm = try policy.choose(context: [], random: &random).arm
      chosen.append(arm)
      try policy.update(arm: arm, reward: round[arm], context: [])
    }
    return chosen
  }

  @Test func ucb1ChoosesWhatMABWiserChooses() throws {
    for run in try fixture.at("ucb1").array() {
      var unused = SplitMix64(seed: 0)
      let chosen = try play(UCB1(name: "u", arms: arms, alpha: try run.at("alpha").number()), random: &unused)
      #expect(chosen == (try run.at("chosen").numbers().map { Int($0) }))
    }
  }

  @Test func epsilonGreedyOnMABWisersDrawsChoosesWhatItChooses() throws {
    for run in try fixture.at("epsilon_greedy").array() {
      var draws = ReplayedUniforms(try run.at("uniforms").numbers())
      let policy = EpsilonGreedy(name: "e", arms: arms, epsilon: try run.at("epsilon").number())
      let chosen = try play(policy, random: &draws)
      #expect(chosen == (try run.at("chosen").numbers().map { Int($0) }))
      #expect(draws.used == draws.draws.count, "every draw MABWiser made is consumed, no more")
    }
  }

  @Test func betaThompsonPosteriorEqualsMABWisersAfterItsStream() throws {
    let reference = try fixture.at("thompson_beta")
    var policy = BetaThompsonSampling(name: "t", arms: arms)
    for (arm, reward) in warmup.enumerated() { try policy.update(arm: arm, reward: reward) }
    for (round, arm) in try reference.at("chosen").numbers().map({ Int($0) }).enumerated() {
      try policy.update(arm: arm, reward: rewards[round][arm])
    }
    let expected = try reference.at("posterior").array().map { try $0.numbers() }
    #expect(policy.posteriors.map { [$0.alpha, $0.beta] } == expected)
  }

  @Test func gaussianThompsonPosteriorEqualsTheClosedForm() throws {
    let reference = try fixture.at("thompson_gaussian")
    let prior = try reference.at("prior")
    var policy = GaussianThompsonSampling(
      name: "g", arms: ["a", "b", "c"], priorMean: try prior.at("mean").number(),
      priorStrength: try prior.at("strength").number(), priorShape: try prior.at("shape").number(),
      priorScale: try prior.at("scale").number())
    let rewards = try reference.at("rewards").numbers()
    for (index, arm) in try reference.at("arms").numbers().enumerated() {
      try policy.update(arm: Int(arm), reward: rewards[index])
    }
    for (actual, expected) in zip(policy.posteriors, try reference.at("posterior").array()) {
      #expect(isClose(actual.mean, try expected.at("mean").number(), relative: 1e-12))
      #expect(actual.strength == (try expected.at("strength").number()))
      #expect(actual.shape == (try expected.at("shape").number()))
      #expect(isClose(actual.scale, try expected.at("scale").number(), relative: 1e-12))
    }
  }

  @Test func linUCBChoosesWhatMABWiserChoosesAndLearnsItsMatrices() throws {
    let reference = try fixture.at("linucb")
    let contexts = try reference.at("contexts").array().map { try $0.numbers() }
    let rewards = try reference.at("rewards").array().map { try $0.numbers() }
    for run in try reference.at("cases").array() {
      var policy = LinUCB(
        name: "l", arms: arms, dimension: 3, alpha: try run.at("alpha").number(),
        ridge: try run.at("ridge").number())
      for arm in arms.indices {
        try policy.update(arm: arm, reward: rewards[arm][arm], context: contexts[arm])
      }
      var chosen: [Int] = []
      var unused = SplitMix64(seed: 0)
      for round in 0..<(contexts.count - arms.count) {
        let context = contexts[arms.count + round]
        let arm = try policy.choose(context: context, random: &unused).arm
        chosen.append(arm)
        try policy.update(arm: arm, reward: rewards[arms.count + round][arm], context: context)
      }
      #expect(chosen == (try run.at("chosen").numbers().map { Int($0) }))
      for (model, expected) in zip(policy.statistics, try run.at("models").array()) {
        #expect(largestRelativeError(model.a, try expected.at("a").numbers(), floor: 1) < 1e-12)
        #expect(largestRelativeError(model.b, try expected.at("b").numbers(), floor: 1) < 1e-12)
      }
    }
  }
}
