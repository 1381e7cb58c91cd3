//! Krisis Informasi: one shared case per information crisis or hoax that every involved unit
//! works on — triage, verification, escalation regency → province → centre, tasks, statements
//! with approval, and an append-only timeline.
//!
//! Visibility differs from the rest of the platform on purpose: a case is seen by its owner
//! organisation, the organisations it is shared with (collaborators) and the centre — not
//! automatically by the owner's province.

pub mod claims;
pub mod model;
pub mod rules;
pub mod service;
pub mod store;

pub use model::*;
pub use rules::CrisisConfig;
