/// The versioned JSON envelope every bandit's state is written in:
///
/// ```json
/// { "format": "plum-bandit-state", "version": 1, "bandit": "offer", "algorithm": "ucb1",
///   "arms": ["a", "b"], "parameters": { "alpha": 1 }, "statistics": [ … one object per arm … ] }
/// ```
///
/// Numbers are written in their shortest exact form, so a state read back is bit-identical.
public enum BanditState {
  /// The format identifier written as `"format"`.
  public static let formatName = "plum-bandit-state"
  /// The only version this code reads and writes.
  public static let formatVersion = 1

  /// The envelope's text around the algorithm's parameters and per-arm statistics.
  static func encode(
    name: String, algorithm: String, arms: [String], parameters: [(key: String, value: JSONValue)],
    statistics: [JSONValue]
  ) -> String {
    JSONWriter.write(
      .object([
        ("format", .string(formatName)), ("version", .number(Double(formatVersion))),
        ("bandit", .string(name)),
        ("algorithm", .string(algorithm)), ("arms", .array(arms.map(JSONValue.string))),
        ("parameters", .object(parameters)), ("statistics", .array(statistics)),
      ]))
  }

  /// The checked envelope of `bytes`: format, version, bandit name, algorithm and arms must match.
  /// - Returns: the `parameters` object and one statistics object per arm.
  static func decode(
    _ bytes: [UInt8], name: String, algorithm: String, arms: [String]
  ) throws(BanditStateError) -> (parameters: JSONField, statistics: [JSONField]) {
    let root: JSONField
    do {
      root = JSONField(value: try JSONParser.parse(bytes), path: "")
    } catch {
      if error.offset >= bytes.count { throw .truncated(offset: error.offset) }
      throw .malformedJSON(offset: error.offset, reason: error.message)
    }
    return try readingState {
      guard case .object = root.value, try root.optionalField("format")?.string() == formatName else {
        throw BanditStateError.notABanditState
      }
      let version = try root.field("version").integer()
      guard version == formatVersion else { throw BanditStateError.unsupportedVersion(version) }
      let foundName = try root.field("bandit").string()
      guard foundName == name else { throw BanditStateError.otherBandit(expected: name, found: foundName) }
      let foundAlgorithm = try root.field("algorithm").string()
      guard foundAlgorithm == algorithm else {
        throw BanditStateError.algorithmMismatch(expected: algorithm, found: foundAlgorithm)
      }
      let foundArms = try root.field("arms").strings()
      guard foundArms == arms else { throw BanditStateError.armsMismatch(expected: arms, found: foundArms) }
      let statistics = try root.field("statistics").elements()
      guard statistics.count == arms.count else {
        throw BanditStateError.lengthMismatch(
          field: "statistics", expected: arms.count, found: statistics.count)
      }
      return (try root.field("parameters"), statistics)
    }
  }
}

extension JSONField {
  /// A whole number that is zero or more.
  func count() throws(ModelFileError) -> Int {
    let value = try integer()
    guard value >= 0 else { throw .invalidValue(field: path, reason: "expected a count, zero or more") }
    return value
  }

  /// A finite number (JSON has no infinities, but a huge exponent parses as one elsewhere).
  func finite() throws(ModelFileError) -> Double {
    let value = try number()
    guard value.isFinite else { throw .invalidValue(field: path, reason: "expected a finite number") }
    return value
  }
}

/// Runs `body`, which reads a state's fields, passing state errors on and turning field errors
/// into state errors.
func readingState<T>(_ body: () throws -> T) throws(BanditStateError) -> T {
  do {
    return try body()
  } catch let error as BanditStateError {
    throw error
  } catch let error as ModelFileError {
    throw BanditStateError(error)
  } catch {
    throw .notABanditState
  }
}

/// Checks a reward and an arm index shared by every bandit's `update`.
func checkUpdate(arm: Int, reward: Double, arms: Int) throws(BanditError) {
  guard arm >= 0, arm < arms else { throw .unknownArm(arm, arms: arms) }
  guard reward.isFinite else { throw .invalidReward(reward, reason: "not a finite number") }
}
