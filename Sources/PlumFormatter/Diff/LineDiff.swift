/// A shortest line diff between two texts (Myers' algorithm), and its unified-diff rendering.
public enum LineDiff {
  /// One step of an edit script.
  enum Edit: Equatable, Sendable {
    /// A line in both texts: its index in the old text and in the new one.
    case keep(Int, Int)
    /// A line of the old text removed.
    case delete(Int)
    /// A line of the new text inserted.
    case insert(Int)
  }

  /// Beyond this many differences the middle of the texts is replaced whole, which keeps the
  /// search's memory small for texts that have little in common.
  static let maxDifferences = 1_000

  /// A unified diff (`---`/`+++` headers, `@@` hunks with `context` lines around each change)
  /// turning `old` into `new`; empty when they are equal.
  public static func unified(
    from old: String, to new: String, oldName: String, newName: String, context: Int = 3
  ) -> String {
    let a = Lines(old)
    let b = Lines(new)
    let script = edits(a.keys, b.keys)
    guard script.contains(where: { if case .keep = $0 { false } else { true } }) else { return "" }
    var out = "--- \(oldName)\n+++ \(newName)\n"
    for hunk in hunks(script, context: context) {
      out += header(hunk, script)
      for edit in script[hunk] {
        switch edit {
        case .keep(let i, _): out += a.rendered(i, prefix: " ")
        case .delete(let i): out += a.rendered(i, prefix: "-")
        case .insert(let j): out += b.rendered(j, prefix: "+")
        }
      }
    }
    return out
  }

  /// The `@@ -start,count +start,count @@` line of a hunk.
  static func header(_ hunk: Range<Int>, _ script: [Edit]) -> String {
    var oldStart: Int?
    var newStart: Int?
    var oldCount = 0
    var newCount = 0
    for edit in script[hunk] {
      switch edit {
      case .keep(let i, let j):
        oldStart = oldStart ?? i
        newStart = newStart ?? j
        oldCount += 1
        newCount += 1
      case .delete(let i):
        oldStart = oldStart ?? i
        oldCount += 1
      case .insert(let j):
        newStart = newStart ?? j
        newCount += 1
      }
    }
    // An empty side is shown as the line before it, as diff does.
    let before = script[..<hunk.lowerBound]
    let oldBefore = before.reduce(0) { count, edit in if case .insert = edit { count } else { count + 1 } }
    let newBefore = before.reduce(0) { count, edit in if case .delete = edit { count } else { count + 1 } }
    let oldFirst = oldCount == 0 ? oldBefore : (oldStart ?? oldBefore) + 1
    let newFirst = newCount == 0 ? newBefore : (newStart ?? newBefore) + 1
    return "@@ -\(range(oldFirst, oldCount)) +\(range(newFirst, newCount)) @@\n"
  }

  static func range(_ start: Int, _ count: Int) -> String {
    count == 1 ? "\(start)" : "\(start),\(count)"
  }

  /// The ranges of the script to print: each change with up to `context` kept lines around it,
  /// changes closer than twice that merged into one hunk.
  static func hunks(_ script: [Edit], context: Int) -> [Range<Int>] {
    var hunks: [Range<Int>] = []
    for (index, edit) in script.enumerated() {
      if case .keep = edit { continue }
      let start = max(0, index - context)
      let end = min(script.count, index + context + 1)
      if let last = hunks.last, last.upperBound >= start {
        hunks[hunks.count - 1] = last.lowerBound..<max(last.upperBound, end)
      } else {
        hunks.append(start..<end)
      }
    }
    return hunks
  }

  /// A shortest edit script from `a` to `b`.
  static func edits(_ a: [String], _ b: [String]) -> [Edit] {
    // Common lines at both ends need no search.
    var prefix = 0
    while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
    var suffix = 0
    while suffix < a.count - prefix, suffix < b.count - prefix,
      a[a.count - 1 - suffix] == b[b.count - 1 - suffix]
    {
      suffix += 1
    }
    var script = (0..<prefix).map { Edit.keep($0, $0) }
    let middleA = Array(a[prefix..<(a.count - suffix)])
    let middleB = Array(b[prefix..<(b.count - suffix)])
    let middle =
      myers(middleA, middleB)
      ?? (middleA.indices.map { Edit.delete($0) } + middleB.indices.map { Edit.insert($0) })
    for edit in middle {
      switch edit {
      case .keep(let i, let j): script.append(.keep(i + prefix, j + prefix))
      case .delete(let i): script.append(.delete(i + prefix))
      case .insert(let j): script.append(.insert(j + prefix))
      }
    }
    let shift = b.count - a.count
    for i in (a.count - suffix)..<a.count { script.append(.keep(i, i + shift)) }
    return script
  }

  /// Myers' greedy search for a shortest edit script, or nil past `maxDifferences` differences.
  static func myers(_ a: [String], _ b: [String]) -> [Edit]? {
    let n = a.count
    let m = b.count
    if n == 0 || m == 0 { return a.indices.map { .delete($0) } + b.indices.map { .insert($0) } }
    let limit = min(n + m, maxDifferences)
    let offset = limit + 1
    var frontier = Array(repeating: 0, count: 2 * limit + 3)
    // The frontier before each round d, for diagonals -d-1 through d+1, for walking back.
    var trace: [[Int]] = []
    var found = false
    rounds: for d in 0...limit {
      trace.append(Array(frontier[(offset - d - 1)...(offset + d + 1)]))
      for k in stride(from: -d, through: d, by: 2) {
        var x =
          (k == -d || (k != d && frontier[offset + k - 1] < frontier[offset + k + 1]))
          ? frontier[offset + k + 1] : frontier[offset + k - 1] + 1
        var y = x - k
        while x < n, y < m, a[x] == b[y] {
          x += 1
          y += 1
        }
        frontier[offset + k] = x
        if x >= n, y >= m {
          found = true
          break rounds
        }
      }
    }
    guard found else { return nil }
    var script: [Edit] = []
    var x = n
    var y = m
    for d in stride(from: trace.count - 1, through: 0, by: -1) {
      let previous = trace[d]
      // The value on diagonal k before round d.
      func reach(_ k: Int) -> Int { previous[k + d + 1] }
      let k = x - y
      let down = k == -d || (k != d && reach(k - 1) < reach(k + 1))
      let previousK = down ? k + 1 : k - 1
      let previousX = d == 0 ? 0 : reach(previousK)
      let previousY = previousX - previousK
      while x > previousX, y > previousY {
        x -= 1
        y -= 1
        script.append(.keep(x, y))
      }
      if d > 0 {
        if down {
          y -= 1
          script.append(.insert(y))
        } else {
          x -= 1
          script.append(.delete(x))
        }
      }
    }
    return script.reversed()
  }
}

/// A text split into lines, remembering whether it ended with a line break.
struct Lines {
  /// The lines, without their line feeds.
  var lines: [String]
  /// What the diff compares: the lines, the last one marked when no line break follows it, so
  /// adding or removing the final line break shows as a change.
  var keys: [String]
  var endsInNewline: Bool

  init(_ text: String) {
    var lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
      .map { String(decoding: $0, as: UTF8.self) }
    endsInNewline = text.utf8.last == UInt8(ascii: "\n")
    if endsInNewline || text.isEmpty { lines.removeLast() }
    self.lines = lines
    keys = lines
    if !endsInNewline, let last = keys.indices.last { keys[last] += "\u{0}no newline" }
  }

  /// A line of a diff: the prefix, the line, a line break, and diff's marker after a last line
  /// that had no line break.
  func rendered(_ index: Int, prefix: String) -> String {
    let line = prefix + lines[index] + "\n"
    guard index == lines.count - 1, !endsInNewline else { return line }
    return line + "\\ No newline at end of file\n"
  }
}
