//! Roles and what each may do. Module permissions grow here as modules land.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Admin,
    Head,
    Officer,
    Viewer,
}

pub const ALL_ROLES: [Role; 4] = [Role::Admin, Role::Head, Role::Officer, Role::Viewer];

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Head => "head",
            Role::Officer => "officer",
            Role::Viewer => "viewer",
        }
    }
    pub fn parse(s: &str) -> Option<Role> {
        Some(match s.trim() {
            "admin" => Role::Admin,
            "head" => Role::Head,
            "officer" => Role::Officer,
            "viewer" => Role::Viewer,
            _ => return None,
        })
    }
    pub fn label(self) -> &'static str {
        match self {
            Role::Admin => "Administrator",
            Role::Head => "Pimpinan / Juru Bicara",
            Role::Officer => "Pranata Humas (Petugas)",
            Role::Viewer => "Pemantau (hanya baca)",
        }
    }
    pub fn can(self, p: Permission) -> bool {
        use Permission::*;
        match p {
            ViewDirectory | ViewUsers | CrisisView | MonitorView => true,
            ManageUsers | ViewAudit | ManageJobs => self == Role::Admin,
            CrisisEdit | MonitorEdit | NewsEdit | CommentModerate => self != Role::Viewer,
            NewsView => true,
            // Releases speak for the organisation: the head/spokesperson approves them.
            NewsApprove => self == Role::Head,
            // Statements speak for the government: the head/spokesperson approves them.
            CrisisApprove => self == Role::Head,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    ViewDirectory,
    ViewUsers,
    ManageUsers,
    ViewAudit,
    ManageJobs,
    CrisisView,
    CrisisEdit,
    CrisisApprove,
    /// Read monitored news, search, save searches, see alerts.
    MonitorView,
    /// Add, change and pause news sources.
    MonitorEdit,
    /// Read the newsroom (releases of the organisations in scope).
    NewsView,
    /// Write releases, upload their files, send them to media lists.
    NewsEdit,
    /// Approve, return, correct and withdraw releases.
    NewsApprove,
    /// Moderate and answer public comments.
    CommentModerate,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_admin_manages() {
        for r in ALL_ROLES {
            assert!(r.can(Permission::ViewUsers));
            assert_eq!(r.can(Permission::ManageUsers), r == Role::Admin);
            assert_eq!(Role::parse(r.as_str()), Some(r));
        }
        assert_eq!(Role::parse("root"), None);
    }
}
