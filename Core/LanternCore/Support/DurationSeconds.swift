extension Duration {
    /// The duration in seconds, for counters and log lines that report elapsed time as a number.
    var inSeconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
