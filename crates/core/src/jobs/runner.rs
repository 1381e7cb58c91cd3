//! A worker that claims jobs from the store and runs the registered handler for their kind.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use tokio::sync::watch;

use super::{Job, backoff_millis};
use crate::error::StoreError;
use crate::store::Store;
use crate::time::now_millis;

/// Aborts a spawned task when dropped, so cancelling `run_once` (shutdown, a dying worker) also
/// stops the job and its heartbeat; the lease then lapses and another worker takes over.
struct AbortOnDrop<T>(tokio::task::JoinHandle<T>);

impl<T> Drop for AbortOnDrop<T> {
    fn drop(&mut self) {
        self.0.abort();
    }
}

pub struct JobContext {
    pub store: Arc<dyn Store>,
}

#[async_trait]
pub trait JobHandler: Send + Sync + 'static {
    /// `Err` with a message schedules a retry (or dead-letters after the last attempt).
    async fn run(&self, ctx: &JobContext, job: &Job) -> Result<(), String>;
}

#[derive(Debug, Clone)]
pub struct RunnerConfig {
    pub worker_id: String,
    pub lease: Duration,
    pub poll_interval: Duration,
    pub backoff_base_ms: i64,
}

impl RunnerConfig {
    pub fn new(worker_id: impl Into<String>) -> Self {
        Self {
            worker_id: worker_id.into(),
            lease: Duration::from_secs(60),
            poll_interval: Duration::from_millis(500),
            backoff_base_ms: 5_000,
        }
    }
}

pub struct JobRunner {
    store: Arc<dyn Store>,
    handlers: HashMap<String, Arc<dyn JobHandler>>,
    cfg: RunnerConfig,
}

impl JobRunner {
    pub fn new(store: Arc<dyn Store>, cfg: RunnerConfig) -> Self {
        Self {
            store,
            handlers: HashMap::new(),
            cfg,
        }
    }

    pub fn register(&mut self, kind: &str, handler: Arc<dyn JobHandler>) {
        self.handlers.insert(kind.to_owned(), handler);
    }

    fn lease_ms(&self) -> i64 {
        i64::try_from(self.cfg.lease.as_millis()).unwrap_or(60_000)
    }

    /// Claims and runs at most one job. `Ok(true)` when a job ran (whatever its outcome).
    pub async fn run_once(&self) -> Result<bool, StoreError> {
        let kinds: Vec<String> = self.handlers.keys().cloned().collect();
        if kinds.is_empty() {
            return Ok(false);
        }
        let now = now_millis();
        let Some(job) = self
            .store
            .claim_job(&self.cfg.worker_id, &kinds, now, now + self.lease_ms())
            .await?
        else {
            return Ok(false);
        };
        let Some(handler) = self.handlers.get(&job.kind).cloned() else {
            return Ok(false);
        };

        // Keep the lease alive while the handler runs; a killed worker stops heartbeating and
        // another worker takes the job over when the lease runs out.
        let hb_store = self.store.clone();
        let hb_worker = self.cfg.worker_id.clone();
        let lease_ms = self.lease_ms();
        let hb_every = self.cfg.lease / 3;
        let job_id = job.id;
        let heartbeat = AbortOnDrop(tokio::spawn(async move {
            loop {
                tokio::time::sleep(hb_every).await;
                let until = now_millis() + lease_ms;
                match hb_store.heartbeat_job(job_id, &hb_worker, until).await {
                    Ok(true) => {}
                    Ok(false) => break,
                    Err(e) => tracing::warn!(job_id, error = %e, "heartbeat failed"),
                }
            }
        }));

        // Run in its own task so a panicking handler fails the job instead of the worker.
        let ctx = JobContext {
            store: self.store.clone(),
        };
        let job_for_task = job.clone();
        let mut task = AbortOnDrop(tokio::spawn(async move {
            handler.run(&ctx, &job_for_task).await
        }));
        let outcome = (&mut task.0)
            .await
            .unwrap_or_else(|e| Err(format!("handler panicked: {e}")));
        drop(heartbeat);

        let now = now_millis();
        match outcome {
            Ok(()) => {
                self.store
                    .complete_job(job.id, &self.cfg.worker_id, now)
                    .await?;
            }
            Err(msg) => {
                let retry_at = (job.attempts < job.max_attempts)
                    .then(|| now + backoff_millis(self.cfg.backoff_base_ms, job.attempts));
                tracing::warn!(job_id = job.id, kind = %job.kind, attempts = job.attempts, error = %msg, dead = retry_at.is_none(), "job failed");
                self.store
                    .fail_job(job.id, &self.cfg.worker_id, &msg, retry_at, now)
                    .await?;
            }
        }
        Ok(true)
    }

    /// Runs until `shutdown` turns true.
    pub async fn run(self, mut shutdown: watch::Receiver<bool>) {
        loop {
            if *shutdown.borrow() {
                return;
            }
            let ran = match self.run_once().await {
                Ok(ran) => ran,
                Err(e) => {
                    tracing::error!(error = %e, "job queue unavailable");
                    false
                }
            };
            if !ran {
                tokio::select! {
                    _ = tokio::time::sleep(self.cfg.poll_interval) => {}
                    _ = shutdown.changed() => {}
                }
            }
        }
    }
}
