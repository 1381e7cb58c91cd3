use crate::error::CoreError;
use crate::network::{Org, Permission, Role, Scope};

/// The user on whose behalf a service call runs. Built by the web layer from a session or a
/// bearer token, or by the CLI for the system itself.
#[derive(Debug, Clone)]
pub struct Actor {
    pub user_id: Option<i64>,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub org: Org,
    /// Client address, recorded in the audit log.
    pub ip: Option<String>,
}

impl Actor {
    /// The platform itself (CLI, scheduled jobs): an administrator of the centre.
    pub fn system(centre: Org, label: &str) -> Self {
        Actor {
            user_id: None,
            email: label.to_owned(),
            name: label.to_owned(),
            role: Role::Admin,
            org: centre,
            ip: None,
        }
    }
    pub fn scope(&self) -> Scope {
        self.org.scope()
    }
    pub fn require(&self, p: Permission) -> Result<(), CoreError> {
        if self.role.can(p) {
            Ok(())
        } else {
            Err(CoreError::Forbidden)
        }
    }
    pub fn sees(&self, org_code: &str) -> bool {
        self.scope().contains(org_code)
    }
}
