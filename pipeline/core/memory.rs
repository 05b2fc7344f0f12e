//! Process memory figures for reports and benchmarks, read from `/proc/self/status` (Linux; zero
//! elsewhere).

/// A field of `/proc/self/status` given in kB, in bytes.
fn status_kb(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<u64>().ok())
        })
        .map_or(0, |kb| kb * 1024)
}

/// Peak resident set size of this process so far (`VmHWM`), in bytes.
pub fn peak_rss_bytes() -> u64 {
    status_kb("VmHWM:")
}

/// Current resident set size of this process (`VmRSS`), in bytes.
pub fn rss_bytes() -> u64 {
    status_kb("VmRSS:")
}

/// Seconds per stage, and resident memory at the end of each (the most over repeated laps).
pub struct StageTimer {
    /// Seconds per stage, summed over laps.
    pub seconds: std::collections::BTreeMap<String, f64>,
    /// Resident memory at the end of each stage, in bytes (the most over its laps).
    pub memory: std::collections::BTreeMap<String, u64>,
    since: std::time::Instant,
}

impl Default for StageTimer {
    fn default() -> Self {
        StageTimer::new()
    }
}

impl StageTimer {
    /// Starts timing.
    pub fn new() -> StageTimer {
        StageTimer {
            seconds: Default::default(),
            memory: Default::default(),
            since: std::time::Instant::now(),
        }
    }

    /// Ends a lap of `stage`: the time since the last lap goes to it.
    pub fn lap(&mut self, stage: &str) {
        *self.seconds.entry(stage.to_string()).or_default() += self.since.elapsed().as_secs_f64();
        let rss = self.memory.entry(stage.to_string()).or_default();
        *rss = (*rss).max(rss_bytes());
        self.since = std::time::Instant::now();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(target_os = "linux")]
    fn resident_memory_is_read_and_the_peak_is_not_below_it() {
        let now = rss_bytes();
        assert!(now > 0);
        assert!(peak_rss_bytes() >= now);
    }
}
