//! Jejaring (network): organisations with Kemendagri region codes, users, roles, API tokens and
//! the audit log.

pub mod audit;
pub mod org;
pub mod regions;
pub mod role;
pub mod service;
pub mod token;
pub mod user;

pub use audit::{AuditEntry, AuditFilter, AuditRecord};
pub use org::{Org, OrgFilter, OrgLevel, Scope};
pub use role::{Permission, Role};
pub use token::ApiToken;
pub use user::{User, UserFilter, UserInput};
