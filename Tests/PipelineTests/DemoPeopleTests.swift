import Clearance
import Testing

@testable import Pipeline

@Suite("The demo university")
struct DemoPeopleTests {
    @Test("every generated student studies a major their own college teaches")
    func majorsBelongToTheirCollege() throws {
        let university = try PipelineDefinition.builtIn().university
        let people = DemoPeople(count: 900, seed: 7, university: university)
        #expect(people.entries.count == 900)
        for entry in people.entries {
            let majors = DemoPeople.majorsByCollege[entry.person.college] ?? []
            #expect(majors.contains(entry.person.major), "\(entry.person.college) teaches no \(entry.person.major)")
        }
    }
}
