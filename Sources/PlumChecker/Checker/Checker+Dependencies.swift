import PlumDiagnostics
import PlumSyntax

extension CheckSession {
  /// Every let, rule and model, in source order.
  private var allNodes: [DeclarationReference] {
    var nodes: [(DeclarationReference, Int)] = []
    nodes += lets.indices.map { (.let($0), lets[$0].range.start) }
    nodes += rules.indices.map { (.rule($0), rules[$0].range.start) }
    nodes += models.indices.map { (.model($0), models[$0].range.start) }
    return nodes.sorted { $0.1 < $1.1 }.map(\.0)
  }

  private func name(of node: DeclarationReference) -> Identifier {
    switch node {
    case .let(let index): lets[index].name
    case .rule(let index): rules[index].name
    case .model(let index): models[index].name
    }
  }

  /// Reports each dependency cycle once and returns an evaluation order in which every let, rule and
  /// model comes after what it uses (members of a cycle in source order).
  mutating func evaluationOrder() -> [DeclarationReference] {
    let nodes = allNodes
    let components = stronglyConnectedComponents(nodes)
    for component in components {
      let members = Set(component)
      let isCycle =
        component.count > 1
        || (dependencies[component[0]] ?? []).contains { $0.target == component[0] }
      if isCycle { reportCycle(members, in: nodes) }
    }
    // Tarjan's algorithm yields components dependencies-first.
    let position = Dictionary(uniqueKeysWithValues: nodes.enumerated().map { ($1, $0) })
    return components.flatMap { $0.sorted { (position[$0] ?? 0) < (position[$1] ?? 0) } }
  }

  private func stronglyConnectedComponents(_ nodes: [DeclarationReference]) -> [[DeclarationReference]] {
    var index: [DeclarationReference: Int] = [:]
    var lowLink: [DeclarationReference: Int] = [:]
    var onStack: Set<DeclarationReference> = []
    var stack: [DeclarationReference] = []
    var components: [[DeclarationReference]] = []
    var counter = 0

    // An explicit work stack keeps deep dependency chains from exhausting the call stack.
    for start in nodes where index[start] == nil {
      var work: [(node: DeclarationReference, next: Int)] = [(start, 0)]
      index[start] = counter
      lowLink[start] = counter
      counter += 1
      stack.append(start)
      onStack.insert(start)
      while let (node, next) = work.last {
        let targets = (dependencies[node] ?? []).map(\.target)
        if next < targets.count {
          work[work.count - 1].next += 1
          let target = targets[next]
          if index[target] == nil {
            index[target] = counter
            lowLink[target] = counter
            counter += 1
            stack.append(target)
            onStack.insert(target)
            work.append((target, 0))
          } else if onStack.contains(target) {
            lowLink[node] = min(lowLink[node] ?? 0, index[target] ?? 0)
          }
          continue
        }
        work.removeLast()
        if let parent = work.last?.node {
          lowLink[parent] = min(lowLink[parent] ?? 0, lowLink[node] ?? 0)
        }
        if lowLink[node] == index[node] {
          var component: [DeclarationReference] = []
          while let member = stack.popLast() {
            onStack.remove(member)
            component.append(member)
            if member == node { break }
          }
          components.append(component)
        }
      }
    }
    return components
  }

  /// Reports one cycle through the first member (in source order), naming each step.
  private mutating func reportCycle(_ members: Set<DeclarationReference>, in nodes: [DeclarationReference]) {
    guard let start = nodes.first(where: members.contains) else { return }
    // Breadth-first search for the shortest path from `start` back to itself within the component.
    var previous: [DeclarationReference: (DeclarationReference, SourceRange)] = [:]
    var queue: [DeclarationReference] = [start]
    var closing: (DeclarationReference, SourceRange)?
    var head = 0
    search: while head < queue.count {
      let node = queue[head]
      head += 1
      for edge in dependencies[node] ?? [] where members.contains(edge.target) {
        if edge.target == start {
          closing = (node, edge.range)
          break search
        }
        if previous[edge.target] == nil {
          previous[edge.target] = (node, edge.range)
          queue.append(edge.target)
        }
      }
    }
    guard let closing else { return }
    var steps: [(from: DeclarationReference, to: DeclarationReference, range: SourceRange)] = [
      (closing.0, start, closing.1)
    ]
    var node = closing.0
    while node != start, let (from, range) = previous[node] {
      steps.insert((from, node, range), at: 0)
      node = from
    }
    let names = [name(of: start).name] + steps.map { name(of: $0.to).name }
    let path = names.map { "`\($0)`" }.joined(separator: " → ")
    report(
      CheckerDiagnostics.dependencyCycle, "declarations depend on each other in a cycle: \(path)",
      at: name(of: start).range,
      labels: steps.map { .init($0.range, "`\(name(of: $0.from).name)` uses `\(name(of: $0.to).name)`") },
      notes: ["a value cannot be computed from itself; break the cycle by inlining or removing one use"])
  }
}
