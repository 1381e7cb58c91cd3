//! Sinergi core: the domain types, rules, permissions and use-case services.
//!
//! Every service call takes the acting user ([`auth::Actor`]) and checks permission and
//! organisation scope itself, so no caller (web page, API, CLI) can forget it. Storage is reached
//! only through the [`store::Store`] trait, implemented by `sinergi-store` for SQLite and
//! PostgreSQL.

pub mod auth;
pub mod crisis;
pub mod error;
pub mod files;
pub mod jobs;
pub mod monitor;
pub mod network;
pub mod newsroom;
pub mod notify;
pub mod page;
pub mod service;
pub mod store;
pub mod time;
pub mod validate;

pub use error::{CoreError, FieldError};
pub use service::{Core, CoreConfig, FileService};
