//! Sliding-window limits on failed logins, per account and per address. In memory: each
//! instance limits on its own, which bounds guessing to N × instances per window.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

#[derive(Debug)]
pub struct Window {
    max: usize,
    period: Duration,
    hits: Mutex<HashMap<String, VecDeque<Instant>>>,
}

impl Window {
    pub fn new(max: usize, period: Duration) -> Self {
        Self {
            max,
            period,
            hits: Mutex::new(HashMap::new()),
        }
    }

    /// `Some(wait)` when `key` has used up its window.
    pub fn blocked(&self, key: &str, now: Instant) -> Option<Duration> {
        let mut map = self.hits.lock().unwrap_or_else(|p| p.into_inner());
        let q = map.get_mut(key)?;
        while q
            .front()
            .is_some_and(|t| now.duration_since(*t) >= self.period)
        {
            q.pop_front();
        }
        if q.len() >= self.max {
            q.front()
                .map(|first| self.period.saturating_sub(now.duration_since(*first)))
        } else {
            None
        }
    }

    pub fn hit(&self, key: &str, now: Instant) {
        let mut map = self.hits.lock().unwrap_or_else(|p| p.into_inner());
        // Bound memory under a flood of distinct keys: drop windows that have fully expired.
        if map.len() > 100_000 {
            let period = self.period;
            map.retain(|_, q| q.back().is_some_and(|t| now.duration_since(*t) < period));
        }
        let q = map.entry(key.to_owned()).or_default();
        q.push_back(now);
        while q.len() > self.max {
            q.pop_front();
        }
    }

    pub fn clear(&self, key: &str) {
        let mut map = self.hits.lock().unwrap_or_else(|p| p.into_inner());
        map.remove(key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_after_max_and_expires() {
        let w = Window::new(3, Duration::from_secs(60));
        let t0 = Instant::now();
        for _ in 0..3 {
            assert!(w.blocked("a", t0).is_none());
            w.hit("a", t0);
        }
        let wait = w.blocked("a", t0 + Duration::from_secs(10)).unwrap();
        assert_eq!(wait, Duration::from_secs(50));
        assert!(w.blocked("b", t0).is_none());
        assert!(w.blocked("a", t0 + Duration::from_secs(61)).is_none());
        w.hit("a", t0);
        w.clear("a");
        assert!(w.blocked("a", t0).is_none());
    }
}
