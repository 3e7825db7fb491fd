import PlumDiagnostics
import PlumModels
import PlumSyntax

/// Rewrites the blanks between a file's tokens at random, keeping its line breaks: the result has
/// the same tokens, comments and lines, so it must format to exactly the same text.
enum Respacer {
  static func respace(_ file: SourceFile, seed: UInt64) -> String {
    var random = SplitMix64(seed: seed)
    func blanks(atLeastOne: Bool) -> String {
      let count = Int(random.next() % 4) + (atLeastOne ? 1 : 0)
      return String((0..<count).map { _ in random.next() % 3 == 0 ? "\t" : " " })
    }
    let (tokens, _) = Lexer.tokenize(file, keepingComments: true)
    var out = ""
    var previousEnd = TriviaSource.start(of: file)
    for token in tokens {
      let gap = file.text(in: SourceRange(start: previousEnd, end: token.range.start))
      let breaks = gap.utf8.filter { $0 == UInt8(ascii: "\n") }.count
      if breaks > 0 {
        // Random blanks before each line break and as each following line's indentation.
        out += (0...breaks).map { _ in blanks(atLeastOne: false) }.joined(separator: "\n")
      } else if !gap.isEmpty {
        out += blanks(atLeastOne: true)
      } else if random.next() % 2 == 0, token.kind != .endOfFile {
        out += blanks(atLeastOne: false)
      }
      out += file.text(in: token.range)
      previousEnd = max(previousEnd, token.range.end)
    }
    return out
  }
}

/// Where a file's first token may start.
enum TriviaSource {
  static func start(of file: SourceFile) -> Int {
    let bytes = file.bytes
    return bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
  }
}
