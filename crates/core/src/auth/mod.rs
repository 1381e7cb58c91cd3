//! Who is acting: passwords, sessions, login rate limits and the [`Actor`] every service takes.

pub mod actor;
pub mod password;
pub mod ratelimit;
pub mod service;
pub mod session;

pub use actor::Actor;
pub use session::Session;
