//! The durable job queue: work that must survive a restart. Jobs are claimed with a lease,
//! kept alive by heartbeats, retried with exponential backoff and dead-lettered after
//! `max_attempts`. A job whose worker dies is claimed again once its lease expires.

pub mod runner;
pub mod service;

use serde::Serialize;

use crate::time::Millis;

pub use runner::{JobContext, JobHandler, JobRunner, RunnerConfig};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum JobStatus {
    Queued,
    Running,
    Done,
    Dead,
}

impl JobStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            JobStatus::Queued => "queued",
            JobStatus::Running => "running",
            JobStatus::Done => "done",
            JobStatus::Dead => "dead",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "queued" => JobStatus::Queued,
            "running" => JobStatus::Running,
            "done" => JobStatus::Done,
            "dead" => JobStatus::Dead,
            _ => return None,
        })
    }
    pub fn label(self) -> &'static str {
        match self {
            JobStatus::Queued => "Antre",
            JobStatus::Running => "Berjalan",
            JobStatus::Done => "Selesai",
            JobStatus::Dead => "Gagal (dead-letter)",
        }
    }
}

#[derive(Debug, Clone)]
pub struct NewJob {
    pub kind: String,
    pub payload: serde_json::Value,
    pub run_at: Millis,
    pub max_attempts: i32,
    /// Jobs with the same key are enqueued once, e.g. one periodic job per hour even when
    /// several instances schedule it.
    pub dedupe_key: Option<String>,
}

impl NewJob {
    pub fn now(kind: &str, payload: serde_json::Value) -> Self {
        Self {
            kind: kind.to_owned(),
            payload,
            run_at: crate::time::now_millis(),
            max_attempts: 5,
            dedupe_key: None,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Job {
    pub id: i64,
    pub kind: String,
    pub payload: serde_json::Value,
    pub status: JobStatus,
    pub attempts: i32,
    pub max_attempts: i32,
    pub run_at: Millis,
    pub locked_by: Option<String>,
    pub lease_until: Option<Millis>,
    pub last_error: Option<String>,
    pub created_at: Millis,
    pub updated_at: Millis,
}

#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct JobCounts {
    pub queued: i64,
    pub running: i64,
    pub done: i64,
    pub dead: i64,
}

/// Delay before retry `attempt` (1-based): 2^(attempt-1) × base, capped at one hour.
pub fn backoff_millis(base_ms: i64, attempt: i32) -> i64 {
    let exp = attempt.clamp(1, 20) - 1;
    base_ms.saturating_mul(1i64 << exp).min(3_600_000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_caps() {
        assert_eq!(backoff_millis(1000, 1), 1000);
        assert_eq!(backoff_millis(1000, 2), 2000);
        assert_eq!(backoff_millis(1000, 4), 8000);
        assert_eq!(backoff_millis(1000, 30), 3_600_000);
    }
}
