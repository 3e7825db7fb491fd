import PlumData
import Testing

@testable import PlumRuntime

/// `Machine.load` copies exactly the string fields the code reads: its list of slots has one
/// initialised entry per such field and nothing else (an uninitialised entry was once read as a
/// slot index and written out of bounds when no string field was read).
@Suite struct MachineLoadTests {
  private func policy(reading condition: String) -> String {
    """
    policy load
    currency EUR
    input r {
      id: string key
      name: string
      visits: int
    }
    reward visit {
      when \(condition)
      give points(1)
    }
    """
  }

  @Test func aPolicyReadingNoStringFieldCopiesNoString() throws {
    let program = try #require(PolicyHarness.compile(policy(reading: "r.visits > 2")))
    let machine = Machine(program: program, asOf: PolicyHarness.asOf)
    #expect(machine.readStrings.count == 0)
    let output = PolicyHarness.run(program, records: "{\"id\":\"a\",\"name\":\"Ana\",\"visits\":3}\n")
    #expect(output.contains("\"rewards\":[{\"name\":\"visit\""), "\(output)")
  }

  @Test func aPolicyReadingOneStringFieldCopiesThatOne() throws {
    let program = try #require(PolicyHarness.compile(policy(reading: "r.name == \"Ana\"")))
    let machine = Machine(program: program, asOf: PolicyHarness.asOf)
    let name = try #require(program.inputs.fields.first { $0.path.hasSuffix("name") })
    #expect(Array(machine.readStrings) == [Int(name.slot)])
    let output = PolicyHarness.run(
      program,
      records: "{\"id\":\"a\",\"name\":\"Ana\",\"visits\":0}\n{\"id\":\"b\",\"name\":\"Bo\",\"visits\":0}\n")
    let lines = output.split(separator: "\n")
    #expect(lines.count == 2)
    #expect(lines.first?.contains("\"name\":\"visit\"") == true)
    #expect(lines.last?.contains("\"rewards\":[]") == true)
  }
}
