import Foundation
import Testing

@testable import PlumModels

/// A reference fixture written once by `scripts/fixtures/*.py` and committed beside these tests.
///
/// Loading one that is missing throws, so a test whose reference is gone fails rather than passes.
struct Fixture {
  /// The parsed document.
  let json: JSONValue

  /// Loads `Fixtures/<name>` beside this file.
  init(_ name: String) throws {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("Fixtures").appendingPathComponent(name)
    guard let data = FileManager.default.contents(atPath: url.path) else {
      throw FixtureProblem("missing fixture \(name); make it with scripts/fixtures")
    }
    json = try JSONParser.parse([UInt8](data))
  }

  init(json: JSONValue) { self.json = json }

  /// The member `key`, as a fixture of its own.
  subscript(_ key: String) -> Fixture {
    get throws {
      guard let value = json[key] else { throw FixtureProblem("no member `\(key)`") }
      return Fixture(json: value)
    }
  }

  /// The elements of an array.
  var elements: [Fixture] {
    get throws {
      guard case .array(let values) = json else { throw FixtureProblem("expected an array") }
      return values.map { Fixture(json: $0) }
    }
  }

  /// A number; `null` (how the scripts write a missing or infinite value) is nil.
  var optionalNumber: Double? {
    get throws {
      switch json {
      case .number(let value): return value
      case .null: return nil
      default: throw FixtureProblem("expected a number")
      }
    }
  }

  /// A number.
  var number: Double {
    get throws {
      guard let value = try optionalNumber else { throw FixtureProblem("expected a number, found null") }
      return value
    }
  }

  /// A whole number.
  var integer: Int {
    get throws { Int(try number) }
  }

  /// A boolean.
  var bool: Bool {
    get throws {
      guard case .bool(let value) = json else { throw FixtureProblem("expected a boolean") }
      return value
    }
  }

  /// A string, or nil for `null`.
  var optionalString: String? {
    get throws {
      switch json {
      case .string(let value): return value
      case .null: return nil
      default: throw FixtureProblem("expected a string")
      }
    }
  }

  /// An array of numbers.
  var numbers: [Double] {
    get throws { try elements.map { try $0.number } }
  }

  /// An array of whole numbers.
  var integers: [Int] {
    get throws { try elements.map { try $0.integer } }
  }

  /// An array of booleans (written as `true`/`false` or 0/1).
  var bools: [Bool] {
    get throws {
      try elements.map { element in
        if case .number(let value) = element.json { return value != 0 }
        return try element.bool
      }
    }
  }
}

/// A fixture that is missing or not shaped as the test expects.
struct FixtureProblem: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}

/// The relative difference `|actual − expected| / |expected|` (absolute when `expected` is 0).
func relativeError(_ actual: Double, _ expected: Double) -> Double {
  if actual == expected { return 0 }
  if expected == 0 { return Swift.abs(actual) }
  return Swift.abs(actual - expected) / Swift.abs(expected)
}

/// Whether `actual` matches a reference figure: within `relative` of it, or within `absolute` of it
/// where the reference is itself rounding noise around zero (a Wilson bound of 7e-18).
func matches(_ actual: Double, _ expected: Double, relative: Double = 1e-9, absolute: Double = 1e-15) -> Bool
{
  Swift.abs(actual - expected) <= Swift.max(relative * Swift.abs(expected), absolute)
}
