extension ProgramDump {
  /// The code of one probe: its block, then the block of each declaration it may run, in the order
  /// they are first met, each instruction with its address as in `render(_:)`.
  public static func render(_ program: Program, probe: EvalProbe) -> String {
    var out = "probe @\(probe.entry) -> \(location(probe.location))"
    if let presence = probe.presence { out += " present i\(presence)" }
    out += "\n"
    // The probe's block ends with its consent stop: `set blocked, 1` then `halt`.
    let stop = block(program, from: Int(probe.entry)) { instruction in
      instruction.opcode == .setInt && instruction.imm == 1 && instruction.d == probe.blocked
    }
    let probeBlock = stop.lowerBound...min(stop.upperBound + 1, max(stop.upperBound, program.code.count - 1))
    out += lines(program, probeBlock)
    var queue = ensured(program, probeBlock)
    var seen = Set(queue)
    var index = 0
    while index < queue.count {
      let declaration = queue[index]
      index += 1
      guard program.declarations.indices.contains(declaration) else { continue }
      let info = program.declarations[declaration]
      out += "\n#\(declaration) \(info.kind.rawValue) \(info.name):\n"
      let range = block(program, from: Int(info.entry)) { instruction in
        instruction.opcode == .returnFrom && instruction.a == Int32(declaration)
      }
      out += lines(program, range)
      for next in ensured(program, range) where seen.insert(next).inserted { queue.append(next) }
    }
    return out
  }

  /// The addresses from `start` through the first instruction `isLast` accepts (or the end of code).
  private static func block(_ program: Program, from start: Int, isLast: (Instruction) -> Bool)
    -> ClosedRange<Int>
  {
    var address = max(0, start)
    while address < program.code.count - 1, !isLast(program.code[address]) { address += 1 }
    return max(0, start)...max(max(0, start), address)
  }

  private static func lines(_ program: Program, _ range: ClosedRange<Int>) -> String {
    var out = ""
    for address in range where address < program.code.count {
      let label = String(address)
      out += String(repeating: " ", count: max(0, 5 - label.count)) + label + "  "
      out += describe(program.code[address], program) + "\n"
    }
    return out
  }

  /// The declarations a block `ensure`s, in order of appearance.
  private static func ensured(_ program: Program, _ range: ClosedRange<Int>) -> [Int] {
    var found: [Int] = []
    for address in range where address < program.code.count {
      let instruction = program.code[address]
      if instruction.opcode == .ensure, !found.contains(Int(instruction.a)) {
        found.append(Int(instruction.a))
      }
    }
    return found
  }

  private static func location(_ location: EvalProbe.Location) -> String {
    switch location {
    case .int(let register): "i\(register)"
    case .float(let register): "f\(register)"
    case .string(let register): "s\(register)"
    case .list(let register): "l\(register)"
    case .reward(let slots):
      "reward(kind i\(slots.kind), amount i\(slots.amount), rate f\(slots.rate), label s\(slots.label))"
    }
  }
}
