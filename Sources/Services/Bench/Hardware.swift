import Foundation

/// What the benchmark ran on.
public enum Hardware {
    /// CPU model, core count and memory, from /proc.
    public static func describe() -> String {
        let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("model name") }?
            .split(separator: ":", maxSplits: 1).last?.trimmingCharacters(in: .whitespaces) ?? "unknown CPU"
        let mem = Double(ProcessInfo.processInfo.physicalMemory) / Double(1 << 30)
        return String(format: "hardware: %@, %d cores, %.1f GiB RAM, %@", cpu, ProcessInfo.processInfo.activeProcessorCount, mem,
                      ProcessInfo.processInfo.operatingSystemVersionString)
    }

    /// Peak resident set size of this process, MB.
    public static func peakRSSMegabytes() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024 // Linux reports KiB
    }
}
