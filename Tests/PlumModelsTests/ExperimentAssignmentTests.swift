import Testing

@testable import PlumModels

@Test func falsyUnitsAreNotEnrolledLikeGrowthBook() {
  let design = ExperimentDesign(key: "price", arms: 2)
  for unit in [HashUnit.missing, .string(""), .integer(0), .bool(false)] {
    #expect(design.assign(unit) == .notEnrolled(.missingUnit))
  }
  #expect(HashUnit.integer(42).hashText == "42")
  #expect(HashUnit.integer(-7).hashText == "-7")
  #expect(design.assign(.integer(42)) == design.assign(.string("42")))
}

@Test func fnv1aMatchesItsPublishedVectors() {
  // FNV-1a 32-bit test vectors from the FNV reference (ASCII, where UTF-16 units equal bytes).
  #expect(FNV1a.hash32("") == 0x811C_9DC5)
  #expect(FNV1a.hash32("a") == 0xE40C_292C)
  #expect(FNV1a.hash32("foobar") == 0xBF9C_F968)
}

/// Raising coverage only adds units: nobody enrolled at a lower coverage changes arm.
@Test(arguments: [HashVersion.v1, .v2])
func raisingCoverageNeverMovesAUnit(version: HashVersion) {
  let weights = [0.2, 0.3, 0.5]
  var generator = SplitMix64(seed: 11)
  for _ in 0..<2_000 {
    let unit = HashUnit.string(String(generator.next(), radix: 36))
    let low = Double(generator.nextInt(below: 100)) / 100
    let high = low + (1 - low) * generator.nextUnit()
    let before = ExperimentDesign(key: "k", arms: 3, weights: weights, coverage: low, hashVersion: version)
    var after = before
    after.coverage = high
    if let arm = before.assign(unit).arm {
      #expect(after.assign(unit).arm == arm)
    }
  }
}

/// Over many units the arms' shares approach their weights times coverage.
@Test func sharesFollowWeightsAndCoverage() {
  let design = ExperimentDesign(key: "shares", arms: 3, weights: [0.2, 0.3, 0.5], coverage: 0.8)
  var counts = [0, 0, 0]
  let units = 100_000
  for index in 0..<units {
    if let arm = design.assign(.string("member-\(index)")).arm { counts[arm] += 1 }
  }
  for (arm, weight) in [0.2, 0.3, 0.5].enumerated() {
    #expect(abs(Double(counts[arm]) / Double(units) - 0.8 * weight) < 0.01)
  }
}
