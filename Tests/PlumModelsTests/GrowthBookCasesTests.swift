import Testing

@testable import PlumModels

/// GrowthBook's shared SDK cases (`Fixtures/growthbook-cases.json`, made by
/// `scripts/fixtures/growthbook_cases.py`); every case must pass.
@Suite struct GrowthBookCasesTests {
  let cases: JSONValue

  init() throws {
    cases = try Fixture.load("growthbook-cases.json")
  }

  private func section(_ name: String) throws -> [[JSONValue]] {
    let rows = try cases.at(name).array().map { try $0.array() }
    guard !rows.isEmpty else { throw FixtureError("section \(name) is empty") }
    return rows
  }

  @Test func hashes() throws {
    for row in try section("hash") {
      let seed = try row[0].string()
      let value = try row[1].string()
      let version = Int(try row[2].number())
      let expected = row[3] == .null ? nil : try row[3].number()
      let actual = AssignmentHash.bucket(seed: seed, value: value, version: version)
      #expect(actual == expected, "hash(\(seed), \(value), \(version))")
    }
  }

  /// GrowthBook compares ranges after flooring to 8 decimals; so does this test.
  @Test func bucketRanges() throws {
    func floor8(_ value: Double) -> Double { (value * 1e8).rounded(.down) / 1e8 }
    for row in try section("getBucketRange") {
      let inputs = try row[1].array()
      let weights = inputs[2] == .null ? nil : try inputs[2].numbers()
      let ranges = BucketRanges.make(
        arms: Int(try inputs[0].number()), coverage: try inputs[1].number(), weights: weights)
      let expected = try row[2].array().map { try $0.numbers() }
      let name = try row[0].string()
      #expect(
        ranges.map { [floor8($0.start), floor8($0.end)] } == expected.map { $0.map(floor8) }, "\(name)")
    }
  }

  @Test func choosesVariations() throws {
    for row in try section("chooseVariation") {
      let ranges = try row[2].array().map { pair -> BucketRange in
        let bounds = try pair.numbers()
        return BucketRange(start: bounds[0], end: bounds[1])
      }
      let expected = Int(try row[3].number())
      let arm = BucketRanges.chooseArm(bucket: try row[1].number(), ranges: ranges)
      let name = try row[0].string()
      #expect((arm ?? -1) == expected, "\(name)")
    }
  }

  @Test func namespaces() throws {
    for row in try section("inNamespace") {
      let share = try row[2].array()
      let namespace = ExperimentNamespace(
        id: try share[0].string(), start: try share[1].number(), end: try share[2].number())
      let unit = try row[1].string()
      let name = try row[0].string()
      #expect(namespace.contains(unit: unit) == (row[3] == .bool(true)), "\(name)")
    }
  }

  @Test func equalWeights() throws {
    for row in try cases.at("getEqualWeights").array().map({ try $0.array() }) {
      let expected = try row[1].numbers()
      let actual = BucketRanges.equalWeights(Int(try row[0].number()))
      #expect(actual.count == expected.count && zip(actual, expected).allSatisfy { abs($0 - $1) < 1e-8 })
    }
  }

  /// Experiment runs: the arm's value, whether the unit is in the experiment and whether the hash
  /// decided it (the same here, since no case forces an arm).
  @Test func runsExperiments() throws {
    for row in try section("run") {
      let name = try row[0].string()
      let experiment = try Self.design(row[2])
      let attributes = row[1]["attributes"] ?? .object([])
      let variations = try row[2].at("variations").array()
      let outcome = experiment.assign { name in Self.unit(attributes[name]) }
      let arm = outcome.arm
      #expect(variations[arm ?? 0] == row[3], "\(name): value")
      #expect((arm != nil) == (row[4] == .bool(true)), "\(name): inExperiment")
      #expect((arm != nil) == (row[5] == .bool(true)), "\(name): hashUsed")
    }
  }

  private static func unit(_ value: JSONValue?) -> HashUnit {
    switch value {
    case .string(let text): return .string(text)
    case .number(let number): return .integer(Int64(number))
    case .bool(let flag): return .bool(flag)
    default: return .missing
    }
  }

  private static func ranges(_ value: JSONValue) throws -> [BucketRange] {
    try value.array().map { pair in
      let bounds = try pair.numbers()
      return BucketRange(start: bounds[0], end: bounds[1])
    }
  }

  private static func design(_ json: JSONValue) throws -> ExperimentDesign {
    var version = HashVersion.v1
    if let number = json["hashVersion"] {
      guard let parsed = HashVersion(rawValue: Int(try number.number())) else {
        throw FixtureError("unknown hash version")
      }
      version = parsed
    }
    var namespace: ExperimentNamespace?
    if let share = json["namespace"] {
      let parts = try share.array()
      namespace = ExperimentNamespace(
        id: try parts[0].string(), start: try parts[1].number(), end: try parts[2].number())
    }
    let filters = try (json["filters"]?.array() ?? []).map { filter in
      HashFilter(
        seed: try filter.at("seed").string(), attribute: try filter["attribute"]?.string(),
        ranges: try ranges(filter.at("ranges")))
    }
    return ExperimentDesign(
      key: try json.at("key").string(), arms: try json.at("variations").array().count,
      weights: try json["weights"]?.numbers(), coverage: try json["coverage"]?.number() ?? 1,
      seed: try json["seed"]?.string(), hashVersion: version,
      unitAttribute: try json["hashAttribute"]?.string() ?? "id", namespace: namespace, filters: filters,
      ranges: try json["ranges"].map(ranges), isActive: json["active"] != .bool(false))
  }
}
