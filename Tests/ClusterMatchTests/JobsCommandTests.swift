@testable import ClusterMatchCLI
import ArgumentParser
import ClusterMatch
import Postgres
import Testing

@Suite("jobs and worker commands")
struct JobsCommandTests {
    @Test func parsesAndRejectsBadUsage() throws {
        let list = try #require(try ClusterMatchCommand.parseAsRoot(["jobs", "list", "--state", "discarded", "--queue", "match", "--limit", "5"]) as? JobsCommand.List)
        #expect(list.state == .discarded && list.queue == "match" && list.limit == 5)
        #expect(try ClusterMatchCommand.parseAsRoot(["jobs", "retry", "42"]) is JobsCommand.Retry)
        #expect(try ClusterMatchCommand.parseAsRoot(["worker", "status", "--json"]) is WorkerCommand.Status)
        for arguments in [["jobs", "list", "--state", "sleeping"], ["jobs", "list", "--limit", "0"], ["jobs", "cancel", "abc"], ["jobs", "frobnicate"]] {
            do {
                _ = try ClusterMatchCommand.parseAsRoot(arguments)
                Issue.record("\(arguments) parsed")
            } catch {
                #expect(ClusterMatchCommand.exitCode(for: error) == .validationFailure, "\(arguments)")
            }
        }
    }

    @Test func actionsChangeTheQueueAndFailWithStatusOneWhenTheyCannot() async throws {
        try await withJobsDatabase { database, connection in
            let id = try #require(try await JobQueue.enqueue(NewJob(kind: "k"), on: connection))
            let cancel = try #require(try ClusterMatchCommand.parseAsRoot(["jobs", "cancel", "\(id)", "--database-url", database.description]) as? JobsCommand.Cancel)
            try await cancel.run()
            #expect(try await JobQueue.job(id, on: connection)?.state == .cancelled)
            await #expect(throws: ExitCode.failure) { try await cancel.run() }  // already cancelled
            let retry = try #require(try ClusterMatchCommand.parseAsRoot(["jobs", "retry", "\(id)", "--database-url", database.description]) as? JobsCommand.Retry)
            try await retry.run()
            #expect(try await JobQueue.job(id, on: connection)?.state == .pending)
            let discard = try #require(try ClusterMatchCommand.parseAsRoot(["jobs", "discard", "999", "--database-url", database.description]) as? JobsCommand.Discard)
            await #expect(throws: ExitCode.failure) { try await discard.run() }
        }
    }
}
