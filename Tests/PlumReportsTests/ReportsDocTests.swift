import Foundation
import Testing

@testable import PlumReports

/// `docs/reports.md` names every key and every tagged value the JSON form writes, so the documented
/// schema cannot fall behind the code.
@Suite struct ReportsDocTests {
  /// Every object key, and every string value of a `type`, `tone` or `kind` key, in a JSON value.
  static func names(in value: Any, keys: inout Set<String>, tags: inout Set<String>) {
    if let object = value as? [String: Any] {
      for (key, inner) in object {
        keys.insert(key)
        if ["type", "tone", "kind"].contains(key), let tag = inner as? String { tags.insert(tag) }
        names(in: inner, keys: &keys, tags: &tags)
      }
    } else if let array = value as? [Any] {
      for inner in array { names(in: inner, keys: &keys, tags: &tags) }
    }
  }

  @Test func everyKeyAndTagIsDocumented() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    let doc = try String(contentsOf: root.appendingPathComponent("docs/reports.md"), encoding: .utf8)
    var keys: Set<String> = []
    var tags: Set<String> = []
    let json = try JSONSerialization.jsonObject(with: Data(ReportJSON.encode(SampleReports.everything).utf8))
    Self.names(in: json, keys: &keys, tags: &tags)
    // A report's own `kind` is free text (the sample's is "sample"); styles' kinds are the tags.
    tags.remove("sample")
    // The sample has one of everything: check that it does, then that the page names it all.
    #expect(tags.isSuperset(of: ["paragraph", "note", "table", "figure", "intervals", "heat_map"]))
    #expect(tags.isSuperset(of: Tone.allCases.map(\.rawValue)))
    #expect(tags.isSuperset(of: ["text", "integer", "decimal", "percent"]))
    for key in keys.sorted() {
      #expect(doc.contains("`\(key)`"), "docs/reports.md does not document `\(key)`")
    }
    for tag in tags.sorted() {
      #expect(doc.contains("\"\(tag)\""), "docs/reports.md does not document \"\(tag)\"")
    }
  }
}
