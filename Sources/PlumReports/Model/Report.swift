/// A report as a document: a title, the facts it is about, the findings it calls out, a short guide
/// to reading it, and numbered sections of tables, charts and notes.
///
/// A report holds plain values only (text, numbers, intervals), so any Plum command that measures
/// something (`plum audit`, experiment analysis) can build one and hand it to `TextRenderer`,
/// `ReportJSON` or `HTMLRenderer`. Its JSON form is versioned (`docs/reports.md`).
public struct Report: Hashable, Sendable, Codable {
  /// The value of `format` in every report's JSON.
  public static let formatName = "plum-report"
  /// The version of the JSON form this library writes and reads.
  public static let currentVersion = 1

  /// Always `plum-report`: tells a reader what the JSON document is.
  public var format: String
  /// The version of the JSON form (`currentVersion` when built here).
  public var version: Int
  /// What the report is, such as `fairness-audit`; readers may branch on it.
  public var kind: String
  /// The title shown first.
  public var title: String
  /// What the report is about: the policy, its version, dates, input files and record counts.
  public var facts: [Fact]
  /// Findings called out at the top, most severe first.
  public var flags: [Flag]
  /// Short paragraphs on how to read the report.
  public var guide: [String]
  /// The body, in reading order.
  public var sections: [Section]

  /// Creates a report in the current version.
  public init(
    kind: String, title: String, facts: [Fact] = [], flags: [Flag] = [], guide: [String] = [],
    sections: [Section] = []
  ) {
    format = Self.formatName
    version = Self.currentVersion
    self.kind = kind
    self.title = title
    self.facts = facts
    self.flags = flags
    self.guide = guide
    self.sections = sections
  }
}

/// One labelled fact about what a report covers, such as `As of: 2026-11-23`.
public struct Fact: Hashable, Sendable, Codable {
  /// The label.
  public var label: String
  /// The value, as text.
  public var value: String

  /// Creates a fact.
  public init(_ label: String, _ value: String) {
    self.label = label
    self.value = value
  }
}

/// A finding called out at the top of a report.
public struct Flag: Hashable, Sendable, Codable {
  /// How serious the finding is.
  public var tone: Tone
  /// The finding in one sentence.
  public var text: String
  /// The `id` of the section that shows the figures behind it, if any.
  public var section: String?

  /// Creates a flag.
  public init(_ tone: Tone, _ text: String, section: String? = nil) {
    self.tone = tone
    self.text = text
    self.section = section
  }
}

/// How a row, a point, a note or a flag should stand out.
public enum Tone: String, Hashable, Sendable, Codable, CaseIterable {
  /// Nothing to call out.
  case normal
  /// Shown but set apart: left out of comparisons (a group too small to compare).
  case muted
  /// Worth a look: a caveat, such as records missing an attribute.
  case warning
  /// A failed check, such as an impact ratio under four fifths.
  case alert
}

/// A numbered part of a report: blocks, then subsections.
public struct Section: Hashable, Sendable, Codable {
  /// A stable anchor, unique in the report (letters, digits and `-`).
  public var id: String
  /// The heading.
  public var title: String
  /// The content, in order.
  public var blocks: [Block]
  /// Subsections, after the blocks.
  public var sections: [Section]

  /// Creates a section.
  public init(id: String, title: String, blocks: [Block] = [], sections: [Section] = []) {
    self.id = id
    self.title = title
    self.blocks = blocks
    self.sections = sections
  }
}
