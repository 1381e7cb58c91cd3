//! API bearer tokens: shown once at creation, stored only as a SHA-256 hash, revocable.

use base64::Engine;
use rand::RngCore;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::time::Millis;

pub const TOKEN_PREFIX: &str = "snrg_";

#[derive(Debug, Clone, Serialize)]
pub struct ApiToken {
    pub id: i64,
    pub user_id: i64,
    pub name: String,
    pub created_at: Millis,
    pub last_used_at: Option<Millis>,
    pub revoked_at: Option<Millis>,
}

/// A new random secret (256 bits) with a recognisable prefix, so leaked tokens can be found
/// by secret scanners.
pub fn generate_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    format!(
        "{TOKEN_PREFIX}{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
    )
}

/// Tokens and session ids carry 256 bits of entropy, so a fast hash is enough: nothing to
/// brute-force, and lookups stay cheap on every request.
pub fn hash_secret(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}
