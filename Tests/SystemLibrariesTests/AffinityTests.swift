import CLoketAffinity
import Foundation
import Synchronization
import Testing

/// The affinity shim behind `server.pin_threads`: the CPUs it reports and pins to are the kernel's.
@Suite("CPU affinity shim")
struct AffinityTests {
    @Test("the allowed CPUs are as many as the process may use, and threads spread over them in turn")
    func allowedCPUs() throws {
        var cpus = [Int32](repeating: -1, count: 1024)
        let count = Int(loket_allowed_cpus(&cpus, Int32(cpus.count)))
        #expect(count == ProcessInfo.processInfo.activeProcessorCount)
        let allowed = Array(cpus.prefix(max(count, 0)))
        #expect(allowed == allowed.sorted())
        for index in 0..<(2 * count) {
            #expect(loket_cpu_for_thread(Int32(index)) == allowed[index % count])
        }
        #expect(loket_cpu_for_thread(-1) == -1)
    }

    @Test("a pinned thread may run on its CPU only, as /proc reports it")
    func pinning() throws {
        let cpu = loket_cpu_for_thread(Int32(ProcessInfo.processInfo.activeProcessorCount - 1))
        try #require(cpu >= 0)
        let result = Mutex<(status: Int32, allowed: String)?>(nil)
        let thread = Thread {
            let status = loket_pin_current_thread(cpu)
            let text = (try? String(contentsOfFile: "/proc/thread-self/status", encoding: .utf8)) ?? ""
            let line = text.split(separator: "\n").first { $0.hasPrefix("Cpus_allowed_list:") } ?? ""
            result.withLock { $0 = (status, line.split(separator: "\t").last.map(String.init) ?? "") }
        }
        thread.start()
        let deadline = Date().addingTimeInterval(10)
        while result.withLock({ $0 == nil }), Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        let (status, allowed) = try #require(result.withLock { $0 })
        #expect(status == 0)
        #expect(allowed == "\(cpu)")
        #expect(loket_pin_current_thread(-1) == EINVAL)
    }
}
