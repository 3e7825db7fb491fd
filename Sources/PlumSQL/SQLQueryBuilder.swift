/// An SQL expression with the depth of the derived columns it reads.
///
/// The query is a chain of projections (`l1`, `l2`, …), each adding columns computed from the
/// one before; a fragment at `level` n reads only columns of projection n or earlier.
struct SQLFragment: Hashable, Sendable {
  /// The SQL text.
  var text: String
  /// The projection whose columns it reads (0: the input table's).
  var level: Int
  /// Whether the text is a column name or a literal, cheap to repeat.
  var isAtom: Bool

  init(_ text: String, level: Int, isAtom: Bool = false) {
    self.text = text
    self.level = level
    self.isAtom = isAtom
  }

  /// A literal or constant expression.
  static func literal(_ text: String) -> SQLFragment { SQLFragment(text, level: 0, isAtom: true) }

  static let null = SQLFragment.literal("NULL")
  static let yes = SQLFragment.literal("TRUE")
  static let no = SQLFragment.literal("FALSE")
}

/// Builds the chain of projections: every non-trivial value becomes a named column once, so the
/// text of an expression never repeats the text of its operands.
struct SQLQueryBuilder {
  private(set) var layers: [[(name: String, text: String)]] = []
  private var count = 0
  private var memo: [String: SQLFragment] = [:]

  /// A column holding `fragment`'s value (the fragment itself when it is already an atom).
  mutating func bind(_ fragment: SQLFragment) -> SQLFragment {
    if fragment.isAtom { return fragment }
    if let known = memo[fragment.text] { return known }
    count += 1
    let name = "plum_\(count)"
    let level = fragment.level + 1
    while layers.count < level { layers.append([]) }
    layers[level - 1].append((name, fragment.text))
    let column = SQLFragment(name, level: level, isAtom: true)
    memo[fragment.text] = column
    return column
  }

  /// The `WITH` clause's projections over `base`, and the name of the last one; `fence` follows
  /// each `FROM` (PostgreSQL's `OFFSET 0` keeps a projection from being merged into the next,
  /// which would repeat every column's text wherever it is read).
  func projections(over base: String, fence: String) -> (ctes: [String], last: String) {
    var ctes: [String] = []
    var previous = base
    for (index, layer) in layers.enumerated() where !layer.isEmpty || index == layers.count - 1 {
      let name = "plum_l\(index + 1)"
      let columns = layer.map { "\n    \($0.text) AS \($0.name)" }.joined(separator: ",")
      ctes.append(
        "\(name) AS (\n  SELECT *\(columns.isEmpty ? "" : ",")\(columns)\n  FROM \(previous)\(fence)\n)")
      previous = name
    }
    return (ctes, previous)
  }
}

/// Builds SQL text from fragments, tracking the deepest level read.
func sql(_ parts: SQLFragment..., build: ([String]) -> String) -> SQLFragment {
  SQLFragment(build(parts.map(\.text)), level: parts.map(\.level).max() ?? 0)
}

/// Builds SQL text from a list of fragments, tracking the deepest level read.
func sql(_ parts: [SQLFragment], build: ([String]) -> String) -> SQLFragment {
  SQLFragment(build(parts.map(\.text)), level: parts.map(\.level).max() ?? 0)
}
