//! The early-warning rule: is the last window far above the usual volume?
//!
//! Default: the last 24 hours against the 14 days before, alert when the count exceeds the
//! mean by 2 standard deviations and reaches a minimum count (so 3 articles after a quiet
//! fortnight of zeros do not page anyone at night).

use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct SpikeRule {
    pub window_hours: i64,
    pub baseline_windows: usize,
    pub sigma: f64,
    pub min_count: u64,
    /// A spike is flagged negative when at least this share of the window is negative.
    pub negative_share: f64,
}

impl Default for SpikeRule {
    fn default() -> Self {
        Self {
            window_hours: 24,
            baseline_windows: 14,
            sigma: 2.0,
            min_count: 5,
            negative_share: 0.5,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct SpikeVerdict {
    pub count: u64,
    pub mean: f64,
    pub sd: f64,
    pub negative: u64,
    pub negative_flag: bool,
}

impl SpikeRule {
    /// `current` is the last window's count; `baseline` the counts of the windows before it.
    pub fn evaluate(&self, current: u64, negative: u64, baseline: &[u64]) -> Option<SpikeVerdict> {
        if current < self.min_count {
            return None;
        }
        let n = baseline.len().max(1) as f64;
        let mean = baseline.iter().map(|&c| c as f64).sum::<f64>() / n;
        let var = baseline
            .iter()
            .map(|&c| (c as f64 - mean).powi(2))
            .sum::<f64>()
            / n;
        let sd = var.sqrt();
        // A perfectly flat baseline has sd 0: any rise above the mean by the minimum count
        // still has to be a real rise, so use at least 1 article of spread.
        let threshold = mean + self.sigma * sd.max(1.0);
        if (current as f64) <= threshold {
            return None;
        }
        let negative_flag = current > 0 && negative as f64 / current as f64 >= self.negative_share;
        Some(SpikeVerdict {
            count: current,
            mean,
            sd,
            negative,
            negative_flag,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flat_then_spike_fires() {
        let rule = SpikeRule::default();
        let base = [3, 4, 2, 3, 5, 3, 4, 3, 2, 4, 3, 3, 4, 3];
        let v = rule.evaluate(25, 20, &base).expect("spike");
        assert!(v.negative_flag);
        assert!((v.mean - 3.29).abs() < 0.01);
        // sd is below 1, so the threshold is 3.29 + 2 × 1 = 5.29.
        assert!(rule.evaluate(5, 0, &base).is_none());
        assert!(rule.evaluate(6, 0, &base).is_some());
    }

    #[test]
    fn normal_day_and_small_counts_do_not_fire() {
        let rule = SpikeRule::default();
        let base = [10, 14, 8, 12, 11, 9, 13, 10, 12, 11, 10, 9, 14, 12];
        assert!(rule.evaluate(13, 2, &base).is_none());
        assert!(
            rule.evaluate(4, 4, &[0; 14]).is_none(),
            "below the minimum count"
        );
        let v = rule.evaluate(5, 1, &[0; 14]).expect("5 after zeros");
        assert!(!v.negative_flag);
    }
}
