import Foundation
import PlumSyntax
import Testing

@testable import PlumCLI

/// Long flat operator chains go through every phase: the parser builds them in a loop, and each
/// later recursive pass over the tree stays within a small stack up to the chain limit.
@Suite struct LongChainTests {
  /// A policy whose `let` is a chain of `count` operands joined by `op`, and whose rule uses it.
  static func policy(operands count: Int, joinedBy op: String, operand: String) -> String {
    let chain = Array(repeating: operand, count: count).joined(separator: " \(op) ")
    return """
      policy chains version "1"
      currency EUR
      input p {
        id: string key
        n: int
      }
      let total = \(chain)
      rule many = \(op == "+" ? "total > 0" : "total")
      reward prize {
        when many
        give points(1)
      }
      select all

      """
  }

  /// Runs `plum` with `arguments` on a thread with a 512 KiB stack.
  static func runOnSmallStack(_ arguments: [String], files: [String: String]) -> (
    PlumCLI.ExitStatus, CapturedIO
  ) {
    let box = Box()
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
      let io = CapturedIO(files: files)
      let status = PlumCommand.run(arguments, io: io)
      box.result = (status, io)
      done.signal()
    }
    thread.stackSize = 512 << 10
    thread.start()
    done.wait()
    return box.result ?? (.usage, CapturedIO())
  }

  final class Box: @unchecked Sendable {
    var result: (PlumCLI.ExitStatus, CapturedIO)?
  }

  static let data = "id,n\na,1\nb,2\n"

  /// `p.n > 1` is three levels high, so a chain of `maxHeight - 2` of them reaches the limit.
  @Test(arguments: [("+", "1"), ("or", "p.n > 1")])
  func chainAtTheLimitRunsThroughEveryCommand(_ op: String, _ operand: String) {
    let count = Parser.maxHeight - 2
    let files = [
      "chain.plum": LongChainTests.policy(operands: count, joinedBy: op, operand: operand),
      "data.csv": LongChainTests.data,
    ]
    for arguments in [
      ["check", "chain.plum"], ["run", "chain.plum", "data.csv", "--as-of", "2026-01-01"],
      ["fmt", "--check", "chain.plum"], ["compile", "chain.plum", "--emit", "ir"],
      ["explain", "chain.plum", "data.csv", "--as-of", "2026-01-01", "--key", "a"],
    ] {
      let (status, io) = LongChainTests.runOnSmallStack(arguments, files: files)
      #expect(!io.err.contains("P0111"), "\(arguments): \(io.err.prefix(300))")
      #expect(status == .success || arguments[0] == "fmt", "\(arguments): \(io.err.prefix(300))")
    }
  }

  @Test func chainPastTheLimitIsTooLong() {
    let files = [
      "chain.plum": LongChainTests.policy(operands: Parser.maxHeight + 1, joinedBy: "or", operand: "true")
    ]
    let (status, io) = LongChainTests.runOnSmallStack(["check", "chain.plum"], files: files)
    #expect(status == .findings)
    #expect(io.err.contains("error[P0111]: expression too long"))
  }
}
