//! Argon2id password hashing, run on the blocking pool so it never stalls async workers.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};

use crate::error::CoreError;

pub async fn hash(password: String) -> Result<String, CoreError> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut argon2::password_hash::rand_core::OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| CoreError::Internal(format!("argon2: {e}")))
    })
    .await
    .map_err(|e| CoreError::Internal(format!("join: {e}")))?
}

/// `false` for a wrong password or an unparsable hash.
pub async fn verify(password: String, hash: String) -> Result<bool, CoreError> {
    tokio::task::spawn_blocking(move || {
        let Ok(parsed) = PasswordHash::new(&hash) else {
            return false;
        };
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
    .await
    .map_err(|e| CoreError::Internal(format!("join: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_verify() {
        let h = hash("rahasia-sekali".into()).await.unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify("rahasia-sekali".into(), h.clone()).await.unwrap());
        assert!(!verify("salah".into(), h).await.unwrap());
        assert!(!verify("x".into(), "not a hash".into()).await.unwrap());
    }
}
