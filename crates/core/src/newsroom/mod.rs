//! Rilis & Portal: press releases and news items from draft to publication, their versions,
//! images and attachments, distribution to media lists by e-mail, and the public portal's
//! reads, related articles ("Baca Juga") and moderated comments ("Kirim Komentar").
//!
//! Officers write, heads approve; every content change is a new version and every status
//! change an event, both kept for good. Body HTML is sanitised here, in core, so no caller can
//! store unsafe markup.

pub mod model;
pub mod related;
pub mod service;
pub mod store;

pub use model::*;
