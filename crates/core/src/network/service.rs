//! Directory, users and audit-log services. Every call checks permission and scope here.

use serde::Serialize;

use super::org::{Org, OrgFilter};
use super::role::{Permission, Role};
use super::user::{User, UserFilter, UserInput, UserRecord};
use super::{AuditEntry, AuditFilter, AuditRecord};
use crate::auth::{Actor, password};
use crate::error::{CoreError, CoreResult};
use crate::page::{Page, PageReq};
use crate::service::Core;
use crate::time::now_millis;
use crate::validate::{self, Checks};

/// An organisation page: the organisation, its parent and children, and its members when the
/// viewer's scope covers it.
#[derive(Debug, Clone, Serialize)]
pub struct OrgView {
    pub org: Org,
    pub parent: Option<Org>,
    pub children: Vec<Org>,
    /// `None` when the organisation is outside the viewer's scope (members are private).
    pub members: Option<Vec<User>>,
}

fn audit(actor: &Actor, action: &str, entity: &str, id: String, org_code: &str) -> AuditEntry {
    AuditEntry {
        at: now_millis(),
        actor_user_id: actor.user_id,
        actor: actor.email.clone(),
        org_code: Some(org_code.to_owned()),
        action: action.to_owned(),
        entity: entity.to_owned(),
        entity_id: id,
        before: None,
        after: None,
        ip: actor.ip.clone(),
    }
}

/// The audit view of a user: no secrets, stable field names.
fn user_json(u: &User) -> serde_json::Value {
    serde_json::json!({
        "org_code": u.org_code, "email": u.email, "name": u.name, "nip": u.nip,
        "phone": u.phone, "position": u.position, "role": u.role.as_str(), "active": u.active,
    })
}

/// Random readable password for new accounts and resets (shown once).
pub fn generate_password() -> String {
    use rand::Rng;
    // No look-alike characters (0/O, 1/l/I) so it can be read out over the phone.
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rng();
    let chars: String = (0..16)
        .map(|_| char::from(ALPHABET[rng.random_range(0..ALPHABET.len())]))
        .collect();
    format!(
        "{}-{}-{}-{}",
        &chars[..4],
        &chars[4..8],
        &chars[8..12],
        &chars[12..]
    )
}

impl Core {
    // ---- Organisations -------------------------------------------------------------------

    /// The directory of organisations is reference data every signed-in user may browse.
    pub async fn list_orgs(
        &self,
        actor: &Actor,
        filter: &OrgFilter,
        page: PageReq,
    ) -> CoreResult<Page<Org>> {
        actor.require(Permission::ViewDirectory)?;
        Ok(self.store.list_orgs(filter, page).await?)
    }

    pub async fn get_org(&self, actor: &Actor, code: &str) -> CoreResult<OrgView> {
        actor.require(Permission::ViewDirectory)?;
        let org = self
            .store
            .org_by_code(code.trim())
            .await?
            .ok_or(CoreError::NotFound)?;
        let parent = match &org.parent_code {
            Some(p) => self.store.org_by_code(p).await?,
            None => None,
        };
        let children = self
            .store
            .list_orgs(
                &OrgFilter {
                    parent_code: Some(org.code.clone()),
                    ..Default::default()
                },
                PageReq::new(Some(1), Some(crate::page::MAX_PER_PAGE)),
            )
            .await?
            .items;
        let members = if actor.sees(&org.code) && actor.role.can(Permission::ViewUsers) {
            let filter = UserFilter {
                org_code: Some(org.code.clone()),
                active: Some(true),
                ..Default::default()
            };
            Some(
                self.store
                    .list_users(
                        &actor.scope(),
                        &filter,
                        PageReq::new(Some(1), Some(crate::page::MAX_PER_PAGE)),
                    )
                    .await?
                    .items,
            )
        } else {
            None
        };
        Ok(OrgView {
            org,
            parent,
            children,
            members,
        })
    }

    /// How many organisations the directory holds.
    pub async fn count_orgs(&self, actor: &Actor) -> CoreResult<i64> {
        actor.require(Permission::ViewDirectory)?;
        Ok(self.store.count_orgs().await?)
    }

    /// Display names for organisation codes (the directory is shared reference data).
    pub async fn org_names(
        &self,
        codes: &[String],
    ) -> CoreResult<std::collections::HashMap<String, String>> {
        let mut out = std::collections::HashMap::new();
        for code in codes {
            if out.contains_key(code) {
                continue;
            }
            if let Some(org) = self.store.org_by_code(code).await? {
                out.insert(code.clone(), org.display_name());
            }
        }
        Ok(out)
    }

    // ---- Users ---------------------------------------------------------------------------

    pub async fn list_users(
        &self,
        actor: &Actor,
        filter: &UserFilter,
        page: PageReq,
    ) -> CoreResult<Page<User>> {
        actor.require(Permission::ViewUsers)?;
        Ok(self.store.list_users(&actor.scope(), filter, page).await?)
    }

    pub async fn count_users(&self, actor: &Actor) -> CoreResult<i64> {
        actor.require(Permission::ViewUsers)?;
        Ok(self.store.count_users(&actor.scope()).await?)
    }

    /// A user in the actor's scope; anything else is "not found" so existence does not leak.
    pub async fn get_user(&self, actor: &Actor, id: i64) -> CoreResult<User> {
        actor.require(Permission::ViewUsers)?;
        self.store
            .user_by_id(id)
            .await?
            .filter(|u| actor.sees(&u.org_code))
            .ok_or(CoreError::NotFound)
    }

    async fn validate_user(&self, actor: &Actor, input: &UserInput) -> CoreResult<UserRecord> {
        let mut checks = Checks::default();
        let name =
            validate::required_text(&mut checks, "name", "Nama", &input.name, validate::MAX_NAME);
        let email = validate::email(&mut checks, &input.email);
        let nip = validate::nip(&mut checks, input.nip.as_deref());
        let phone = validate::phone(&mut checks, input.phone.as_deref());
        let position = validate::optional_text(
            &mut checks,
            "position",
            "Jabatan",
            input.position.as_deref(),
            validate::MAX_POSITION,
        );
        let role = Role::parse(&input.role);
        if role.is_none() {
            checks.push(
                "role",
                "invalid",
                "Peran tidak dikenal (admin, head, officer, viewer).",
            );
        }
        let code = input.org_code.trim();
        let org = if code.is_empty() {
            checks.push("org_code", "required", "Organisasi wajib dipilih.");
            None
        } else if !actor.sees(code) {
            checks.push("org_code", "not_found", "Organisasi tidak ditemukan.");
            None
        } else {
            let org = self.store.org_by_code(code).await?;
            if org.is_none() {
                checks.push("org_code", "not_found", "Organisasi tidak ditemukan.");
            }
            org
        };
        checks.into_result()?;
        match (org, role) {
            (Some(org), Some(role)) => Ok(UserRecord {
                org_id: org.id,
                email,
                name,
                nip,
                phone,
                position,
                role,
            }),
            _ => Err(CoreError::Internal(
                "validated user without org or role".into(),
            )),
        }
    }

    fn email_taken() -> CoreError {
        CoreError::field("email", "taken", "Email sudah dipakai pengguna lain.")
    }

    fn nip_taken() -> CoreError {
        CoreError::field("nip", "taken", "NIP sudah dipakai pengguna lain.")
    }

    fn map_unique(e: crate::error::StoreError) -> CoreError {
        match e {
            crate::error::StoreError::Unique(f) if f.contains("email") => Self::email_taken(),
            crate::error::StoreError::Unique(f) if f.contains("nip") => Self::nip_taken(),
            other => other.into(),
        }
    }

    /// Creates a user. Without `password` a random one is generated and returned (shown once).
    pub async fn create_user(
        &self,
        actor: &Actor,
        input: &UserInput,
        password: Option<String>,
    ) -> CoreResult<(User, Option<String>)> {
        actor.require(Permission::ManageUsers)?;
        let rec = self.validate_user(actor, input).await?;
        if let Some(p) = &password {
            let mut checks = Checks::default();
            validate::password(&mut checks, "password", p);
            checks.into_result()?;
        }
        let generated = password.is_none().then(generate_password);
        let plain = password.or_else(|| generated.clone()).unwrap_or_default();
        let hash = password::hash(plain).await?;
        let org_code = input.org_code.trim().to_owned();
        let mut entry = audit(actor, "user.create", "user", String::new(), &org_code);
        let now = entry.at;
        entry.after = Some(serde_json::json!({
            "org_code": org_code, "email": rec.email, "name": rec.name, "nip": rec.nip,
            "phone": rec.phone, "position": rec.position, "role": rec.role.as_str(), "active": true,
        }));
        let user = self
            .store
            .insert_user(&rec, &hash, now, &entry)
            .await
            .map_err(Self::map_unique)?;
        Ok((user, generated))
    }

    pub async fn update_user(&self, actor: &Actor, id: i64, input: &UserInput) -> CoreResult<User> {
        actor.require(Permission::ManageUsers)?;
        let before = self.get_user(actor, id).await?;
        let rec = self.validate_user(actor, input).await?;
        if actor.user_id == Some(id) && rec.role != Role::Admin {
            return Err(CoreError::field(
                "role",
                "self",
                "Anda tidak dapat menurunkan peran akun Anda sendiri.",
            ));
        }
        let org_code = input.org_code.trim().to_owned();
        let mut entry = audit(actor, "user.update", "user", id.to_string(), &org_code);
        entry.before = Some(user_json(&before));
        entry.after = Some(serde_json::json!({
            "org_code": org_code, "email": rec.email, "name": rec.name, "nip": rec.nip,
            "phone": rec.phone, "position": rec.position, "role": rec.role.as_str(), "active": before.active,
        }));
        let now = entry.at;
        self.store
            .update_user(id, &rec, now, &entry)
            .await
            .map_err(Self::map_unique)
    }

    /// Deactivates (never deletes) or reactivates a user. Deactivation ends their sessions.
    pub async fn set_user_active(&self, actor: &Actor, id: i64, active: bool) -> CoreResult<User> {
        actor.require(Permission::ManageUsers)?;
        let before = self.get_user(actor, id).await?;
        if !active && actor.user_id == Some(id) {
            return Err(CoreError::field(
                "id",
                "self",
                "Anda tidak dapat menonaktifkan akun Anda sendiri.",
            ));
        }
        let action = if active {
            "user.activate"
        } else {
            "user.deactivate"
        };
        let mut entry = audit(actor, action, "user", id.to_string(), &before.org_code);
        entry.before = Some(serde_json::json!({ "active": before.active }));
        entry.after = Some(serde_json::json!({ "active": active }));
        let user = self
            .store
            .set_user_active(id, active, entry.at, &entry)
            .await?;
        if !active {
            self.store.delete_user_sessions(id).await?;
        }
        Ok(user)
    }

    /// Sets a new random password for a user (administrators). Returns it to show once.
    pub async fn reset_password(&self, actor: &Actor, id: i64) -> CoreResult<String> {
        actor.require(Permission::ManageUsers)?;
        let user = self.get_user(actor, id).await?;
        let plain = generate_password();
        let hash = password::hash(plain.clone()).await?;
        let entry = audit(
            actor,
            "user.password_reset",
            "user",
            id.to_string(),
            &user.org_code,
        );
        self.store.set_password(id, &hash, entry.at, &entry).await?;
        self.store.delete_user_sessions(id).await?;
        Ok(plain)
    }

    // ---- Audit ---------------------------------------------------------------------------

    pub async fn list_audit(
        &self,
        actor: &Actor,
        filter: &AuditFilter,
        page: PageReq,
    ) -> CoreResult<Page<AuditRecord>> {
        actor.require(Permission::ViewAudit)?;
        Ok(self.store.list_audit(&actor.scope(), filter, page).await?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_passwords_are_long_and_distinct() {
        let a = generate_password();
        let b = generate_password();
        assert_eq!(a.len(), 19);
        assert_ne!(a, b);
        assert!(!a.contains(['0', 'O', '1', 'l', 'I']));
    }
}
