//! Indonesian language engine for Sinergi. Pure library: no I/O beyond caller-supplied
//! readers/writers in [`batch`], no async, no network.

pub mod stem;

pub use stem::{CachedStemmer, Stemmer, global_stemmer};
