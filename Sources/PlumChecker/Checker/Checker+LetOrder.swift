import PlumSyntax

extension CheckSession {
  /// The lets in an order where each comes after the lets its value names.
  ///
  /// Lets are inferred on first use, which recurses once per let in a chain; checking them in this
  /// order first keeps that recursion shallow however long the chain (cycles are left to
  /// `evaluationOrder`, which reports them).
  func letCheckOrder() -> [Int] {
    let uses = lets.map { referencedLets(in: $0.value) }
    var state = Array(repeating: 0, count: lets.count)  // 0 new, 1 on the path, 2 done
    var order: [Int] = []
    for start in lets.indices where state[start] == 0 {
      var stack: [(node: Int, next: Int)] = [(start, 0)]
      state[start] = 1
      while let (node, next) = stack.last {
        if next < uses[node].count {
          stack[stack.count - 1].next += 1
          let target = uses[node][next]
          if state[target] == 0 {
            state[target] = 1
            stack.append((target, 0))
          }
          continue
        }
        stack.removeLast()
        state[node] = 2
        order.append(node)
      }
    }
    return order
  }

  /// The lets an expression names, found syntactically (nesting depth is bounded by the parser).
  private func referencedLets(in expr: Expression) -> [Int] {
    var found: [Int] = []
    collectLets(in: expr, into: &found)
    return found
  }

  private func collectLets(in expr: Expression, into found: inout [Int]) {
    switch expr.kind {
    case .name(let name):
      if case .let(let index)? = symbols[name] { found.append(index) }
    case .member(let base, _), .unary(_, let base), .parenthesized(let base):
      collectLets(in: base, into: &found)
    case .call(_, let arguments):
      for argument in arguments { collectLets(in: argument.value, into: &found) }
    case .list(let items):
      for item in items { collectLets(in: item, into: &found) }
    case .binary(_, let lhs, let rhs):
      collectLets(in: lhs, into: &found)
      collectLets(in: rhs, into: &found)
    case .conditional(let condition, let then, let otherwise):
      for part in [condition, then, otherwise] { collectLets(in: part, into: &found) }
    case .string(let segments):
      for case .interpolation(let inner, _) in segments { collectLets(in: inner, into: &found) }
    case .bool, .int, .float, .percent, .money, .duration, .date, .error:
      break
    }
  }
}
