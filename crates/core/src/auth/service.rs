//! Login, sessions, bearer tokens and password changes.

use std::time::Instant;

use base64::Engine;
use rand::RngCore;

use super::{Actor, Session, password};
use crate::error::{CoreError, CoreResult};
use crate::network::token::{generate_secret, hash_secret};
use crate::network::{ApiToken, AuditEntry, User};
use crate::service::Core;
use crate::time::now_millis;
use crate::validate::{self, Checks};

/// A new session: the secret goes into the cookie, the record into the store.
pub struct LoginOutcome {
    pub actor: Actor,
    pub session: Session,
    pub cookie_secret: String,
}

fn random_b64(n: usize) -> String {
    let mut bytes = vec![0u8; n];
    rand::rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

fn wait_error(wait: std::time::Duration) -> CoreError {
    CoreError::RateLimited {
        retry_after_secs: wait.as_secs().max(1),
    }
}

impl Core {
    async fn actor_for(&self, user: &User, ip: Option<String>) -> CoreResult<Actor> {
        let org = self.store.org_by_id(user.org_id).await?.ok_or_else(|| {
            CoreError::Internal(format!("org {} of user {} missing", user.org_id, user.id))
        })?;
        Ok(Actor {
            user_id: Some(user.id),
            email: user.email.clone(),
            name: user.name.clone(),
            role: user.role,
            org,
            ip,
        })
    }

    /// The actor for an active user, without a password. For trusted in-process callers only
    /// (CLI commands and demo seeding), never reachable from the web.
    pub async fn actor_by_email(&self, email: &str) -> CoreResult<Actor> {
        let (user, _) = self
            .store
            .user_by_email(&email.trim().to_lowercase())
            .await?
            .filter(|(u, _)| u.active)
            .ok_or(CoreError::NotFound)?;
        self.actor_for(&user, None).await
    }

    /// Checks e-mail and password, rate-limited per account and per address. A fresh session
    /// id is issued on every login (no fixation).
    pub async fn login(
        &self,
        email: &str,
        password: &str,
        ip: Option<String>,
    ) -> CoreResult<LoginOutcome> {
        let email = email.trim().to_lowercase();
        let ip_key = ip.clone().unwrap_or_default();
        let now = Instant::now();
        if let Some(wait) = self.account_failures.blocked(&email, now) {
            return Err(wait_error(wait));
        }
        if let Some(wait) = self.ip_failures.blocked(&ip_key, now) {
            return Err(wait_error(wait));
        }
        let found = self.store.user_by_email(&email).await?;
        let ok = match &found {
            Some((user, hash)) => {
                password::verify(password.to_owned(), hash.clone()).await? && user.active
            }
            None => {
                // Spend the same time as a real check so timing does not reveal accounts.
                let _ = password::hash(password.to_owned()).await?;
                false
            }
        };
        let Some((user, _)) = found.filter(|_| ok) else {
            self.account_failures.hit(&email, now);
            self.ip_failures.hit(&ip_key, now);
            return Err(CoreError::Unauthenticated);
        };
        self.account_failures.clear(&email);

        let cookie_secret = random_b64(32);
        let created = now_millis();
        let ttl = i64::try_from(self.cfg.session_ttl.as_millis()).unwrap_or(i64::MAX / 4);
        let session = Session {
            id_hash: hash_secret(&cookie_secret),
            user_id: user.id,
            csrf_token: random_b64(24),
            created_at: created,
            expires_at: created + ttl,
        };
        self.store.insert_session(&session).await?;
        self.store.record_login(user.id, created).await?;
        let actor = self.actor_for(&user, ip).await?;
        Ok(LoginOutcome {
            actor,
            session,
            cookie_secret,
        })
    }

    /// The actor behind a session cookie, if the session is live and the user still active.
    pub async fn session_actor(
        &self,
        cookie_secret: &str,
        ip: Option<String>,
    ) -> CoreResult<Option<(Actor, Session)>> {
        let hash = hash_secret(cookie_secret);
        let Some(session) = self.store.session(&hash, now_millis()).await? else {
            return Ok(None);
        };
        let Some(user) = self.store.user_by_id(session.user_id).await? else {
            return Ok(None);
        };
        if !user.active {
            return Ok(None);
        }
        Ok(Some((self.actor_for(&user, ip).await?, session)))
    }

    pub async fn logout(&self, cookie_secret: &str) -> CoreResult<()> {
        Ok(self
            .store
            .delete_session(&hash_secret(cookie_secret))
            .await?)
    }

    /// The actor behind an API bearer token.
    pub async fn token_actor(&self, bearer: &str, ip: Option<String>) -> CoreResult<Option<Actor>> {
        let Some((token, user)) = self
            .store
            .token_by_hash(&hash_secret(bearer.trim()))
            .await?
        else {
            return Ok(None);
        };
        if !user.active {
            return Ok(None);
        }
        self.store.touch_token(token.id, now_millis()).await?;
        Ok(Some(self.actor_for(&user, ip).await?))
    }

    /// Changes the actor's own password after checking the current one; ends their other
    /// sessions.
    pub async fn change_own_password(
        &self,
        actor: &Actor,
        current: &str,
        new: &str,
        confirm: &str,
    ) -> CoreResult<()> {
        let user_id = actor.user_id.ok_or(CoreError::Forbidden)?;
        let mut checks = Checks::default();
        validate::password(&mut checks, "new_password", new);
        if new != confirm {
            checks.push(
                "confirm_password",
                "mismatch",
                "Konfirmasi kata sandi tidak sama.",
            );
        }
        if new == current && !new.is_empty() {
            checks.push(
                "new_password",
                "unchanged",
                "Kata sandi baru harus berbeda dari yang lama.",
            );
        }
        let (_, hash) = self
            .store
            .user_by_email(&actor.email)
            .await?
            .ok_or(CoreError::NotFound)?;
        if !password::verify(current.to_owned(), hash).await? {
            checks.push("current_password", "wrong", "Kata sandi saat ini salah.");
        }
        checks.into_result()?;
        let new_hash = password::hash(new.to_owned()).await?;
        let audit = AuditEntry {
            at: now_millis(),
            actor_user_id: Some(user_id),
            actor: actor.email.clone(),
            org_code: Some(actor.org.code.clone()),
            action: "user.password_change".into(),
            entity: "user".into(),
            entity_id: user_id.to_string(),
            before: None,
            after: None,
            ip: actor.ip.clone(),
        };
        self.store
            .set_password(user_id, &new_hash, audit.at, &audit)
            .await?;
        Ok(())
    }

    /// Creates a token for the user with `email` (CLI, as the system actor). Returns the
    /// secret, which is shown once and never stored.
    pub async fn create_token(
        &self,
        actor: &Actor,
        email: &str,
        name: &str,
    ) -> CoreResult<(ApiToken, String)> {
        actor.require(crate::network::Permission::ManageUsers)?;
        let mut checks = Checks::default();
        let name = validate::required_text(&mut checks, "name", "Nama token", name, 80);
        checks.into_result()?;
        let (user, _) = self
            .store
            .user_by_email(&email.trim().to_lowercase())
            .await?
            .filter(|(u, _)| actor.sees(&u.org_code))
            .ok_or(CoreError::NotFound)?;
        if !user.active {
            return Err(CoreError::field(
                "email",
                "inactive",
                "Pengguna nonaktif tidak dapat diberi token.",
            ));
        }
        let secret = generate_secret();
        let now = now_millis();
        let audit = AuditEntry {
            at: now,
            actor_user_id: actor.user_id,
            actor: actor.email.clone(),
            org_code: Some(user.org_code.clone()),
            action: "token.create".into(),
            entity: "user".into(),
            entity_id: user.id.to_string(),
            before: None,
            after: Some(serde_json::json!({ "token_name": name })),
            ip: actor.ip.clone(),
        };
        let token = self
            .store
            .insert_token(user.id, &name, &hash_secret(&secret), now, &audit)
            .await?;
        Ok((token, secret))
    }

    pub async fn list_tokens(&self, actor: &Actor, email: &str) -> CoreResult<Vec<ApiToken>> {
        actor.require(crate::network::Permission::ManageUsers)?;
        let (user, _) = self
            .store
            .user_by_email(&email.trim().to_lowercase())
            .await?
            .filter(|(u, _)| actor.sees(&u.org_code))
            .ok_or(CoreError::NotFound)?;
        Ok(self.store.list_tokens(user.id).await?)
    }

    /// Revokes token `token_id` of the user with `email` (both must match, within scope).
    pub async fn revoke_token(&self, actor: &Actor, email: &str, token_id: i64) -> CoreResult<()> {
        let owned = self.list_tokens(actor, email).await?;
        if !owned
            .iter()
            .any(|t| t.id == token_id && t.revoked_at.is_none())
        {
            return Err(CoreError::NotFound);
        }
        let audit = AuditEntry {
            at: now_millis(),
            actor_user_id: actor.user_id,
            actor: actor.email.clone(),
            org_code: None,
            action: "token.revoke".into(),
            entity: "api_token".into(),
            entity_id: token_id.to_string(),
            before: None,
            after: None,
            ip: actor.ip.clone(),
        };
        if self.store.revoke_token(token_id, audit.at, &audit).await? {
            Ok(())
        } else {
            Err(CoreError::NotFound)
        }
    }
}
