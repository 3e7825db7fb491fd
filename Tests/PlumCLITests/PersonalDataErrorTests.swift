import Testing

@testable import PlumCLI

/// A policy whose key and phone number are personal data.
private let contactsPolicy = """
  policy contacts version "1"

  currency EUR

  input person {
    email: string key pii
    phone: int pii
    age: int
  }

  reward adult {
    when person.age >= 18
    give points(10)
  }

  """

/// A CSV file whose first row holds an invalid phone number and whose second row has lost a column.
private let contactsCSV = """
  email,phone,age
  ana@example.org,555-SECRET-1,30
  kim@example.org,41

  """

/// The row text that no message may show.
private let secrets = ["555-SECRET-1", "ana@example.org", "kim@example.org", "5550.5"]

/// Runs `plum` in-process over the contacts policy and data.
private func plum(_ arguments: [String], stdin: String = "") -> (PlumCLI.ExitStatus, out: String, err: String)
{
  let io = CapturedIO(files: [
    "contacts.plum": contactsPolicy, "contacts.csv": contactsCSV,
    "contacts.jsonl": #"{"email":"ana@example.org","phone":5550.5,"age":30}"# + "\n", "-": stdin,
  ])
  let status = PlumCommand.run(arguments, io: io)
  return (status, io.out, io.err)
}

/// Record errors name the field and the code but never the text of a `pii` field or a `pii` key.
struct PersonalDataErrorTests {
  @Test(arguments: ["contacts.csv", "contacts.jsonl"])
  func evalRedactsAnInvalidPIIValue(data: String) {
    let (status, _, err) = plum(["eval", "--policy", "contacts.plum", "--data", data, "person.age"])
    #expect(status == .usage)
    #expect(
      err.contains("field `phone`: wrong type or invalid value in a pii field (value redacted)"), "\(err)")
    for secret in secrets { #expect(!err.contains(secret), "\(err)") }
  }

  @Test func evalNamesARowWithLostColumnsByItsLineAlone() {
    let (status, _, err) = plum([
      "eval", "--policy", "contacts.plum", "--data", "contacts.csv", "--row", "2", "1",
    ])
    #expect(status == .usage)
    #expect(err.contains("contacts.csv: line 3: error[P0607]: expected 3 fields, found 2"), "\(err)")
    for secret in secrets { #expect(!err.contains(secret), "\(err)") }
  }

  @Test func theReplRedactsAnInvalidPIIValue() {
    let script = """
      :record {"email":"ana@example.org","phone":5550.5,"age":30}
      :record 1

      """
    let (_, out, err) = plum(["repl", "contacts.plum", "--data", "contacts.csv"], stdin: script)
    #expect(err.contains("(value redacted)"), "\(err)")
    for secret in secrets { #expect(!(out + err).contains(secret), "\(out + err)") }
  }

  @Test func runLeavesOutThePIIKeyAndTheValue() {
    let (_, out, _) = plum(["run", "contacts.plum", "contacts.csv"])
    #expect(out.contains(#""message":"wrong type or invalid value in a pii field (value redacted)""#))
    for secret in secrets { #expect(!out.contains(secret), "\(out)") }
  }
}
