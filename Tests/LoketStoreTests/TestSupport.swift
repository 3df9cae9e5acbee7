import Foundation
import LoketStore
import Testing

/// Expects `body` to throw a ``StoreError`` and returns it.
func expectStoreError<Result>(
    _ body: () async throws -> Result, sourceLocation: SourceLocation = #_sourceLocation
) async -> StoreError? {
    do {
        _ = try await body()
        Issue.record("expected a StoreError, but the call succeeded", sourceLocation: sourceLocation)
        return nil
    } catch let error as StoreError {
        return error
    } catch {
        Issue.record("expected a StoreError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// Polls `condition` every 10 ms until it holds or `timeout` passes; returns whether it held.
func eventually(within timeout: Duration, _ condition: () async throws -> Bool) async rethrows -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return try await condition()
}

/// The project's scripts/postgres.sh, run with the given command; returns its exit status.
///
/// Spawned and reaped by hand on a thread of its own: Foundation's `Process` sometimes never reports the exit of
/// this script on Linux (the child stays a zombie), which would hang the test.
func runPostgresScript(_ command: String) async -> Int32 {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    let script = root.appendingPathComponent("scripts/postgres.sh").path
    let environment = ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" }
    return await withCheckedContinuation { continuation in
        Thread.detachNewThread {
            let arguments = [strdup(script), strdup(command)] + [nil]
            let variables = environment.map { strdup($0) } + [nil]
            var pid: pid_t = 0
            let spawned = posix_spawn(&pid, script, nil, nil, arguments, variables)
            for pointer in arguments + variables { free(pointer) }
            guard spawned == 0 else { return continuation.resume(returning: -1) }
            var status: Int32 = 0
            while waitpid(pid, &status, 0) == -1, errno == EINTR {}
            // WEXITSTATUS: the exit code sits in the second byte of the wait status.
            continuation.resume(returning: (status >> 8) & 0xff)
        }
    }
}

/// Runs `body` with a listener whose events are being collected; stops both afterwards.
func withListener<Result>(
    configuration: PostgresConfiguration, channels: [String],
    _ body: (PostgresListener, EventLog) async throws -> Result
) async throws -> Result {
    let listener = PostgresListener(configuration: configuration, channels: channels)
    let (log, collector) = EventLog.collecting(listener)
    do {
        let result = try await body(listener, log)
        listener.stop()
        collector.cancel()
        return result
    } catch {
        listener.stop()
        collector.cancel()
        throw error
    }
}
