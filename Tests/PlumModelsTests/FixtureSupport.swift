import Foundation
import Testing

@testable import PlumModels

/// Reads the reference fixtures written by `scripts/fixtures/*.py`, found beside this file.
enum Fixture {
  /// The folder holding the fixtures.
  static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures")

  /// The bytes of fixture `name`; a missing fixture fails the calling test.
  static func bytes(_ name: String) throws -> [UInt8] {
    let url = directory.appendingPathComponent(name)
    guard let data = FileManager.default.contents(atPath: url.path) else {
      throw FixtureError("missing fixture \(name); run scripts/fixtures to make it")
    }
    return [UInt8](data)
  }

  /// Fixture `name` parsed as JSON.
  static func load(_ name: String) throws -> JSONValue {
    try JSONParser.parse(bytes(name))
  }
}

/// A fixture that is missing or not shaped as expected.
struct FixtureError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}

extension JSONValue {
  /// The member `key`, failing when absent.
  func at(_ key: String) throws -> JSONValue {
    guard let value = self[key] else { throw FixtureError("missing member \(key)") }
    return value
  }

  /// A number (`null` reads as NaN, how the scripts write missing values).
  func number() throws -> Double {
    switch self {
    case .number(let value): return value
    case .null: return .nan
    default: throw FixtureError("expected a number, found \(typeName)")
    }
  }

  /// A string.
  func string() throws -> String {
    guard case .string(let value) = self else { throw FixtureError("expected a string") }
    return value
  }

  /// An array of elements.
  func array() throws -> [JSONValue] {
    guard case .array(let values) = self else { throw FixtureError("expected an array, found \(typeName)") }
    return values
  }

  /// An array of numbers.
  func numbers() throws -> [Double] {
    try array().map { try $0.number() }
  }

  /// An array of arrays of numbers, as a feature matrix.
  func matrix(names: [String]? = nil) throws -> FeatureMatrix {
    try FeatureMatrix(rows: array().map { try $0.numbers() }, columnNames: names)
  }
}

/// Whether `actual` is within `relative` of `expected`, relative to `max(|expected|, floor)`.
func isClose(_ actual: Double, _ expected: Double, relative: Double, floor: Double = 1e-300) -> Bool {
  abs(actual - expected) <= relative * max(abs(expected), floor)
}

/// The largest relative error between two arrays, relative to `max(|expected|, floor)`.
func largestRelativeError(_ actual: [Double], _ expected: [Double], floor: Double = 1e-300) -> Double {
  guard actual.count == expected.count else { return .infinity }
  return zip(actual, expected).map { abs($0 - $1) / max(abs($1), floor) }.max() ?? 0
}
