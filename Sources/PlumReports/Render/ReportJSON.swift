import Foundation

/// A report's JSON form (`docs/reports.md`): one line, keys in snake case and sorted, so the same
/// report always gives the same bytes; `decode` reads back exactly what `encode` wrote.
public enum ReportJSON {
  /// Why a JSON document is not a report this library can read.
  public enum Failure: Error, Equatable, CustomStringConvertible {
    /// The text is not JSON of a report's shape.
    case malformed(String)
    /// The document is a report of another version.
    case unsupportedVersion(Int)
    /// The document is not a Plum report.
    case notAReport(String)

    /// The reason, lowercase and without a final period.
    public var description: String {
      switch self {
      case .malformed(let reason): "not a report: \(reason)"
      case .unsupportedVersion(let version):
        "report version \(version) is not supported (this plum reads version \(Report.currentVersion))"
      case .notAReport(let format): "`format` is `\(format)`, not `\(Report.formatName)`"
      }
    }
  }

  // Non-finite numbers have no JSON form; a report should carry none, but one never stops encoding.
  private static let nonFinite = (positive: "Infinity", negative: "-Infinity", nan: "NaN")

  /// The report as JSON text, ending with a newline.
  public static func encode(_ report: Report) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    encoder.keyEncodingStrategy = .convertToSnakeCase
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: nonFinite.positive, negativeInfinity: nonFinite.negative, nan: nonFinite.nan)
    // Every value in a report is a string, a number, a bool or an array or object of them, which
    // JSONEncoder always encodes; the empty object is never reached.
    guard let data = try? encoder.encode(report) else { return "{}\n" }
    return String(decoding: data, as: UTF8.self) + "\n"
  }

  /// Reads a report written by `encode` (of this version).
  public static func decode(_ text: String) throws(Failure) -> Report {
    struct Header: Decodable {
      var format: String?
      var version: Int?
    }
    let data = Data(text.utf8)
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    decoder.nonConformingFloatDecodingStrategy = .convertFromString(
      positiveInfinity: nonFinite.positive, negativeInfinity: nonFinite.negative, nan: nonFinite.nan)
    let header: Header
    do {
      header = try decoder.decode(Header.self, from: data)
    } catch {
      throw .malformed(reason(error))
    }
    guard header.format == Report.formatName else { throw .notAReport(header.format ?? "") }
    guard header.version == Report.currentVersion else { throw .unsupportedVersion(header.version ?? 0) }
    do {
      return try decoder.decode(Report.self, from: data)
    } catch {
      throw .malformed(reason(error))
    }
  }

  private static func reason(_ error: any Error) -> String {
    guard let error = error as? DecodingError else { return "\(error)" }
    func path(_ context: DecodingError.Context) -> String {
      context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
    }
    switch error {
    case .dataCorrupted(let context): return "\(context.debugDescription) at `\(path(context))`"
    case .keyNotFound(let key, let context): return "missing `\(key.stringValue)` at `\(path(context))`"
    case .typeMismatch(_, let context), .valueNotFound(_, let context):
      return "\(context.debugDescription) at `\(path(context))`"
    @unknown default: return "\(error)"
    }
  }
}
