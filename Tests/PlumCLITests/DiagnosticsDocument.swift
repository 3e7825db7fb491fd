import Foundation

/// A fenced code block of a Markdown file: its info string and the lines between its fences.
struct FencedBlock: Sendable {
  /// The word after the opening fence, such as `plum` or `text`.
  var info: String
  /// The zero-based indices of the lines between the fences.
  var lines: Range<Int>
  /// The block's text, each line ending with a newline.
  var text: String
}

/// One `## P0203 — title` section of a diagnostics index.
struct DiagnosticSection: Sendable {
  /// The code in the heading, such as `P0203`.
  var code: String
  /// The title after the dash.
  var title: String
  /// The `id` of the `<a id="…"></a>` anchor just above the heading, if there is one.
  var anchor: String?
  /// The one-based line of the heading, for messages.
  var line: Int
  /// The fenced blocks of the section, in order.
  var blocks: [FencedBlock]

  /// The example Plum refuses: the first `plum` block.
  var wrong: FencedBlock? { blocks.first { $0.info == "plum" } }
  /// The corrected example: the second `plum` block.
  var fixed: FencedBlock? { blocks.filter { $0.info == "plum" }.dropFirst().first }
  /// The diagnostics Plum prints for the wrong example: the first `text` block.
  var output: FencedBlock? { blocks.first { $0.info == "text" } }
}

/// A diagnostics index in Markdown, split into its introduction and one section per code.
///
/// Sections start at headings of the form `## P0203 — title`; every other heading belongs to the
/// section or introduction before it.
struct DiagnosticsDocument: Sendable {
  /// The file's lines without their newlines.
  var lines: [String]
  /// The fenced blocks before the first code section.
  var introduction: [FencedBlock]
  /// The code sections in file order.
  var sections: [DiagnosticSection]
  /// One-based lines of headings that look like code sections but are not written as one.
  var malformedHeadings: [Int]

  /// Parses Markdown text.
  init(text: String) {
    lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.last == "" { lines.removeLast() }
    introduction = []
    sections = []
    malformedHeadings = []
    var index = 0
    while index < lines.count {
      let line = lines[index]
      if line.hasPrefix("```") {
        let info = String(line.dropFirst(3)).trimmingCharacters(in: .whitespaces)
        let start = index + 1
        var end = start
        while end < lines.count, !lines[end].hasPrefix("```") { end += 1 }
        let body = lines[start..<end].map { $0 + "\n" }.joined()
        let block = FencedBlock(info: info, lines: start..<end, text: body)
        if sections.isEmpty {
          introduction.append(block)
        } else {
          sections[sections.count - 1].blocks.append(block)
        }
        index = end + 1
        continue
      }
      if let (code, title) = Self.codeHeading(line) {
        let anchor = Self.anchor(before: index, in: lines)
        sections.append(
          DiagnosticSection(code: code, title: title, anchor: anchor, line: index + 1, blocks: []))
      } else if Self.looksLikeCodeHeading(line) {
        malformedHeadings.append(index + 1)
      }
      index += 1
    }
  }

  /// Reads and parses a Markdown file.
  init(contentsOf url: URL) throws {
    self.init(text: try String(contentsOf: url, encoding: .utf8))
  }

  /// The document's text with the contents of some blocks replaced; other lines are kept as they are.
  func replacing(_ replacements: [(block: FencedBlock, text: String)]) -> String {
    var result = lines
    for replacement in replacements.sorted(by: { $0.block.lines.lowerBound > $1.block.lines.lowerBound }) {
      var newLines = replacement.text.split(separator: "\n", omittingEmptySubsequences: false).map(
        String.init)
      if newLines.last == "" { newLines.removeLast() }
      result.replaceSubrange(replacement.block.lines, with: newLines)
    }
    return result.map { $0 + "\n" }.joined()
  }

  /// The code and title of a `## P0203 — title` heading.
  private static func codeHeading(_ line: String) -> (String, String)? {
    guard line.hasPrefix("## P") else { return nil }
    let rest = line.dropFirst(3)
    let code = rest.prefix(5)
    guard code.count == 5, code.dropFirst().allSatisfy(\.isASCIIDigit) else { return nil }
    let separator = " — "
    let afterCode = rest.dropFirst(5)
    guard afterCode.hasPrefix(separator) else { return nil }
    let title = afterCode.dropFirst(separator.count).trimmingCharacters(in: .whitespaces)
    return title.isEmpty ? nil : (String(code), title)
  }

  /// Whether a heading starts with a code but is not a well-formed code heading.
  private static func looksLikeCodeHeading(_ line: String) -> Bool {
    guard line.hasPrefix("#") else { return false }
    let words = line.drop { $0 == "#" || $0 == " " }
    let code = words.prefix(5)
    return code.count == 5 && code.first == "P" && code.dropFirst().allSatisfy(\.isASCIIDigit)
  }

  /// The id of an `<a id="…"></a>` line right above a heading, skipping blank lines.
  private static func anchor(before index: Int, in lines: [String]) -> String? {
    var previous = index - 1
    while previous >= 0, lines[previous].trimmingCharacters(in: .whitespaces).isEmpty { previous -= 1 }
    guard previous >= 0 else { return nil }
    let line = lines[previous].trimmingCharacters(in: .whitespaces)
    let prefix = "<a id=\""
    let suffix = "\"></a>"
    guard line.hasPrefix(prefix), line.hasSuffix(suffix), line.count > prefix.count + suffix.count else {
      return nil
    }
    return String(line.dropFirst(prefix.count).dropLast(suffix.count))
  }
}

extension Character {
  fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
