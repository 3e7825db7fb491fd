import Foundation
import PlumData
import PlumRuntime

/// The date `today()` means in a run: `--as-of YYYY-MM-DD`, or today's UTC date when not given.
///
/// Every command that evaluates a policy reads `--as-of` through this one parser, so they accept
/// and refuse the same texts with the same message.
public enum AsOfDate {
  /// A `--as-of` value that is not a real `YYYY-MM-DD` date.
  public struct Invalid: Error, Sendable, CustomStringConvertible {
    /// The text as given.
    public var text: String

    /// The usage message, naming the option.
    public var description: String {
      "the value '\(text)' is invalid for '--as-of <date>'; expected YYYY-MM-DD"
    }
  }

  /// The date a `--as-of` value names, in days since 1970-01-01; today's UTC date when `text` is nil.
  public static func parse(_ text: String?) throws(Invalid) -> Int64 {
    guard let text else { return today() }
    guard let days = CivilDate.parse(text) else { throw Invalid(text: text) }
    return days
  }

  /// Today's UTC date, in days since 1970-01-01: the only place a run reads the clock.
  public static func today() -> Int64 {
    Int64((Date().timeIntervalSince1970 / 86_400).rounded(.down))
  }
}
